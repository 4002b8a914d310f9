import { parse } from 'yaml';
import { parseAllDocumentsLikeGo } from './goYamlQuotedScalars';

// The shape older go-yaml emitters write: a long quoted value folded onto
// lines at its key's own indentation, which go-yaml reads back and the
// YAML 1.2 spec does not.
const KUBECTL_EXPORT = [
  'status:',
  '  conditions:',
  '    - lastTransitionTime: "2024-01-01T00:00:00Z"',
  '      message: \'The schema was applied: {"Changes": ["CREATE',
  "      TABLE users\"]} and it''s done'",
  '      reason: Applied',
  '      status: "True"',
  '      type: Ready',
].join('\n');

describe('parseAllDocumentsLikeGo', () => {
  it('reads a quoted value continued at its key’s indentation as go-yaml does', () => {
    const [doc] = parseAllDocumentsLikeGo(KUBECTL_EXPORT) as any[];
    expect(doc.errors).toEqual([]);
    expect(doc.toJS().status.conditions[0]).toEqual({
      lastTransitionTime: '2024-01-01T00:00:00Z',
      message:
        'The schema was applied: {"Changes": ["CREATE TABLE users"]} and it\'s done',
      reason: 'Applied',
      status: 'True',
      type: 'Ready',
    });
  });

  it('reads double-quoted values, sequence items and values under quoted keys the same way', () => {
    const text = [
      'items:',
      '- "first part',
      'second part \\"quoted\\""',
      '- key: "a',
      '  b"',
      "  'quoted key': 'c",
      "  d'",
      'after: 1',
    ].join('\n');
    const [doc] = parseAllDocumentsLikeGo(text) as any[];
    expect(doc.errors).toEqual([]);
    expect(doc.toJS()).toEqual({
      items: [
        'first part second part "quoted"',
        { key: 'a b', 'quoted key': 'c d' },
      ],
      after: 1,
    });
  });

  it('leaves valid text as the yaml package reads it, and reports errors it cannot mend', () => {
    const valid = 'a:\n  b: "one\n    two"\n';
    expect((parseAllDocumentsLikeGo(valid) as any[])[0].toJS()).toEqual(
      parse(valid),
    );
    // a quote that never closes is still an error
    const [broken] = parseAllDocumentsLikeGo('a: "open\nb: 1\n') as any[];
    expect(broken.errors.length).toBeGreaterThan(0);
  });

  it('mends only the scalar the parser found cut off, never a quote inside a plain value', () => {
    // plain values continued on lines that start with a quote are valid YAML
    const text = [
      'metadata:',
      '  annotations:',
      '    summary: "folded by an older go-yaml emitter onto',
      '    the key\'s own indentation"',
      'spec:',
      '  items:',
      '  - Support for hardware people used in the',
      "    '90s has been removed",
      '  - Sizes are no longer given in feet (5\'10")',
      '  - say',
      '    "hi',
      '  - "there"',
    ].join('\n');
    const [doc] = parseAllDocumentsLikeGo(text) as any[];
    expect(doc.errors).toEqual([]);
    expect(doc.toJS()).toEqual({
      metadata: {
        annotations: {
          summary:
            "folded by an older go-yaml emitter onto the key's own indentation",
        },
      },
      spec: {
        items: [
          "Support for hardware people used in the '90s has been removed",
          'Sizes are no longer given in feet (5\'10")',
          'say "hi',
          'there',
        ],
      },
    });
  });

  it('finds the opening quote above the line where the parser cut the scalar', () => {
    const text = ["key: 'one", '   two', "three'", 'next: 1'].join('\n');
    const [doc] = parseAllDocumentsLikeGo(text) as any[];
    expect(doc.errors).toEqual([]);
    expect(doc.toJS()).toEqual({ key: 'one two three', next: 1 });
  });

  it('reads block scalars that hold quotes as they are', () => {
    const text = [
      "it's: |  # that's it",
      '  "hello',
      'list:',
      '- "b',
      '  c"',
      'folded: "x',
      'y"',
    ].join('\n');
    const [doc] = parseAllDocumentsLikeGo(text) as any[];
    expect(doc.errors).toEqual([]);
    expect(doc.toJS()).toEqual({
      "it's": '"hello\n',
      list: ['b c'],
      folded: 'x y',
    });
  });
});
