/*
 * Argo CD's Argo Rollouts actions from the portal's API, on a Rollout whose
 * CRD serves the status subresource: the requests the Rollouts controller
 * reads from status (abort, a lifted pause, the next step) reach it, and
 * removing a request removes the field.
 */
import request from 'supertest';
import { applicationEntity, eventually } from './__testUtils__/backendHarness';
import { pluginWorld, PluginWorld } from './__testUtils__/pluginWorld';

jest.setTimeout(180_000);

const CANARY = 'application:default/canary';

const rolloutCrdYaml = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: rollouts.argoproj.io
spec:
  group: argoproj.io
  scope: Namespaced
  names: { plural: rollouts, singular: rollout, kind: Rollout }
  versions:
    - name: v1alpha1
      served: true
      storage: true
      subresources: { status: {} }
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
`;

const rolloutYaml = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: canary
spec:
  replicas: 1
  selector:
    matchLabels: { app: canary }
  template:
    metadata:
      labels: { app: canary }
    spec:
      containers:
        - name: canary
          image: nginx:1.25
  strategy:
    canary:
      steps:
        - setWeight: 20
        - pause: {}
        - setWeight: 60
`;

describe('Argo Rollouts actions', () => {
  const start = pluginWorld({
    files: {
      'canary/crd.yaml': rolloutCrdYaml,
      'canary/rollout.yaml': rolloutYaml,
    },
    entities: repoURL => [
      applicationEntity('canary', {
        repoURL,
        path: 'canary',
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

  const rolloutPath =
    '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/canary';
  const kube = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${world.sim.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${world.sim.token}`,
        'content-type': 'application/merge-patch+json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as any;
  };
  const offered = async () => {
    const listed = await request(world.server).get(
      '/api/slipway/applications/default/canary/resource/actions?group=argoproj.io&kind=Rollout&namespace=shop&name=canary',
    );
    expect(listed.status).toBe(200);
    return Object.fromEntries(
      listed.body.actions.map((a: { name: string; disabled: boolean }) => [
        a.name,
        !a.disabled,
      ]),
    );
  };
  const run = (action: string) =>
    request(world.server)
      .post('/api/slipway/applications/default/canary/resource/actions')
      .send({
        action,
        resource: {
          group: 'argoproj.io',
          kind: 'Rollout',
          namespace: 'shop',
          name: 'canary',
        },
      });

  it('aborts, retries, resumes, skips a step and restarts a paused canary', async () => {
    await eventually(
      async () =>
        (await world.store.getApplicationStatus(CANARY))?.syncStatus ===
        'Synced',
      'canary to be Synced',
    );
    // what the Rollouts controller writes at the canary's pause step
    await kube('PATCH', `${rolloutPath}/status`, {
      status: {
        observedGeneration: '1',
        currentPodHash: 'new',
        stableRS: 'old',
        currentStepIndex: 1,
        pauseConditions: [
          { reason: 'CanaryPauseStep', startTime: '2026-12-07T10:00:00Z' },
        ],
      },
    });
    await eventually(
      async () => (await offered()).abort === true,
      'abort to be offered once the update is under way',
    );
    expect(await offered()).toEqual({
      restart: true,
      resume: true,
      pause: true,
      abort: true,
      retry: false,
      'promote-full': true,
      'skip-current-step': true,
    });

    const aborted = await run('abort');
    expect(aborted.status).toBe(200);
    expect(aborted.body.changes).toEqual([
      {
        operation: 'patch',
        resource: {
          group: 'argoproj.io',
          kind: 'Rollout',
          namespace: 'shop',
          name: 'canary',
        },
      },
    ]);
    // a patch of the object itself would have been dropped: status is a subresource
    expect((await kube('GET', rolloutPath)).status.abort).toBe(true);
    await eventually(
      async () => (await offered()).retry === true,
      'retry to be offered once aborted',
    );
    expect((await run('retry')).status).toBe(200);
    expect((await kube('GET', rolloutPath)).status).not.toHaveProperty('abort');

    expect((await run('resume')).status).toBe(200);
    expect((await kube('GET', rolloutPath)).status).not.toHaveProperty(
      'pauseConditions',
    );
    await eventually(
      async () => (await offered()).resume === false,
      'resume not to be offered once resumed',
    );

    expect((await run('skip-current-step')).status).toBe(200);
    expect((await kube('GET', rolloutPath)).status.currentStepIndex).toBe(2);

    expect((await run('restart')).status).toBe(200);
    const restarted = await kube('GET', rolloutPath);
    expect(restarted.spec.restartAt).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    // what Git declares is untouched, so the application stays in sync
    expect(restarted.spec.strategy.canary.steps).toHaveLength(3);
    await new Promise(resolve => setTimeout(resolve, 2000));
    expect((await world.store.getApplicationStatus(CANARY))?.syncStatus).toBe(
      'Synced',
    );
    expect((await kube('GET', rolloutPath)).spec.restartAt).toBe(
      restarted.spec.restartAt,
    );
  });
});
