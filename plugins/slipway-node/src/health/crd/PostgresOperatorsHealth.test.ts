import {
  cnpgBackupHealth,
  cnpgClusterHealth,
  cnpgDatabaseHealth,
  postgresOperatorsHealthChecks,
  zalandoPostgresqlHealth,
} from './PostgresOperatorsHealth';
import { kube } from '../testObjects';

const cluster = (
  status?: Record<string, unknown>,
  annotations?: Record<string, string>,
) =>
  kube(
    'postgresql.cnpg.io/v1',
    'Cluster',
    { spec: { instances: 3 }, status },
    { annotations },
  );

const ready = { type: 'Ready', status: 'True', message: 'Cluster is Ready' };

describe('CloudNativePG Cluster health', () => {
  it('is Suspended while the reconciliation loop is disabled, whatever the status', () => {
    expect(
      cnpgClusterHealth(
        cluster(
          { phase: 'Failing over', conditions: [ready] },
          { 'cnpg.io/reconciliationLoop': 'disabled' },
        ),
      ),
    ).toEqual({
      status: 'Suspended',
      message: 'Cluster reconciliation is suspended',
    });
    expect(
      cnpgClusterHealth(
        cluster(undefined, { 'cnpg.io/reconciliationLoop': 'enabled' }),
      ).status,
    ).toBe('Progressing');
  });

  it('reads the hibernation condition before the phase', () => {
    const hibernation = (status: string) =>
      cluster({
        phase: 'Cluster in healthy state',
        conditions: [
          ready,
          {
            type: 'cnpg.io/hibernation',
            status,
            message: `hibernation ${status}`,
          },
        ],
      });
    expect(cnpgClusterHealth(hibernation('True'))).toEqual({
      status: 'Suspended',
      message: 'hibernation True',
    });
    expect(cnpgClusterHealth(hibernation('False'))).toEqual({
      status: 'Degraded',
      message: 'hibernation False',
    });
  });

  it('maps the phase, with phaseReason as the message', () => {
    const phase = (p: string, phaseReason?: string) =>
      cnpgClusterHealth(cluster({ phase: p, phaseReason, conditions: [] }));
    expect(phase('Cluster in healthy state')).toEqual({
      status: 'Healthy',
      message: '',
    });
    expect(phase('Setting up primary', 'Creating primary instance')).toEqual({
      status: 'Progressing',
      message: 'Creating primary instance',
    });
    expect(phase('Failing over', 'Initiating a failover')).toEqual({
      status: 'Degraded',
      message: 'Initiating a failover',
    });
    expect(phase('Waiting for user action').status).toBe('Degraded');
    expect(
      phase('Cluster is unrecoverable and needs manual intervention').status,
    ).toBe('Suspended');
    expect(phase('Something new', 'why')).toEqual({
      status: 'Unknown',
      message: 'why',
    });
  });

  it('is Progressing until the operator reports conditions', () => {
    expect(cnpgClusterHealth(cluster())).toEqual({
      status: 'Progressing',
      message:
        'Waiting for the CloudNativePG operator to report cluster status',
    });
    expect(
      cnpgClusterHealth(cluster({ phase: 'Setting up primary' })).message,
    ).toBe('Waiting for the CloudNativePG operator to report cluster status');
    expect(
      cnpgClusterHealth(cluster({ phaseReason: 'Creating primary instance' })),
    ).toEqual({ status: 'Progressing', message: 'Creating primary instance' });
    // Lua's "" is true, so an empty phaseReason is kept as the message.
    expect(cnpgClusterHealth(cluster({ phaseReason: '' })).message).toBe('');
  });
});

