import { spawn } from 'node:child_process';
import net from 'node:net';
import readline from 'node:readline';
import knexFactory, { type Knex } from 'knex';
import { findPostgresInstallation } from './PostgresInstallation';
import { startThrowawayPostgres, type ThrowawayPostgres } from './ThrowawayPostgres';

jest.setTimeout(120_000);

const installed = findPostgresInstallation() !== undefined;
if (!installed) {
  // eslint-disable-next-line no-console
  console.warn(
    '[slipway] PostgreSQL (initdb/pg_ctl) is not installed: the throwaway PostgreSQL tests are SKIPPED. Install it with apt-get install postgresql.',
  );
}
const describeWithPostgres = installed ? describe : describe.skip;

function connect(connectionString: string, database?: string): Knex {
  return knexFactory({
    client: 'pg',
    connection: database ? `${connectionString}/${database}` : connectionString,
    pool: { min: 0, max: 2 },
  });
}

function refusesConnections(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describeWithPostgres('startThrowawayPostgres', () => {
  it('starts a server that the postgres superuser reaches over 127.0.0.1 without a password', async () => {
    const server = await startThrowawayPostgres();
    if ('unavailable' in server) {
      throw new Error(`PostgreSQL is installed but did not start: ${server.unavailable}`);
    }
    const db = connect(server.connectionString);
    try {
      expect(server.connectionString).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+$/);
      const { rows } = await db.raw('select current_user as who, version() as version');
      expect(rows[0].who).toBe('postgres');
      expect(rows[0].version).toMatch(/^PostgreSQL \d+/);

      // Backstage's TestDatabases creates a database per test.
      await db.raw('create database store_test');
      const store = connect(server.connectionString, 'store_test');
      try {
        await store.schema.createTable('things', table => {
          table.string('name').primary();
        });
        await store('things').insert({ name: 'a' });
        expect(await store('things').select('name')).toEqual([{ name: 'a' }]);
      } finally {
        await store.destroy();
      }
    } finally {
      await db.destroy();
      await server.stop();
    }
  });

  it('stops the server and frees its port on stop()', async () => {
    const server = (await startThrowawayPostgres()) as ThrowawayPostgres;
    expect(server.port).toBeGreaterThan(0);
    expect(await refusesConnections(server.port)).toBe(false);

    await server.stop();
    await server.stop(); // idempotent

    expect(await refusesConnections(server.port)).toBe(true);
  });

  it('runs independent servers side by side', async () => {
    const [a, b] = (await Promise.all([startThrowawayPostgres(), startThrowawayPostgres()])) as [
      ThrowawayPostgres,
      ThrowawayPostgres,
    ];
    try {
      expect(a.port).not.toBe(b.port);
      const dbA = connect(a.connectionString);
      const dbB = connect(b.connectionString);
      try {
        await dbA.raw('create database only_in_a');
        const list = async (db: Knex) =>
          (await db.raw('select datname from pg_database')).rows.map((r: { datname: string }) => r.datname);
        expect(await list(dbA)).toContain('only_in_a');
        expect(await list(dbB)).not.toContain('only_in_a');
      } finally {
        await dbA.destroy();
        await dbB.destroy();
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

describeWithPostgres('postgres/cli.ts', () => {
  it('prints the connection string as one JSON line and stops the server when stdin closes', async () => {
    const child = spawn(
      process.execPath,
      ['-r', '@backstage/cli/config/nodeTransform.cjs', require.resolve('./cli.ts')],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
    const firstLine = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', code => reject(new Error(`launcher exited with ${code} before printing`)));
    });

    const message = JSON.parse(firstLine);
    expect(message.connectionString).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+$/);
    const db = connect(message.connectionString);
    try {
      expect((await db.raw('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.destroy();
    }

    child.stdin.end();
    expect(await exited).toBe(0);
    const port = Number(new URL(message.connectionString).port);
    expect(await refusesConnections(port)).toBe(true);
  });
});
