import type { Entity } from '@backstage/catalog-model';
import {
  applicationsSyncPolicyOf,
  applyApplicationsSyncPolicy,
} from './applicationsSyncPolicy';

const app = (name: string, path: string): Entity => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, namespace: 'default' },
  spec: { source: { path } },
});
const describeApps = (entities: Entity[]) =>
  entities.map(e => `${e.metadata.name}@${(e.spec as any).source.path}`);

// last time: dev and staging at v1; now: dev and prod at v2 (staging removed, prod added, dev changed)
const previous = [app('web-dev', 'v1'), app('web-staging', 'v1')];
const generated = [app('web-dev', 'v2'), app('web-prod', 'v2')];

describe("applicationsSync (Argo CD's ApplicationSet policies)", () => {
  it.each([
    ['sync', ['web-dev@v2', 'web-prod@v2']],
    ['create-only', ['web-dev@v1', 'web-prod@v2', 'web-staging@v1']],
    ['create-update', ['web-dev@v2', 'web-prod@v2', 'web-staging@v1']],
    ['create-delete', ['web-dev@v1', 'web-prod@v2']],
  ] as const)('%s', (policy, expected) => {
    expect(
      describeApps(applyApplicationsSyncPolicy(policy, generated, previous)),
    ).toEqual(expected);
  });

  it('creates everything the first time, whatever the policy', () => {
    expect(
      describeApps(applyApplicationsSyncPolicy('create-only', generated, [])),
    ).toEqual(['web-dev@v2', 'web-prod@v2']);
  });

  it("reads the set's policy, sync by default, and names a wrong value", () => {
    const set = (applicationsSync?: unknown): Entity => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'web' },
      spec: {
        syncPolicy: applicationsSync === undefined ? {} : { applicationsSync },
      },
    });
    expect(applicationsSyncPolicyOf(set())).toBe('sync');
    expect(applicationsSyncPolicyOf(set('create-only'))).toBe('create-only');
    expect(applicationsSyncPolicyOf(set('never'))).toEqual({
      error:
        'ApplicationSet "web": spec.syncPolicy.applicationsSync is "never"; use one of create-only, create-update, create-delete, sync',
    });
  });
});
