import type { KubeObject } from '@slipway/plugin-slipway-common';
import {
  resourceActionsOf,
  ResourceActionError,
  runResourceAction,
} from './resourceActions';

const NOW = new Date('2026-12-07T16:05:09.123Z');

const deployment = (paused?: boolean): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', uid: 'd-1' },
  spec: {
    replicas: 2,
    ...(paused === undefined ? {} : { paused }),
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [] },
    },
  },
});

const cronJob: KubeObject = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'cleanup', namespace: 'shop', uid: 'cj-1' },
  spec: {
    schedule: '0 3 * * *',
    jobTemplate: {
      metadata: { labels: { team: 'shop' }, annotations: { note: 'nightly' } },
      spec: {
        template: {
          spec: {
            restartPolicy: 'OnFailure',
            containers: [{ name: 'c', image: 'busybox' }],
          },
        },
      },
    },
  },
};

describe("Argo CD's built-in resource actions", () => {
  const scaleInfo = {
    name: 'scale',
    disabled: false,
    hasParameters: true,
    defaultValue: '2',
    regexp: '^[1-9][0-9]*$',
    errorMessage: 'Enter any valid number more than 0',
  };

  it('offers restart, pause, resume and scale on a Deployment, resume only when paused and pause only when not', () => {
    expect(resourceActionsOf(deployment())).toEqual([
      { name: 'restart', disabled: false },
      { name: 'pause', disabled: false },
      { name: 'resume', disabled: true },
      scaleInfo,
    ]);
    expect(resourceActionsOf(deployment(true))).toEqual([
      { name: 'restart', disabled: false },
      { name: 'pause', disabled: true },
      { name: 'resume', disabled: false },
      scaleInfo,
    ]);
  });

  it('scales a Deployment or StatefulSet to the whole number sent as its scale parameter, by merge patch', () => {
    for (const kind of ['Deployment', 'StatefulSet']) {
      expect(
        runResourceAction({ ...deployment(), kind }, 'scale', NOW, {
          scale: '5',
        }),
      ).toEqual([
        {
          operation: 'mergePatch',
          object: {
            apiVersion: 'apps/v1',
            kind,
            metadata: { name: 'web', namespace: 'shop' },
          },
          patch: { spec: { replicas: 5 } },
        },
      ]);
    }
    // with no replicas set, the form starts empty
    const { replicas, ...noReplicas } = deployment().spec as any;
    expect(
      resourceActionsOf({ ...deployment(), spec: noReplicas }).find(
        a => a.name === 'scale',
      ),
    ).not.toHaveProperty('defaultValue');
  });

  it('refuses to scale without a value, or to a value that is not a whole number above zero, saying what to send', () => {
    expect(() => runResourceAction(deployment(), 'scale', NOW)).toThrow(
      new ResourceActionError(
        'action \'scale\' of Deployment shop/web needs a value: send parameters [{"name": "scale", "value": ...}] (its current value is 2)',
        'invalidParameters',
      ),
    );
    // replicas are an int32
    expect(() =>
      runResourceAction(deployment(), 'scale', NOW, { scale: '2147483648' }),
    ).toThrow(
      "action 'scale' of Deployment shop/web refuses 2147483648 replicas: the most Kubernetes takes is 2147483647",
    );
    for (const value of ['0', '-1', '1.5', 'three', ' 3']) {
      expect(() =>
        runResourceAction(deployment(), 'scale', NOW, { scale: value }),
      ).toThrow(
        `action 'scale' of Deployment shop/web refuses the value ${JSON.stringify(
          value,
        )}: Enter any valid number more than 0`,
      );
    }
  });

  it('offers restart and scale on StatefulSets, restart on DaemonSets, create-job and suspend or resume on CronJobs, and nothing on other kinds', () => {
    expect(
      resourceActionsOf({ ...deployment(), kind: 'StatefulSet' }).map(
        a => a.name,
      ),
    ).toEqual(['restart', 'scale']);
    expect(
      resourceActionsOf({ ...deployment(), kind: 'DaemonSet' }).map(
        a => a.name,
      ),
    ).toEqual(['restart']);
    expect(resourceActionsOf(cronJob).map(a => a.name)).toEqual([
      'create-job',
      'suspend',
    ]);
    expect(
      resourceActionsOf({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c' },
      }),
    ).toEqual([]);
    // a kind of another group with the same name is not the built-in one
    expect(
      resourceActionsOf({ ...deployment(), apiVersion: 'example.com/v1' }),
    ).toEqual([]);
  });

  it('restarts by stamping the pod template with the time, as kubectl rollout restart does, writing nothing else', () => {
    expect(runResourceAction(deployment(), 'restart', NOW)).toEqual([
      {
        operation: 'patch',
        object: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'shop' },
          spec: {
            template: {
              metadata: {
                annotations: {
                  'kubectl.kubernetes.io/restartedAt': '2026-12-07T16:05:09Z',
                },
              },
            },
          },
        },
      },
    ]);
  });

  it("leaves out a Job's and CronJob's actions that do not apply, as Argo CD's discovery does, and refuses them with the reason", () => {
    const job = (status: Record<string, unknown>) => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', namespace: 'shop' },
      spec: { template: {} },
      status,
    });
    expect(resourceActionsOf(job({ active: 1 }))).toEqual([
      { name: 'suspend', disabled: false },
      { name: 'terminate', disabled: false },
    ]);
    const finished = job({
      conditions: [{ type: 'Complete', status: 'True' }],
    });
    expect(resourceActionsOf(finished)).toEqual([]);
    expect(() => runResourceAction(finished, 'terminate', NOW)).toThrow(
      "action 'terminate' does not apply to Job shop/migrate: it has finished (Complete)",
    );
    const suspended = {
      ...cronJob,
      spec: { ...(cronJob.spec as object), suspend: true },
    } as KubeObject;
    expect(resourceActionsOf(suspended).map(a => a.name)).toEqual([
      'create-job',
      'resume',
    ]);
    expect(() => runResourceAction(suspended, 'suspend', NOW)).toThrow(
      /does not apply to CronJob .*cleanup: it is suspended/,
    );
  });

  it('pauses and resumes a Deployment through spec.paused', () => {
    expect(
      runResourceAction(deployment(), 'pause', NOW)[0].object.spec,
    ).toEqual({ paused: true });
    expect(
      runResourceAction(deployment(true), 'resume', NOW)[0].object.spec,
    ).toEqual({ paused: false });
  });

  it("creates a Job from a CronJob's template, owned by it and marked manual, named with the UTC minute", () => {
    const [change] = runResourceAction(cronJob, 'create-job', NOW);
    expect(change).toEqual({
      operation: 'create',
      object: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name: 'cleanup-2612071605',
          namespace: 'shop',
          labels: { team: 'shop' },
          annotations: {
            note: 'nightly',
            'cronjob.kubernetes.io/instantiate': 'manual',
          },
          ownerReferences: [
            {
              apiVersion: 'batch/v1',
              kind: 'CronJob',
              name: 'cleanup',
              uid: 'cj-1',
              blockOwnerDeletion: true,
              controller: true,
            },
          ],
        },
        spec: {
          template: {
            spec: {
              restartPolicy: 'OnFailure',
              containers: [{ name: 'c', image: 'busybox' }],
            },
          },
        },
      },
    });
    // the CronJob's own template is not changed
    expect((cronJob.spec as any).jobTemplate.metadata.annotations).toEqual({
      note: 'nightly',
    });
  });

  it('refuses an unknown action, or one that does not apply now, naming the resource and what it offers', () => {
    expect(() => runResourceAction(deployment(), 'rewind', NOW)).toThrow(
      new ResourceActionError(
        "Deployment shop/web has no action 'rewind'; its actions are restart, pause, resume, scale",
        'unknown',
      ),
    );
    expect(() =>
      runResourceAction(
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'c', namespace: 'shop' },
        },
        'restart',
        NOW,
      ),
    ).toThrow(
      "ConfigMap shop/c has no action 'restart'; ConfigMap resources have no actions",
    );
    expect(() => runResourceAction(deployment(), 'resume', NOW)).toThrow(
      "action 'resume' does not apply to Deployment shop/web: it is not paused",
    );
    expect(() =>
      runResourceAction(
        { ...cronJob, spec: { schedule: '* * * * *' } },
        'create-job',
        NOW,
      ),
    ).toThrow(
      'CronJob cleanup has no spec.jobTemplate.spec to create a Job from',
    );
  });
});
