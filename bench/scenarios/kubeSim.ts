import { performance } from 'node:perf_hooks';
import { startKubeSim } from '@slipway/kube-sim';
import { BenchScenario, percentile, result, round } from '../BenchResult';

const APPLIES = 4000;
const CONCURRENCY = 8;
const WATCHERS = 10;
const WATCH_WRITES = 300;

interface Cluster {
  url: string;
  token: string;
}

function configMap(name: string, generation: number) {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'bench', labels: { bench: 'kube-sim' } },
    data: { generation: String(generation), payload: 'x'.repeat(256) },
  });
}

async function apply(cluster: Cluster, name: string, generation: number) {
  const response = await fetch(
    `${cluster.url}/api/v1/namespaces/bench/configmaps/${name}?fieldManager=bench&force=true`,
    {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${cluster.token}`,
        'content-type': 'application/apply-patch+yaml',
      },
      body: configMap(name, generation),
    },
  );
  if (!response.ok) {
    throw new Error(`apply ${name}: HTTP ${response.status} ${await response.text()}`);
  }
  await response.arrayBuffer();
}

async function applyLoop(cluster: Cluster, count: number, workers: number, prefix: string) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        await apply(cluster, `${prefix}-${i}`, 1);
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

/** Opens a watch and calls onEvent with each event's object name. */
async function openWatch(
  cluster: Cluster,
  signal: AbortSignal,
  onEvent: (name: string) => void,
): Promise<void> {
  const response = await fetch(
    `${cluster.url}/api/v1/namespaces/bench/configmaps?watch=1&labelSelector=bench%3Dwatch`,
    { headers: { authorization: `Bearer ${cluster.token}` }, signal },
  );
  if (!response.ok || !response.body) {
    throw new Error(`watch: HTTP ${response.status}`);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          if (line.trim()) {
            const event = JSON.parse(line);
            onEvent(event.object?.metadata?.name);
          }
          newline = buffer.indexOf('\n');
        }
      }
    } catch {
      // aborted at the end of the scenario
    }
  })();
}

async function watchFanOut(cluster: Cluster) {
  const controller = new AbortController();
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let received = 0;
  await Promise.all(
    Array.from({ length: WATCHERS }, () =>
      openWatch(cluster, controller.signal, name => {
        const sent = sentAt.get(name);
        if (sent !== undefined) {
          latencies.push(performance.now() - sent);
          received++;
        }
      }),
    ),
  );
  for (let i = 0; i < WATCH_WRITES; i++) {
    const name = `watched-${i}`;
    sentAt.set(name, performance.now());
    const response = await fetch(
      `${cluster.url}/api/v1/namespaces/bench/configmaps?fieldManager=bench`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${cluster.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name, labels: { bench: 'watch' } },
          data: { i: String(i) },
        }),
      },
    );
    await response.arrayBuffer();
  }
  const deadline = performance.now() + 5000;
  while (received < WATCH_WRITES * WATCHERS && performance.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  controller.abort();
  return { latencies, expected: WATCH_WRITES * WATCHERS, received };
}

/**
 * kube-sim: server-side-apply writes per second (one client, and 8
 * concurrent) and watch fan-out latency with 10 watchers.
 */
export const kubeSimScenario: BenchScenario = {
  name: 'kube-sim',
  async run() {
    const sim = await startKubeSim({ podReadyDelayMs: 0 });
    const cluster = { url: sim.url, token: sim.token };
    try {
      await fetch(`${cluster.url}/api/v1/namespaces`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cluster.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } }),
      });
      const heapBefore = process.memoryUsage().heapUsed;
      const cpuBefore = process.cpuUsage();
      const oneClient = await applyLoop(cluster, APPLIES, 1, 'single');
      const concurrent = await applyLoop(cluster, APPLIES, CONCURRENCY, 'concurrent');
      const cpu = process.cpuUsage(cpuBefore);
      (globalThis as { gc?: () => void }).gc?.();
      const heapAfter = process.memoryUsage().heapUsed;
      const watch = await watchFanOut(cluster);
      return result({
        scenario: 'kube-sim',
        value: round(oneClient, 0),
        unit: 'applies/s',
        goal: 2000,
        better: 'higher',
        details: {
          appliesPerSecondOneClient: round(oneClient, 0),
          appliesPerSecondConcurrent8: round(concurrent, 0),
          objects: APPLIES * 2,
          heapGrowthMiB: round((heapAfter - heapBefore) / 1024 / 1024),
          heapGrowthMeasuredAfterGc: Boolean((globalThis as { gc?: unknown }).gc),
          cpuSeconds: round((cpu.user + cpu.system) / 1e6),
          watchers: WATCHERS,
          watchEventsExpected: watch.expected,
          watchEventsReceived: watch.received,
          watchDeliveryP50Ms: round(percentile(watch.latencies, 50)),
          watchDeliveryP95Ms: round(percentile(watch.latencies, 95)),
          watchDeliveryGoalP95Ms: 5,
          note: 'client and kube-sim share one Node.js process, as the engine and the embedded cluster do',
        },
      });
    } finally {
      await sim.stop();
    }
  },
};
