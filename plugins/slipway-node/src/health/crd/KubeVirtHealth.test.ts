import {
  dataVolumeHealth,
  kubeVirtHealthChecks,
  virtualMachineHealth,
  virtualMachineInstanceHealth,
} from './KubeVirtHealth';
import { kube } from '../testObjects';

const noStatus = { status: 'Progressing', message: 'No status available' };
const ready = { type: 'Ready', status: 'True' };
const notReady = { type: 'Ready', status: 'False', message: 'not running' };
const paused = {
  type: 'Paused',
  status: 'True',
  message: 'VMI was paused by user',
};

describe('KubeVirt VirtualMachine health', () => {
  const vm = (status?: object) =>
    kube('kubevirt.io/v1', 'VirtualMachine', status ? { status } : {});

  it('is Progressing without a status or a Ready condition', () => {
    expect(virtualMachineHealth(vm())).toEqual(noStatus);
    expect(virtualMachineHealth(vm({ volumeSnapshotStatuses: [] }))).toEqual(
      noStatus,
    );
    expect(
      virtualMachineHealth(
        vm({
          conditions: [
            { type: 'Paused', status: 'False' },
            { type: 'AgentConnected', status: 'True' },
          ],
        }),
      ),
    ).toEqual(noStatus);
  });

  it('is Healthy and Running when Ready', () => {
    expect(virtualMachineHealth(vm({ conditions: [ready] }))).toEqual({
      status: 'Healthy',
      message: 'Running',
    });
  });

  it('is Starting while not Ready but an instance exists', () => {
    expect(
      virtualMachineHealth(vm({ conditions: [notReady], created: true })),
    ).toEqual({ status: 'Progressing', message: 'Starting' });
  });

  it('is Suspended as Stopped while not Ready and no instance exists', () => {
    expect(virtualMachineHealth(vm({ conditions: [notReady] }))).toEqual({
      status: 'Suspended',
      message: 'Stopped',
    });
    expect(
      virtualMachineHealth(vm({ conditions: [notReady], created: false })),
    ).toEqual({ status: 'Suspended', message: 'Stopped' });
  });

  it('is Suspended when Paused, before any other verdict or message', () => {
    expect(
      virtualMachineHealth(
        vm({ conditions: [ready, paused], printableStatus: 'Paused!' }),
      ),
    ).toEqual({ status: 'Suspended', message: 'Paused' });
  });

  it('takes the printable status as the message when there is one', () => {
    expect(
      virtualMachineHealth(
        vm({ conditions: [ready], printableStatus: 'Running' }),
      ),
    ).toEqual({ status: 'Healthy', message: 'Running' });
    expect(
      virtualMachineHealth(vm({ printableStatus: 'Provisioning' })),
    ).toEqual({ status: 'Progressing', message: 'Provisioning' });
  });

  it('lets the last Ready condition decide, Starting keeping the status', () => {
    expect(
      virtualMachineHealth(vm({ conditions: [ready, notReady], created: 1 })),
    ).toEqual({ status: 'Healthy', message: 'Starting' });
  });
});

