import { KubeSim, startKubeSim } from '../startKubeSim';
import { eventually } from '../__testUtils__/kubeClients';
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

  it("lets a Pod's images change, not the rest of its spec or its containers", async () => {
    const path = '/api/v1/namespaces/default/pods/tool';
    const pod = (
      image: string,
      extra: Record<string, unknown> = {},
      more: unknown[] = [],
    ) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'tool', namespace: 'default' },
      spec: { containers: [{ name: 'tool', image, ...extra }, ...more] },
    });
    expect((await apply(path, pod('busybox:1.36'))).status).toBe(201);
    // bound by the scheduler in the meantime: its nodeName stays
    await eventually(async () => (await api.get(path)).body.spec.nodeName);
    expect((await apply(path, pod('busybox:1.37'))).status).toBe(200);

    const env = await apply(
      path,
      pod('busybox:1.37', { env: [{ name: 'A', value: '1' }] }),
    );
    expect(env.status).toBe(422);
    expect(env.body.message).toMatch(
      /^Pod "tool" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,/,
    );
    const added = await apply(
      path,
      pod('busybox:1.37', {}, [{ name: 'sidecar', image: 'envoy' }]),
    );
    expect(added.status).toBe(422);
    expect(added.body.message).toBe(
      'Pod "tool" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers',
    );
  });

  it("lets a bound claim's storage grow, but not shrink, and nothing else of its spec change", async () => {
    const path = '/api/v1/namespaces/default/persistentvolumeclaims/data';
    const claim = (storage: string, accessModes = ['ReadWriteOnce']) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default' },
      spec: { accessModes, resources: { requests: { storage } } },
    });
    expect((await apply(path, claim('1Gi'))).status).toBe(201);
    // the volume controller binds it, setting spec.volumeName once
    await eventually(
      async () => (await api.get(path)).body.status?.phase === 'Bound',
    );
    expect((await apply(path, claim('2Gi'))).status).toBe(200);

    const shrunk = await apply(path, claim('1024Mi'));
    expect(shrunk.status).toBe(422);
    expect(shrunk.body.message).toBe(
      'PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than previous value',
    );
    const modes = await apply(path, claim('2Gi', ['ReadWriteMany']));
    expect(modes.status).toBe(422);
    expect(modes.body.message).toBe(
      'PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    );
  });

  it("refuses to change a Secret's type", async () => {
    const path = '/api/v1/namespaces/default/secrets/token';
    const secret = (type?: string) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'token', namespace: 'default' },
      stringData: { token: 'x' },
      ...(type ? { type } : {}),
    });
    expect((await apply(path, secret())).status).toBe(201);
    // Opaque is the default: saying so changes nothing
    expect((await apply(path, secret('Opaque'))).status).toBe(200);
    const res = await apply(path, secret('example.com/token'));
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(
      'Secret "token" is invalid: type: Invalid value: "example.com/token": field is immutable',
    );
  });

  it("refuses to change a RoleBinding's roleRef, as kube-apiserver words it", async () => {
    const path =
      '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings/readers';
    const binding = (role: string) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'readers', namespace: 'default' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: role,
      },
      subjects: [
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'team' },
      ],
    });
    expect((await apply(path, binding('view'))).status).toBe(201);
    const res = await apply(path, binding('edit'));
    expect(res.status).toBe(422);
    expect(res.body.message).toBe(
      'RoleBinding.rbac.authorization.k8s.io "readers" is invalid: roleRef: Invalid value: ' +
        'rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
    );
  });

  it("refuses to change a StorageClass' provisioner or parameters", async () => {
    const path = '/apis/storage.k8s.io/v1/storageclasses/fast';
    const storageClass = (
      provisioner: string,
      parameters: Record<string, string>,
    ) => ({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'fast' },
      provisioner,
      parameters,
    });
    expect(
      (await apply(path, storageClass('csi.example.com', { tier: 'ssd' })))
        .status,
    ).toBe(201);
    const res = await apply(
      path,
      storageClass('csi.other.com', { tier: 'nvme' }),
    );
    expect(res.status).toBe(422);
    expect(res.body.details.causes.map((c: any) => c.message)).toEqual([
      'Forbidden: updates to parameters are forbidden.',
      'Forbidden: updates to provisioner are forbidden.',
    ]);
  });
});
