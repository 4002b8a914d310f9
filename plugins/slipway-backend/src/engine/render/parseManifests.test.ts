import { ManifestParseError, parseManifests } from './parseManifests';

const parse = (text: string) => parseManifests(text, { origin: 'test.yaml', maxAliasCount: 100 });

describe('parseManifests', () => {
  it('reads YAML like Kubernetes does: 1.1 booleans, but times and dates stay strings', () => {
    const [cm] = parse(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nflags: {a: yes, b: off}\nwhen: 12:30\nday: 2024-01-02\n',
    );
    expect(cm.flags).toEqual({ a: true, b: false });
    expect(cm.when).toBe('12:30');
    expect(cm.day).toBe('2024-01-02');
  });

  it('reads a quoted value folded onto lines at its key’s indentation, as go-yaml writes and reads it', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: notes',
      'data:',
      "  note: 'a long note that an older go-yaml emitter folded",
      "  onto a second line'",
      '  other: "x"',
    ].join('\n');
    expect(parse(text)[0].data).toEqual({
      note: 'a long note that an older go-yaml emitter folded onto a second line',
      other: 'x',
    });
  });

  it('skips empty documents and adds missing metadata', () => {
    const objs = parse('---\n# only a comment\n---\napiVersion: v1\nkind: Namespace\n---\n');
    expect(objs).toEqual([{ apiVersion: 'v1', kind: 'Namespace', metadata: {} }]);
  });

  it('flattens List kinds, nested ones too', () => {
    const objs = parse(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
          { apiVersion: 'v1', kind: 'ConfigMapList', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } }] },
        ],
      }),
    );
    expect(objs.map(o => o.metadata.name)).toEqual(['a', 'b']);
  });

  it('keeps an object whose kind is not a List even if it has items', () => {
    const [obj] = parse('apiVersion: x/v1\nkind: Basket\nmetadata: {name: b}\nitems: [1, 2]\n');
    expect(obj.items).toEqual([1, 2]);
  });

  it('names the document that is not a Kubernetes object', () => {
    expect(() => parse('apiVersion: v1\nkind: ConfigMap\n---\nfoo: bar\n')).toThrow(/test.yaml document 2/);
    expect(() => parse('a: [unclosed')).toThrow(ManifestParseError);
  });
});
