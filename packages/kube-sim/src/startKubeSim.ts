import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResourceHandler } from './api/ResourceHandler';
import { WatchHandler } from './api/WatchHandler';
import {
  addonControllers,
  KubeSimAddons,
} from './controllers/addons/addonControllers';
import { ControllerManager } from './controllers/ControllerManager';
import { CronJobController } from './controllers/CronJobController';
import { ApiServiceController } from './controllers/ApiServiceController';
import { CrdController } from './controllers/CrdController';
import { DaemonSetController } from './controllers/DaemonSetController';
import { DeploymentController } from './controllers/DeploymentController';
import { EndpointsController } from './controllers/EndpointsController';
import { GarbageCollector } from './controllers/GarbageCollector';
import { JobController } from './controllers/JobController';
import { NamespaceController } from './controllers/NamespaceController';
import { PodLifecycle } from './controllers/PodLifecycle';
import { PvcController } from './controllers/PvcController';
import { DisruptionController } from './controllers/DisruptionController';
import { ReplicaSetController } from './controllers/ReplicaSetController';
import { StatefulSetController } from './controllers/StatefulSetController';
import { Deleter } from './registry/Deleter';
import { ObjectWriter } from './registry/ObjectWriter';
import { Auth } from './server/Auth';
import { KubeSimServer } from './server/KubeSimServer';
import { InFlightLimiter, RequestLimits } from './server/InFlightLimiter';
import { ObjectStore } from './store/ObjectStore';
import { TypeRegistry } from './types/TypeRegistry';
import { buildKubeconfig } from './kubeconfig';
import { seedCluster } from './seed';
import { selfSignedCertificate } from './server/tls';
import { SimClock, systemClock } from './util/Clock';

/** Options of {@link startKubeSim}; every field is optional. */
export interface KubeSimOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free port. */
  port?: number;
  /**
   * Serve HTTPS with a fresh self-signed certificate (its CA goes into the
   * kubeconfig). kubectl sends bearer tokens only over HTTPS, so use this
   * for kubectl; default false (plain HTTP, fastest for benchmarks).
   */
  tls?: boolean;
  /** Host to bind; default `127.0.0.1`. */
  host?: string;
  /** Admin bearer token; random by default. */
  token?: string;
  /** Restricted identity: its token (random by default) and what it may not do. */
  restricted?: {
    token?: string;
    /** `plural` or `plural.group`, `*` for all; default `['secrets']`. */
    forbiddenResources?: string[];
    /** Verbs refused; default all verbs. */
    forbiddenVerbs?: string[];
  };
  /** Delay before pods run and become Ready; default 1000 ms (use 0 in tests). */
  podReadyDelayMs?: number;
  /** How long Job pods run before they finish; default = podReadyDelayMs. */
  jobRunMs?: number;
  /** Number of simulated nodes (DaemonSets run one pod per node); default 3. */
  nodes?: number;
  /** Watch events kept per resource for resuming watches; default 10000. */
  watchHistorySize?: number;
  /** Interval of watch BOOKMARK events when asked for; default 10000 ms. */
  bookmarkIntervalMs?: number;
  /** Directory for the kubeconfig file; default a new temporary directory. */
  kubeconfigDir?: string;
  /** Name of cluster/context/user in the kubeconfig; default `kube-sim`. */
  contextName?: string;
  /** Extra namespaces created at start (besides default, kube-system, kube-public, kube-node-lease). */
  namespaces?: string[];
  /**
   * Clock of the simulated controllers (CronJob schedules, pod and Job
   * delays); default the system clock. Pass a `ManualClock` to move time in tests.
   */
  clock?: SimClock;
  /**
   * Simulated controllers that are add-ons in a real cluster (an ingress
   * controller, the HPA controller with metrics, a cloud load-balancer
   * provider); all off by default, as in a bare cluster.
   */
  addons?: KubeSimAddons;
  /** Logger for controller errors; default writes to stderr. */
  log?: (message: string) => void;
  /**
   * Requests in flight at once, as kube-apiserver's `--max-requests-inflight`
   * and `--max-mutating-requests-inflight` (there 400 and 200): one more is
   * refused with 429 and `Retry-After: 1`. Unset or 0: no limit (default).
   */
  requestLimits?: RequestLimits;
}

