import { jobHealth } from './JobHealth';
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
