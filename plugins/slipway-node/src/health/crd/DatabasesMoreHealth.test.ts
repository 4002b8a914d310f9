import {
  databasesMoreHealthChecks,
  mariaDbBackupHealth,
  mariaDbDatabaseHealth,
  mariaDbGrantHealth,
  mariaDbHealth,
  mariaDbSqlJobHealth,
  mariaDbUserHealth,
  minioTenantHealth,
} from './DatabasesMoreHealth';
import { kube } from '../testObjects';

const noInfo = { status: 'Progressing', message: 'No status info available' };

const mariadb = (kind: string, conditions?: object[]) =>
  kube('k8s.mariadb.com/v1alpha1', kind, {
    status: conditions ? { conditions } : { revision: 0 },
  });

describe('mariadb-operator MariaDB health', () => {
  const db = (conditions?: object[]) => mariadb('MariaDB', conditions);

  it('is Progressing until conditions are reported', () => {
    expect(mariaDbHealth(db())).toEqual(noInfo);
  });

  it('is Healthy with no False condition, quoting the last one', () => {
    expect(
      mariaDbHealth(
        db([
          { type: 'Bootstrapped', status: 'True', message: 'Ready' },
          { type: 'Ready', status: 'True', message: 'Running' },
        ]),
      ),
    ).toEqual({ status: 'Healthy', message: 'Running' });
  });

  it('is Healthy without a message when the list is empty', () => {
    expect(mariaDbHealth(db([]))).toEqual({ status: 'Healthy' });
  });

  it('is Progressing at the first False condition, quoting it', () => {
    expect(
      mariaDbHealth(
        db([
          { type: 'Ready', status: 'False', message: 'Restoring backup' },
          { type: 'Bootstrapped', status: 'False', reason: 'Failed' },
        ]),
      ),
    ).toEqual({ status: 'Progressing', message: 'Restoring backup' });
  });

  it('is Degraded when the False condition has reason Failed', () => {
    expect(
      mariaDbHealth(
        db([
          {
            type: 'Ready',
            status: 'False',
            reason: 'Failed',
            message: 'Error creating ConfigMap',
          },
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'Error creating ConfigMap' });
  });

  it('reads the older mariadb.mmontes.io group the same way', () => {
    expect(databasesMoreHealthChecks['mariadb.mmontes.io/MariaDB']).toBe(
      mariaDbHealth,
    );
  });
});

describe('mariadb-operator Backup health', () => {
  const backup = (conditions?: object[]) => mariadb('Backup', conditions);
  const complete = (status: string, reason: string, message: string) => ({
    type: 'Complete',
    status,
    reason,
    message,
  });

  it('is Progressing until conditions are reported', () => {
    expect(mariaDbBackupHealth(backup())).toEqual(noInfo);
  });

  it('is Healthy with no False condition, quoting reason and message', () => {
    expect(
      mariaDbBackupHealth(
        backup([complete('True', 'CronJobSucess', 'Success')]),
      ),
    ).toEqual({ status: 'Healthy', message: 'CronJobSucess Success' });
    expect(mariaDbBackupHealth(backup([]))).toEqual({ status: 'Healthy' });
  });

  it('is Degraded when a scheduled run failed', () => {
    expect(
      mariaDbBackupHealth(
        backup([complete('False', 'CronJobScheduled', 'Failed')]),
      ),
    ).toEqual({ status: 'Degraded', message: 'CronJobScheduled Failed' });
  });

  it('is Progressing for any other False condition', () => {
    expect(
      mariaDbBackupHealth(
        backup([complete('False', 'CronJobScheduled', 'Scheduled')]),
      ),
    ).toEqual({ status: 'Progressing', message: 'CronJobScheduled Scheduled' });
  });

  it('renders a numeric message as Lua joins it', () => {
    expect(
      mariaDbBackupHealth(
        backup([
          { type: 'Complete', status: 'True', reason: 'Done', message: 3 },
        ]),
      ),
    ).toEqual({ status: 'Healthy', message: 'Done 3' });
  });

  it('is Unknown where Argo CD fails on a condition without a reason', () => {
    expect(
      mariaDbBackupHealth(backup([{ type: 'Complete', status: 'True' }])),
    ).toEqual({
      status: 'Unknown',
      message: 'health check failed: condition 1 has no reason or message',
    });
  });
});

describe('mariadb-operator Database, Grant and User health', () => {
  const checks = [
    ['Database', mariaDbDatabaseHealth],
    ['Grant', mariaDbGrantHealth],
    ['User', mariaDbUserHealth],
  ] as const;

  it.each(checks)('%s is Progressing until conditions exist', (kind, check) => {
    expect(check(mariadb(kind))).toEqual(noInfo);
    expect(check(mariadb(kind, []))).toEqual(noInfo);
  });

  it.each(checks)('%s is Healthy when Ready', (kind, check) => {
    expect(
      check(
        mariadb(kind, [{ type: 'Ready', status: 'True', message: 'Created' }]),
      ),
    ).toEqual({ status: 'Healthy', message: 'Created' });
  });

  it.each(checks)('%s is Degraded when not Ready', (kind, check) => {
    expect(
      check(
        mariadb(kind, [
          { type: 'Ready', status: 'False', message: 'No MariaDB' },
        ]),
      ),
    ).toEqual({ status: 'Degraded', message: 'No MariaDB' });
  });

  it.each(checks)(
    '%s without Ready quotes the last condition seen',
    (kind, check) => {
      expect(
        check(mariadb(kind, [{ type: 'Other', status: 'True', message: 'm' }])),
      ).toEqual({ status: 'Progressing', message: 'm' });
      expect(check(mariadb(kind, [{ type: 'Other', status: 'True' }]))).toEqual(
        { status: 'Progressing' },
      );
    },
  );
});

describe('mariadb-operator SqlJob health', () => {
  const job = (conditions?: object[]) => mariadb('SqlJob', conditions);
  const complete = (reason: string, message: string, status = 'True') => ({
    type: 'Complete',
    status,
    reason,
    message,
  });

  it('is Progressing until conditions are reported', () => {
    expect(mariaDbSqlJobHealth(job())).toEqual(noInfo);
    expect(mariaDbSqlJobHealth(job([]))).toEqual(noInfo);
  });

  it('is Healthy once the job completed', () => {
    expect(
      mariaDbSqlJobHealth(job([complete('JobComplete', 'Success')])),
    ).toEqual({ status: 'Healthy', message: 'JobComplete Success' });
  });

  it('is Degraded once the job failed', () => {
    expect(mariaDbSqlJobHealth(job([complete('JobFailed', 'Failed')]))).toEqual(
      { status: 'Degraded', message: 'JobFailed Failed' },
    );
  });

  it('is Progressing otherwise, quoting the last condition', () => {
    expect(
      mariaDbSqlJobHealth(job([complete('JobComplete', 'Running', 'False')])),
    ).toEqual({ status: 'Progressing', message: 'JobComplete Running' });
  });

  it('is Unknown where Argo CD fails on a condition without a message', () => {
    expect(
      mariaDbSqlJobHealth(
        job([{ type: 'Complete', status: 'True', reason: 'JobComplete' }]),
      ).status,
    ).toBe('Unknown');
  });
});

describe('MinIO Tenant health', () => {
  const tenant = (currentState?: unknown) =>
    kube('minio.min.io/v2', 'Tenant', {
      status: currentState === undefined ? { revision: 0 } : { currentState },
    });

  it('is Progressing until the operator reports a state', () => {
    expect(minioTenantHealth(tenant())).toEqual(noInfo);
    expect(minioTenantHealth(kube('minio.min.io/v2', 'Tenant'))).toEqual(
      noInfo,
    );
  });

  it('is Healthy once Initialized', () => {
    expect(minioTenantHealth(tenant('Initialized'))).toEqual({
      status: 'Healthy',
      message: 'Initialized',
    });
  });

  it('is Progressing while provisioning, waiting, updating or restarting', () => {
    for (const state of [
      'Provisioning MinIO Cluster IP Service',
      'Waiting for Pods to be ready',
      'Updating MinIO Version',
      'Restarting MinIO',
    ]) {
      expect(minioTenantHealth(tenant(state))).toEqual({
        status: 'Progressing',
        message: state,
      });
    }
  });

  it('is Degraded for the failure states Argo CD knows', () => {
    for (const state of [
      'Statefulset not controlled by operator',
      'Another MinIO Tenant already exists in the namespace',
      'Tenant credentials are not set properly',
      'Different versions across MinIO Pools',
      'Pool Decommissioning Not Allowed',
    ]) {
      expect(minioTenantHealth(tenant(state))).toEqual({
        status: 'Degraded',
        message: state,
      });
    }
  });

  it('is Progressing for a state Argo CD does not know', () => {
    expect(minioTenantHealth(tenant('Something new'))).toEqual({
      status: 'Progressing',
      message: 'Something new',
    });
  });

  it('is Unknown where Argo CD fails on a state that is not text', () => {
    expect(minioTenantHealth(tenant(42)).status).toBe('Unknown');
  });
});

describe('databasesMoreHealthChecks', () => {
  it('is keyed by Argo CD folder names', () => {
    expect(Object.keys(databasesMoreHealthChecks).sort()).toEqual([
      'k8s.mariadb.com/Backup',
      'k8s.mariadb.com/Database',
      'k8s.mariadb.com/Grant',
      'k8s.mariadb.com/MariaDB',
      'k8s.mariadb.com/SqlJob',
      'k8s.mariadb.com/User',
      'mariadb.mmontes.io/MariaDB',
      'minio.min.io/Tenant',
    ]);
  });
});
