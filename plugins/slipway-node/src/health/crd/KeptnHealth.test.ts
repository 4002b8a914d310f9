import { keptnHealthChecks } from './KeptnHealth';
import { getCrdHealthCheck } from './crdHealth';
import { kube } from '../testObjects';

const check = (kind: string) => keptnHealthChecks[`lifecycle.keptn.sh/${kind}`];
const keptn = (kind: string, status?: Record<string, unknown>) =>
  kube('lifecycle.keptn.sh/v1beta1', kind, status ? { status } : {});

describe('Keptn lifecycle health', () => {
  const byStatusWord = [
    'KeptnAppVersion',
    'KeptnWorkloadVersion',
    'KeptnWorkloadInstance',
    'KeptnTask',
  ];

  it.each(byStatusWord)(
    'reads the outcome of a %s from status.status',
    kind => {
      expect(check(kind)(keptn(kind, { status: 'Succeeded' }))).toEqual({
        status: 'Healthy',
        message: `${kind} is healthy`,
      });
      expect(check(kind)(keptn(kind, { status: 'Failed' }))).toEqual({
        status: 'Degraded',
        message: `${kind} is degraded`,
      });
      expect(check(kind)(keptn(kind, { status: 'Progressing' }))).toEqual({
        status: 'Progressing',
        message: `${kind} is progressing`,
      });
      // The evaluation's field means nothing here.
      expect(check(kind)(keptn(kind, { overallStatus: 'Succeeded' }))).toEqual({
        status: 'Progressing',
        message: `${kind} is progressing`,
      });
    },
  );

  it('reads the outcome of a KeptnEvaluation from status.overallStatus', () => {
    const evaluation = check('KeptnEvaluation');
    expect(
      evaluation(
        keptn('KeptnEvaluation', {
          overallStatus: 'Failed',
          evaluationStatus: { 'available-cpus': { status: 'Failed' } },
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'KeptnEvaluation is degraded' });
    expect(
      evaluation(keptn('KeptnEvaluation', { overallStatus: 'Succeeded' })),
    ).toEqual({ status: 'Healthy', message: 'KeptnEvaluation is healthy' });
    expect(
      evaluation(keptn('KeptnEvaluation', { status: 'Succeeded' })),
    ).toEqual({
      status: 'Progressing',
      message: 'KeptnEvaluation is progressing',
    });
  });

  it('fails as the script does when the controller wrote no status', () => {
    expect(check('KeptnTask')(keptn('KeptnTask'))).toEqual({
      status: 'Unknown',
      message: 'health check failed: KeptnTask has no status',
    });
  });

  it('is found for every Keptn kind Argo CD bundles a script for', () => {
    for (const kind of [...byStatusWord, 'KeptnEvaluation']) {
      expect(getCrdHealthCheck('lifecycle.keptn.sh', kind)).toBe(check(kind));
    }
    expect(getCrdHealthCheck('lifecycle.keptn.sh', 'KeptnApp')).toBeUndefined();
  });
});
