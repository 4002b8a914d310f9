import {
  awsManagedControlPlaneHealth,
  kubeadmControlPlaneHealth,
} from './ClusterApiHealth';
import { kube } from '../testObjects';

const cond = (type: string, status: string, extra: object = {}) => ({
  type,
  status,
  ...extra,
});

describe('Cluster API KubeadmControlPlane', () => {
  const kcp = (status?: Record<string, unknown>) =>
    kube('controlplane.cluster.x-k8s.io/v1beta1', 'KubeadmControlPlane', {
      spec: { replicas: 3 },
      status,
    });
  const converged = { replicas: 3, updatedReplicas: 3, readyReplicas: 3 };

  it('waits for a status', () => {
    expect(kubeadmControlPlaneHealth(kcp())).toEqual({
      status: 'Progressing',
      message: 'Waiting for KubeadmControlPlane status',
    });
  });

  it('is Degraded when etcd is unhealthy, before anything else', () => {
    expect(
      kubeadmControlPlaneHealth(
        kcp({
          ...converged,
          conditions: [
            cond('ControlPlaneComponentsHealthy', 'False'),
            cond('EtcdClusterHealthy', 'Unknown'),
          ],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'Etcd cluster is unhealthy' });
  });

  it('is Progressing on machines, components and rollouts, in that order', () => {
    const v1beta2 = (...conditions: object[]) => ({
      ...converged,
      v1beta2: { conditions },
    });
    expect(
      kubeadmControlPlaneHealth(kcp(v1beta2(cond('MachinesReady', 'Unknown'))))
        .message,
    ).toBe('Machines not ready');
    expect(
      kubeadmControlPlaneHealth(kcp(v1beta2(cond('MachinesUpToDate', 'False'))))
        .message,
    ).toBe('Updating machines');
    expect(
      kubeadmControlPlaneHealth(
        kcp({
          ...converged,
          conditions: [cond('ControlPlaneComponentsHealthy', 'False')],
        }),
      ).message,
    ).toBe('Control plane components unhealthy');
    expect(
      kubeadmControlPlaneHealth(kcp(v1beta2(cond('RollingOut', 'True')))),
    ).toEqual({ status: 'Progressing', message: 'Rolling out' });
  });

  it('then compares replica counts, missing ones counting as 0', () => {
    expect(
      kubeadmControlPlaneHealth(
        kcp({ replicas: 5, updatedReplicas: 3, readyReplicas: 5 }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Updating: 3/5 updated, 5 ready',
    });
    expect(kubeadmControlPlaneHealth(kcp({ replicas: 3 })).message).toBe(
      'Updating: 0/3 updated, 0 ready',
    );
    expect(
      kubeadmControlPlaneHealth(
        kcp({ replicas: 1, updatedReplicas: 1, readyReplicas: 3 }),
      ),
    ).toEqual({ status: 'Progressing', message: '3/1 ready' });
    expect(kubeadmControlPlaneHealth(kcp(converged))).toEqual({
      status: 'Healthy',
      message: 'Control plane is healthy',
    });
    expect(kubeadmControlPlaneHealth(kcp({})).status).toBe('Healthy');
  });
});

describe('Cluster API AWSManagedControlPlane', () => {
  const eks = (status?: Record<string, unknown>) =>
    kube('controlplane.cluster.x-k8s.io/v1beta2', 'AWSManagedControlPlane', {
      status,
    });

  it('is provisioning without status or conditions', () => {
    const provisioning = { status: 'Progressing', message: 'Provisioning...' };
    expect(awsManagedControlPlaneHealth(eks())).toEqual(provisioning);
    expect(awsManagedControlPlaneHealth(eks({ ready: false }))).toEqual(
      provisioning,
    );
  });

  it('is Degraded on a failure message, even without conditions', () => {
    expect(
      awsManagedControlPlaneHealth(eks({ failureMessage: 'out of support' })),
    ).toEqual({ status: 'Degraded', message: 'out of support' });
  });

  it('is Progressing during an in-place EKS update, even when Ready', () => {
    expect(
      awsManagedControlPlaneHealth(
        eks({
          conditions: [
            cond('Ready', 'True'),
            cond('EKSControlPlaneUpdating', 'True'),
          ],
        }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'EKS control plane is updating',
    });
  });

  it('is Healthy on a True Ready, even after error conditions', () => {
    expect(
      awsManagedControlPlaneHealth(
        eks({
          conditions: [
            cond('SubnetsReady', 'False', { severity: 'Error', message: 'x' }),
            cond('Ready', 'True'),
          ],
        }),
      ),
    ).toEqual({ status: 'Healthy', message: 'Control plane is ready' });
  });

  it('joins the messages of Error conditions, each followed by a space', () => {
    expect(
      awsManagedControlPlaneHealth(
        eks({
          conditions: [
            cond('Ready', 'False', { severity: 'Error', message: '7 of 10' }),
            cond('VpcReady', 'False', { severity: 'Warning', message: 'no' }),
            cond('', 'False', { severity: 'Error', message: 'quota' }),
          ],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: '7 of 10 quota ' });
  });

  it('is Unknown when an Error condition has no message', () => {
    expect(
      awsManagedControlPlaneHealth(
        eks({ conditions: [cond('Ready', 'False', { severity: 'Error' })] }),
      ).status,
    ).toBe('Unknown');
  });

  it('otherwise says why it is not ready', () => {
    const notReady = [cond('Ready', 'False')];
    expect(
      awsManagedControlPlaneHealth(eks({ conditions: notReady, ready: false })),
    ).toEqual({
      status: 'Progressing',
      message: 'Control plane is not ready (.status.ready is false)',
    });
    expect(
      awsManagedControlPlaneHealth(eks({ conditions: notReady, ready: true })),
    ).toEqual({ status: 'Progressing', message: 'Control plane is not ready' });
  });
});
