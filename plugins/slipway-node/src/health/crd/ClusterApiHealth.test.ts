import {
  clusterApiHealthChecks,
  clusterHealth,
  clusterResourceSetHealth,
  machineDeploymentHealth,
  machineHealth,
  machineHealthCheckHealth,
  machinePoolHealth,
} from './ClusterApiHealth';
import { kube } from '../testObjects';

const capi = (kind: string, body: Record<string, unknown> = {}) =>
  kube('cluster.x-k8s.io/v1beta1', kind, body);

const cond = (type: string, status: string, extra: object = {}) => ({
  type,
  status,
  ...extra,
});

describe('Cluster API Cluster', () => {
  const cluster = (status?: object, spec: object = {}) =>
    capi('Cluster', { spec, status });

  it('is Suspended while paused, whatever its conditions say', () => {
    expect(
      clusterHealth(
        cluster({ conditions: [cond('Ready', 'False')] }, { paused: true }),
      ),
    ).toEqual({ status: 'Suspended', message: 'Cluster is paused' });
  });

  it('is Unknown without a spec, where Argo CD’s script fails', () => {
    expect(clusterHealth(kube('cluster.x-k8s.io/v1beta1', 'Cluster'))).toEqual(
      expect.objectContaining({ status: 'Unknown' }),
    );
  });

  it('is Degraded with the message of the first required condition not True', () => {
    expect(
      clusterHealth(
        cluster({
          phase: 'Provisioned',
          conditions: [
            cond('Ready', 'True'),
            cond('InfrastructureReady', 'Unknown', { message: 'no VPC' }),
          ],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'no VPC' });
  });

  it('is Progressing while work is in flight', () => {
    expect(
      clusterHealth(
        cluster({
          conditions: [cond('ScalingUp', 'True', { message: 'adding 1' })],
        }),
      ),
    ).toEqual({ status: 'Progressing', message: 'adding 1' });
    expect(
      clusterHealth(
        cluster({
          conditions: [
            cond('TopologyReconciled', 'False', { message: 'on hold' }),
          ],
        }),
      ),
    ).toEqual({ status: 'Progressing', message: 'on hold' });
  });

  it('prefers the v1beta2 conditions a v1beta1 object carries', () => {
    expect(
      clusterHealth(
        cluster({
          phase: 'Provisioned',
          conditions: [cond('Ready', 'True')],
          v1beta2: {
            conditions: [cond('RollingOut', 'True', { message: 'rolling' })],
          },
        }),
      ),
    ).toEqual({ status: 'Progressing', message: 'rolling' });
  });

  it('falls back to the phase when no condition is off', () => {
    const healthy = [cond('Ready', 'True'), cond('RollingOut', 'False')];
    expect(
      clusterHealth(cluster({ phase: 'Provisioned', conditions: healthy })),
    ).toEqual({ status: 'Healthy', message: 'Cluster is running' });
    expect(clusterHealth(cluster({ phase: 'Failed' }))).toEqual({
      status: 'Degraded',
      message: '',
    });
    expect(clusterHealth(cluster({ phase: 'Provisioning' }))).toEqual({
      status: 'Progressing',
      message: 'Waiting for Cluster',
    });
    expect(clusterHealth(cluster())).toEqual({
      status: 'Progressing',
      message: 'Waiting for Cluster',
    });
  });
});

describe('Cluster API Machine', () => {
  const machine = (status?: object) => capi('Machine', { status });

  it('is Healthy while Running', () => {
    expect(machineHealth(machine({ phase: 'Running' }))).toEqual({
      status: 'Healthy',
      message: 'Machine is running',
    });
  });

  it('shows the false Ready condition when Failed or still coming up', () => {
    const notReady = [cond('Ready', 'False', { message: '1 of 2 completed' })];
    expect(
      machineHealth(machine({ phase: 'Failed', conditions: notReady })),
    ).toEqual({ status: 'Degraded', message: '1 of 2 completed' });
    expect(
      machineHealth(machine({ phase: 'Provisioning', conditions: notReady })),
    ).toEqual({ status: 'Progressing', message: '1 of 2 completed' });
    expect(machineHealth(machine())).toEqual({
      status: 'Progressing',
      message: 'Condition is unknown',
    });
  });
});

describe('Cluster API MachineDeployment', () => {
  const md = (phase?: string, spec: object = {}) =>
    capi('MachineDeployment', { spec, status: phase ? { phase } : undefined });

  it('reads pause first, then the phase', () => {
    expect(machineDeploymentHealth(md('Running', { paused: true }))).toEqual({
      status: 'Suspended',
      message: 'MachineDeployment is paused',
    });
    expect(machineDeploymentHealth(md('Running'))).toEqual({
      status: 'Healthy',
      message: 'Machines are running under this deployment',
    });
    expect(machineDeploymentHealth(md('ScalingUp'))).toEqual({
      status: 'Progressing',
      message: 'Cluster is spawning machines',
    });
    expect(machineDeploymentHealth(md('ScalingDown'))).toEqual({
      status: 'Progressing',
      message: 'Cluster is stopping machines',
    });
    expect(machineDeploymentHealth(md('Failed'))).toEqual({
      status: 'Degraded',
      message: 'MachineDeployment is failed',
    });
    expect(machineDeploymentHealth(md())).toEqual({
      status: 'Progressing',
      message: 'Waiting for machines',
    });
  });

  it('is Unknown without a spec', () => {
    expect(
      machineDeploymentHealth(
        kube('cluster.x-k8s.io/v1beta1', 'MachineDeployment'),
      ).status,
    ).toBe('Unknown');
  });
});

describe('Cluster API MachineHealthCheck', () => {
  const mhc = (status?: object) => capi('MachineHealthCheck', { status });

  it('compares healthy machines with expected ones, without message', () => {
    expect(machineHealthCheckHealth(mhc())).toEqual({
      status: 'Progressing',
      message: '',
    });
    expect(
      machineHealthCheckHealth(mhc({ expectedMachines: 3, currentHealthy: 3 })),
    ).toEqual({ status: 'Healthy', message: '' });
    expect(
      machineHealthCheckHealth(mhc({ expectedMachines: 3, currentHealthy: 1 })),
    ).toEqual({ status: 'Degraded', message: '' });
  });
});

describe('Cluster API MachinePool', () => {
  const pool = (status?: object) => capi('MachinePool', { status });

  it('names the phase and every False condition', () => {
    expect(
      machinePoolHealth(
        pool({
          phase: 'Provisioning',
          conditions: [
            cond('Ready', 'False', { reason: 'WaitingForInfrastructure' }),
            cond('BootstrapReady', 'True'),
            cond('InfrastructureReady', 'False'),
          ],
        }),
      ),
    ).toEqual({
      status: 'Progressing',
      message:
        'MachinePool is Provisioning: Not Ready (WaitingForInfrastructure), Not InfrastructureReady',
    });
  });

  it('is Healthy when Running or Scaling, Degraded when Failed or Unknown', () => {
    expect(machinePoolHealth(pool({ phase: 'Running' }))).toEqual({
      status: 'Healthy',
      message: 'MachinePool is Running',
    });
    expect(machinePoolHealth(pool({ phase: 'Scaling' })).status).toBe(
      'Healthy',
    );
    expect(machinePoolHealth(pool({ phase: 'Failed' }))).toEqual({
      status: 'Degraded',
      message: 'MachinePool is Failed',
    });
    expect(machinePoolHealth(pool({ phase: 'Unknown' })).status).toBe(
      'Degraded',
    );
  });

  it('keeps the leading colon when only conditions are known, as Argo CD does', () => {
    expect(
      machinePoolHealth(pool({ conditions: [cond('Ready', 'False')] })),
    ).toEqual({ status: 'Progressing', message: ': Not Ready' });
    expect(machinePoolHealth(pool())).toEqual({
      status: 'Progressing',
      message: '',
    });
  });
});

describe('Cluster API ClusterResourceSet', () => {
  const crs = (conditions?: object[]) =>
    kube('addons.cluster.x-k8s.io/v1beta1', 'ClusterResourceSet', {
      status: conditions ? { conditions } : undefined,
    });

  it('follows ResourcesApplied', () => {
    expect(clusterResourceSetHealth(crs())).toEqual({
      status: 'Progressing',
      message: 'Initializing cluster resource set',
    });
    expect(
      clusterResourceSetHealth(crs([cond('ResourcesApplied', 'Unknown')])),
    ).toEqual({
      status: 'Progressing',
      message: 'Initializing cluster resource set',
    });
    expect(
      clusterResourceSetHealth(crs([cond('ResourcesApplied', 'True')])),
    ).toEqual({
      status: 'Healthy',
      message: 'cluster resource set is applied',
    });
    expect(
      clusterResourceSetHealth(
        crs([cond('ResourcesApplied', 'False', { message: 'no cluster' })]),
      ),
    ).toEqual({ status: 'Degraded', message: 'no cluster' });
  });
});

describe('clusterApiHealthChecks', () => {
  it('is keyed by Argo CD folder names', () => {
    expect(Object.keys(clusterApiHealthChecks).sort()).toEqual([
      'addons.cluster.x-k8s.io/ClusterResourceSet',
      'cluster.x-k8s.io/Cluster',
      'cluster.x-k8s.io/Machine',
      'cluster.x-k8s.io/MachineDeployment',
      'cluster.x-k8s.io/MachineHealthCheck',
      'cluster.x-k8s.io/MachinePool',
      'controlplane.cluster.x-k8s.io/AWSManagedControlPlane',
      'controlplane.cluster.x-k8s.io/KubeadmControlPlane',
    ]);
  });
});
