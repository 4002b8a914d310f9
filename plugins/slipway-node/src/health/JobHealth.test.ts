import { jobHealth } from './JobHealth';
import { cronJobHealth } from './CronJobHealth';
import { kube } from './testObjects';

const job = (conditions: object[]) =>
  kube('batch/v1', 'Job', { status: { conditions } });

describe('jobHealth', () => {
  it('is Progressing without a terminal condition', () => {
    expect(jobHealth(job([])).status).toBe('Progressing');
  });

  it('is Healthy when Complete and Degraded when Failed', () => {
    expect(
      jobHealth(job([{ type: 'Complete', status: 'True', message: 'done' }])),
    ).toEqual({
      status: 'Healthy',
      message: 'done',
    });
    expect(
      jobHealth(
        job([
          { type: 'Failed', status: 'True', message: 'BackoffLimitExceeded' },
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'BackoffLimitExceeded' });
  });

  it('is Suspended but aggregates as Healthy when suspended', () => {
    expect(
      jobHealth(
        job([{ type: 'Suspended', status: 'True', message: 'Job suspended' }]),
      ),
    ).toEqual({
      status: 'Suspended',
      message: 'Job suspended',
      aggregateAs: 'Healthy',
    });
  });
});

describe('cronJobHealth', () => {
  const cron = (status: object, spec: object = {}) =>
    kube('batch/v1', 'CronJob', { spec, status });

  it('is Progressing while jobs are active', () => {
    expect(cronJobHealth(cron({ active: [{ name: 'j' }] })).status).toBe(
      'Progressing',
    );
  });

  it('is Healthy when it never ran or its last run succeeded', () => {
    expect(cronJobHealth(cron({})).message).toBe('CronJob has never run');
    expect(
      cronJobHealth(
        cron({
          lastScheduleTime: '2024-01-01T00:00:00Z',
          lastSuccessfulTime: '2024-01-01T00:01:00Z',
        }),
      ).status,
    ).toBe('Healthy');
  });

  it('is Degraded when the last scheduled run has not succeeded', () => {
    expect(
      cronJobHealth(
        cron({
          lastScheduleTime: '2024-01-02T00:00:00Z',
          lastSuccessfulTime: '2024-01-01T00:01:00Z',
        }),
      ).status,
    ).toBe('Degraded');
    expect(
      cronJobHealth(cron({ lastScheduleTime: '2024-01-02T00:00:00Z' })).status,
    ).toBe('Degraded');
  });

  it('is Suspended when suspended', () => {
    expect(cronJobHealth(cron({}, { suspend: true })).status).toBe('Suspended');
  });
});
