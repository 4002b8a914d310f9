import { KubeSim, startKubeSim } from '../startKubeSim';
import { rest, Rest } from '../__testUtils__/rest';

const APPLY = 'application/apply-patch+yaml';

function deployment(app: string) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app } },
      template: {
        metadata: { labels: { app } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] },
      },
    },
  };
}

function statefulSet(serviceName: string, replicas: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default' },
    spec: {
      serviceName,
      replicas,
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: { containers: [{ name: 'db', image: 'postgres:16' }] },
      },
    },
  };
}

function job(image: string, labels: Record<string, string> = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'migrate', namespace: 'default', labels },
    spec: {
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'migrate', image }],
        },
      },
    },
  };
}

function configMap(data: Record<string, string>, immutable?: boolean) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: 'default' },
    data,
    ...(immutable === undefined ? {} : { immutable }),
  };
}

/**
 * Fields the API server refuses to change once set: an update that changes
 * them is 422 Invalid; delete and create again is the way (Argo CD's
 * Replace=true or Force=true).
 */
describe('immutable fields', () => {
  let sim: KubeSim;
  let api: Rest;

  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, log: () => {} });
    api = rest(sim);
  });
  afterAll(() => sim.stop());

  const apply = (path: string, body: unknown) =>
    api.patch(`${path}?fieldManager=test&force=true`, APPLY, body);

  it("refuses to change a Deployment's selector", async () => {
    const path = '/apis/apps/v1/namespaces/default/deployments/web';
    expect((await apply(path, deployment('web'))).status).toBe(201);
    const res = await apply(path, deployment('web-v2'));
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web-v2"}}: field is immutable',
    );
  });

  it("lets a StatefulSet's replicas change but not its other spec fields", async () => {
    const path = '/apis/apps/v1/namespaces/default/statefulsets/db';
    expect((await apply(path, statefulSet('db', 1))).status).toBe(201);
    expect((await apply(path, statefulSet('db', 3))).status).toBe(200);
    const res = await apply(path, statefulSet('db-headless', 3));
    expect(res.status).toBe(422);
    expect(res.body.details.causes).toEqual([
      {
        field: 'spec',
        reason: 'FieldValueForbidden',
        message:
          "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', " +
          "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      },
    ]);
  });

  it("refuses to change a Job's pod template, not its labels; delete and create again replaces it", async () => {
    const path = '/apis/batch/v1/namespaces/default/jobs/migrate';
    expect((await apply(path, job('migrate:1'))).status).toBe(201);
    expect(
      (await apply(path, job('migrate:1', { release: 'r2' }))).status,
    ).toBe(200);
    const res = await apply(path, job('migrate:2'));
    expect(res.status).toBe(422);
    expect(res.body.details.causes.map((c: any) => c.field)).toEqual([
      'spec.template',
    ]);
    expect(res.body.message).toMatch(
      /^Job\.batch "migrate" is invalid: spec\.template: Invalid value: .*: field is immutable$/,
    );

    await api.call('DELETE', `${path}?propagationPolicy=Background`);
    expect((await apply(path, job('migrate:2'))).status).toBe(201);
  });

  it('refuses to change the data of an immutable ConfigMap, or to make it mutable again', async () => {
    const path = '/api/v1/namespaces/default/configmaps/settings';
    expect((await apply(path, configMap({ a: '1' }, true))).status).toBe(201);
    const changed = await apply(path, configMap({ a: '2' }, true));
    expect(changed.status).toBe(422);
    expect(changed.body.message).toBe(
      'ConfigMap "settings" is invalid: data: Forbidden: field is immutable when `immutable` is set',
    );
    const mutable = await apply(path, configMap({ a: '1' }, false));
    expect(mutable.status).toBe(422);
    expect(mutable.body.details.causes.map((c: any) => c.field)).toEqual([
      'immutable',
    ]);
  });
});
