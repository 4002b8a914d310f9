import type { KubeObject } from '@slipway/plugin-slipway-common';
import { loadJqEngine } from '../diff/jqPaths';
import { respectIgnoredFields } from './respectIgnoreDifferences';
import { managedLive, obj, plan } from './__testUtils__/planFixtures';

const deployment = (
  spec: Record<string, unknown>,
  annotations?: Record<string, string>,
): KubeObject => ({
  ...obj('Deployment', 'web', {
    namespace: 'shop',
    ...(annotations ? { annotations } : {}),
  }),
  spec,
});

const template = (
  containers: unknown[],
  extra: Record<string, unknown> = {},
) => ({
  spec: { containers, volumes: [{ name: 'scratch', emptyDir: {} }], ...extra },
});

describe('RespectIgnoreDifferences=true', () => {
  it('takes the fields a jq rule ignores from live where Git sets them, and keeps the rest of Git, empty objects included', async () => {
    const jq = await loadJqEngine();
    const desired = deployment({
      replicas: 1,
      template: template([{ name: 'web', image: 'web:2' }], {
        initContainers: [{ name: 'init', image: 'init:2' }],
      }),
    });
    const live = managedLive(
      deployment({
        replicas: 1,
        template: template([{ name: 'web', image: 'web:1' }], {
          initContainers: [
            { name: 'init', image: 'init:1' },
            { name: 'injected', image: 'sidecar:1' },
          ],
        }),
      }),
    );
    const rules = [
      {
        group: 'apps',
        kind: 'Deployment',
        jqPathExpressions: ['.spec.template.spec.initContainers'],
      },
    ];
    const out = respectIgnoredFields(desired, live, rules, jq);
    expect(out.spec).toEqual({
      replicas: 1,
      template: {
        spec: {
          containers: [{ name: 'web', image: 'web:2' }],
          volumes: [{ name: 'scratch', emptyDir: {} }],
          initContainers: [
            { name: 'init', image: 'init:1' },
            { name: 'injected', image: 'sidecar:1' },
          ],
        },
      },
    });
    // a jq rule without a jq engine is a clear refusal of the sync
    const refused = plan({
      desired: [desired],
      live: [live],
      ignoreDifferences: rules,
      syncOptions: ['RespectIgnoreDifferences=true'],
    });
    expect(refused.issues[0].message).toMatch(
      /Deployment shop\/web: RespectIgnoreDifferences=true could not apply ignoreDifferences: .*jq engine/,
    );
    const planned = plan({
      desired: [desired],
      live: [live],
      ignoreDifferences: rules,
      syncOptions: ['RespectIgnoreDifferences=true'],
      jq,
    });
    expect(planned.issues).toEqual([]);
    expect(
      (planned.tasks[0].target?.spec as any).template.spec.initContainers,
    ).toHaveLength(2);
  });

  it("keeps Git's changes to the other items of a keyed list when a rule ignores one item's field", async () => {
    const jq = await loadJqEngine();
    const containers = (app: string, sidecar: string) => [
      { name: 'app', image: app },
      { name: 'sidecar', image: sidecar },
    ];
    const desired = deployment({
      template: { spec: { containers: containers('app:v2', 'side:git') } },
    });
    const live = managedLive(
      deployment({
        template: {
          spec: { containers: containers('app:v1', 'side:injected') },
        },
      }),
    );
    for (const rule of [
      {
        group: 'apps',
        kind: 'Deployment',
        jqPathExpressions: [
          '.spec.template.spec.containers[] | select(.name == "sidecar") | .image',
        ],
      },
      {
        group: 'apps',
        kind: 'Deployment',
        jsonPointers: ['/spec/template/spec/containers/1/image'],
      },
    ]) {
      const out = respectIgnoredFields(desired, live, [rule], jq);
      expect((out.spec as any).template.spec.containers).toEqual(
        containers('app:v2', 'side:injected'),
      );
    }
  });

  it("leaves a trusted manager's fields at their live values", () => {
    const desired = deployment({ replicas: 2 });
    const live = managedLive({
      ...deployment({ replicas: 7 }),
      metadata: {
        ...deployment({}).metadata,
        managedFields: [
          {
            manager: 'hpa-controller',
            operation: 'Update',
            fieldsV1: { 'f:spec': { 'f:replicas': {} } },
          },
        ],
      },
    });
    const out = respectIgnoredFields(desired, live, [
      {
        group: 'apps',
        kind: 'Deployment',
        managedFieldsManagers: ['hpa-controller'],
      },
    ]);
    expect(out.spec).toEqual({ replicas: 7 });
  });

  it('matches rules by glob, system-level `*` rules included, and leaves out a field live does not have', () => {
    const desired = deployment({ replicas: 2, paused: false });
    const live = managedLive(deployment({ replicas: 9 }));
    const out = respectIgnoredFields(desired, live, [
      {
        group: '*',
        kind: 'Deploy*',
        jsonPointers: ['/spec/replicas', '/spec/paused'],
      },
    ]);
    expect(out.spec).toEqual({ replicas: 9 });
  });

  it("follows a resource's own RespectIgnoreDifferences option over the Application's", () => {
    const rules = [
      { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
    ];
    const live = managedLive(deployment({ replicas: 5 }));
    const replicas = (desired: KubeObject, syncOptions: string[] = []) =>
      (
        plan({
          desired: [desired],
          live: [live],
          ignoreDifferences: rules,
          syncOptions,
        }).tasks[0].target?.spec as any
      ).replicas;
    const optedIn = deployment(
      { replicas: 1 },
      { 'argocd.argoproj.io/sync-options': 'RespectIgnoreDifferences=true' },
    );
    const optedOut = deployment(
      { replicas: 1 },
      { 'argocd.argoproj.io/sync-options': 'RespectIgnoreDifferences=false' },
    );
    expect(replicas(optedIn)).toBe(5);
    expect(replicas(optedOut, ['RespectIgnoreDifferences=true'])).toBe(1);
    expect(
      replicas(deployment({ replicas: 1 }), ['RespectIgnoreDifferences=true']),
    ).toBe(5);
  });
});
