import {
  inferenceServiceHealth,
  kserveHealthChecks,
  llmInferenceServiceHealth,
} from './KServeHealth';
import { kube } from '../testObjects';

const ready = (type: string) => ({ type, status: 'True' });

describe('KServe InferenceService', () => {
  const isvc = (conditions?: object[], annotations?: Record<string, string>) =>
    kube(
      'serving.kserve.io/v1beta1',
      'InferenceService',
      { status: conditions ? { conditions } : undefined },
      { annotations },
    );
  const serverless = [
    'IngressReady',
    'PredictorConfigurationReady',
    'PredictorReady',
    'PredictorRouteReady',
    'Ready',
  ].map(ready);

  it('waits until the controller reports conditions', () => {
    expect(inferenceServiceHealth(isvc())).toEqual({
      status: 'Progressing',
      message: 'Waiting for status update.',
    });
  });

  it('is healthy when all five serverless conditions are True', () => {
    expect(inferenceServiceHealth(isvc(serverless))).toEqual({
      status: 'Healthy',
      message: 'Inference Service is healthy.',
    });
  });

  it('needs only three in RawDeployment mode, which has no Knative routes', () => {
    const raw = [
      ready('IngressReady'),
      ready('PredictorReady'),
      ready('Ready'),
    ];
    expect(inferenceServiceHealth(isvc(raw)).status).toBe('Progressing');
    expect(
      inferenceServiceHealth(
        isvc(raw, { 'serving.kserve.io/deploymentMode': 'RawDeployment' }),
      ).status,
    ).toBe('Healthy');
  });

  it('lists what is not ready; a False condition makes it Degraded', () => {
    expect(
      inferenceServiceHealth(
        isvc([
          {
            type: 'IngressReady',
            status: 'False',
            reason: 'Ingress not created',
          },
          { type: 'Ready', status: 'Unknown', message: 'waiting' },
        ]),
      ),
    ).toEqual({
      status: 'Degraded',
      message:
        'IngressReady is False, since Ingress not created.\nReady is Unknown waiting\n',
    });
    expect(
      inferenceServiceHealth(isvc([{ type: 'Ready', status: 'Unknown' }])),
    ).toEqual({ status: 'Progressing', message: 'Ready is Unknown\n' });
  });
});

describe('KServe LLMInferenceService', () => {
  const llm = (status?: object, generation?: number) =>
    kube(
      'serving.kserve.io/v1alpha1',
      'LLMInferenceService',
      { status },
      { generation },
    );

  it('waits for the controller to report conditions', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for LLMInferenceService to report status...',
    };
    expect(llmInferenceServiceHealth(llm())).toEqual(waiting);
    expect(llmInferenceServiceHealth(llm({}))).toEqual(waiting);
    expect(llmInferenceServiceHealth(llm({ conditions: [] }))).toEqual(waiting);
  });

  it('is healthy when Ready is True for the current generation', () => {
    expect(
      llmInferenceServiceHealth(
        llm({ observedGeneration: 2, conditions: [ready('Ready')] }, 2),
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'LLMInferenceService is healthy.',
    });
  });

  it('does not trust a Ready that predates the latest spec change', () => {
    const stale = {
      status: 'Progressing',
      message:
        'Waiting for LLMInferenceService reconciliation (generation mismatch)',
    };
    expect(
      llmInferenceServiceHealth(
        llm({ observedGeneration: 1, conditions: [ready('Ready')] }, 2),
      ),
    ).toEqual(stale);
    expect(
      llmInferenceServiceHealth(
        llm({ conditions: [{ ...ready('Ready'), observedGeneration: 1 }] }, 2),
      ),
    ).toEqual(stale);
  });

  it('is suspended when the controller stopped it', () => {
    expect(
      llmInferenceServiceHealth(
        llm({
          conditions: [
            { type: 'WorkloadsReady', status: 'False', reason: 'Stopped' },
            { type: 'Ready', status: 'False', reason: 'Stopped' },
          ],
        }),
      ),
    ).toEqual({
      status: 'Suspended',
      message: 'LLMInferenceService is Stopped',
    });
  });

  it('explains a failing or pending Ready by the dependents not yet True', () => {
    expect(
      llmInferenceServiceHealth(
        llm({
          conditions: [
            {
              type: 'MainWorkloadReady',
              status: 'False',
              reason: 'WorkloadFailed',
              message: 'crash',
            },
            ready('RouterReady'),
            { type: 'Ready', status: 'False', message: 'not ready' },
            { type: 'WorkloadsReady', status: 'Unknown' },
          ],
        }),
      ),
    ).toEqual({
      status: 'Degraded',
      message:
        'MainWorkloadReady: False | WorkloadFailed | crash; WorkloadsReady: Unknown',
    });
    expect(
      llmInferenceServiceHealth(
        llm({
          conditions: [{ type: 'Ready', status: 'Unknown', message: 'soon' }],
        }),
      ),
    ).toEqual({ status: 'Progressing', message: 'soon' });
  });
});

it('registers the KServe kinds under their Argo CD folder names', () => {
  expect(Object.keys(kserveHealthChecks).sort()).toEqual([
    'serving.kserve.io/InferenceService',
    'serving.kserve.io/LLMInferenceService',
  ]);
});
