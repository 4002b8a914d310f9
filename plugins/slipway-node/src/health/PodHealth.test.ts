import { isHook, podHealth } from './PodHealth';
import { kube } from './testObjects';

const pod = (
  restartPolicy: string,
  status: object,
  annotations?: Record<string, string>,
) => kube('v1', 'Pod', { spec: { restartPolicy }, status }, { annotations });

const ready = { type: 'Ready', status: 'True' };

describe('podHealth', () => {
  it('is Healthy when running and Ready', () => {
    expect(
      podHealth(pod('Always', { phase: 'Running', conditions: [ready] }))
        .status,
    ).toBe('Healthy');
  });

  it('is Degraded when a long-running container waits in a back-off or error', () => {
    const health = podHealth(
      pod('Always', {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'a',
            state: {
              waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m' },
            },
          },
          {
            name: 'b',
            state: {
              waiting: { reason: 'ErrImagePull', message: 'no such image' },
            },
          },
          {
            name: 'c',
            state: {
              waiting: { reason: 'ContainerCreating', message: 'creating' },
            },
          },
        ],
      }),
    );
    expect(health).toEqual({
      status: 'Degraded',
      message: 'back-off 5m, no such image',
    });
  });

  it('is Degraded when not ready after a container terminated', () => {
    expect(
      podHealth(
        pod('Always', {
          phase: 'Running',
          containerStatuses: [
            { name: 'a', lastState: { terminated: { exitCode: 1 } } },
          ],
        }),
      ).status,
    ).toBe('Degraded');
  });

  it('keeps finite pods (hooks) Progressing while they run, even in back-off', () => {
    expect(
      podHealth(
        pod('Never', {
          phase: 'Running',
          containerStatuses: [
            { state: { waiting: { reason: 'ImagePullBackOff' } } },
          ],
        }),
      ).status,
    ).toBe('Progressing');
  });

  it('judges a Never pod like a long-running one with the ignore-restart-policy annotation', () => {
    const annotations = { 'argocd.argoproj.io/ignore-restart-policy': 'true' };
    expect(
      podHealth(
        pod('Never', { phase: 'Running', conditions: [ready] }, annotations),
      ).status,
    ).toBe('Healthy');
    expect(
      podHealth(
        pod(
          'Never',
          { phase: 'Running', conditions: [ready] },
          {
            ...annotations,
            'argocd.argoproj.io/hook': 'PostSync',
          },
        ),
      ).status,
    ).toBe('Progressing');
  });

  it('maps the phases Pending, Succeeded and Failed', () => {
    expect(podHealth(pod('Always', { phase: 'Pending' })).status).toBe(
      'Progressing',
    );
    expect(podHealth(pod('Never', { phase: 'Succeeded' })).status).toBe(
      'Healthy',
    );
    expect(
      podHealth(pod('Never', { phase: 'Failed', message: 'evicted' })),
    ).toEqual({
      status: 'Degraded',
      message: 'evicted',
    });
  });

  it('explains a failed pod from its containers when the pod has no message', () => {
    expect(
      podHealth(
        pod('Never', {
          phase: 'Failed',
          containerStatuses: [
            { name: 'main', state: { terminated: { exitCode: 3 } } },
          ],
        }),
      ).message,
    ).toBe('container "main" failed with exit code 3');
    expect(
      podHealth(
        pod('Never', {
          phase: 'Failed',
          initContainerStatuses: [
            {
              name: 'init',
              state: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
            },
          ],
        }),
      ).message,
    ).toBe('OOMKilled');
  });

  it('is Unknown without a phase', () => {
    expect(podHealth(pod('Always', {})).status).toBe('Unknown');
  });
});

describe('isHook', () => {
  it('recognises Argo CD and Helm hooks but not Skip or crd-install', () => {
    expect(
      isHook(
        kube(
          'v1',
          'Pod',
          {},
          { annotations: { 'argocd.argoproj.io/hook': 'PreSync' } },
        ),
      ),
    ).toBe(true);
    expect(
      isHook(
        kube(
          'v1',
          'Pod',
          {},
          { annotations: { 'argocd.argoproj.io/hook': 'Skip' } },
        ),
      ),
    ).toBe(false);
    expect(
      isHook(
        kube(
          'v1',
          'Pod',
          {},
          { annotations: { 'helm.sh/hook': 'pre-install' } },
        ),
      ),
    ).toBe(true);
    expect(
      isHook(
        kube(
          'v1',
          'Pod',
          {},
          { annotations: { 'helm.sh/hook': 'crd-install' } },
        ),
      ),
    ).toBe(false);
    expect(isHook(kube('v1', 'Pod'))).toBe(false);
  });
});
