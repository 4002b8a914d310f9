import {
  numaflowHealthChecks,
  interStepBufferServiceHealth,
  monoVertexHealth,
  numaflowPipelineHealth,
  numaflowVertexHealth,
} from './NumaflowHealth';
import { kube } from '../testObjects';

const API = 'numaflow.numaproj.io/v1alpha1';
const FAILED_UPGRADE = {
  'numaplane.numaproj.io/progressive-result-state': 'failed',
};

const numaflow = (
  kind: string,
  status?: object,
  labels?: Record<string, string>,
) => kube(API, kind, { status }, { generation: 2, labels });
const current = (more: object) => ({ observedGeneration: 2, ...more });
const falseCondition = (message: string) => ({
  conditions: [
    { type: 'Deployed', status: 'True', message: 'Successful' },
    { type: 'PodsHealthy', status: 'False', message },
  ],
});

describe.each([
  ['Vertex', numaflowVertexHealth],
  ['InterStepBufferService', interStepBufferServiceHealth],
  ['Pipeline', numaflowPipelineHealth],
  ['MonoVertex', monoVertexHealth],
])('Numaflow %s', (kind, check) => {
  const waiting = {
    status: 'Progressing',
    message: `Waiting for ${kind} status`,
  };

  it('waits for a status that describes the current generation', () => {
    expect(check(numaflow(kind))).toEqual(waiting);
    expect(
      check(numaflow(kind, { observedGeneration: 1, phase: 'Running' })),
    ).toEqual(waiting);
    expect(check(numaflow(kind, current({ phase: 'Pending' })))).toEqual(
      waiting,
    );
  });

  it('is healthy while running', () => {
    expect(check(numaflow(kind, current({ phase: 'Running' })))).toEqual({
      status: 'Healthy',
      message: `${kind} is healthy`,
    });
  });

  it('is degraded when failed, with the failure message', () => {
    expect(
      check(numaflow(kind, current({ phase: 'Failed', message: 'boom' }))),
    ).toEqual({ status: 'Degraded', message: 'boom' });
  });
});

describe('Numaflow conditions', () => {
  const unhealthy = (kind: string) =>
    numaflow(kind, current({ phase: 'Running', ...falseCondition('No Pods') }));

  it('Vertex and InterStepBufferService quote the False condition', () => {
    expect(numaflowVertexHealth(unhealthy('Vertex'))).toEqual({
      status: 'Degraded',
      message: 'No Pods',
    });
    expect(
      interStepBufferServiceHealth(unhealthy('InterStepBufferService')),
    ).toEqual({ status: 'Degraded', message: 'No Pods' });
  });

  it('Pipeline and MonoVertex summarize them', () => {
    const summary = {
      status: 'Degraded',
      message: 'Subresources are unhealthy',
    };
    expect(numaflowPipelineHealth(unhealthy('Pipeline'))).toEqual(summary);
    expect(monoVertexHealth(unhealthy('MonoVertex'))).toEqual(summary);
  });
});

describe('Numaflow pauses', () => {
  it('counts a paused Vertex, Pipeline or MonoVertex as healthy', () => {
    const paused = (kind: string, phase = 'Paused') =>
      numaflow(kind, current({ phase }));
    expect(numaflowVertexHealth(paused('Vertex'))).toEqual({
      status: 'Healthy',
      message: 'Vertex is paused',
    });
    expect(numaflowPipelineHealth(paused('Pipeline', 'Pausing'))).toEqual({
      status: 'Healthy',
      message: 'Pipeline is paused',
    });
    expect(monoVertexHealth(paused('MonoVertex'))).toEqual({
      status: 'Healthy',
      message: 'MonoVertex is paused',
    });
  });
});

describe('Numaplane progressive upgrades', () => {
  it('marks a child whose progressive upgrade failed as degraded', () => {
    const failed = (kind: string) =>
      numaflow(kind, current({ phase: 'Running' }), FAILED_UPGRADE);
    const degraded = {
      status: 'Degraded',
      message: 'Failed progressive upgrade',
    };
    expect(
      interStepBufferServiceHealth(failed('InterStepBufferService')),
    ).toEqual(degraded);
    expect(numaflowPipelineHealth(failed('Pipeline'))).toEqual(degraded);
    expect(monoVertexHealth(failed('MonoVertex'))).toEqual(degraded);
  });

  it('leaves a Vertex alone (its check does not read the label)', () => {
    expect(
      numaflowVertexHealth(
        numaflow('Vertex', current({ phase: 'Running' }), FAILED_UPGRADE),
      ).status,
    ).toBe('Healthy');
  });
});

it('registers the Numaflow kinds under their Argo CD folder names', () => {
  expect(Object.keys(numaflowHealthChecks).sort()).toEqual([
    'numaflow.numaproj.io/InterStepBufferService',
    'numaflow.numaproj.io/MonoVertex',
    'numaflow.numaproj.io/Pipeline',
    'numaflow.numaproj.io/Vertex',
  ]);
});
