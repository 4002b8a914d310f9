import type { Knex } from 'knex';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { slipwayPlugin } from '../../plugin';

/** An Argo CD Application entity deploying `path` of `repoURL` to the `sim` cluster. */
export function applicationEntity(
  name: string,
  options: { repoURL: string; path: string; namespace: string; project?: string; automated?: Record<string, boolean> },
): Entity {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'slipway.io/component': 'component:default/web', 'slipway.io/environment': 'test' },
    },
    spec: {
      ...(options.project ? { project: options.project } : {}),
      source: { repoURL: options.repoURL, path: options.path, targetRevision: 'main' },
      destination: { name: 'sim', namespace: options.namespace },
      syncPolicy: {
        syncOptions: ['CreateNamespace=true'],
        ...(options.automated ? { automated: options.automated } : {}),
      },
    },
  };
}

/** The entity with more annotations (Argo CD's, or those the catalog module writes). */
export function withAnnotations(entity: Entity, annotations: Record<string, string>): Entity {
  return { ...entity, metadata: { ...entity.metadata, annotations: { ...entity.metadata.annotations, ...annotations } } };
}

/** Starts the plugin in a test backend on the given database, catalog and kube-sim. */
export async function startSlipway(options: {
  knex: Knex;
  entities: Entity[];
  sim: { url: string; token: string };
  workDir: string;
  slipway?: Record<string, any>;
  /** More features or service factories, e.g. a permission policy. */
  features?: Parameters<typeof startTestBackend>[0]['features'];
}) {
  return startTestBackend({
    features: [
      slipwayPlugin,
      // the real scheduler: tasks run on their schedule, global ones coordinated in the database
      schedulerServiceFactory,
      ...(process.env.SLIPWAY_TEST_LOGS ? [mockServices.rootLogger.factory({ level: 'debug' })] : []),
      mockServices.database.factory({ knex: options.knex }),
      catalogServiceMock.factory({ entities: options.entities }),
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          backend: { workingDirectory: options.workDir },
          slipway: {
            clusters: [{ name: 'sim', url: options.sim.url, token: options.sim.token, inCluster: true, skipTLSVerify: true }],
            reconcile: { refreshInterval: 1, selfHealTimeout: 0 },
            inventory: { refreshInterval: 0.5 },
            operations: { pollInterval: 0.1, heartbeatInterval: 0.2, staleAfter: 1, recoverInterval: 1 },
            ...options.slipway,
          },
        },
      }),
    ],
  });
}

/** Polls until `probe` returns a value that is not undefined/false, or fails with the last value seen. */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

/** A tiny Kubernetes REST client for kube-sim. */
export function kubeClient(sim: { url: string; token: string }) {
  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const response = await fetch(`${sim.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${sim.token}`, 'content-type': contentType },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as any;
  };
  return {
    configMap: (namespace: string, name: string) => call('GET', `/api/v1/namespaces/${namespace}/configmaps/${name}`),
    patchConfigMap: (namespace: string, name: string, patch: unknown) =>
      call('PATCH', `/api/v1/namespaces/${namespace}/configmaps/${name}`, patch, 'application/merge-patch+json'),
    deployment: (namespace: string, name: string) => call('GET', `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`),
    cronJob: (namespace: string, name: string) => call('GET', `/apis/batch/v1/namespaces/${namespace}/cronjobs/${name}`),
  };
}
