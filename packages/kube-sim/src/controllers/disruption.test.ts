import { KubeSim, startKubeSim } from '../startKubeSim';
import { eventually } from '../__testUtils__/kubeClients';
import { deploymentManifest, rest, Rest } from '../__testUtils__/rest';

/**
 * PodDisruptionBudget status, after the "Specifying a Disruption Budget for
 * your Application" task page and the PodDisruptionBudgetStatus reference:
 * healthy pods counted against minAvailable or maxUnavailable, and the
 * DisruptionAllowed condition.
 */
describe('disruption controller', () => {
  let sim: KubeSim;
  let api: Rest;
  const pdbs = '/apis/policy/v1/namespaces/default/poddisruptionbudgets';

  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, log: () => {} });
    api = rest(sim);
    await api.post(
      '/apis/apps/v1/namespaces/default/deployments',
      deploymentManifest('shop', { replicas: 2 }),
    );
  });
  afterAll(() => sim.stop());

  const budget = (name: string, spec: Record<string, unknown>) =>
    api.post(pdbs, {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name },
      spec,
    });
  const settled = (name: string, currentHealthy: number) =>
    eventually(async () => {
      const status = (await api.get(`${pdbs}/${name}`)).body.status;
      return status?.currentHealthy === currentHealthy ? status : undefined;
    });

  it('allows disruptions while more pods are healthy than minAvailable asks', async () => {
    await budget('shop-min', {
      minAvailable: 1,
      selector: { matchLabels: { app: 'shop' } },
    });
    const status = await settled('shop-min', 2);
    expect(status).toMatchObject({
      observedGeneration: 1,
      currentHealthy: 2,
      desiredHealthy: 1,
      expectedPods: 2,
      disruptionsAllowed: 1,
    });
    expect(status.conditions).toEqual([
      expect.objectContaining({
        type: 'DisruptionAllowed',
        status: 'True',
        reason: 'SufficientPods',
      }),
    ]);
  });

  it("counts maxUnavailable against the controller's scale, rounding a percentage up", async () => {
    await budget('shop-max', {
      maxUnavailable: '30%',
      selector: { matchLabels: { app: 'shop' } },
    });
    // 30% of 2 rounds up to 1
    expect(await settled('shop-max', 2)).toMatchObject({
      expectedPods: 2,
      desiredHealthy: 1,
      disruptionsAllowed: 1,
    });
  });

  it('allows none when the budget asks for more than is healthy, or selects no pods', async () => {
    await budget('shop-all', {
      minAvailable: 3,
      selector: { matchLabels: { app: 'shop' } },
    });
    const status = await settled('shop-all', 2);
    expect(status.disruptionsAllowed).toBe(0);
    expect(status.conditions[0]).toMatchObject({
      status: 'False',
      reason: 'InsufficientPods',
    });
    await budget('nothing', { minAvailable: 1 });
    expect(await settled('nothing', 0)).toMatchObject({
      expectedPods: 0,
      disruptionsAllowed: 0,
    });
  });
});
