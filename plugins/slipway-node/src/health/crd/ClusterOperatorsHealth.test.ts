import {
  ansibleJobHealth,
  calicoInstallationHealth,
  clusterOperatorsHealthChecks,
  trustBundleHealth,
  victoriaMetricsHealth,
} from './ClusterOperatorsHealth';
import { kube } from '../testObjects';

const condition = (
  type: string,
  status: string,
  extra: Record<string, unknown> = {},
) => ({ type, status, ...extra });

describe('Calico Installation health', () => {
  const installation = (conditions?: object[], generation?: number) =>
    kube(
      'operator.tigera.io/v1',
      'Installation',
      conditions ? { status: { conditions } } : {},
      generation === undefined ? {} : { generation },
    );
  const waiting = {
    status: 'Progressing',
    message: 'Waiting for Installation to become available',
  };

  it('waits until the Installation is available', () => {
    expect(calicoInstallationHealth(installation())).toEqual(waiting);
    expect(
      calicoInstallationHealth(
        installation([condition('Progressing', 'True', { message: 'x' })]),
      ),
    ).toEqual(waiting);
  });

  it('is Degraded first, with the message, the reason or a default', () => {
    expect(
      calicoInstallationHealth(
        installation([
          condition('Available', 'True'),
          condition('Degraded', 'True', { message: 'calico-node not ready' }),
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'calico-node not ready' });
    expect(
      calicoInstallationHealth(
        installation([condition('Degraded', 'True', { reason: 'NotReady' })]),
      ).message,
    ).toBe('NotReady');
    expect(
      calicoInstallationHealth(installation([condition('Degraded', 'True')]))
        .message,
    ).toBe('Installation is degraded');
  });

  it('is Healthy when available for the current generation', () => {
    expect(
      calicoInstallationHealth(
        installation(
          [
            condition('Available', 'True', {
              message: 'All objects available',
              observedGeneration: 2,
            }),
          ],
          2,
        ),
      ),
    ).toEqual({ status: 'Healthy', message: 'All objects available' });
    expect(
      calicoInstallationHealth(installation([condition('Available', 'True')])),
    ).toEqual({
      status: 'Healthy',
      message: 'All Calico components are available',
    });
  });

  it('waits while availability describes an older generation', () => {
    expect(
      calicoInstallationHealth(
        installation(
          [condition('Available', 'True', { observedGeneration: 2 })],
          3,
        ),
      ),
    ).toEqual({
      status: 'Progressing',
      message:
        'Waiting for Installation status to observe the current generation',
    });
  });
});

describe('trust-manager Bundle health', () => {
  const bundle = (conditions?: object[]) =>
    kube(
      'trust.cert-manager.io/v1alpha1',
      'Bundle',
      conditions ? { status: { conditions } } : {},
    );

  it('waits until Synced is reported', () => {
    expect(trustBundleHealth(bundle())).toEqual({
      status: 'Progressing',
      message: 'Waiting for Bundle to be synced',
    });
  });

  it('is Healthy when synced', () => {
    expect(
      trustBundleHealth(
        bundle([condition('Synced', 'True', { message: 'Synced to all' })]),
      ),
    ).toEqual({ status: 'Healthy', message: 'Synced to all' });
    expect(trustBundleHealth(bundle([condition('Synced', 'True')]))).toEqual({
      status: 'Healthy',
      message: 'Bundle is synced',
    });
  });

  it('is Degraded otherwise, with the message, the reason or a default', () => {
    expect(
      trustBundleHealth(
        bundle([condition('Synced', 'False', { message: 'source not found' })]),
      ),
    ).toEqual({ status: 'Degraded', message: 'source not found' });
    expect(
      trustBundleHealth(
        bundle([condition('Synced', 'False', { reason: 'SourceNotFound' })]),
      ).message,
    ).toBe('SourceNotFound');
    expect(trustBundleHealth(bundle([condition('Synced', 'Unknown')]))).toEqual(
      { status: 'Degraded', message: 'Bundle is not synced' },
    );
    // An empty message is still the controller's message.
    expect(
      trustBundleHealth(
        bundle([condition('Synced', 'False', { message: '', reason: 'R' })]),
      ).message,
    ).toBe('');
  });
});

describe('VictoriaMetrics operator health', () => {
  const vm = (
    status?: Record<string, unknown>,
    metadata: Record<string, unknown> = {},
  ) =>
    kube(
      'operator.victoriametrics.com/v1beta1',
      'VMAgent',
      status ? { status } : {},
      metadata,
    );
  const reconciling = {
    status: 'Progressing',
    message: 'Waiting for the operator to reconcile',
  };

  it('waits for the operator to report on the current generation', () => {
    expect(victoriaMetricsHealth(vm())).toEqual(reconciling);
    expect(
      victoriaMetricsHealth(
        vm(
          { updateStatus: 'operational', observedGeneration: 6 },
          { generation: 7 },
        ),
      ),
    ).toEqual(reconciling);
    expect(victoriaMetricsHealth(vm({}))).toEqual({
      status: 'Progressing',
      message: 'Waiting for the operator to report status',
    });
  });

  it('maps each update status, preferring the reason the operator gave', () => {
    expect(
      victoriaMetricsHealth(
        vm(
          { updateStatus: 'operational', observedGeneration: 3 },
          { generation: 3 },
        ),
      ),
    ).toEqual({ status: 'Healthy', message: 'All components are operational' });
    expect(victoriaMetricsHealth(vm({ updateStatus: 'expanding' }))).toEqual({
      status: 'Progressing',
      message: 'Reconciliation in progress',
    });
    expect(
      victoriaMetricsHealth(vm({ updateStatus: 'paused', reason: '' })),
    ).toEqual({ status: 'Suspended', message: 'Reconciliation is paused' });
    expect(victoriaMetricsHealth(vm({ updateStatus: 'failed' }))).toEqual({
      status: 'Degraded',
      message: 'Reconciliation failed',
    });
    expect(
      victoriaMetricsHealth(
        vm({ updateStatus: 'failed', reason: 'statefulset rollout timed out' }),
      ),
    ).toEqual({ status: 'Degraded', message: 'statefulset rollout timed out' });
  });
});

describe('AnsibleJob health', () => {
  const job = (status?: string, url: unknown = 'https://aap/#/jobs/1') =>
    kube(
      'tower.ansible.com/v1alpha1',
      'AnsibleJob',
      status ? { status: { ansibleJobResult: { status, url } } } : {},
    );

  it('waits for a known job result', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for AnsibleJob',
    };
    expect(ansibleJobHealth(job())).toEqual(waiting);
    expect(ansibleJobHealth(job('mystery'))).toEqual(waiting);
  });

  it('names the result status and the job URL', () => {
    const expected = {
      successful: 'Healthy',
      failed: 'Degraded',
      error: 'Degraded',
      canceled: 'Degraded',
      new: 'Progressing',
      pending: 'Progressing',
      waiting: 'Progressing',
      running: 'Progressing',
    };
    for (const [status, health] of Object.entries(expected)) {
      expect(ansibleJobHealth(job(status))).toEqual({
        status: health,
        message: `${status} job - https://aap/#/jobs/1`,
      });
    }
  });

  it('is Unknown when there is no URL to name, as the script fails', () => {
    expect(ansibleJobHealth(job('running', null)).status).toBe('Unknown');
  });

  it('registers every kind under its Argo CD folder name', () => {
    expect(Object.keys(clusterOperatorsHealthChecks).sort()).toEqual([
      'operator.tigera.io/Installation',
      'operator.victoriametrics.com/_',
      'tower.ansible.com/AnsibleJob',
      'trust.cert-manager.io/Bundle',
    ]);
  });
});