/** A running simulated API server. */
export interface KubeSim {
  /** `http://127.0.0.1:<port>` (or https with `tls: true`) */
  url: string;
  port: number;
  /** Admin bearer token. */
  token: string;
  /** PEM certificate of the server (its own CA) when serving HTTPS. */
  caCertificate?: string;
  /** Bearer token of the restricted identity (403 on the forbidden resources). */
  restrictedToken: string;
  /** kubeconfig YAML (admin user, current context). */
  kubeconfig: string;
  /** The kubeconfig written to disk. */
  kubeconfigPath: string;
  /** kubeconfig YAML for the restricted user. */
  restrictedKubeconfig: string;
  /** Resolves when the simulated controllers have no queued work. */
  idle(): Promise<void>;
  /** Changes the limits of requests in flight (see `requestLimits`). */
  setRequestLimits(limits: RequestLimits): void;
  /** Stops the server, the controllers and removes a temporary kubeconfig dir. */
  stop(): Promise<void>;
}

/**
 * Starts a simulated Kubernetes API server on 127.0.0.1 over plain HTTP.
 * It is a simulation for demos, tests and benchmarks, not a cluster.
 */
export async function startKubeSim(
  options: KubeSimOptions = {},
): Promise<KubeSim> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const restrictedToken =
    options.restricted?.token ?? randomBytes(24).toString('hex');
  if (restrictedToken === token)
    throw new Error(
      'kube-sim: the restricted token must differ from the admin token',
    );
  const podReadyDelayMs = options.podReadyDelayMs ?? 1000;
  const nodeCount = Math.max(1, options.nodes ?? 3);
  const log =
    options.log ?? ((m: string) => process.stderr.write(`[kube-sim] ${m}\n`));

  const types = new TypeRegistry();
  const store = new ObjectStore(options.watchHistorySize ?? 10000);
  const writer = new ObjectWriter(store, types);
  const deleter = new Deleter(store, types);
  const nodes = Array.from(
    { length: nodeCount },
    (_, i) => `kube-sim-node-${i + 1}`,
  );
  const manager = new ControllerManager({
    store,
    types,
    writer,
    deleter,
    settings: {
      podReadyDelayMs,
      jobRunMs: options.jobRunMs ?? podReadyDelayMs,
      nodes,
    },
    clock: options.clock ?? systemClock,
    log,
  });
  const ctx = manager.context;
  for (const C of [
    GarbageCollector,
    NamespaceController,
    CrdController,
    ApiServiceController,
    PodLifecycle,
    ReplicaSetController,
    DeploymentController,
    StatefulSetController,
    DaemonSetController,
    JobController,
    CronJobController,
    EndpointsController,
    PvcController,
    DisruptionController,
  ]) {
    manager.add(new C(ctx));
  }
  for (const c of addonControllers(ctx, options.addons)) manager.add(c);
  manager.start();
  seedCluster(writer, types, nodes, options.namespaces ?? []);

  const auth = new Auth(token, {
    token: restrictedToken,
    forbiddenResources: options.restricted?.forbiddenResources ?? ['secrets'],
    forbiddenVerbs: options.restricted?.forbiddenVerbs ?? [],
  });
  const watches = new WatchHandler(store, types, {
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 10000,
  });
  const limiter = new InFlightLimiter(options.requestLimits);
  const server = new KubeSimServer({
    types,
    auth,
    limiter,
    resources: new ResourceHandler(store, types, writer, deleter),
    watches,
    version: {
      major: '1',
      minor: '32',
      gitVersion: 'v1.32.0-kube-sim',
      gitCommit: '0000000000000000000000000000000000000000',
      gitTreeState: 'clean',
      buildDate: '2025-01-01T00:00:00Z',
      goVersion: 'go1.23.0',
      compiler: 'gc',
      platform: 'linux/amd64',
    },
  });
  const host = options.host ?? '127.0.0.1';
  const tls = options.tls ? selfSignedCertificate(host) : undefined;
  const port = await server.listen(options.port ?? 0, host, tls);
  const url = `${tls ? 'https' : 'http'}://${host}:${port}`;
  const name = options.contextName ?? 'kube-sim';
  const kubeconfig = buildKubeconfig(name, url, token, tls?.cert);
  const restrictedKubeconfig = buildKubeconfig(
    name,
    url,
    restrictedToken,
    tls?.cert,
  );
  const ownDir = !options.kubeconfigDir;
  const dir = options.kubeconfigDir ?? mkdtempSync(join(tmpdir(), 'kube-sim-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 });
  let stopped = false;
  return {
    url,
    port,
    token,
    caCertificate: tls?.cert,
    restrictedToken,
    kubeconfig,
    kubeconfigPath,
    restrictedKubeconfig,
    idle: () => manager.idle(),
    setRequestLimits: limits => {
      limiter.limits = limits;
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      manager.stop();
      await server.close();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
