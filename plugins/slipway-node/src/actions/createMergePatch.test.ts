import { createMergePatch, restoreEmptyMaps } from './createMergePatch';

describe('createMergePatch', () => {
  it('writes what changed, null for what went away, and nothing for what stayed', () => {
    expect(
      createMergePatch(
        {
          metadata: { name: 'web', labels: { a: '1', b: '2' } },
          spec: { replicas: 2, ports: [80], paused: true },
          status: { ready: 2 },
        },
        {
          metadata: { name: 'web', labels: { a: '1', c: '3' } },
          spec: { replicas: 3, ports: [80, 443] },
          status: { ready: 2 },
        },
      ),
    ).toEqual({
      metadata: { labels: { b: null, c: '3' } },
      spec: { replicas: 3, ports: [80, 443], paused: null },
    });
  });

  it('reads list items with their keys in another order as unchanged', () => {
    // Lua hands objects back with sorted keys; the API server keeps its own order
    expect(
      createMergePatch(
        { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } },
        { spec: { containers: [{ image: 'nginx:1.25', name: 'web' }] } },
      ),
    ).toEqual({});
  });

  it('is empty when nothing changed, and replaces a value that changed type', () => {
    expect(createMergePatch({ a: { b: [1] } }, { a: { b: [1] } })).toEqual({});
    expect(createMergePatch({ a: { b: 1 } }, { a: 'x' })).toEqual({ a: 'x' });
    expect(createMergePatch({ a: 'x' }, { a: { b: 1 } })).toEqual({
      a: { b: 1 },
    });
  });
});

describe('restoreEmptyMaps', () => {
  it('turns an empty list back into the empty map the original held, and leaves real lists', () => {
    expect(
      restoreEmptyMaps(
        { metadata: { annotations: [] }, spec: { items: [] } },
        { metadata: { annotations: {} }, spec: { items: [] } },
      ),
    ).toEqual({ metadata: { annotations: {} }, spec: { items: [] } });
  });

  it('restores them inside list items, matched by position', () => {
    expect(
      restoreEmptyMaps(
        { steps: [{ setWeight: 20 }, { pause: [] }, { pause: [] }] },
        { steps: [{ setWeight: 20 }, { pause: {} }] },
      ),
    ).toEqual({ steps: [{ setWeight: 20 }, { pause: {} }, { pause: [] }] });
  });
});
