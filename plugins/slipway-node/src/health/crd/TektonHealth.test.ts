import {
  pipelineRunHealth,
  taskRunHealth,
  tektonHealthChecks,
} from './TektonHealth';
import { kube } from '../testObjects';

const run = (kind: string, conditions?: object[]) =>
  kube('tekton.dev/v1', kind, conditions ? { status: { conditions } } : {});
const succeeded = (status: string, extra: object = {}) => ({
  type: 'Succeeded',
  status,
  ...extra,
});

describe.each([
  ['PipelineRun', pipelineRunHealth],
  ['TaskRun', taskRunHealth],
])('Tekton %s health', (kind, check) => {
  it('waits for the run to start until Succeeded is reported', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for run to start',
    };
    expect(check(run(kind))).toEqual(waiting);
    expect(check(run(kind, [{ type: 'Other', status: 'True' }]))).toEqual(
      waiting,
    );
  });

  it('maps Succeeded True, False and Unknown', () => {
    expect(
      check(run(kind, [succeeded('True', { message: 'All done' })])),
    ).toEqual({ status: 'Healthy', message: 'All done' });
    expect(
      check(run(kind, [succeeded('False', { message: '1 failed' })])),
    ).toEqual({ status: 'Degraded', message: '1 failed' });
    expect(
      check(run(kind, [succeeded('Unknown', { message: 'running' })])),
    ).toEqual({ status: 'Progressing', message: 'running' });
  });

  it('falls back to the reason, then to no message', () => {
    expect(
      check(run(kind, [succeeded('False', { reason: 'Cancelled' })])),
    ).toEqual({ status: 'Degraded', message: 'Cancelled' });
    expect(check(run(kind, [succeeded('Unknown')]))).toEqual({
      status: 'Progressing',
    });
  });
});

describe('tektonHealthChecks', () => {
  it('is keyed as Argo CD names its folders', () => {
    expect(Object.keys(tektonHealthChecks).sort()).toEqual([
      'tekton.dev/PipelineRun',
      'tekton.dev/TaskRun',
    ]);
  });
});
