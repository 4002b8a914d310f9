import {
  backendTrafficPolicyHealth,
  envoyBackendHealth,
  envoyGatewayHealthChecks,
} from './EnvoyGatewayHealth';
import { kube } from '../testObjects';

const accepted = (
  status: string,
  message?: string,
  observedGeneration?: number,
) => ({
  type: 'Accepted',
  status,
  ...(message === undefined ? {} : { message }),
  ...(observedGeneration === undefined ? {} : { observedGeneration }),
});

describe('Envoy Gateway Backend health', () => {
  const backend = (conditions?: object[], generation?: number) =>
    kube(
      'gateway.envoyproxy.io/v1alpha1',
      'Backend',
      conditions ? { status: { conditions } } : {},
      generation === undefined ? {} : { generation },
    );

  it('waits until the Backend is accepted or rejected', () => {
    expect(envoyBackendHealth(backend())).toEqual({
      status: 'Progressing',
      message: 'Waiting for Backend status',
    });
  });

  it('follows Accepted for the current generation', () => {
    expect(
      envoyBackendHealth(
        backend([accepted('True', 'Backend is accepted', 2)], 2),
      ),
    ).toEqual({ status: 'Healthy', message: 'Backend is accepted' });
    expect(
      envoyBackendHealth(backend([accepted('False', 'invalid')], 2)),
    ).toEqual({ status: 'Degraded', message: 'invalid' });
    // Anything but True counts against it.
    expect(envoyBackendHealth(backend([accepted('Unknown')], 2))).toEqual({
      status: 'Degraded',
    });
  });

  it('waits for an update when Accepted describes another generation', () => {
    const stale = {
      status: 'Progressing',
      message: 'Waiting for Backend status to be updated',
    };
    expect(envoyBackendHealth(backend([accepted('True', 'ok', 1)], 2))).toEqual(
      stale,
    );
    expect(envoyBackendHealth(backend([accepted('True', 'ok', 1)]))).toEqual(
      stale,
    );
  });
});

describe('Envoy Gateway policy health', () => {
  const policy = (ancestors?: object[][], generation?: number) =>
    kube(
      'gateway.envoyproxy.io/v1alpha1',
      'BackendTrafficPolicy',
      ancestors
        ? {
            status: {
              ancestors: ancestors.map(conditions => ({ conditions })),
            },
          }
        : {},
      generation === undefined ? {} : { generation },
    );
  const waiting = {
    status: 'Progressing',
    message: 'Waiting for BackendTrafficPolicy status',
  };
  const healthy = {
    status: 'Healthy',
    message: 'BackendTrafficPolicy is healthy',
  };

  it('waits until an ancestor reports on the current generation', () => {
    expect(backendTrafficPolicyHealth(policy())).toEqual(waiting);
    expect(backendTrafficPolicyHealth(policy([[]], 1))).toEqual(waiting);
    expect(
      backendTrafficPolicyHealth(policy([[accepted('False', 'old', 1)]], 2)),
    ).toEqual(waiting);
  });

  it('is Healthy when a current ancestor reports', () => {
    expect(
      backendTrafficPolicyHealth(policy([[accepted('True', 'ok', 2)]], 2)),
    ).toEqual(healthy);
    // A stale rejection from another ancestor does not count.
    expect(
      backendTrafficPolicyHealth(
        policy([[accepted('False', 'old', 1)], [accepted('True', 'ok', 2)]], 2),
      ),
    ).toEqual(healthy);
    // Without a generation to compare with, every ancestor is current.
    expect(
      backendTrafficPolicyHealth(policy([[accepted('True', 'ok', 7)]])),
    ).toEqual(healthy);
  });

  it('is Degraded when any current ancestor rejects the policy', () => {
    expect(
      backendTrafficPolicyHealth(
        policy(
          [[accepted('True', 'ok', 3)], [accepted('False', 'invalid', 3)]],
          3,
        ),
      ),
    ).toEqual({ status: 'Degraded', message: 'invalid' });
  });

  it('ignores an ancestor with any condition from an older generation', () => {
    expect(
      backendTrafficPolicyHealth(
        policy(
          [
            [
              accepted('False', 'bad', 2),
              { type: 'ResolvedRefs', status: 'True', observedGeneration: 1 },
            ],
          ],
          2,
        ),
      ),
    ).toEqual(waiting);
  });

  it('leaves null ancestors and conditions out, as Argo CD does', () => {
    // Only null conditions: the ancestor reports nothing for generation 2.
    expect(backendTrafficPolicyHealth(policy([[null as any]], 2))).toEqual(
      waiting,
    );
    expect(
      backendTrafficPolicyHealth(
        policy([[null as any, accepted('False', 'invalid', 2)]], 2),
      ),
    ).toEqual({ status: 'Degraded', message: 'invalid' });
    expect(
      backendTrafficPolicyHealth(
        kube(
          'gateway.envoyproxy.io/v1alpha1',
          'BackendTrafficPolicy',
          {
            status: {
              ancestors: [null, { conditions: [accepted('True', 'ok', 2)] }],
            },
          },
          { generation: 2 },
        ),
      ),
    ).toEqual(healthy);
  });

  it('names the kind in the messages of every policy kind', () => {
    for (const kind of [
      'ClientTrafficPolicy',
      'EnvoyExtensionPolicy',
      'EnvoyPatchPolicy',
      'SecurityPolicy',
    ]) {
      const check = envoyGatewayHealthChecks[`gateway.envoyproxy.io/${kind}`];
      const obj = (conditions: object[]) =>
        kube('gateway.envoyproxy.io/v1alpha1', kind, {
          status: { ancestors: [{ conditions }] },
        });
      expect(check(obj([]))).toEqual({
        status: 'Progressing',
        message: `Waiting for ${kind} status`,
      });
      expect(check(obj([accepted('True')]))).toEqual({
        status: 'Healthy',
        message: `${kind} is healthy`,
      });
      expect(check(obj([accepted('False', 'no')]))).toEqual({
        status: 'Degraded',
        message: 'no',
      });
    }
  });
});
