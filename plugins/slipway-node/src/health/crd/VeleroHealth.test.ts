import {
  veleroBackupHealth,
  veleroHealthChecks,
  veleroRestoreHealth,
  veleroScheduleHealth,
} from './VeleroHealth';
import { kube } from '../testObjects';

const withStatus = (kind: string, status?: object) =>
  kube('velero.io/v1', kind, status ? { status } : {});

describe('Velero Backup and Restore health', () => {
  it('waits until the controller sets a phase', () => {
    expect(veleroBackupHealth(withStatus('Backup'))).toEqual({
      status: 'Progressing',
      message: 'Waiting for backup to be processed',
    });
    expect(veleroRestoreHealth(withStatus('Restore', {}))).toEqual({
      status: 'Progressing',
      message: 'Waiting for restore to be processed',
    });
  });

  it('is Healthy once completed', () => {
    expect(
      veleroBackupHealth(withStatus('Backup', { phase: 'Completed' })),
    ).toEqual({ status: 'Healthy', message: 'Backup completed' });
    expect(
      veleroRestoreHealth(withStatus('Restore', { phase: 'Completed' })),
    ).toEqual({ status: 'Healthy', message: 'Restore completed' });
  });

  it('is Degraded on failure, with the failure reason when there is one', () => {
    expect(
      veleroBackupHealth(
        withStatus('Backup', { phase: 'Failed', failureReason: 'no bucket' }),
      ),
    ).toEqual({ status: 'Degraded', message: 'no bucket' });
    for (const phase of [
      'FailedValidation',
      'PartiallyFailed',
      'WaitingForPluginOperationsPartiallyFailed',
      'FinalizingPartiallyFailed',
    ]) {
      expect(veleroRestoreHealth(withStatus('Restore', { phase }))).toEqual({
        status: 'Degraded',
        message: phase,
      });
    }
  });

  it('keeps an empty failure reason, as Lua treats "" as a value', () => {
    expect(
      veleroBackupHealth(
        withStatus('Backup', { phase: 'Failed', failureReason: '' }),
      ),
    ).toEqual({ status: 'Degraded', message: '' });
  });

  it('shows any other phase as progress', () => {
    expect(
      veleroBackupHealth(withStatus('Backup', { phase: 'InProgress' })),
    ).toEqual({ status: 'Progressing', message: 'InProgress' });
  });
});

describe('Velero Schedule health', () => {
  it('follows the schedule phase', () => {
    expect(veleroScheduleHealth(withStatus('Schedule'))).toEqual({
      status: 'Progressing',
      message: 'Waiting for schedule to be processed',
    });
    expect(
      veleroScheduleHealth(withStatus('Schedule', { phase: 'Enabled' })),
    ).toEqual({ status: 'Healthy', message: 'Schedule is enabled' });
    expect(
      veleroScheduleHealth(
        withStatus('Schedule', {
          phase: 'FailedValidation',
          validationErrors: ['invalid schedule'],
        }),
      ),
    ).toEqual({ status: 'Degraded', message: 'Schedule failed validation' });
    expect(
      veleroScheduleHealth(withStatus('Schedule', { phase: 'New' })),
    ).toEqual({ status: 'Progressing', message: 'New' });
  });
});

describe('veleroHealthChecks', () => {
  it('is keyed as Argo CD names its folders', () => {
    expect(Object.keys(veleroHealthChecks).sort()).toEqual([
      'velero.io/Backup',
      'velero.io/Restore',
      'velero.io/Schedule',
    ]);
  });
});
