import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import {
  DatabaseSlipwayStore,
  type DatabaseSlipwayStoreOptions,
} from '../DatabaseSlipwayStore';
import type {
  EnqueueOperationInput,
  EnqueueResult,
  Operation,
} from '../OperationStore';

/** A clock that moves only when told to. */
export class TestClock {
  private time: number;

  constructor(start = '2026-01-01T00:00:00.000Z') {
    this.time = Date.parse(start);
  }

  readonly now = (): Date => new Date(this.time);

  advance(ms: number): void {
    this.time += ms;
  }
}

/** A fresh, migrated store on a new logical database of the given kind. */
export async function createTestStore(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options: Omit<DatabaseSlipwayStoreOptions, 'database'> = {},
): Promise<{ store: DatabaseSlipwayStore; knex: Knex; clock: TestClock }> {
  const knex = await databases.init(databaseId);
  const database: DatabaseService = { getClient: async () => knex };
  const clock = new TestClock();
  const store = await DatabaseSlipwayStore.create({
    database,
    now: clock.now,
    ...options,
  });
  return { store, knex, clock };
}

/** A sync request as a user would send it. */
export const app = 'application:default/payments-prod';
export const sync: EnqueueOperationInput = {
  applicationRef: app,
  kind: 'sync',
  request: {
    revision: 'main',
    prune: true,
    dryRun: false,
    force: false,
    resources: [
      { group: 'apps', kind: 'Deployment', namespace: 'payments', name: 'api' },
    ],
  },
  initiator: 'user:default/ada',
};

/** The new operation of an enqueue that must not conflict. */
export function created(result: EnqueueResult): Operation {
  if (result.status !== 'created') {
    throw new Error(
      `expected a new operation, got a conflict with ${result.activeOperationId}`,
    );
  }
  return result.operation;
}
