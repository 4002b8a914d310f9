import {
  advancedCronJobHealth,
  advancedStatefulSetHealth,
  broadcastJobHealth,
  cloneSetHealth,
  openKruiseHealthChecks,
} from './OpenKruiseHealth';
import { kube } from '../testObjects';

const WAITING = {
  status: 'Progressing',
  message: 'Waiting for initialization',
};

/** A workload whose controller has observed `generation`. */
const workload = (
  kind: string,
  generation: number,
  updateStrategy: object | undefined,
  status: object,
) =>
  kube(
    'apps.kruise.io/v1alpha1',
    kind,
    {
      spec: { updateStrategy },
      status: { observedGeneration: generation, ...status },
    },
    { generation },
  );

describe('OpenKruise CloneSet health', () => {
  const cloneSet = (generation: number, strategy: object, status: object) =>
    workload('CloneSet', generation, strategy, status);

  it('waits for a status and for the current generation to be observed', () => {
    expect(cloneSetHealth(kube('apps.kruise.io/v1alpha1', 'CloneSet'))).toEqual(
      WAITING,
    );
    const stale = cloneSet(2, {}, { updatedAvailableReplicas: 2 });
    stale.metadata.generation = 3;
    expect(cloneSetHealth(stale)).toEqual(WAITING);
  });

  it('is Healthy when every replica is updated and available', () => {
    expect(
      cloneSetHealth(
        cloneSet(
          1,
          { paused: false },
          { replicas: 2, updatedAvailableReplicas: 2 },
        ),
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'All Cloneset workloads are ready and updated',
    });
  });

  it('is Degraded when some replicas are not updated and available', () => {
    expect(
      cloneSetHealth(
        cloneSet(1, {}, { replicas: 2, updatedAvailableReplicas: 1 }),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Some replicas are not ready or available',
    });
  });

  it('is Suspended when paused or before updated replicas are counted', () => {
    const paused = { status: 'Suspended', message: 'Cloneset is paused' };
    expect(
      cloneSetHealth(
        cloneSet(
          2,
          { paused: true },
          { replicas: 2, updatedAvailableReplicas: 2 },
        ),
      ),
    ).toEqual(paused);
    expect(cloneSetHealth(cloneSet(2, {}, { replicas: 2 }))).toEqual(paused);
  });

  it('holds for a person once a changed CloneSet reaches its partition', () => {
    const status = {
      replicas: 5,
      updatedAvailableReplicas: 1,
      expectedUpdatedReplicas: 2,
    };
    expect(
      cloneSetHealth(
        cloneSet(2, { partition: 3 }, { ...status, updatedReplicas: 3 }),
      ),
    ).toEqual({
      status: 'Suspended',
      message: 'Cloneset needs manual intervention',
    });
    expect(
      cloneSetHealth(
        cloneSet(2, { partition: 3 }, { ...status, updatedReplicas: 1 }),
      ),
    ).toEqual(WAITING);
  });

  it('treats a missing partition as one, as Argo CD does', () => {
    expect(
      cloneSetHealth(
        cloneSet(
          2,
          {},
          {
            replicas: 2,
            updatedAvailableReplicas: 2,
            updatedReplicas: 2,
            expectedUpdatedReplicas: 2,
          },
        ),
      ).message,
    ).toBe('Cloneset needs manual intervention');
  });

  it('fails as the script does without an update strategy', () => {
    expect(
      cloneSetHealth(
        workload('CloneSet', 1, undefined, { updatedAvailableReplicas: 1 }),
      ),
    ).toEqual({
      status: 'Unknown',
      message: 'health check failed: spec.updateStrategy is missing',
    });
  });
});

describe('OpenKruise Advanced StatefulSet health', () => {
  const statefulSet = (
    generation: number,
    rollingUpdate: object,
    status: object,
  ) => workload('StatefulSet', generation, { rollingUpdate }, status);

  it('is Healthy or Degraded by its updated available replicas', () => {
    expect(
      advancedStatefulSetHealth(
        statefulSet(
          2,
          { partition: 0 },
          { replicas: 2, updatedAvailableReplicas: 2 },
        ),
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'All Statefulset workloads are ready and updated',
    });
    expect(
      advancedStatefulSetHealth(
        statefulSet(
          5,
          { partition: 0 },
          { replicas: 2, updatedAvailableReplicas: 1 },
        ),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Some replicas are not ready or available',
    });
  });

  it('is Suspended when paused', () => {
    expect(
      advancedStatefulSetHealth(
        statefulSet(
          2,
          { paused: true },
          { replicas: 2, updatedAvailableReplicas: 2 },
        ),
      ),
    ).toEqual({ status: 'Suspended', message: 'Statefulset is paused' });
  });

  it('holds once more replicas are updated than the partition leaves', () => {
    const status = { replicas: 10, updatedAvailableReplicas: 7 };
    const held = {
      status: 'Suspended',
      message: 'Statefulset needs manual intervention',
    };
    expect(
      advancedStatefulSetHealth(
        statefulSet(3, { partition: 4 }, { ...status, updatedReplicas: 7 }),
      ),
    ).toEqual(held);
    expect(
      advancedStatefulSetHealth(
        statefulSet(3, { partition: '4' }, { ...status, updatedReplicas: 7 }),
      ),
    ).toEqual(held);
    expect(
      advancedStatefulSetHealth(
        statefulSet(3, { partition: 4 }, { ...status, updatedReplicas: 6 }),
      ),
    ).toEqual(WAITING);
  });

  it('fails as the script does on a partition that is not a number', () => {
    expect(
      advancedStatefulSetHealth(
        statefulSet(
          3,
          { partition: '40%' },
          {
            replicas: 10,
            updatedAvailableReplicas: 7,
            updatedReplicas: 7,
          },
        ),
      ).status,
    ).toBe('Unknown');
  });
});

