/*
 * Argo CD's resource actions from the portal's API: restart, pause, resume
 * and scale of a Deployment, create-job of a CronJob, written beside Git's
 * fields so that self-heal does not undo them.
 */
import request from 'supertest';
import {
  applicationEntity,
  eventually,
  kubeClient,
} from './__testUtils__/backendHarness';
import { pluginWorld, PluginWorld } from './__testUtils__/pluginWorld';
import { configMapYaml } from './__testUtils__/manifests';

jest.setTimeout(180_000);

const WEB = 'application:default/web';

const deploymentYaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.25
`;

// replicas are left to the cluster (e.g. an autoscaler), so scaling is not drift
const workerYaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  selector:
    matchLabels: { app: worker }
  template:
    metadata:
      labels: { app: worker }
    spec:
      containers:
        - name: worker
          image: busybox:1.36
`;

const cronJobYaml = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: cleanup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: cleanup
              image: busybox:1.36
`;

describe('resource actions', () => {
  const start = pluginWorld({
    files: {
      'web/deployment.yaml': deploymentYaml,
      'web/worker.yaml': workerYaml,
      'web/cronjob.yaml': cronJobYaml,
      'web/config.yaml': configMapYaml('web-config', 'blue'),
    },
    entities: repoURL => [
      applicationEntity('web', {
        repoURL,
        path: 'web',
        namespace: 'shop',
        automated: { prune: true, selfHeal: true },
      }),
    ],
  });
  let world: PluginWorld;
  beforeAll(async () => {
    world = await start();
  });
  afterAll(() => world?.stop());

  const actionsOf = (query: string) =>
    request(world.server).get(
      `/api/slipway/applications/default/web/resource/actions?${query}`,
    );
  const run = (
    action: string,
    resource: Record<string, string>,
    parameters?: Array<{ name: string; value: string }>,
  ) =>
    request(world.server)
      .post('/api/slipway/applications/default/web/resource/actions')
      .send({ action, resource, ...(parameters ? { parameters } : {}) });
  const deployment = {
    group: 'apps',
    kind: 'Deployment',
    namespace: 'shop',
    name: 'web',
  };

  it('restarts, pauses and resumes a Deployment, and self-heal leaves what the actions wrote', async () => {
    const { sim, store } = world;
    await eventually(async () => {
      const s = await store.getApplicationStatus(WEB);
      return s?.syncStatus === 'Synced' && s.healthStatus === 'Healthy';
    }, 'web to be Synced and Healthy');

    const listed = await actionsOf(
      'group=apps&kind=Deployment&namespace=shop&name=web',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.actions).toEqual([
      { name: 'restart', disabled: false },
      { name: 'pause', disabled: false },
      { name: 'resume', disabled: true },
      expect.objectContaining({ name: 'scale', hasParameters: true }),
    ]);

    const restarted = await run('restart', deployment);
    expect(restarted.status).toBe(200);
    expect(restarted.body).toEqual({
      action: 'restart',
      changes: [{ operation: 'patch', resource: deployment }],
    });
    const kube = kubeClient(sim);
    const live = await kube.deployment('shop', 'web');
    const stamp =
      live.spec.template.metadata.annotations[
        'kubectl.kubernetes.io/restartedAt'
      ];
    expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(
      live.metadata.managedFields.map((f: { manager: string }) => f.manager),
    ).toEqual(expect.arrayContaining(['slipway', 'slipway-action']));

    // refreshes and self-heal later, the restart stays and the application is still in sync with Git
    await new Promise(resolve => setTimeout(resolve, 2500));
    expect(
      (await kube.deployment('shop', 'web')).spec.template.metadata.annotations[
        'kubectl.kubernetes.io/restartedAt'
      ],
    ).toBe(stamp);
    expect((await store.getApplicationStatus(WEB))?.syncStatus).toBe('Synced');

    const resumeRunning = await run('resume', deployment);
    expect(resumeRunning.status).toBe(409);
    expect(resumeRunning.body.error.message).toBe(
      "action 'resume' does not apply to Deployment shop/web: it is not paused",
    );

    expect((await run('pause', deployment)).status).toBe(200);
    expect((await kube.deployment('shop', 'web')).spec.paused).toBe(true);
    await eventually(async () => {
      const actions = (
        await actionsOf('group=apps&kind=Deployment&namespace=shop&name=web')
      ).body.actions;
      return (
        actions.find((a: { name: string }) => a.name === 'resume')?.disabled ===
        false
      );
    }, 'resume to be offered once paused');
    expect((await run('resume', deployment)).status).toBe(200);
    expect((await kube.deployment('shop', 'web')).spec.paused).toBe(false);
  });

  it('scales a Deployment to the value sent, refusing a missing or invalid one, and the application stays in sync', async () => {
    const { sim, store } = world;
    const worker = { ...deployment, name: 'worker' };
    await eventually(
      async () =>
        (await store.getApplicationStatus(WEB))?.syncStatus === 'Synced',
      'web to be Synced',
    );
    const listed = await actionsOf(
      'group=apps&kind=Deployment&namespace=shop&name=worker',
    );
    // the API server defaulted replicas to 1: the form starts there
    expect(listed.body.actions).toContainEqual({
      name: 'scale',
      disabled: false,
      hasParameters: true,
      defaultValue: '1',
      regexp: '^[1-9][0-9]*$',
      errorMessage: 'Enter any valid number more than 0',
    });

    const missing = await run('scale', worker);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe(
      'action \'scale\' of Deployment shop/worker needs a value: send parameters [{"name": "scale", "value": ...}] (its current value is 1)',
    );
    const zero = await run('scale', worker, [{ name: 'scale', value: '0' }]);
    expect(zero.status).toBe(400);
    expect(zero.body.error.message).toBe(
      'action \'scale\' of Deployment shop/worker refuses the value "0": Enter any valid number more than 0',
    );
    const kube = kubeClient(sim);
    expect((await kube.deployment('shop', 'worker')).spec.replicas).toBe(1);

    const scaled = await run('scale', worker, [{ name: 'scale', value: '3' }]);
    expect(scaled.status).toBe(200);
    expect(scaled.body).toEqual({
      action: 'scale',
      parameters: { scale: '3' },
      changes: [{ operation: 'patch', resource: worker }],
    });
    expect((await kube.deployment('shop', 'worker')).spec.replicas).toBe(3);
    await eventually(
      async () =>
        (await kube.deployment('shop', 'worker')).status?.readyReplicas === 3,
      'three worker pods to be ready',
    );
    // Git declares no replicas: refreshes and self-heal leave the scale
    await new Promise(resolve => setTimeout(resolve, 2500));
    expect((await kube.deployment('shop', 'worker')).spec.replicas).toBe(3);
    expect((await store.getApplicationStatus(WEB))?.syncStatus).toBe('Synced');
  });

  it("creates a Job from a CronJob, owned by it, which shows in the application's tree", async () => {
    const created = await run('create-job', {
      group: 'batch',
      kind: 'CronJob',
      namespace: 'shop',
      name: 'cleanup',
    });
    expect(created.status).toBe(200);
    const [change] = created.body.changes;
    expect(change).toMatchObject({
      operation: 'create',
      resource: { group: 'batch', kind: 'Job', namespace: 'shop' },
    });
    expect(change.resource.name).toMatch(/^cleanup-\d{10}$/);
    await eventually(async () => {
      const tree = await request(world.server).get(
        '/api/slipway/applications/default/web/tree',
      );
      const job = tree.body.nodes.find(
        (n: { kind: string; name: string }) =>
          n.kind === 'Job' && n.name === change.resource.name,
      );
      return job?.parents?.[0]?.name === 'cleanup';
    }, 'the Job to show under its CronJob');

    // suspend and resume go through spec.suspend, only the one that applies offered
    const cronJob = {
      group: 'batch',
      kind: 'CronJob',
      namespace: 'shop',
      name: 'cleanup',
    };
    const offered = async () =>
      (await actionsOf('group=batch&kind=CronJob&namespace=shop&name=cleanup'))
        .body.actions;
    expect(await offered()).toEqual([
      { name: 'create-job', disabled: false },
      { name: 'suspend', disabled: false },
    ]);
    expect((await run('suspend', cronJob)).status).toBe(200);
    const kube = kubeClient(world.sim);
    expect((await kube.cronJob('shop', 'cleanup')).spec.suspend).toBe(true);
    await eventually(
      async () =>
        (await offered()).find((a: { name: string }) => a.name === 'resume')
          ?.disabled === false,
      'resume to be offered once suspended',
    );
    expect(await offered()).toEqual([
      { name: 'create-job', disabled: false },
      { name: 'resume', disabled: false },
    ]);
    expect((await run('resume', cronJob)).status).toBe(200);
    expect((await kube.cronJob('shop', 'cleanup')).spec.suspend).toBe(false);
  });

  it('refuses what a resource does not offer, and resources outside the application, naming them', async () => {
    const none = await run('restart', {
      kind: 'ConfigMap',
      namespace: 'shop',
      name: 'web-config',
    });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toBe(
      "ConfigMap shop/web-config has no action 'restart'; ConfigMap resources have no actions",
    );
    const unknown = await run('rewind', deployment);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain(
      'its actions are restart, pause, resume, scale',
    );
    const elsewhere = await actionsOf(
      'group=apps&kind=Deployment&namespace=shop&name=other',
    );
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.message).toBe(
      'apps/Deployment shop/other is not a resource of application:default/web; pick one from its resource tree',
    );
  });

  it('deletes one resource: a Pod is replaced by its ReplicaSet, a managed ConfigMap comes back with self-heal', async () => {
    const { sim, server } = world;
    const tree = async () =>
      (await request(server).get('/api/slipway/applications/default/web/tree'))
        .body.nodes as Array<{ kind: string; name: string; namespace: string }>;
    const pod = await eventually(
      async () => (await tree()).find(n => n.kind === 'Pod'),
      'a Pod of web',
    );
    const deleted = await request(server).delete(
      `/api/slipway/applications/default/web/resource?kind=Pod&namespace=shop&name=${pod.name}&propagationPolicy=background`,
    );
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({
      deleted: { group: '', kind: 'Pod', namespace: 'shop', name: pod.name },
    });
    await eventually(async () => {
      const pods = (await tree()).filter(n => n.kind === 'Pod');
      return pods.length > 0 && pods.every(p => p.name !== pod.name);
    }, 'a new Pod in place of the deleted one');

    const config = await request(server).delete(
      '/api/slipway/applications/default/web/resource?kind=ConfigMap&namespace=shop&name=web-config',
    );
    expect(config.status).toBe(200);
    await eventually(
      async () =>
        Boolean(await kubeClient(sim).configMap('shop', 'web-config')),
      'self-heal to create web-config again',
    );

    const gone = await request(server).delete(
      '/api/slipway/applications/default/web/resource?kind=Pod&namespace=shop&name=never-there',
    );
    expect(gone.status).toBe(404);
  });
});
