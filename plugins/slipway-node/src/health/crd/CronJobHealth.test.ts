import { cronJobHealth } from './CronJobHealth';
import { getCrdHealthCheck } from './crdHealth';
import { getBuiltinHealthCheck } from '../builtinHealth';
import { kube } from '../testObjects';

const cron = (status?: object, spec: object = { schedule: '0 * * * *' }) =>
  kube('batch/v1', 'CronJob', { spec, ...(status ? { status } : {}) });

const healthy = (message: string) => ({ status: 'Healthy', message });

describe("CronJob health, as Argo CD's bundled script judges it", () => {
  it('is a port of a bundled script, which a Lua folder may replace, not a Go check', () => {
    expect(getCrdHealthCheck('batch', 'CronJob')).toBe(cronJobHealth);
    expect(getBuiltinHealthCheck('batch', 'CronJob')).toBeUndefined();
  });

  it('waits for the controller until it writes a status', () => {
    expect(cronJobHealth(cron())).toEqual({
      status: 'Progressing',
      message: 'Waiting for CronJob',
    });
    expect(cronJobHealth(cron({}))).toEqual(
      healthy('CronJob has not been scheduled yet'),
    );
  });

  it('is Healthy when suspended, so that it does not suspend its application', () => {
    expect(
      cronJobHealth(cron(undefined, { schedule: '* * * * *', suspend: true })),
    ).toEqual(healthy('CronJob is Suspended'));
  });

  it('is Healthy while its first run has not succeeded or a job is running', () => {
    expect(
      cronJobHealth(cron({ lastScheduleTime: '2024-01-02T00:00:00Z' })),
    ).toEqual(
      healthy(
        'The CronJob never completed successfully. It may not be healthy',
      ),
    );
    expect(
      cronJobHealth(
        cron({
          active: [{ name: 'report-28000' }],
          lastScheduleTime: '2024-01-02T00:00:00Z',
          lastSuccessfulTime: '2024-01-01T00:01:00Z',
        }),
      ),
    ).toEqual(
      healthy(
        'The job is running. Its last execution may not have been successful',
      ),
    );
  });

  it('is Degraded when its last success is older than its last schedule', () => {
    expect(
      cronJobHealth(
        cron({
          active: [],
          lastScheduleTime: '2024-01-02T00:00:00Z',
          lastSuccessfulTime: '2024-01-01T00:01:00Z',
        }),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'CronJob has not completed its last execution successfully',
    });
    for (const lastSuccessfulTime of [
      '2024-01-02T00:00:00Z',
      '2024-01-02T00:00:42Z',
    ]) {
      expect(
        cronJobHealth(
          cron({
            lastScheduleTime: '2024-01-02T00:00:00Z',
            lastSuccessfulTime,
          }),
        ),
      ).toEqual(
        healthy('CronJob has completed its last execution successfully'),
      );
    }
  });

  it('fails where the script fails: no spec, or times it cannot compare', () => {
    expect(cronJobHealth(kube('batch/v1', 'CronJob')).status).toBe('Unknown');
    expect(
      cronJobHealth(
        cron({
          lastScheduleTime: '2024-01-02T00:00:00Z',
          lastSuccessfulTime: 5,
        }),
      ).status,
    ).toBe('Unknown');
  });
});
