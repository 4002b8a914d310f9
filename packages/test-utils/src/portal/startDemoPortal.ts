import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../net/freePort';
import { withMachineLock } from './buildLock';
import { seedDemoGitops } from './seedDemoGitops';
import { findRepoRoot } from './repoRoot';

/** A running demo portal: the real backend serving the built app. */
export interface DemoPortal {
  /** Where the portal (app and API) is served, e.g. http://localhost:41234 */
  baseUrl: string;
  /** Everything the backend printed so far. */
  logs(): string;
  stop(): Promise<void>;
}

/** Options of {@link startDemoPortal}. */
export interface DemoPortalOptions {
  /** Configuration merged over app-config.yaml (e.g. `{ demo: { permissionPolicy: 'read-only' } }`). */
  config?: Record<string, unknown>;
  /** How long to wait for the backend to answer. Default 180 s. */
  startTimeoutMs?: number;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs,
    );
  }
  return newest;
}

/**
 * Builds the frontend when its bundle is missing or older than its sources,
 * so the backend's app plugin can serve it. The bundle of the app depends on
 * the frontend plugins too, so their sources count.
 */
export function ensureAppBuilt(root = findRepoRoot()): void {
  const appDir = path.join(root, 'packages/app');
  const index = path.join(appDir, 'dist/index.html');
  const sources = [
    path.join(appDir, 'src'),
    path.join(root, 'plugins/slipway/src'),
    path.join(root, 'plugins/slipway-common/src'),
  ];
  const fresh = () =>
    fs.existsSync(index) &&
    fs.statSync(index).mtimeMs > Math.max(...sources.filter(fs.existsSync).map(newestMtime));
  if (fresh()) return;
  // Test files run in parallel workers: one builds, the others wait and find the bundle fresh.
  withMachineLock(`app-build:${appDir}`, () => {
    if (fresh()) return;
    const result = spawnSync(
      path.join(root, 'node_modules/.bin/backstage-cli'),
      ['package', 'build'],
      {
        cwd: appDir,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        // Jest sets NODE_ENV=test, for which the app names no browserslist: the bundler then fails.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    if (result.status !== 0) {
      throw new Error(
        `building packages/app failed (exit ${result.status}):\n${result.stderr}\n${result.stdout}`,
      );
    }
  });
}

async function waitUntilServing(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  logs: () => string,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the demo backend exited with code ${child.exitCode}:\n${logs()}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error(`the demo backend did not answer ${url} within ${timeoutMs} ms:\n${logs()}`);
}

/**
 * Starts the demo portal as `npm start` would run its backend, on a free
 * port, with the built app served by the backend.
 */
export async function startDemoPortal(
  options: DemoPortalOptions = {},
): Promise<DemoPortal> {
  const root = findRepoRoot();
  ensureAppBuilt(root);
  // the demo's GitOps repository, as `npm start` seeds it (tests may point elsewhere)
  await seedDemoGitops(undefined, root);
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-portal-'));
  const overrides = {
    ...options.config,
    app: { baseUrl, ...(options.config?.app as object) },
    backend: {
      baseUrl,
      listen: { port },
      cors: { origin: baseUrl },
      ...(options.config?.backend as object),
    },
  };
  // JSON is YAML, so the override file needs no YAML library.
  const configFile = path.join(configDir, 'app-config.test.yaml');
  fs.writeFileSync(configFile, JSON.stringify(overrides));

  let output = '';
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'scripts/run-ts.js'),
      'packages/backend/src/index.ts',
      '--config',
      path.join(root, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: path.join(root, 'packages/backend'),
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const logs = () => output;

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(configDir, { recursive: true, force: true });
  };

  try {
    await waitUntilServing(
      `${baseUrl}/api/slipway/health`,
      child,
      options.startTimeoutMs ?? 180_000,
      logs,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, logs, stop };
}
