import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../net/freePort';
import {
  findPostgresInstallation,
  postgresRunner,
  type PostgresInstallation,
  type PostgresRunner,
} from './PostgresInstallation';

/** A running throwaway PostgreSQL server. */
export interface ThrowawayPostgres {
  /** e.g. `postgresql://postgres@127.0.0.1:41234` (superuser, trust auth). */
  connectionString: string;
  port: number;
  /** The server's version line, e.g. `pg_ctl (PostgreSQL) 15.14`. */
  version: string;
  /** Stops the server and deletes its data. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Why no server could be started (no installation, or it failed). */
export interface PostgresUnavailable {
  unavailable: string;
}

const START_ATTEMPTS = 3;

/**
 * Starts a PostgreSQL server for one test run: `initdb` into a temporary
 * folder (trust authentication, no fsync), listening only on 127.0.0.1 at a
 * free port, started with `pg_ctl -w` so it accepts connections when this
 * resolves. As root, the server runs as the `postgres` system user.
 *
 * Never throws: when PostgreSQL is not installed or cannot start, resolves to
 * `{ unavailable: reason }` so callers can fall back (e.g. to SQLite only).
 * The server is also stopped when the process exits normally.
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres | PostgresUnavailable> {
  const installation = findPostgresInstallation();
  if (!installation) {
    return {
      unavailable:
        'initdb and pg_ctl were not found on PATH or in /usr/lib/postgresql/*/bin; install PostgreSQL (e.g. apt-get install postgresql)',
    };
  }
  const runner = postgresRunner();
  if (typeof runner === 'string') {
    return { unavailable: runner };
  }

  const base = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slipway-pg-'));
  const dataDir = path.join(base, 'data');
  const logFile = path.join(base, 'server.log');
  const removeBase = () => fs.promises.rm(base, { recursive: true, force: true });
  try {
    if (runner.owner) {
      await fs.promises.chown(base, runner.owner.uid, runner.owner.gid);
    }
    const version = (await runner.run(installation.pgCtl, ['--version'])).trim();
    await runner.run(installation.initdb, [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    // Settings for a disposable test server: local TCP only, its own socket
    // folder (the system one may not be writable), durability traded for speed.
    await fs.promises.appendFile(
      path.join(dataDir, 'postgresql.conf'),
      [
        '',
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${base.replace(/'/g, "''")}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 1000',
        '',
      ].join('\n'),
    );

    let lastError: Error | undefined;
    for (let attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      const port = await freePort();
      try {
        await runner.run(
          installation.pgCtl,
          ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', `-p ${port}`, 'start'],
          90_000,
        );
        await waitForTcp(port, 10_000);
        return running({ installation, runner, base, dataDir, port, version });
      } catch (error) {
        lastError = error as Error;
        // The port may have been taken between freePort() and the start.
        await runner.run(installation.pgCtl, ['-D', dataDir, '-m', 'immediate', 'stop']).catch(() => {});
      }
    }
    const log = await fs.promises.readFile(logFile, 'utf8').catch(() => '');
    await removeBase();
    return {
      unavailable: `PostgreSQL did not start (${lastError?.message.split('\n')[0]}); server log: ${log
        .trim()
        .split('\n')
        .slice(-5)
        .join(' | ')}`,
    };
  } catch (error) {
    await removeBase();
    return { unavailable: `PostgreSQL could not be prepared: ${(error as Error).message}` };
  }
}

function waitForTcp(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', error => {
        socket.destroy();
        if (Date.now() > deadline) {
          reject(new Error(`nothing accepts connections on 127.0.0.1:${port}: ${error.message}`));
        } else {
          setTimeout(attempt, 100);
        }
      });
    };
    attempt();
  });
}


interface RunningServer {
  installation: PostgresInstallation;
  runner: PostgresRunner;
  base: string;
  dataDir: string;
  port: number;
  version: string;
}

function running(server: RunningServer): ThrowawayPostgres {
  const { installation, runner, base, dataDir, port, version } = server;
  let stopped = false;
  const stopOnExit = () => {
    // Synchronous last resort when the process exits without stop().
    try {
      runner.runSync(installation.pgCtl, ['-D', dataDir, '-m', 'immediate', 'stop']);
    } catch {
      // already gone
    }
    fs.rmSync(base, { recursive: true, force: true });
  };
  process.on('exit', stopOnExit);
  return {
    connectionString: `postgresql://postgres@127.0.0.1:${port}`,
    port,
    version,
    async stop() {
      if (stopped) {
        return;
      }
      stopped = true;
      process.off('exit', stopOnExit);
      await runner
        .run(installation.pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop'])
        .catch(() => undefined);
      await fs.promises.rm(base, { recursive: true, force: true });
    },
  };
}
