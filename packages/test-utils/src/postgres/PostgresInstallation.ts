import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isExecutable } from '../system/isExecutable';

/** Where PostgreSQL's server programs were found. */
export interface PostgresInstallation {
  initdb: string;
  pgCtl: string;
}

/** Distribution layouts that keep the server programs off PATH (Debian, Ubuntu). */
const VERSIONED_ROOTS = ['/usr/lib/postgresql'];

/**
 * Finds `initdb` and `pg_ctl`: first a PATH folder holding both, then the
 * newest `/usr/lib/postgresql/<version>/bin`. Returns undefined when there is
 * no PostgreSQL server installation.
 */
export function findPostgresInstallation(
  searchPath: string | undefined = process.env.PATH,
): PostgresInstallation | undefined {
  const dirs = (searchPath ?? '').split(path.delimiter).filter(Boolean);
  for (const root of VERSIONED_ROOTS) {
    let versions: string[] = [];
    try {
      versions = fs.readdirSync(root);
    } catch {
      continue;
    }
    versions
      .filter(version => /^\d+(\.\d+)?$/.test(version))
      .sort((a, b) => Number(b) - Number(a))
      .forEach(version => dirs.push(path.join(root, version, 'bin')));
  }
  for (const dir of dirs) {
    const initdb = path.join(dir, 'initdb');
    const pgCtl = path.join(dir, 'pg_ctl');
    if (isExecutable(initdb) && isExecutable(pgCtl)) {
      return { initdb, pgCtl };
    }
  }
  return undefined;
}


/** Runs programs as the user PostgreSQL may run as. */
export interface PostgresRunner {
  /** Description for messages, e.g. `the postgres system user`. */
  who: string;
  /** Owner to give the data folder, when it differs from the current user. */
  owner?: { uid: number; gid: number };
  run(file: string, args: string[], timeoutMs?: number): Promise<string>;
  runSync(file: string, args: string[]): void;
}

/**
 * PostgreSQL refuses to run as root. As root, programs run as the `postgres`
 * system user through `runuser` (or `su` where runuser is missing); otherwise
 * as the current user. Returns a string explaining the problem when root has
 * no way to switch users.
 */
export function postgresRunner(): PostgresRunner | string {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return {
      who: 'the current user',
      run: (file, args, timeoutMs) => runProgram(file, args, timeoutMs),
      runSync: (file, args) => {
        execFileSync(file, args, { stdio: 'ignore', timeout: 30_000 });
      },
    };
  }
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    return 'running as root and there is no "postgres" system user to run PostgreSQL as (PostgreSQL refuses to run as root); install the postgresql package or run the tests as another user';
  }
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find(isExecutable);
  const wrap = (file: string, args: string[]): [string, string[]] =>
    runuser
      ? [runuser, ['-u', 'postgres', '--', file, ...args]]
      : ['su', ['postgres', '-s', '/bin/sh', '-c', [file, ...args].map(shellQuote).join(' ')]];
  return {
    who: 'the postgres system user',
    owner: { uid, gid },
    run: (file, args, timeoutMs) => runProgram(...wrap(file, args), timeoutMs),
    runSync: (file, args) => {
      const [command, commandArgs] = wrap(file, args);
      execFileSync(command, commandArgs, { stdio: 'ignore', timeout: 30_000 });
    },
  };
}

function runProgram(file: string, args: string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const detail = `${stderr}${stdout}`.trim().split('\n').slice(-5).join('\n');
        reject(new Error(`${path.basename(file)} ${args.join(' ')} failed: ${error.message.split('\n')[0]}\n${detail}`));
      } else {
        resolve(String(stdout));
      }
    });
  });
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./=:-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
