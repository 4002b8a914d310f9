import { hpaHealth } from './HPAHealth';
import { apiServiceHealth } from './APIServiceHealth';
import { workflowHealth } from './WorkflowHealth';
import { kube } from './testObjects';

const v2 = (conditions: object[]) =>
  kube('autoscaling/v2', 'HorizontalPodAutoscaler', { status: { conditions } });

describe('hpaHealth', () => {
  it('is Healthy when able to scale', () => {
    expect(
      hpaHealth(v2([{ type: 'AbleToScale', status: 'True', message: 'ok' }])),
    ).toEqual({
      status: 'Healthy',
      message: 'ok',
    });
  });

  it('is Degraded when metrics cannot be read, even after a healthy condition', () => {
    expect(
      hpaHealth(
        v2([
          { type: 'AbleToScale', status: 'True', message: 'ok' },
          {
            type: 'ScalingActive',
            status: 'False',
            reason: 'FailedGetResourceMetric',
            message: 'no metrics',
          },
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'no metrics' });
  });

  it('is Progressing while waiting to autoscale', () => {
    expect(hpaHealth(v2([])).message).toBe('Waiting to Autoscale');
  });

  it('reads autoscaling/v1 conditions from the annotation', () => {
    const v1 = (annotation?: string) =>
      kube(
        'autoscaling/v1',
        'HorizontalPodAutoscaler',
        {},
        {
          annotations:
            annotation === undefined
              ? undefined
              : { 'autoscaling.alpha.kubernetes.io/conditions': annotation },
        },
      );
    expect(hpaHealth(v1()).status).toBe('Progressing');
    expect(
      hpaHealth(v1('[{"type":"AbleToScale","status":"True"}]')).status,
    ).toBe('Healthy');
    expect(hpaHealth(v1('not json')).status).toBe('Unknown');
  });
});

describe('apiServiceHealth', () => {
  it('follows the Available condition', () => {
    const api = (conditions: object[]) =>
      kube('apiregistration.k8s.io/v1', 'APIService', {
        status: { conditions },
      });
    expect(
      apiServiceHealth(
        api([
          {
            type: 'Available',
            status: 'True',
            reason: 'Passed',
            message: 'all checks passed',
          },
        ]),
      ),
    ).toEqual({ status: 'Healthy', message: 'Passed: all checks passed' });
    expect(
      apiServiceHealth(api([{ type: 'Available', status: 'False' }])).status,
    ).toBe('Progressing');
    expect(apiServiceHealth(api([])).message).toBe('Waiting to be processed');
  });
});

describe('workflowHealth', () => {
  it.each([
    [undefined, 'Progressing'],
    ['Running', 'Progressing'],
    ['Succeeded', 'Healthy'],
    ['Failed', 'Degraded'],
    ['Error', 'Degraded'],
  ])('phase %s is %s', (phase, expected) => {
    expect(
      workflowHealth(
        kube('argoproj.io/v1alpha1', 'Workflow', { status: { phase } }),
      ).status,
    ).toBe(expected);
  });
});
