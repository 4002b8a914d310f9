import {
  appVaultHealth,
  astraApplicationHealth,
  astraBackupHealth,
  astraHealthChecks,
  astraScheduleHealth,
  execHookHealth,
  resourceBackupHealth,
  resticVolumeBackupHealth,
} from './AstraHealth';
import { kube } from '../testObjects';

const astra = (kind: string, body: Record<string, unknown> = {}) =>
  kube('astra.netapp.io/v1', kind, body);
const noStatus = { status: 'Progressing', message: 'No status available' };

describe('Astra AppVault health', () => {
  it('is Healthy when available and Degraded when failed, in either case', () => {
    for (const state of ['available', 'Available']) {
      expect(appVaultHealth(astra('AppVault', { status: { state } }))).toEqual({
        status: 'Healthy',
        message: 'AppVault Available',
      });
    }
    for (const state of ['failed', 'Failed']) {
      expect(appVaultHealth(astra('AppVault', { status: { state } }))).toEqual({
        status: 'Degraded',
        message: 'AppVault Failed',
      });
    }
  });

  it('waits for any other state', () => {
    expect(appVaultHealth(astra('AppVault'))).toEqual(noStatus);
    expect(
      appVaultHealth(astra('AppVault', { status: { state: 'pending' } })),
    ).toEqual(noStatus);
  });
});

describe('Astra Application health', () => {
  const app = (status?: object) =>
    astra('Application', status ? { status } : {});

  it('is Healthy when Ready, naming the protection state', () => {
    expect(
      astraApplicationHealth(
        app({
          protectionState: 'protected',
          conditions: [{ type: 'Ready', status: 'True', message: '' }],
        }),
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'Astra Application Ready, protectionState: protected',
    });
  });

  it('is Degraded when not Ready, quoting the condition', () => {
    expect(
      astraApplicationHealth(
        app({
          conditions: [
            { type: 'Ready', status: 'False', message: 'namespace gone' },
          ],
        }),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'Astra Application Degraded, message: namespace gone',
    });
  });

  it('is Unknown where Argo CD script fails on a missing field', () => {
    expect(
      astraApplicationHealth(
        app({ conditions: [{ type: 'Ready', status: 'True' }] }),
      ).status,
    ).toBe('Unknown');
    expect(
      astraApplicationHealth(
        app({ conditions: [{ type: 'Ready', status: 'False' }] }),
      ).status,
    ).toBe('Unknown');
  });

  it('waits without a decided Ready condition', () => {
    expect(astraApplicationHealth(app())).toEqual(noStatus);
    expect(
      astraApplicationHealth(
        app({ conditions: [{ type: 'Ready', status: 'Unknown' }] }),
      ),
    ).toEqual(noStatus);
  });
});

describe('Astra backup runs', () => {
  it.each([
    ['Backup', astraBackupHealth],
    ['ResourceBackup', resourceBackupHealth],
    ['ResticVolumeBackup', resticVolumeBackupHealth],
  ])('%s: Completed, Running, anything else, or nothing yet', (kind, check) => {
    const run = (state?: string) =>
      check(astra(kind, state ? { status: { state } } : {}));
    expect(run('Completed')).toEqual({
      status: 'Healthy',
      message: `${kind} Completed`,
    });
    expect(run('Running')).toEqual({
      status: 'Progressing',
      message: `${kind} Running`,
    });
    expect(run('Failed')).toEqual({ status: 'Degraded', message: 'Failed' });
    expect(run()).toEqual(noStatus);
  });
});

describe('Astra ExecHook health', () => {
  it('follows spec.enabled', () => {
    expect(
      execHookHealth(astra('ExecHook', { spec: { enabled: true } })),
    ).toEqual({ status: 'Healthy', message: 'ExecHook enabled' });
    expect(
      execHookHealth(astra('ExecHook', { spec: { enabled: false } })),
    ).toEqual({ status: 'Suspended', message: 'ExecHook disabled' });
    expect(execHookHealth(astra('ExecHook', { spec: {} }))).toEqual(noStatus);
  });
});

describe('Astra Schedule health', () => {
  it('is always Healthy, saying when it last ran', () => {
    expect(astraScheduleHealth(astra('Schedule'))).toEqual({
      status: 'Healthy',
      message: 'Protection policy not yet executed',
    });
    expect(
      astraScheduleHealth(
        astra('Schedule', {
          status: { lastScheduleTime: '2024-04-24T01:00:00Z' },
        }),
      ),
    ).toEqual({
      status: 'Healthy',
      message: 'Protection policy lastScheduleTime: 2024-04-24T01:00:00Z',
    });
  });
});

describe('astraHealthChecks', () => {
  it('is keyed as Argo CD folders are', () => {
    expect(Object.keys(astraHealthChecks).sort()).toEqual([
      'astra.netapp.io/AppVault',
      'astra.netapp.io/Application',
      'astra.netapp.io/Backup',
      'astra.netapp.io/ExecHook',
      'astra.netapp.io/ResourceBackup',
      'astra.netapp.io/ResticVolumeBackup',
      'astra.netapp.io/Schedule',
    ]);
  });
});
