import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { startKubeSim } from '@slipway/kube-sim';
import { BenchScenario, percentile, result, round } from '../BenchResult';

const APPLIES = 4000;
const CONCURRENCY = 8;
const WATCHERS = 10;
const WATCH_WRITES = 300;

/**
 * The client: node:http with a keep-alive agent, as @kubernetes/client-node
 * (node-fetch over node:http) talks to the API server. Every response body is
 * read and parsed, as a client would.
 */
interface Cluster {
  host: string;
  port: number;
  token: string;
  agent: Agent;
}

function call(
  cluster: Cluster,
  method: string,
  path: string,
  contentType: string,
  body: string,
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: cluster.host,
        port: cluster.port,
        method,
        path,
        agent: cluster.agent,
        headers: {
          authorization: `Bearer ${cluster.token}`,
          'content-type': contentType,
          'content-length': Buffer.byteLength(body),
          accept: 'application/json',
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch (e) {
            reject(
              new Error(`${method} ${path}: unparsable response: ${text}`),
            );
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
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
  const res = await call(
    cluster,
    'PATCH',
    `/api/v1/namespaces/bench/configmaps/${name}?fieldManager=bench&force=true`,
    'application/apply-patch+yaml',
    configMap(name, generation),
  );
  if (res.status !== 200 && res.status !== 201) {
    throw new Error(
      `apply ${name}: HTTP ${res.status} ${JSON.stringify(res.body)}`,
    );
  }
  if (res.body.data?.generation !== String(generation)) {
    throw new Error(
      `apply ${name}: the response does not show generation ${generation}`,
    );
  }
}

/** Applies `count` objects `prefix-0..count-1` at `generation`; returns applies/s. */
async function applyLoop(
  cluster: Cluster,
  count: number,
  workers: number,
  prefix: string,
  generation: number,
) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        await apply(cluster, `${prefix}-${i}`, generation);
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

/** Opens a watch and calls onEvent with each event's object name. */
function openWatch(
  cluster: Cluster,
  onEvent: (name: string) => void,
): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: cluster.host,
        port: cluster.port,
        path: '/api/v1/namespaces/bench/configmaps?watch=1&labelSelector=bench%3Dwatch',
        headers: { authorization: `Bearer ${cluster.token}` },
      },
      res => {
        if (res.statusCode !== 200) {
          reject(new Error(`watch: HTTP ${res.statusCode}`));
          return;
        }
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let newline = buffer.indexOf('\n');
          while (newline >= 0) {
            const line = buffer.slice(0, newline);
            buffer = buffer.slice(newline + 1);
            if (line.trim()) onEvent(JSON.parse(line).object?.metadata?.name);
            newline = buffer.indexOf('\n');
          }
        });
        res.on('error', () => undefined);
        resolve(() => req.destroy());
      },
    );
    req.on('error', () => undefined);
    req.end();
  });
}

async function watchFanOut(cluster: Cluster) {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let received = 0;
  const closers = await Promise.all(
    Array.from({ length: WATCHERS }, () =>
      openWatch(cluster, name => {
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
    await call(
      cluster,
      'POST',
      '/api/v1/namespaces/bench/configmaps?fieldManager=bench',
      'application/json',
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, labels: { bench: 'watch' } },
        data: { i: String(i) },
      }),
    );
  }
  const deadline = performance.now() + 5000;
  while (received < WATCH_WRITES * WATCHERS && performance.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  for (const close of closers) close();
  return { latencies, expected: WATCH_WRITES * WATCHERS, received };
}

function heapAfterGc(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

/**
 * kube-sim: server-side-apply writes per second from one client (creates,
 * then re-applies that change every object) and from 8 concurrent clients,
 * heap growth per stored object, and watch fan-out latency with 10 watchers.
 */
export const kubeSimScenario: BenchScenario = {
  name: 'kube-sim',
  async run() {
    const sim = await startKubeSim({ podReadyDelayMs: 0 });
    const url = new URL(sim.url);
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const cluster: Cluster = {
      host: url.hostname,
      port: Number(url.port),
      token: sim.token,
      agent,
    };
    try {
      await call(
        cluster,
        'POST',
        '/api/v1/namespaces',
        'application/json',
        JSON.stringify({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'bench' },
        }),
      );
      await applyLoop(cluster, 200, 1, 'warmup', 1);
      const heapBefore = heapAfterGc();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const creates = await applyLoop(cluster, APPLIES, 1, 'single', 1);
      const updates = await applyLoop(cluster, APPLIES, 1, 'single', 2);
      const oneClient = (2 * APPLIES) / ((performance.now() - started) / 1000);
      const concurrentCreates = await applyLoop(
        cluster,
        APPLIES,
        CONCURRENCY,
        'concurrent',
        1,
      );
      const concurrentUpdates = await applyLoop(
        cluster,
        APPLIES,
        CONCURRENCY,
        'concurrent',
        2,
      );
      const cpu = process.cpuUsage(cpuBefore);
      await sim.idle();
      const heapAfter = heapAfterGc();
      const objects = APPLIES * 2;
      const storedJsonBytes =
        objects *
        Buffer.byteLength(
          JSON.stringify(
            (
              await call(
                cluster,
                'GET',
                '/api/v1/namespaces/bench/configmaps/single-0',
                'application/json',
                '',
              )
            ).body,
          ),
        );
      const watch = await watchFanOut(cluster);
      return result({
        scenario: 'kube-sim',
        value: round(oneClient, 0),
        unit: 'applies/s',
        goal: 2000,
        better: 'higher',
        details: {
          appliesPerSecondOneClient: round(oneClient, 0),
          createsPerSecondOneClient: round(creates, 0),
          reappliesPerSecondOneClient: round(updates, 0),
          appliesPerSecondConcurrent8: round(
            (2 * APPLIES) /
              (APPLIES / concurrentCreates + APPLIES / concurrentUpdates),
            0,
          ),
          objects,
          heapGrowthMiB: round((heapAfter - heapBefore) / 1024 / 1024),
          heapGrowthBytesPerObject: round(
            (heapAfter - heapBefore) / objects,
            0,
          ),
          storedJsonBytesPerObject: round(storedJsonBytes / objects, 0),
          heapGrowthMeasuredAfterGc: Boolean(
            (globalThis as { gc?: unknown }).gc,
          ),
          cpuSeconds: round((cpu.user + cpu.system) / 1e6),
          watchers: WATCHERS,
          watchEventsExpected: watch.expected,
          watchEventsReceived: watch.received,
          watchDeliveryP50Ms: round(percentile(watch.latencies, 50)),
          watchDeliveryP95Ms: round(percentile(watch.latencies, 95)),
          watchDeliveryGoalP95Ms: 5,
          note: 'client (node:http keep-alive, as client-node) and kube-sim share one Node.js process, as the engine and the embedded cluster do; heap growth includes the watch history (10000 events per resource)',
        },
      });
    } finally {
      agent.destroy();
      await sim.stop();
    }
  },
};
