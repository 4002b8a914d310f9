import { RenderCache, renderCacheKey } from './RenderCache';
import { tmpDir } from './__fixtures__/repos';

const entry = (name: string) => ({
  manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }],
  sources: [],
  warnings: [],
});

describe('RenderCache', () => {
  it('keys on revisions, spec (key order ignored) and tool versions', () => {
    const base = { revisions: ['abc'], spec: { a: 1, b: 2 }, toolVersions: { helm: 'v4.1.4' } };
    expect(renderCacheKey(base)).toBe(renderCacheKey({ ...base, spec: { b: 2, a: 1 } }));
    expect(renderCacheKey(base)).not.toBe(renderCacheKey({ ...base, revisions: ['abd'] }));
    expect(renderCacheKey(base)).not.toBe(renderCacheKey({ ...base, spec: { a: 1, b: 3 } }));
    expect(renderCacheKey(base)).not.toBe(renderCacheKey({ ...base, toolVersions: { helm: 'v3.15.0' } }));
  });

  it('drops the least recently used entry beyond its bound', async () => {
    const cache = new RenderCache({ maxEntries: 2 });
    await cache.set('a', entry('a'));
    await cache.set('b', entry('b'));
    await cache.get('a');
    await cache.set('c', entry('c'));
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBeDefined();
    expect(await cache.get('c')).toBeDefined();
  });

  it('keeps renders within its memory bound, least recently used dropped first', async () => {
    const size = JSON.stringify(entry('a')).length;
    const cache = new RenderCache({ maxBytes: size * 2 });
    await cache.set('a', entry('a'));
    await cache.set('b', entry('b'));
    await cache.get('a');
    await cache.set('c', entry('c'));
    expect(cache.sizeBytes).toBe(size * 2);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBeDefined();
    expect(await cache.get('c')).toBeDefined();
    // replacing an entry counts it once
    await cache.set('c', entry('c'));
    expect(cache.sizeBytes).toBe(size * 2);
  });

  it('has no count bound by default: a fleet of 1,000 applications keeps every render', async () => {
    const cache = new RenderCache();
    for (let i = 0; i < 1000; i++) await cache.set(`app-${i}`, entry(`app-${i}`));
    expect(cache.size).toBe(1000);
    expect(await cache.get('app-0')).toBeDefined();
  });

  it('does not keep in memory a render larger than its whole bound', async () => {
    const cache = new RenderCache({ maxBytes: 10 });
    await cache.set('big', entry('big'));
    expect(cache.size).toBe(0);
    expect(await cache.get('big')).toBeUndefined();
  });

  it('hands out copies that callers may change', async () => {
    const cache = new RenderCache();
    await cache.set('k', entry('original'));
    (await cache.get('k'))!.manifests[0].metadata.name = 'changed';
    expect((await cache.get('k'))!.manifests[0].metadata.name).toBe('original');
  });

  it('survives a restart when given a folder', async () => {
    const dir = await tmpDir('slipway-cache-');
    await new RenderCache({ dir }).set('k', entry('persisted'));
    expect((await new RenderCache({ dir }).get('k'))!.manifests[0].metadata.name).toBe('persisted');
  });
});