describe('CloudNativePG Backup health', () => {
  const backup = (status?: Record<string, unknown>) =>
    kube('postgresql.cnpg.io/v1', 'Backup', { spec: {}, status });

  it('waits while there is no phase', () => {
    for (const status of [undefined, {}, { phase: '' }]) {
      expect(cnpgBackupHealth(backup(status))).toEqual({
        status: 'Progressing',
        message: 'Waiting for backup to be processed',
      });
    }
  });

  it('is Healthy once completed', () => {
    expect(cnpgBackupHealth(backup({ phase: 'completed' }))).toEqual({
      status: 'Healthy',
      message: 'Backup completed',
    });
  });

  it('is Degraded when failed, preferring the operator error to the phase', () => {
    expect(
      cnpgBackupHealth(backup({ phase: 'failed', error: 'exit status 1' })),
    ).toEqual({ status: 'Degraded', message: 'exit status 1' });
    expect(cnpgBackupHealth(backup({ phase: 'walArchivingFailing' }))).toEqual({
      status: 'Degraded',
      message: 'walArchivingFailing',
    });
    expect(
      cnpgBackupHealth(backup({ phase: 'invalid backup definition' })).status,
    ).toBe('Degraded');
  });

  it('reports any other phase as Progressing', () => {
    expect(cnpgBackupHealth(backup({ phase: 'running' }))).toEqual({
      status: 'Progressing',
      message: 'running',
    });
  });
});

describe('CloudNativePG Database health', () => {
  const database = (generation: number, status?: Record<string, unknown>) =>
    kube(
      'postgresql.cnpg.io/v1',
      'Database',
      { spec: {}, status },
      {
        generation,
      },
    );
  const waiting = 'Waiting for CloudNativePG to reconcile Database';

  it('waits for a status', () => {
    expect(cnpgDatabaseHealth(database(1))).toEqual({
      status: 'Progressing',
      message: waiting,
    });
  });

  it('is Healthy once the current generation is applied', () => {
    expect(
      cnpgDatabaseHealth(database(1, { applied: true, observedGeneration: 1 })),
    ).toEqual({ status: 'Healthy', message: '' });
    expect(
      cnpgDatabaseHealth(
        database(1, { applied: true, observedGeneration: 1, message: 'ok' }),
      ).message,
    ).toBe('ok');
  });

  it('is Degraded when an applied generation fails again', () => {
    expect(
      cnpgDatabaseHealth(
        database(2, { applied: false, observedGeneration: 2 }),
      ),
    ).toEqual({
      status: 'Degraded',
      message: 'CloudNativePG failed to apply the Database',
    });
    expect(
      cnpgDatabaseHealth(
        database(2, {
          applied: false,
          observedGeneration: 2,
          message: 'permission denied',
        }),
      ).message,
    ).toBe('permission denied');
  });

  it('is Progressing while the current generation has not been applied', () => {
    expect(
      cnpgDatabaseHealth(database(2, { applied: true, observedGeneration: 1 })),
    ).toEqual({ status: 'Progressing', message: waiting });
    expect(
      cnpgDatabaseHealth(
        database(1, { applied: false, message: 'role "app" does not exist' }),
      ),
    ).toEqual({ status: 'Progressing', message: 'role "app" does not exist' });
    expect(
      cnpgDatabaseHealth(database(1, { observedGeneration: 1, message: '' })),
    ).toEqual({ status: 'Progressing', message: waiting });
  });
});

describe('Zalando postgresql health', () => {
  const pg = (PostgresClusterStatus?: string) =>
    kube('acid.zalan.do/v1', 'postgresql', {
      spec: {},
      status: PostgresClusterStatus ? { PostgresClusterStatus } : undefined,
    });

  it('follows PostgresClusterStatus, which is also the message', () => {
    expect(zalandoPostgresqlHealth(pg())).toEqual({
      status: 'Progressing',
      message: 'Waiting for postgres cluster status...',
    });
    expect(zalandoPostgresqlHealth(pg('Running'))).toEqual({
      status: 'Healthy',
      message: 'Running',
    });
    expect(zalandoPostgresqlHealth(pg('Creating')).status).toBe('Progressing');
    expect(zalandoPostgresqlHealth(pg('Updating'))).toEqual({
      status: 'Progressing',
      message: 'Updating',
    });
    expect(zalandoPostgresqlHealth(pg('SyncFailed'))).toEqual({
      status: 'Degraded',
      message: 'SyncFailed',
    });
  });
});

it('registers every Postgres kind under its Argo CD folder name', () => {
  expect(Object.keys(postgresOperatorsHealthChecks).sort()).toEqual([
    'acid.zalan.do/postgresql',
    'postgresql.cnpg.io/Backup',
    'postgresql.cnpg.io/Cluster',
    'postgresql.cnpg.io/Database',
  ]);
});