describe('OpenKruise BroadcastJob health', () => {
  const job = (status?: object, spec: object = {}) =>
    kube('apps.kruise.io/v1alpha1', 'BroadcastJob', { spec, status });
  const running = {
    status: 'Progressing',
    message: 'BroadcastJob is still running',
  };

  it('is Healthy when completed with every desired pod succeeded', () => {
    expect(
      broadcastJobHealth(job({ phase: 'completed', desired: 2, succeeded: 2 })),
    ).toEqual({
      status: 'Healthy',
      message: 'BroadcastJob is completed successfully',
    });
  });

  it('is Degraded when failed with failed pods', () => {
    expect(
      broadcastJobHealth(
        job({ phase: 'failed', desired: 1, failed: 1, succeeded: 0 }),
      ),
    ).toEqual({ status: 'Degraded', message: 'BroadcastJob failed' });
  });

  it('is Suspended when paused by its spec', () => {
    expect(
      broadcastJobHealth(
        job({ phase: 'paused', desired: 1, succeeded: 0 }, { paused: true }),
      ),
    ).toEqual({ status: 'Suspended', message: 'BroadcastJob is Paused' });
  });

  it('is still running otherwise', () => {
    expect(broadcastJobHealth(job())).toEqual(running);
    expect(
      broadcastJobHealth(
        job({ phase: 'running', active: 2, desired: 2, succeeded: 0 }),
      ),
    ).toEqual(running);
    expect(
      broadcastJobHealth(
        job({ phase: 'failed', failed: 0, desired: 1, succeeded: 0 }),
      ),
    ).toEqual(running);
    expect(
      broadcastJobHealth(job({ phase: 'paused', desired: 1, succeeded: 0 })),
    ).toEqual(running);
  });
});

describe('OpenKruise AdvancedCronJob health', () => {
  const cronJob = (status?: object, spec: object = {}) =>
    kube('apps.kruise.io/v1alpha1', 'AdvancedCronJob', { spec, status });

  it('is Healthy once it has been scheduled', () => {
    const healthy = {
      status: 'Healthy',
      message: 'AdvancedCronJobs has run successfully',
    };
    expect(
      advancedCronJobHealth(
        cronJob({ lastScheduleTime: '2023-09-16T16:29:00Z' }),
      ),
    ).toEqual(healthy);
    // Only the presence of the time counts, and pausing changes nothing.
    expect(
      advancedCronJobHealth(
        cronJob(
          { lastScheduleTime: 'yesterday', active: [] },
          { paused: true },
        ),
      ),
    ).toEqual(healthy);
  });

  it('is Progressing while jobs are active', () => {
    expect(
      advancedCronJobHealth(
        cronJob({
          lastScheduleTime: '2023-09-16T16:40:00Z',
          active: [{ kind: 'BroadcastJob', name: 'acj-1' }],
        }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'AdvancedCronJobs has active jobs',
    });
  });

  it('is Suspended when paused before it ever ran', () => {
    expect(
      advancedCronJobHealth(
        cronJob({ active: [{ name: 'a' }] }, { paused: true }),
      ),
    ).toEqual({ status: 'Suspended', message: 'AdvancedCronJob is Paused' });
  });

  it('is Degraded when it never ran', () => {
    expect(advancedCronJobHealth(cronJob({}))).toEqual({
      status: 'Degraded',
      message: 'AdvancedCronJobs has not run successfully',
    });
  });

  it('fails as the script does without a status', () => {
    expect(advancedCronJobHealth(cronJob())).toEqual({
      status: 'Unknown',
      message: 'health check failed: status is missing',
    });
  });
});

describe('openKruiseHealthChecks', () => {
  it('is keyed as Argo CD names its folders', () => {
    expect(Object.keys(openKruiseHealthChecks).sort()).toEqual([
      'apps.kruise.io/AdvancedCronJob',
      'apps.kruise.io/BroadcastJob',
      'apps.kruise.io/CloneSet',
      'apps.kruise.io/DaemonSet',
      'apps.kruise.io/StatefulSet',
    ]);
  });
});
