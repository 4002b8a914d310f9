import { parse } from 'yaml';
import {
  indentQuotedContinuations,
  parseAllDocumentsLikeGo,
} from './goYamlQuotedScalars';

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

  it('leaves text without errors, and errors it cannot mend, as the yaml package reads them', () => {
    const valid = 'a:\n  b: "one\n    two"\n';
    expect(indentQuotedContinuations(valid)).toBe(valid);
    expect((parseAllDocumentsLikeGo(valid) as any[])[0].toJS()).toEqual(
      parse(valid),
    );
    // a quote that never closes is still an error
    const [broken] = parseAllDocumentsLikeGo('a: "open\nb: 1\n') as any[];
    expect(broken.errors.length).toBeGreaterThan(0);
  });
});

describe('indentQuotedContinuations', () => {
  it('indents only the continuation lines of a quoted scalar, one column past its entry', () => {
    expect(
      indentQuotedContinuations(
        ["  - key: 'one", '  two', '', "  three'", '    other: x'].join('\n'),
      ),
    ).toBe(
      ["  - key: 'one", '     two', '', "     three'", '    other: x'].join(
        '\n',
      ),
    );
  });

  it('does not touch block scalars, comments or plain scalars that hold quotes', () => {
    const text = [
      'script: |',
      "  echo 'it",
      "  works'",
      "note: don't # it's plain",
      '# a comment with "a quote',
      'folded: >-',
      '  "open',
      'next: "x"',
    ].join('\n');
    expect(indentQuotedContinuations(text)).toBe(text);
  });

  it('stops at a document marker, which ends a scalar in go-yaml too', () => {
    const text = "a: 'open\n---\nb: 'x'\n";
    expect(indentQuotedContinuations(text)).toBe(text);
  });
});
