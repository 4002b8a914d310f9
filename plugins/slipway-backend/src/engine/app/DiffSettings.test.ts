import { ConfigReader } from '@backstage/config';
import { KubeObject } from '@slipway/plugin-slipway-common';
import { assessHealth, stampManaged } from '@slipway/plugin-slipway-node';
import { compareApplication, resourceDiffText } from './compareApplication';
import { DEFAULT_DIFF_SETTINGS, diffInputOf, readDiffSettings } from './DiffSettings';

const settingsOf = (diff: object) => readDiffSettings(new ConfigReader({ slipway: { diff } }));

const deployment = (replicas: number, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'shop' },
  spec: { replicas, template: { spec: { containers: [{ name: 'api', image: 'api:1' }] } } },
  ...extra,
});
const widget = (status: object): KubeObject => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w', namespace: 'shop' },
  spec: { size: 1 },
  status,
});
const live = (obj: KubeObject) => stampManaged(obj, 'payments-prod');

async function syncStatusUnder(settings: Parameters<typeof diffInputOf>[1], desired: KubeObject, liveObj: KubeObject, spec = {}) {
  const result = await compareApplication({
    appName: 'payments-prod',
    destinationNamespace: 'shop',
    scopeOf: () => 'Namespaced',
    desired: [desired],
    live: [live(liveObj)],
    assessHealth: async obj => assessHealth(obj),
    ...(await diffInputOf(spec, settings)),
  });
  return result.syncStatus;
}

describe('readDiffSettings (slipway.diff)', () => {
  it("has Argo CD's defaults when unset", () => {
    expect(readDiffSettings(new ConfigReader({}))).toEqual(DEFAULT_DIFF_SETTINGS);
    expect(DEFAULT_DIFF_SETTINGS).toEqual({ ignoreDifferences: [], ignoreResourceStatusField: 'all', ignoreAggregatedRoles: false });
  });

  it('reads rules per group and kind, and rules for every resource (no group and kind)', () => {
    const settings = settingsOf({
      ignoreResourceStatusField: 'none',
      ignoreAggregatedRoles: true,
      ignoreDifferences: [
        { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
        { kind: 'ConfigMap', name: 'generated', jqPathExpressions: ['.data.stamp'] },
        { managedFieldsManagers: ['kube-controller-manager'] },
      ],
    });
    expect(settings).toEqual({
      ignoreResourceStatusField: 'off',
      ignoreAggregatedRoles: true,
      ignoreDifferences: [
        { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
        { group: '', kind: 'ConfigMap', name: 'generated', jqPathExpressions: ['.data.stamp'] },
        { group: '*', kind: '*', managedFieldsManagers: ['kube-controller-manager'] },
      ],
    });
  });

  it.each([
    [{ ignoreResourceStatusField: 'sometimes' }, /ignoreResourceStatusField must be one of all, crd, none/],
    [{ ignoreDifferences: [{ kind: 'Deployment' }] }, /ignoreDifferences\[0\] ignores nothing; give jsonPointers/],
    [{ ignoreDifferences: [{ kind: 'Deployment', jsonPointers: ['spec/replicas'] }] }, /jsonPointers: "spec\/replicas" must start with "\/"/],
  ])('refuses %j, naming the key', (diff, message) => {
    expect(() => settingsOf(diff)).toThrow(message);
  });
});

describe('comparisons under system-level diff settings', () => {
  it('apply system-level rules to every Application, before its own', async () => {
    const settings = settingsOf({ ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }] });
    expect(await syncStatusUnder(DEFAULT_DIFF_SETTINGS, deployment(2), deployment(5))).toBe('OutOfSync');
    expect(await syncStatusUnder(settings, deployment(2), deployment(5))).toBe('Synced');
    // the Application's own rules still count
    const own = { ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/template'] }] };
    const otherImage = deployment(5, { spec: { replicas: 5, template: { spec: { containers: [{ name: 'api', image: 'api:2' }] } } } });
    expect(await syncStatusUnder(settings, deployment(2), otherImage, own)).toBe('Synced');
  });

  it('compare status fields as ignoreResourceStatusField says', async () => {
    const inGit = widget({ phase: 'Ready' });
    const inCluster = widget({ phase: 'Pending' });
    expect(await syncStatusUnder(DEFAULT_DIFF_SETTINGS, inGit, inCluster)).toBe('Synced');
    expect(await syncStatusUnder(settingsOf({ ignoreResourceStatusField: 'crd' }), inGit, inCluster)).toBe('OutOfSync');
    expect(await syncStatusUnder(settingsOf({ ignoreResourceStatusField: 'none' }), inGit, inCluster)).toBe('OutOfSync');
  });

  it('show the diff of one resource under the same settings', async () => {
    const settings = settingsOf({ ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }] });
    const desired = stampManaged(deployment(2), 'payments-prod');
    expect(await resourceDiffText({ desired, live: live(deployment(5)), ...(await diffInputOf({}, settings)) })).toBe('');
    expect(await resourceDiffText({ desired, live: live(deployment(5)), ...(await diffInputOf({})) })).toMatch(/replicas/);
  });
});
