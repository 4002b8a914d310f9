/*
 * A real Git smart-HTTP server for the benchmarks, run in a child process
 * of the benchmark (see gitServerProcess.ts for why), with the part of
 * GitTestServer's API the scenarios use.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface BenchGitServer {
  createRepo(name: string, files: Record<string, string>): Promise<{ url: string }>;
  /** Commits `files` (null deletes a file) on the default branch; returns the commit SHA. */
  commit(name: string, files: Record<string, string | null>, options?: { message?: string }): Promise<string>;
  headOf(name: string, branch?: string): Promise<string>;
  /** Git requests the server has answered so far. */
  requestCount(): Promise<number>;
  stop(): Promise<void>;
}

export async function startGitServer(): Promise<BenchGitServer> {
  const root = path.resolve(__dirname, '..', '..');
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'run-ts.js'), 'bench/harness/gitServerProcess.ts'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const pending = new Map<number, { resolve(value: any): void; reject(error: Error): void }>();
  let ready: () => void;
  let failed: (error: Error) => void;
  const started = new Promise<void>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  readline.createInterface({ input: child.stdout! }).on('line', line => {
    const message = JSON.parse(line) as { ready?: boolean; id?: number; result?: unknown; error?: string };
    if (message.ready) return ready();
    const waiter = pending.get(message.id!);
    pending.delete(message.id!);
    if (message.error !== undefined) waiter?.reject(new Error(`bench Git server: ${message.error}`));
    else waiter?.resolve(message.result);
  });
  child.on('exit', code => {
    const error = new Error(`the bench Git server process exited with ${code}`);
    failed(error);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  });
  await started;
  let nextId = 1;
  const call = <T>(method: string, ...args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.stdin!.write(`${JSON.stringify({ id, method, args })}\n`);
    });
  return {
    createRepo: (name, files) => call('createRepo', name, files),
    commit: (name, files, options) => call('commit', name, files, options),
    headOf: (name, branch) => call('headOf', name, branch),
    requestCount: () => call('requestCount'),
    stop: () =>
      new Promise(resolve => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}
