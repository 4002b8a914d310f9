import knexFactory, { type Knex } from 'knex';
import { cacheSqliteStatements } from './SqliteStatementCache';

/** An in-memory SQLite knex whose connections count what they prepare. */
function countingSqlite() {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  const prepared: string[] = [];
  const client = knex.client as { acquireRawConnection(): Promise<any> };
  const acquire = client.acquireRawConnection.bind(client);
  client.acquireRawConnection = async () => {
    const connection = await acquire();
    const prepare = connection.prepare.bind(connection);
    connection.prepare = (sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    };
    return connection;
  };
  return { knex, prepared };
}

describe('cacheSqliteStatements', () => {
  let knex: Knex;
  let prepared: string[];

  beforeEach(async () => {
    ({ knex, prepared } = countingSqlite());
    cacheSqliteStatements(knex);
    await knex.schema.createTable('apps', t => {
      t.string('name').primary();
      t.integer('replicas');
    });
  });

  afterEach(() => knex.destroy());

  it('prepares a repeated query once and runs it with each call’s bindings', async () => {
    prepared.length = 0;
    for (const [name, replicas] of [
      ['web', 1],
      ['api', 2],
      ['worker', 3],
    ] as const) {
      await knex('apps').insert({ name, replicas });
    }
    const api = await knex('apps').where({ name: 'api' }).first();
    const worker = await knex('apps').where({ name: 'worker' }).first();

    expect(api).toEqual({ name: 'api', replicas: 2 });
    expect(worker).toEqual({ name: 'worker', replicas: 3 });
    expect(prepared.filter(sql => sql.startsWith('insert'))).toHaveLength(1);
    expect(prepared.filter(sql => sql.startsWith('select'))).toHaveLength(1);
  });

  it('keeps answering correctly after the schema changes', async () => {
    await knex('apps').insert({ name: 'web', replicas: 1 });
    expect(await knex('apps').select('*')).toEqual([
      { name: 'web', replicas: 1 },
    ]);

    await knex.schema.alterTable('apps', t => t.string('owner'));
    await knex('apps').update({ owner: 'payments' });

    expect(await knex('apps').select('*')).toEqual([
      { name: 'web', replicas: 1, owner: 'payments' },
    ]);
  });

  it('runs transactions on cached statements and rolls them back', async () => {
    await expect(
      knex.transaction(async tx => {
        await tx('apps').insert({ name: 'web', replicas: 1 });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await knex.transaction(tx =>
      tx('apps').insert({ name: 'api', replicas: 2 }),
    );

    expect(await knex('apps').select('name')).toEqual([{ name: 'api' }]);
  });

  it('is applied once however often it is called', async () => {
    cacheSqliteStatements(knex);
    prepared.length = 0;
    await knex('apps').select('name');
    await knex('apps').select('name');
    expect(prepared).toHaveLength(1);
  });
});
