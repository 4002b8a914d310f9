import type { KubeObject } from '@slipway/plugin-slipway-common';
import {
  findOrphanedResources,
  isIgnoredOrphan,
  orphanedResourceCondition,
  OrphanSearch,
} from './orphanedResources';
import { DEFAULT_PROJECT } from './types';

const NS = 'shop';

function object(
  apiVersion: string,
  kind: string,
  name: string,
  extra: { uid?: string; owner?: string; app?: string } = {},
): KubeObject {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return {
    apiVersion,
    kind,
    metadata: {
      name,
      namespace: NS,
      uid: extra.uid ?? `${kind}-${name}`,
      ...(extra.owner
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'Owner',
                name: 'x',
                uid: extra.owner,
              },
            ],
          }
        : {}),
      ...(extra.app
        ? {
            labels: { 'slipway.io/app-instance': extra.app },
            annotations: {
              'slipway.io/tracking-id': `${extra.app}:${group}/${kind}:${NS}/${name}`,
            },
          }
        : {}),
    },
  };
}

function search(
  objects: KubeObject[],
  overrides: Partial<OrphanSearch> = {},
): OrphanSearch {
  return {
    project: DEFAULT_PROJECT,
    monitoring: { warn: true, ignore: [] },
    namespace: NS,
    objects,
    managed: new Set(['/ConfigMap/shop/web-config']),
    isApplication: name => name === 'web' || name === 'api',
    ...overrides,
  };
}

const names = (found: ReturnType<typeof findOrphanedResources>) =>
  found.map(r => `${r.kind}/${r.name}`);

describe('findOrphanedResources', () => {
  it("lists the namespace's top-level objects no Application tracks, with their children, sorted by key", () => {
    const found = findOrphanedResources(
      search([
        object('v1', 'ConfigMap', 'web-config', { app: 'web' }),
        object('v1', 'Secret', 'by-hand'),
        object('apps/v1', 'Deployment', 'legacy', { uid: 'd1' }),
        object('apps/v1', 'ReplicaSet', 'legacy-5f', {
          uid: 'rs1',
          owner: 'd1',
        }),
        object('v1', 'Pod', 'legacy-5f-abc', { owner: 'rs1' }),
        // a Pod of the Application's own ReplicaSet is not top-level, and not an orphan's child
        object('v1', 'Pod', 'web-7c-xyz', { owner: 'rs-of-web' }),
      ]),
    );
    // by group/kind/namespace/name: the core group first
    expect(names(found)).toEqual([
      'Pod/legacy-5f-abc',
      'Secret/by-hand',
      'Deployment/legacy',
      'ReplicaSet/legacy-5f',
    ]);
    expect(found.find(r => r.kind === 'Pod')?.parents).toEqual([
      { group: 'apps', kind: 'ReplicaSet', namespace: NS, name: 'legacy-5f' },
    ]);
    expect(found.find(r => r.kind === 'Deployment')).toMatchObject({
      apiVersion: 'apps/v1',
      uid: 'd1',
      parents: [],
    });
    expect(orphanedResourceCondition(found.length)).toEqual({
      type: 'OrphanedResourceWarning',
      message: 'Application has 4 orphaned resources',
    });
  });

  it('leaves out what another existing Application tracks, but not a label naming an Application that does not exist', () => {
    const found = findOrphanedResources(
      search([
        object('v1', 'ConfigMap', 'api-config', { app: 'api' }),
        object('v1', 'ConfigMap', 'gone-config', { app: 'gone' }),
        // the label copied onto another object does not make it tracked
        {
          ...object('v1', 'ConfigMap', 'copied', { app: 'api' }),
          metadata: {
            ...object('v1', 'ConfigMap', 'copied').metadata,
            labels: { 'slipway.io/app-instance': 'api' },
          },
        },
      ]),
    );
    expect(names(found)).toEqual(['ConfigMap/copied', 'ConfigMap/gone-config']);
  });

  it('leaves out the objects every namespace has, the ignored ones and kinds the project does not permit', () => {
    const objects = [
      object('v1', 'Service', 'kubernetes'),
      object('v1', 'ServiceAccount', 'default'),
      object('v1', 'ConfigMap', 'kube-root-ca.crt'),
      object('v1', 'ConfigMap', 'istio-ca-root-cert'),
      object('v1', 'Secret', 'db'),
      object('apps/v1', 'Deployment', 'legacy'),
      object('batch/v1', 'CronJob', 'cleanup'),
    ];
    const project = {
      ...DEFAULT_PROJECT,
      namespaceResourceBlacklist: [{ group: 'batch', kind: '*' }],
    };
    const found = findOrphanedResources(
      search(objects, {
        project,
        monitoring: {
          warn: true,
          ignore: [
            { group: '', kind: 'ConfigMap', name: 'istio-*' },
            { group: 'apps', kind: '', name: '' },
          ],
        },
      }),
    );
    expect(names(found)).toEqual(['Secret/db']);
  });

  it('looks only at the destination namespace', () => {
    const elsewhere = {
      ...object('v1', 'Secret', 'other'),
      metadata: {
        ...object('v1', 'Secret', 'other').metadata,
        namespace: 'billing',
      },
    };
    expect(findOrphanedResources(search([elsewhere]))).toEqual([]);
  });
});

describe('isIgnoredOrphan', () => {
  const key = (group: string, kind: string, name: string) => ({
    group,
    kind,
    namespace: NS,
    name,
  });
  it("matches Argo CD's patterns: an empty kind or name matches all, the group is a glob and '' only the core group", () => {
    const monitoring = {
      warn: true,
      ignore: [
        { group: '*.example.com', kind: 'Widget*', name: '' },
        { group: '', kind: '', name: 'tmp-*' },
      ],
    };
    expect(
      isIgnoredOrphan(key('shop.example.com', 'WidgetSet', 'a'), monitoring),
    ).toBe(true);
    expect(
      isIgnoredOrphan(key('shop.example.com', 'Gadget', 'a'), monitoring),
    ).toBe(false);
    expect(isIgnoredOrphan(key('', 'Secret', 'tmp-1'), monitoring)).toBe(true);
    expect(
      isIgnoredOrphan(key('apps', 'Deployment', 'tmp-1'), monitoring),
    ).toBe(false);
    expect(isIgnoredOrphan(key('', 'Secret', 'keep'), monitoring)).toBe(false);
  });
});
