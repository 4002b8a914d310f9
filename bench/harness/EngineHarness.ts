/*
 * The engine as the benchmarks drive it: a real Git smart-HTTP server (in
 * a child process, as a Git server is elsewhere),
 * kube-sim as the cluster, the production renderer (GitSource over HTTP) and
 * the ApplicationController, all in this process, wired like the engine's
 * end-to-end tests.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { HealthAssessor } from '@slipway/plugin-slipway-node';
import { KubeSimAddons, startKubeSim } from '@slipway/kube-sim';
import { ClusterRegistry } from '../../plugins/slipway-backend/src/clusters/ClusterRegistry';
import { createRendering } from '../../plugins/slipway-backend/src/engine/render';
import { ApplicationController } from '../../plugins/slipway-backend/src/engine/app/ApplicationController';
import { ClusterConnections } from '../../plugins/slipway-backend/src/engine/app/ClusterConnections';
import { BenchGitServer, startGitServer } from './gitServer';

/** A logger that keeps warnings and errors on stderr, like a quiet backend. */
export function quietLogger(): LoggerService {
  const logger: LoggerService = {
    error: message => process.stderr.write(`[bench] error: ${message}\n`),
    warn: message => process.stderr.write(`[bench] warn: ${message}\n`),
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

/** The simulated cluster's address, in this process or in a child process. */
export interface SimCluster {
  url: string;
  token: string;
  /** The child process' id when kube-sim runs in its own process. */
  pid?: number;
  stop(): Promise<void>;
}

/** Starts kube-sim in a child process of this one (same process tree). */
export async function startKubeSimProcess(options: { namespaces?: string[]; podReadyDelayMs?: number; addons?: KubeSimAddons }): Promise<SimCluster> {
  const root = path.resolve(__dirname, '..', '..');
  const child = spawn(
    process.execPath,
    [path.join(root, 'scripts', 'run-ts.js'), 'bench/harness/kubeSimProcess.ts'],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
      env: {
        ...process.env,
        POD_READY_DELAY_MS: String(options.podReadyDelayMs ?? 0),
        NAMESPACES: (options.namespaces ?? []).join(','),
        ...(options.addons ? { ADDONS: JSON.stringify(options.addons) } : {}),
      },
    },
  );
  const address = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', chunk => {
      out += chunk;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)));
    });
    child.on('exit', code => reject(new Error(`kube-sim process exited with ${code} before it started`)));
  });
  return {
    ...address,
    pid: child.pid,
    stop: () =>
      new Promise(resolve => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

export interface EngineHarness {
  git: BenchGitServer;
  sim: SimCluster;
  connections: ClusterConnections;
  controller: ApplicationController;
  rendering: ReturnType<typeof createRendering>;
  cacheDir: string;
  stop(): Promise<void>;
}

export async function startEngineHarness(
  options: {
    namespaces?: string[];
    podReadyDelayMs?: number;
    /** Run kube-sim in a child process (for memory figures of the engine alone). */
    simInChildProcess?: boolean;
    /** kube-sim's simulated controllers of a real cluster (ingress, HPA, load balancer). */
    addons?: KubeSimAddons;
  } = {},
): Promise<EngineHarness> {
  const git = await startGitServer();
  const sim: SimCluster = options.simInChildProcess
    ? await startKubeSimProcess(options)
    : await startKubeSim({
        podReadyDelayMs: options.podReadyDelayMs ?? 0,
        namespaces: options.namespaces,
        addons: options.addons,
        log: message => process.stderr.write(`[kube-sim] ${message}\n`),
      });
  const registry = await ClusterRegistry.create({
    logger: quietLogger(),
    clusters: [{ name: 'sim', url: sim.url, token: sim.token, labels: {}, inCluster: true, skipTLSVerify: true }],
    startEmbedded: () => Promise.reject(new Error('no embedded cluster in the benchmarks')),
  });
  const connections = new ClusterConnections(registry);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-'));
  const render = {
    // production default (the number of cores) unless a run asks for another
    ...(process.env.BENCH_RENDER_PARALLELISM ? { parallelism: Number(process.env.BENCH_RENDER_PARALLELISM) } : {}),
  };
  const config = new ConfigReader({ slipway: { render } });
  const rendering = createRendering({ config, cacheDir });
  const controller = new ApplicationController({
    renderer: rendering.renderer,
    clusters: connections,
    health: await HealthAssessor.create({}),
    executor: { pollIntervalMs: 20 },
  });
  return {
    git,
    sim,
    connections,
    controller,
    rendering,
    cacheDir,
    async stop() {
      await connections.stop();
      await registry.stop();
      await sim.stop();
      await git.stop();
      fs.rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
export async function runPool<T, R>(
  items: T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Wall time and CPU time of `work`. */
export async function measure<T>(work: () => Promise<T>) {
  const { performance } = await import('node:perf_hooks');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { value, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}
