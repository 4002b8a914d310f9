import {
  ApiException,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import type { Config } from '@backstage/config';
import { readClusterConfig, type ClusterConfig } from '../clusters';
import type {
  ClusterDecisionRequest,
  ClusterDecisions,
  ClusterDecisionService,
} from './types';

/**
 * A duck type clusterDecisionResource generators read, as Argo CD's
 * ConfigMap describes it (`apiVersion`, `kind` — the resource's plural —,
 * `statusListKey`, `matchKey`), plus where Slipway reads it: a configured
 * cluster and a namespace (Argo CD reads its own namespace). @public
 */
export interface ClusterDecisionResourceConfig {
  /** What generators give as `configMapRef`. */
  name: string;
  apiVersion: string;
  kind: string;
  statusListKey: string;
  matchKey: string;
  /** A `slipway.clusters` name; default the in-cluster one. */
  cluster?: string;
  namespace: string;
}

/** Reads `slipway.applicationSets.clusterDecisionResources`; throws naming an invalid entry. @public */
export function readClusterDecisionResources(
  config: Config,
): ClusterDecisionResourceConfig[] {
  return (
    config.getOptionalConfigArray(
      'slipway.applicationSets.clusterDecisionResources',
    ) ?? []
  ).map((entry, i) => {
    const where = `slipway.applicationSets.clusterDecisionResources[${i}]`;
    const apiVersion = entry.getString('apiVersion');
    if (!/^[^/]+\/[^/]+$/.test(apiVersion)) {
      throw new Error(
        `${where}.apiVersion must be group/version (e.g. cluster.open-cluster-management.io/v1beta1), got "${apiVersion}"`,
      );
    }
    return {
      name: entry.getString('name'),
      apiVersion,
      kind: entry.getString('kind'),
      statusListKey: entry.getOptionalString('statusListKey') || 'clusters',
      matchKey: entry.getString('matchKey'),
      cluster: entry.getOptionalString('cluster'),
      namespace: entry.getOptionalString('namespace') ?? 'default',
    };
  });
}

/** A label selector as the API's `labelSelector` query parameter. */
export function formatLabelSelector(
  selector: NonNullable<ClusterDecisionRequest['labelSelector']>,
): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(
    ([k, v]) => `${k}=${v}`,
  );
  for (const e of selector.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** Reads duck-typed resources from a configured cluster with @kubernetes/client-node. @public */
export class KubeClusterDecisionService implements ClusterDecisionService {
  constructor(
    private readonly resources: ClusterDecisionResourceConfig[],
    private readonly clusters: ClusterConfig[],
  ) {}

  static fromConfig(config: Config): KubeClusterDecisionService {
    return new KubeClusterDecisionService(
      readClusterDecisionResources(config),
      readClusterConfig(config),
    );
  }

  async listDecisions(
    request: ClusterDecisionRequest,
  ): Promise<ClusterDecisions> {
    const duck = this.resources.find(r => r.name === request.configMapRef);
    if (!duck) {
      throw new Error(
        `no duck type of this name is configured (configured: ${
          this.resources.map(r => r.name).join(', ') || 'none'
        }); add it to slipway.applicationSets.clusterDecisionResources or fix configMapRef`,
      );
    }
    const [group, version] = duck.apiVersion.split('/');
    const api = this.apiFor(duck);
    let list: {
      items?: Array<{
        metadata?: { name?: string };
        status?: Record<string, unknown>;
      }>;
    };
    try {
      list = await api.listNamespacedCustomObject({
        group,
        version,
        namespace: duck.namespace,
        plural: duck.kind,
        ...(request.name
          ? { fieldSelector: `metadata.name=${request.name}` }
          : {}),
        ...(request.labelSelector
          ? { labelSelector: formatLabelSelector(request.labelSelector) }
          : {}),
      });
    } catch (e) {
      const reason =
        e instanceof ApiException
          ? `the cluster answered ${e.code}`
          : (e as Error).message;
      throw new Error(
        `could not list ${duck.kind}.${group} in namespace ${duck.namespace}: ${reason}`,
      );
    }
    const items = list.items ?? [];
    if (items.length === 0) {
      throw new Error(
        `no ${duck.kind}.${group} found in namespace ${duck.namespace}${
          request.name ? ` named ${request.name}` : ''
        }`,
      );
    }
    const decisions: Array<Record<string, unknown>> = [];
    for (const item of items) {
      const entries = item.status?.[duck.statusListKey];
      if (Array.isArray(entries)) {
        decisions.push(
          ...entries.filter(
            (d): d is Record<string, unknown> =>
              typeof d === 'object' && d !== null,
          ),
        );
      }
    }
    return { matchKey: duck.matchKey, decisions };
  }

  private apiFor(duck: ClusterDecisionResourceConfig): CustomObjectsApi {
    const cluster = duck.cluster
      ? this.clusters.find(c => c.name === duck.cluster)
      : this.clusters.find(c => c.inCluster) ?? this.clusters[0];
    if (!cluster) {
      throw new Error(
        `cluster "${
          duck.cluster ?? '(in-cluster)'
        }" is not configured in slipway.clusters`,
      );
    }
    if (cluster.url === 'embedded') {
      throw new Error(
        `cluster ${cluster.name} is the Slipway backend's embedded kube-sim, which only that backend reaches; point clusterDecisionResources[].cluster at a cluster with a URL`,
      );
    }
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: cluster.name,
          server: cluster.url,
          caData: cluster.caData,
          skipTLSVerify: cluster.skipTLSVerify,
        },
      ],
      users: [{ name: cluster.name, token: cluster.token }],
      contexts: [
        { name: cluster.name, cluster: cluster.name, user: cluster.name },
      ],
      currentContext: cluster.name,
    });
    return kc.makeApiClient(CustomObjectsApi);
  }
}
