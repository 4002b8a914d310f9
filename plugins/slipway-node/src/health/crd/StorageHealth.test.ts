import {
  longhornVolumeHealth,
  storageHealthChecks,
  tridentBackendConfigHealth,
  tridentOrchestratorHealth,
  volumeSnapshotHealth,
} from './StorageHealth';
import { kube } from '../testObjects';

const trident = (kind: string, status?: object) =>
  kube('trident.netapp.io/v1', kind, status ? { status } : {});

describe('Trident TridentBackendConfig health', () => {
  it('waits for the backend until it is bound and the operation succeeded', () => {
    const waiting = {
      status: 'Progressing',
      message: 'Waiting for backend creation',
    };
    expect(tridentBackendConfigHealth(trident('TridentBackendConfig'))).toEqual(
      waiting,
    );
    expect(
      tridentBackendConfigHealth(
        trident('TridentBackendConfig', {
          phase: 'Bound',
          lastOperationStatus: 'Progressing',
          message: 'Creating backend',
        }),
      ),
    ).toEqual(waiting);
  });

  it('is Healthy when bound after a successful operation', () => {
    expect(
      tridentBackendConfigHealth(
        trident('TridentBackendConfig', {
          phase: 'Bound',
          lastOperationStatus: 'Success',
          message: "Backend 'nas' created",
        }),
      ),
    ).toEqual({ status: 'Healthy', message: "Backend 'nas' created" });
  });

  it('is Degraded when the last operation failed, whatever the phase', () => {
    expect(
      tridentBackendConfigHealth(
        trident('TridentBackendConfig', {
          phase: '',
          lastOperationStatus: 'Failed',
          message: 'backend already exists',
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'backend already exists' });
  });

  it('has no message when the operator wrote none', () => {
    expect(
      tridentBackendConfigHealth(
        trident('TridentBackendConfig', { lastOperationStatus: 'Failed' }),
      ),
    ).toEqual({ status: 'Degraded' });
  });
});

describe('Trident TridentOrchestrator health', () => {
  it('follows the installation state', () => {
    expect(tridentOrchestratorHealth(trident('TridentOrchestrator'))).toEqual({
      status: 'Progressing',
      message: 'Waiting for trident installation',
    });
    expect(
      tridentOrchestratorHealth(
        trident('TridentOrchestrator', {
          status: 'Installing',
          message: 'Installing Trident',
        }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Waiting for trident installation',
    });
    expect(
      tridentOrchestratorHealth(
        trident('TridentOrchestrator', {
          status: 'Installed',
          message: 'Trident installed',
        }),
      ),
    ).toEqual({ status: 'Healthy', message: 'Trident installed' });
    for (const state of ['Failed', 'Error']) {
      expect(
        tridentOrchestratorHealth(
          trident('TridentOrchestrator', { status: state, message: 'bound' }),
        ),
      ).toEqual({ status: 'Degraded', message: 'bound' });
    }
  });
});

describe('CSI VolumeSnapshot and VolumeSnapshotContent health', () => {
  const snapshot = (status?: object) =>
    kube('snapshot.storage.k8s.io/v1', 'VolumeSnapshot', { status });

  it('waits for a status', () => {
    expect(volumeSnapshotHealth(snapshot())).toEqual({
      status: 'Progressing',
      message: 'Waiting for status',
    });
    expect(volumeSnapshotHealth(snapshot({ readyToUse: false }))).toEqual({
      status: 'Progressing',
      message: 'Waiting for status',
    });
  });

  it('is Healthy once ready to use, even with an old error recorded', () => {
    expect(
      volumeSnapshotHealth(
        snapshot({ readyToUse: true, error: { message: 'transient' } }),
      ),
    ).toEqual({ status: 'Healthy', message: 'Ready to use' });
  });

  it('is Degraded with the recorded error', () => {
    expect(
      volumeSnapshotHealth(
        snapshot({ readyToUse: false, error: { message: 'no content' } }),
      ),
    ).toEqual({ status: 'Degraded', message: 'no content' });
    expect(volumeSnapshotHealth(snapshot({ error: 'text' }))).toEqual({
      status: 'Degraded',
    });
  });

  it('reports an error field Lua cannot read as a failed check', () => {
    expect(volumeSnapshotHealth(snapshot({ error: 7 })).status).toBe('Unknown');
  });

  it('uses the same check for the cluster-scoped content', () => {
    expect(
      storageHealthChecks['snapshot.storage.k8s.io/VolumeSnapshotContent'](
        kube('snapshot.storage.k8s.io/v1', 'VolumeSnapshotContent', {
          status: { readyToUse: true },
        }),
      ),
    ).toEqual({ status: 'Healthy', message: 'Ready to use' });
  });
});

describe('Longhorn Volume health', () => {
  const volume = (status?: object) =>
    kube('longhorn.io/v1beta2', 'Volume', { status });

  it('waits for the volume until it has a state', () => {
    const waiting = { status: 'Progressing', message: 'Waiting for volume' };
    expect(longhornVolumeHealth(volume())).toEqual(waiting);
    expect(longhornVolumeHealth(volume({ state: '' }))).toEqual(waiting);
  });

  it('is Degraded when faulted, whatever the state', () => {
    expect(
      longhornVolumeHealth(
        volume({ state: 'attached', robustness: 'faulted' }),
      ),
    ).toEqual({ status: 'Degraded', message: 'Volume is faulted' });
  });

  it('judges an attached volume by its replicas', () => {
    expect(
      longhornVolumeHealth(
        volume({ state: 'attached', robustness: 'healthy' }),
      ),
    ).toEqual({ status: 'Healthy', message: 'Volume is attached and healthy' });
    expect(
      longhornVolumeHealth(
        volume({ state: 'attached', robustness: 'degraded' }),
      ),
    ).toEqual({
      status: 'Progressing',
      message: 'Volume is degraded (rebuilding replicas)',
    });
    expect(
      longhornVolumeHealth(
        volume({ state: 'attached', robustness: 'unknown' }),
      ),
    ).toEqual({ status: 'Progressing', message: 'Volume is attached' });
  });

  it('is Healthy when cleanly detached', () => {
    expect(
      longhornVolumeHealth(
        volume({ state: 'detached', robustness: 'unknown' }),
      ),
    ).toEqual({ status: 'Healthy', message: 'Volume is detached' });
  });

  it('shows any other state as progress', () => {
    expect(longhornVolumeHealth(volume({ state: 'attaching' }))).toEqual({
      status: 'Progressing',
      message: 'Volume is attaching',
    });
    expect(longhornVolumeHealth(volume({ state: true })).status).toBe(
      'Unknown',
    );
  });
});