describe('KubeVirt VirtualMachineInstance health', () => {
  const vmi = (status?: object) =>
    kube('kubevirt.io/v1', 'VirtualMachineInstance', status ? { status } : {});

  it('is Progressing without a status', () => {
    expect(virtualMachineInstanceHealth(vmi())).toEqual(noStatus);
    expect(virtualMachineInstanceHealth(vmi({}))).toEqual(noStatus);
  });

  it('settles on the phase before the instance runs', () => {
    for (const phase of ['Pending', 'Scheduling', 'Scheduled']) {
      expect(
        virtualMachineInstanceHealth(vmi({ phase, conditions: [notReady] })),
      ).toEqual({ status: 'Progressing', message: phase });
    }
  });

  it('settles on terminal and unknown phases', () => {
    const phaseOnly = (phase: string) =>
      virtualMachineInstanceHealth(vmi({ phase, conditions: [ready] }));
    expect(phaseOnly('Failed')).toEqual({
      status: 'Degraded',
      message: 'Failed',
    });
    expect(phaseOnly('Succeeded')).toEqual({
      status: 'Suspended',
      message: 'Succeeded',
    });
    expect(phaseOnly('Unknown')).toEqual({
      status: 'Unknown',
      message: 'Unknown',
    });
  });

  it('is Healthy when running and Ready', () => {
    expect(
      virtualMachineInstanceHealth(
        vmi({ phase: 'Running', conditions: [ready] }),
      ),
    ).toEqual({ status: 'Healthy', message: 'Running' });
  });

  it('is Degraded when running but not Ready, quoting the condition', () => {
    expect(
      virtualMachineInstanceHealth(
        vmi({ phase: 'Running', conditions: [notReady] }),
      ),
    ).toEqual({ status: 'Degraded', message: 'not running' });
    expect(
      virtualMachineInstanceHealth(
        vmi({ phase: 'Running', conditions: [{ type: 'Ready' }] }),
      ),
    ).toEqual({ status: 'Degraded' });
  });

  it('is Suspended when Paused, quoting the condition', () => {
    expect(
      virtualMachineInstanceHealth(
        vmi({ phase: 'Running', conditions: [ready, paused] }),
      ),
    ).toEqual({ status: 'Suspended', message: 'VMI was paused by user' });
    expect(
      virtualMachineInstanceHealth(
        vmi({
          phase: 'Running',
          conditions: [ready, { type: 'Paused', status: 'False' }],
        }),
      ),
    ).toEqual({ status: 'Healthy', message: 'Running' });
  });

  it('keeps the phase as the message while no condition decides', () => {
    expect(virtualMachineInstanceHealth(vmi({ phase: 'Running' }))).toEqual({
      status: 'Progressing',
      message: 'Running',
    });
  });
});

describe('CDI DataVolume health', () => {
  const dv = (status?: object) =>
    kube('cdi.kubevirt.io/v1beta1', 'DataVolume', status ? { status } : {});
  const importError = {
    type: 'Running',
    status: 'False',
    reason: 'Error',
    message: 'got 404',
  };

  it('is Progressing without a status', () => {
    expect(dataVolumeHealth(dv())).toEqual(noStatus);
    expect(dataVolumeHealth(dv({}))).toEqual(noStatus);
  });

  it('is Healthy once Succeeded, Suspended while Paused', () => {
    expect(
      dataVolumeHealth(dv({ phase: 'Succeeded', conditions: [importError] })),
    ).toEqual({ status: 'Healthy', message: 'Succeeded' });
    expect(
      dataVolumeHealth(dv({ phase: 'Paused', conditions: [importError] })),
    ).toEqual({ status: 'Suspended', message: 'Paused' });
  });

  it('is Degraded when Failed or Unknown, naming the phase', () => {
    expect(dataVolumeHealth(dv({ phase: 'Failed' }))).toEqual({
      status: 'Degraded',
      message: 'Failed',
    });
    expect(dataVolumeHealth(dv({ phase: 'Unknown' }))).toEqual({
      status: 'Degraded',
      message: 'Unknown',
    });
  });

  it('is Progressing while importing', () => {
    expect(
      dataVolumeHealth(
        dv({
          phase: 'ImportScheduled',
          conditions: [
            { type: 'Running', status: 'False', reason: 'ContainerCreating' },
          ],
        }),
      ),
    ).toEqual({ status: 'Progressing', message: 'ImportScheduled' });
  });

  it('is Degraded with the importer error, even mid-import', () => {
    expect(
      dataVolumeHealth(
        dv({ phase: 'ImportInProgress', conditions: [importError] }),
      ),
    ).toEqual({ status: 'Degraded', message: 'got 404' });
    expect(
      dataVolumeHealth(dv({ phase: 'Failed', conditions: [importError] })),
    ).toEqual({ status: 'Degraded', message: 'got 404' });
    expect(dataVolumeHealth(dv({ conditions: [importError] }))).toEqual({
      status: 'Degraded',
      message: 'got 404',
    });
  });
});

describe('kubeVirtHealthChecks', () => {
  it('is keyed by Argo CD folder names', () => {
    expect(kubeVirtHealthChecks).toEqual({
      'kubevirt.io/VirtualMachine': virtualMachineHealth,
      'kubevirt.io/VirtualMachineInstance': virtualMachineInstanceHealth,
      'cdi.kubevirt.io/DataVolume': dataVolumeHealth,
    });
  });
});
