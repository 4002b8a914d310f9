/*
 * The engine as the benchmarks drive it: a real Git smart-HTTP server,
 * kube-sim as the cluster, the production renderer (GitSource over HTTP) and
 * the ApplicationController, all in this process, wired like the engine's
 * end-to-end tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { HealthAssessor } from '@slipway/plugin-slipway-node';
import { startKubeSim, KubeSim } from '@slipway/kube-sim';
import { GitTestServer } from '@slipway/test-utils';
import { ClusterRegistry } from '../../plugins/slipway-backend/src/clusters/ClusterRegistry';
import { createRendering } from '../../plugins/slipway-backend/src/engine/render';
import { ApplicationController } from '../../plugins/slipway-backend/src/engine/app/ApplicationController';
import { ClusterConnections } from '../../plugins/slipway-backend/src/engine/app/ClusterConnections';

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

export interface EngineHarness {
  git: GitTestServer;
  sim: KubeSim;
  connections: ClusterConnections;
  controller: ApplicationController;
  rendering: ReturnType<typeof createRendering>;
  cacheDir: string;
  stop(): Promise<void>;
}

export async function startEngineHarness(
  options: { namespaces?: string[]; podReadyDelayMs?: number; renderCacheEntries?: number } = {},
): Promise<EngineHarness> {
  const git = await GitTestServer.start();
  const sim = await startKubeSim({
    podReadyDelayMs: options.podReadyDelayMs ?? 0,
    namespaces: options.namespaces,
    log: message => process.stderr.write(`[kube-sim] ${message}\n`),
  });
  const registry = await ClusterRegistry.create({
    logger: quietLogger(),
    clusters: [{ name: 'sim', url: sim.url, token: sim.token, labels: {}, inCluster: true, skipTLSVerify: true }],
    startEmbedded: () => Promise.reject(new Error('no embedded cluster in the benchmarks')),
  });
  const connections = new ClusterConnections(registry);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-bench-'));
  const config = new ConfigReader(
    options.renderCacheEntries ? { slipway: { render: { cacheEntries: options.renderCacheEntries } } } : {},
  );
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
