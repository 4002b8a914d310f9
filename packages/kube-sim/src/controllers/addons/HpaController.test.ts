import { KubeSim, startKubeSim } from '../../startKubeSim';
import { ManualClock } from '../../util/Clock';
import {
  condition,
  deploymentManifest,
  rest,
  Rest,
} from '../../__testUtils__/rest';

const HPA = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const START = new Date('2026-03-01T12:00:00Z');

function hpa(name: string, target: string, min: number, max: number): any {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace: 'default' },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: target,
      },
      minReplicas: min,
      maxReplicas: max,
    },
  };
}

/**
 * The simulated HPA controller (needs a metrics add-on in a real cluster):
 * metrics always read their target, so the recommendation is the current
 * size within minReplicas..maxReplicas; conditions as the real controller words them.
 */
describe('HpaController', () => {
  let sim: KubeSim;
  let api: Rest;
  beforeAll(async () => {
    sim = await startKubeSim({
      podReadyDelayMs: 0,
      clock: new ManualClock(START),
      addons: { hpa: true },
      log: () => {},
    });
    api = rest(sim);
  });
  afterAll(() => sim.stop());

  it('reports the current and desired replicas of a target within range, able to scale', async () => {
    await api.post(DEPLOY, deploymentManifest('web', { replicas: 2 }));
    await api.post(HPA, hpa('web', 'web', 1, 5));
    await sim.idle();
    const { status } = (await api.get(`${HPA}/web`)).body;
    expect(status).toMatchObject({ currentReplicas: 2, desiredReplicas: 2 });
    expect(status.lastScaleTime).toBeUndefined();
    expect(status.currentMetrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', current: { averageUtilization: 80 } },
      },
    ]);
    expect(status.conditions).toEqual([
      {
        type: 'AbleToScale',
        status: 'True',
        reason: 'ReadyForNewScale',
        message: 'recommended size matches current size',
        lastTransitionTime: START.toISOString(),
      },
      {
        type: 'ScalingActive',
        status: 'True',
        reason: 'ValidMetricFound',
        message:
          'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
        lastTransitionTime: START.toISOString(),
      },
      {
        type: 'ScalingLimited',
        status: 'False',
        reason: 'DesiredWithinRange',
        message: 'the desired count is within the acceptable range',
        lastTransitionTime: START.toISOString(),
      },
    ]);
  });

  it('scales a target below minReplicas up through its scale subresource', async () => {
    await api.post(DEPLOY, deploymentManifest('api', { replicas: 1 }));
    await api.post(HPA, hpa('api', 'api', 3, 6));
    await sim.idle();
    const deployment = (await api.get(`${DEPLOY}/api`)).body;
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.metadata.managedFields).toContainEqual(
      expect.objectContaining({
        manager: 'kube-controller-manager',
        subresource: 'scale',
      }),
    );
    const { status } = (await api.get(`${HPA}/api`)).body;
    expect(status).toMatchObject({
      currentReplicas: 3,
      desiredReplicas: 3,
      lastScaleTime: START.toISOString(),
    });
    expect(condition({ status }, 'AbleToScale')).toMatchObject({
      status: 'True',
      reason: 'ReadyForNewScale',
    });
  });

  it('reports FailedGetScale for a missing target and recovers once the target exists', async () => {
    await api.post(HPA, hpa('ghost', 'ghost', 1, 3));
    await sim.idle();
    const before = (await api.get(`${HPA}/ghost`)).body.status;
    expect(before.conditions).toEqual([
      expect.objectContaining({
        type: 'AbleToScale',
        status: 'False',
        reason: 'FailedGetScale',
        message: `the HPA controller was unable to get the target's current scale: deployments.apps "ghost" not found`,
      }),
    ]);
    await api.post(DEPLOY, deploymentManifest('ghost', { replicas: 2 }));
    await sim.idle();
    const after = (await api.get(`${HPA}/ghost`)).body.status;
    expect(after).toMatchObject({ currentReplicas: 2, desiredReplicas: 2 });
    expect(condition({ status: after }, 'AbleToScale')).toMatchObject({
      status: 'True',
      reason: 'ReadyForNewScale',
    });
  });

  it('leaves a target scaled to zero alone: ScalingActive False, ScalingDisabled', async () => {
    await api.post(DEPLOY, deploymentManifest('idle', { replicas: 0 }));
    await api.post(HPA, hpa('idle', 'idle', 1, 3));
    await sim.idle();
    expect((await api.get(`${DEPLOY}/idle`)).body.spec.replicas).toBe(0);
    const { status } = (await api.get(`${HPA}/idle`)).body;
    expect(status).toMatchObject({ currentReplicas: 0, desiredReplicas: 0 });
    expect(condition({ status }, 'ScalingActive')).toMatchObject({
      status: 'False',
      reason: 'ScalingDisabled',
    });
  });
});
