import { KubeSim, startKubeSim } from '../startKubeSim';
import { ManualClock } from '../util/Clock';
import { eventually } from '../__testUtils__/kubeClients';
import { condition, rest, Rest } from '../__testUtils__/rest';

const jobManifest = (name: string, extra: any = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default' },
  spec: {
    ...extra.spec,
    template: {
      metadata: { annotations: extra.annotations },
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'work', image: extra.image ?? 'busybox:1.36' }],
      },
    },
  },
});

/**
 * Jobs and CronJobs as the Kubernetes "Jobs" and "CronJob" concept pages and
 * the batch/v1 API reference describe them: a finished Job has the Complete
 * (or Failed, reason BackoffLimitExceeded) condition and its counters; a
 * CronJob creates a Job per scheduled time, named after the scheduled minute.
 */
describe('batch controllers', () => {
  let sim: KubeSim;
  let api: Rest;
  const clock = new ManualClock(new Date('2025-03-01T10:03:30Z'));
  const jobs = '/apis/batch/v1/namespaces/default/jobs';

  beforeAll(async () => {
    sim = await startKubeSim({ podReadyDelayMs: 0, clock, log: () => {} });
    api = rest(sim);
  });
  afterAll(() => sim.stop());

  it('Job → Pod → Succeeded: succeeded=1, startTime, completionTime and the Complete condition', async () => {
    const created = await api.post(jobs, jobManifest('pi'));
    expect(created.status).toBe(201);
    // documented defaults
    expect(created.body.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
    });
    const job = await eventually(async () => {
      const j = await api.get(`${jobs}/pi`);
      return condition(j.body, 'Complete')?.status === 'True'
        ? j.body
        : undefined;
    });
    expect(job.status.succeeded).toBe(1);
    expect(job.status.active ?? 0).toBe(0);
    expect(job.status.startTime).toBeDefined();
    expect(job.status.completionTime).toBeDefined();
    expect(condition(job, 'Failed')).toBeUndefined();
    const pods = await api.get(
      `/api/v1/namespaces/default/pods?labelSelector=${encodeURIComponent(
        'job-name=pi',
      )}`,
    );
    expect(pods.body.items).toHaveLength(1);
    const pod = pods.body.items[0];
    expect(pod.status.phase).toBe('Succeeded');
    expect(pod.metadata.labels['batch.kubernetes.io/job-name']).toBe('pi');
    expect(pod.metadata.ownerReferences[0]).toMatchObject({
      kind: 'Job',
      name: 'pi',
      controller: true,
    });
    expect(pod.status.containerStatuses[0].state.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
  });

  it('a failing Job (job-fail fault) retries up to backoffLimit, then has the Failed condition with reason BackoffLimitExceeded', async () => {
    await api.post(
      jobs,
      jobManifest('doomed', {
        spec: { backoffLimit: 1 },
        annotations: { 'kube-sim.slipway.io/fault': 'job-fail' },
      }),
    );
    const job = await eventually(async () => {
      const j = await api.get(`${jobs}/doomed`);
      return condition(j.body, 'Failed')?.status === 'True'
        ? j.body
        : undefined;
    });
    expect(condition(job, 'Failed').reason).toBe('BackoffLimitExceeded');
    expect(job.status.failed).toBe(2);
    expect(job.status.succeeded ?? 0).toBe(0);
    expect(condition(job, 'Complete')).toBeUndefined();
    const pods = await api.get(
      '/api/v1/namespaces/default/pods?labelSelector=job-name%3Ddoomed',
    );
    expect(pods.body.items.map((p: any) => p.status.phase)).toEqual([
      'Failed',
      'Failed',
    ]);
  });

  it('CronJob: creates a Job at each scheduled minute of the (injected) clock', async () => {
    const cronjobs = '/apis/batch/v1/namespaces/default/cronjobs';
    const res = await api.post(cronjobs, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick', namespace: 'default' },
      spec: {
        schedule: '*/5 * * * *',
        jobTemplate: {
          metadata: { labels: { from: 'tick' } },
          spec: jobManifest('x').spec,
        },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.spec).toMatchObject({
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
    await sim.idle();
    await new Promise(r => setTimeout(r, 20));
    const tickJobs = async () =>
      (await api.get(`${jobs}?labelSelector=from%3Dtick`)).body.items as any[];
    expect(await tickJobs()).toEqual([]);

    clock.advanceTo(new Date('2025-03-01T10:05:00Z'));
    const [first] = await eventually(async () => {
      const list = await tickJobs();
      return list.length === 1 ? list : undefined;
    });
    const scheduled = new Date('2025-03-01T10:05:00Z');
    // the controller names a Job after its scheduled time in minutes
    expect(first.metadata.name).toBe(`tick-${scheduled.getTime() / 60000}`);
    expect(
      first.metadata.annotations[
        'batch.kubernetes.io/cronjob-scheduled-timestamp'
      ],
    ).toBe('2025-03-01T10:05:00Z');
    expect(first.metadata.ownerReferences[0]).toMatchObject({
      kind: 'CronJob',
      name: 'tick',
      controller: true,
    });
    const cj = await eventually(async () => {
      const c = await api.get(`${cronjobs}/tick`);
      return c.body.status?.lastSuccessfulTime ? c.body : undefined;
    });
    expect(cj.status.lastScheduleTime).toBe('2025-03-01T10:05:00Z');

    clock.advance(4 * 60 * 1000);
    await new Promise(r => setTimeout(r, 30));
    expect(await tickJobs()).toHaveLength(1);
    clock.advance(60 * 1000);
    const names = await eventually(async () => {
      const list = await tickJobs();
      return list.length === 2
        ? list.map(j => j.metadata.name).sort()
        : undefined;
    });
    expect(names).toEqual(
      [
        `tick-${scheduled.getTime() / 60000}`,
        `tick-${scheduled.getTime() / 60000 + 5}`,
      ].sort(),
    );
  });
});
