import { KubeSim, startKubeSim } from '../startKubeSim';
import { configMap, rest, Rest, Watcher } from '../__testUtils__/rest';

/**
 * Watch semantics from the Kubernetes API concepts documentation
 * ("Efficient detection of changes", "Watch bookmarks", "Resource versions").
 */
describe('watch', () => {
  let sim: KubeSim;
  let api: Rest;
  const watchers: Watcher[] = [];
  const open = (path: string) => {
    const w = api.watch(path);
    watchers.push(w);
    return w;
  };
  const cms = '/api/v1/namespaces/default/configmaps';

  beforeAll(async () => {
    sim = await startKubeSim({
      podReadyDelayMs: 0,
      watchHistorySize: 20,
      bookmarkIntervalMs: 50,
      log: () => {},
    });
    api = rest(sim);
  });
  afterEach(() => {
    for (const w of watchers.splice(0)) w.close();
  });
  afterAll(() => sim.stop());

  it('resumes from a resourceVersion with exactly the changes after it, in order', async () => {
    const a = await api.post(cms, configMap('resume-a'));
    const b = await api.post(cms, configMap('resume-b'));
    const a2 = await api.patch(
      `${cms}/resume-a`,
      'application/merge-patch+json',
      { data: { key: 'changed' } },
    );
    const w = open(
      `${cms}?watch=true&resourceVersion=${b.body.metadata.resourceVersion}&fieldSelector=metadata.name%3Dresume-a`,
    );
    await w.until(e => e.length >= 1);
    await api.del(`${cms}/resume-a`);
    const events = await w.until(e => e.length >= 2);
    expect(events.map(e => e.type)).toEqual(['MODIFIED', 'DELETED']);
    expect(events[0].object.data).toEqual({ key: 'changed' });
    expect(events[0].object.metadata.resourceVersion).toBe(
      a2.body.metadata.resourceVersion,
    );
    // the DELETED event carries the last state with the deletion's resourceVersion
    expect(Number(events[1].object.metadata.resourceVersion)).toBeGreaterThan(
      Number(a2.body.metadata.resourceVersion),
    );
    expect(events[1].object.metadata.uid).toBe(a.body.metadata.uid);
  });

  it('without a resourceVersion starts with synthetic ADDED events for the current state', async () => {
    await api.post(
      cms,
      configMap('state-1', 'default', { labels: { w: 'state' } }),
    );
    await api.post(
      cms,
      configMap('state-2', 'default', { labels: { w: 'state' } }),
    );
    const w = open(`${cms}?watch=1&labelSelector=w%3Dstate`);
    const events = await w.until(e => e.length >= 2);
    expect(events.map(e => [e.type, e.object.metadata.name])).toEqual([
      ['ADDED', 'state-1'],
      ['ADDED', 'state-2'],
    ]);
    await api.post(
      cms,
      configMap('state-3', 'default', { labels: { w: 'state' } }),
    );
    await w.until(e => e.length >= 3);
    expect(w.events[2]).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'state-3' } },
    });
  });

  it('answers a too old resourceVersion with an ERROR event: 410 Gone, reason Expired', async () => {
    const first = await api.post(cms, configMap('old-0'));
    for (let i = 1; i <= 30; i++) await api.post(cms, configMap(`old-${i}`));
    const w = open(
      `${cms}?watch=1&resourceVersion=${first.body.metadata.resourceVersion}`,
    );
    const [event] = await w.until(e => e.length >= 1);
    expect(event.type).toBe('ERROR');
    expect(event.object).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      code: 410,
      reason: 'Expired',
    });
  });

  it('sends BOOKMARK events, carrying only kind, apiVersion and resourceVersion, when allowWatchBookmarks=true', async () => {
    const latest = await api.post(cms, configMap('bookmark-1'));
    const w = open(
      `${cms}?watch=1&allowWatchBookmarks=true&resourceVersion=${latest.body.metadata.resourceVersion}`,
    );
    const events = await w.until(e => e.some(x => x.type === 'BOOKMARK'));
    const bookmark = events.find(e => e.type === 'BOOKMARK')!;
    expect(bookmark.object.kind).toBe('ConfigMap');
    expect(bookmark.object.apiVersion).toBe('v1');
    expect(Object.keys(bookmark.object.metadata)).toEqual(['resourceVersion']);
    expect(
      Number(bookmark.object.metadata.resourceVersion),
    ).toBeGreaterThanOrEqual(Number(latest.body.metadata.resourceVersion));
    expect(bookmark.object.data).toBeUndefined();
  });

  it('sends no BOOKMARK events unless asked', async () => {
    const w = open(`${cms}?watch=1&fieldSelector=metadata.name%3Dnobody`);
    await new Promise(r => setTimeout(r, 200));
    expect(w.events.filter(e => e.type === 'BOOKMARK')).toEqual([]);
  });

  it('with sendInitialEvents ends the initial ADDED events with a bookmark annotated k8s.io/initial-events-end', async () => {
    await api.post(
      cms,
      configMap('initial-1', 'default', { labels: { w: 'initial' } }),
    );
    const w = open(
      `${cms}?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&labelSelector=w%3Dinitial`,
    );
    const events = await w.until(e => e.some(x => x.type === 'BOOKMARK'));
    expect(events[0]).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'initial-1' } },
    });
    expect(events[1].type).toBe('BOOKMARK');
    expect(events[1].object.metadata.annotations).toEqual({
      'k8s.io/initial-events-end': 'true',
    });
  });

  it('filters by label selector: objects entering the selection are ADDED, leaving it DELETED', async () => {
    const start = await api.post(
      cms,
      configMap('sel-other', 'default', { labels: { tier: 'db' } }),
    );
    const w = open(
      `${cms}?watch=1&labelSelector=tier%20in%20(web)&resourceVersion=${start.body.metadata.resourceVersion}`,
    );
    await api.post(
      cms,
      configMap('sel-web', 'default', { labels: { tier: 'web' } }),
    );
    await api.post(
      cms,
      configMap('sel-db', 'default', { labels: { tier: 'db' } }),
    );
    await api.patch(`${cms}/sel-other`, 'application/merge-patch+json', {
      metadata: { labels: { tier: 'web' } },
    });
    await api.patch(`${cms}/sel-web`, 'application/merge-patch+json', {
      metadata: { labels: { tier: 'db' } },
    });
    const events = await w.until(e => e.length >= 3);
    await new Promise(r => setTimeout(r, 50));
    expect(w.events.map(e => [e.type, e.object.metadata.name])).toEqual([
      ['ADDED', 'sel-web'],
      ['ADDED', 'sel-other'],
      ['DELETED', 'sel-web'],
    ]);
    expect(events[2].object.metadata.labels).toEqual({ tier: 'db' });
  });

  it('filters by field selector, across namespaces when watching all of them', async () => {
    await api.post('/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'watch-other' },
    });
    const w = open(
      '/api/v1/configmaps?watch=1&fieldSelector=metadata.namespace%3Dwatch-other,metadata.name!%3Dskip',
    );
    await api.post(
      '/api/v1/namespaces/watch-other/configmaps',
      configMap('keep', 'watch-other'),
    );
    await api.post(
      '/api/v1/namespaces/watch-other/configmaps',
      configMap('skip', 'watch-other'),
    );
    await api.post(cms, configMap('keep'));
    await w.until(e => e.some(x => x.object.metadata.name === 'keep'));
    await new Promise(r => setTimeout(r, 50));
    expect(
      w.events
        .filter(e => e.object.metadata.name !== 'kube-root-ca.crt')
        .map(e => [
          e.type,
          e.object.metadata.namespace,
          e.object.metadata.name,
        ]),
    ).toEqual([['ADDED', 'watch-other', 'keep']]);
  });

  it('rejects an unsupported field selector with 400', async () => {
    const res = await api.get(`${cms}?watch=1&fieldSelector=data.key%3Dx`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
  });
});
