import type { KubeObject } from '@slipway/plugin-slipway-common';
import { batchActions } from './batchActions';

const NOW = new Date('2026-12-07T16:05:09.123Z');

const job = (spec: Record<string, unknown>, status?: unknown): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'migrate', namespace: 'shop' },
  spec: { template: {}, ...spec },
  ...(status === undefined ? {} : { status }),
});

const offered = (key: string, obj: KubeObject) =>
  Object.fromEntries(batchActions[key].map(a => [a.name, !a.disabled?.(obj)]));

const run = (key: string, obj: KubeObject, name: string) =>
  batchActions[key].find(a => a.name === name)!.run(obj, NOW, {});

const TERMINATED = {
  lastTransitionTime: '2026-12-07T16:05:09Z',
  message: 'Job was terminated explicitly through Argo CD',
  reason: 'ManuallyTerminated',
  status: 'True',
  type: 'FailureTarget',
};

describe("Argo CD's Job and CronJob actions", () => {
  it('offers suspend or resume and terminate while a Job runs', () => {
    expect(offered('batch/Job', job({}, { active: 1 }))).toEqual({
      suspend: true,
      resume: false,
      terminate: true,
    });
    expect(offered('batch/Job', job({ suspend: true }, {}))).toEqual({
      suspend: false,
      resume: true,
      terminate: true,
    });
    // terminate adds to the status, so a Job without one cannot be terminated yet
    expect(offered('batch/Job', job({})).terminate).toBe(false);
  });

  it('offers nothing on a finished Job', () => {
    for (const type of [
      'Complete',
      'Failed',
      'FailureTarget',
      'SuccessCriteriaMet',
    ]) {
      const finished = job({}, { conditions: [{ type, status: 'True' }] });
      expect(offered('batch/Job', finished)).toEqual({
        suspend: false,
        resume: false,
        terminate: false,
      });
      expect(batchActions['batch/Job'][2].disabled?.(finished)).toBe(
        `it has finished (${type})`,
      );
    }
    // a condition that is not true does not finish it
    expect(
      offered(
        'batch/Job',
        job({}, { conditions: [{ type: 'Failed', status: 'False' }] }),
      ).terminate,
    ).toBe(true);
  });

  it('suspends and resumes a Job through spec.suspend', () => {
    expect(run('batch/Job', job({}), 'suspend')).toEqual([
      {
        operation: 'mergePatch',
        object: {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: { name: 'migrate', namespace: 'shop' },
        },
        patch: { spec: { suspend: true } },
      },
    ]);
    expect(run('batch/Job', job({ suspend: true }), 'resume')[0]).toMatchObject(
      {
        patch: { spec: { suspend: false } },
      },
    );
  });

  it('terminates a Job by a FailureTarget condition added after the others', () => {
    const suspendedCondition = { type: 'Suspended', status: 'False' };
    expect(
      run(
        'batch/Job',
        // Argo CD hands Lua the conditions without null items, and writes them back so
        job({}, { conditions: [null, suspendedCondition] }),
        'terminate',
      ),
    ).toMatchObject([
      { patch: { status: { conditions: [suspendedCondition, TERMINATED] } } },
    ]);
    expect(run('batch/Job', job({}, { active: 1 }), 'terminate')).toMatchObject(
      [{ patch: { status: { conditions: [TERMINATED] } } }],
    );
    // a finished Job is left as it is
    expect(
      run(
        'batch/Job',
        job({}, { conditions: [{ type: 'Complete', status: 'True' }] }),
        'terminate',
      ),
    ).toEqual([]);
  });

  it('suspends a running CronJob and resumes a suspended one', () => {
    const cronJob = (suspend?: boolean): KubeObject => ({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report', namespace: 'shop' },
      spec: {
        schedule: '0 * * * *',
        ...(suspend === undefined ? {} : { suspend }),
      },
    });
    expect(offered('batch/CronJob', cronJob())).toEqual({
      suspend: true,
      resume: false,
    });
    expect(offered('batch/CronJob', cronJob(false)).suspend).toBe(true);
    expect(offered('batch/CronJob', cronJob(true))).toEqual({
      suspend: false,
      resume: true,
    });
    expect(run('batch/CronJob', cronJob(), 'suspend')[0]).toMatchObject({
      patch: { spec: { suspend: true } },
    });
    expect(run('batch/CronJob', cronJob(true), 'resume')[0]).toMatchObject({
      patch: { spec: { suspend: false } },
    });
    expect(run('batch/CronJob', cronJob(false), 'resume')).toEqual([]);
  });
});
