import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ApiResourceInfo, ClusterClient } from './ClusterClient';

/**
 * Kinds never listed: those Argo CD always excludes (events, metrics,
 * leases) and those of its default `resource.exclusions` (high-churn
 * objects controllers make: endpoints, reviews, reports).
 */
const EXCLUDED: Array<{ groups: string[]; kinds?: string[] }> = [
  { groups: ['events.k8s.io', 'metrics.k8s.io'] },
  { groups: [''], kinds: ['Event', 'Endpoints'] },
  { groups: ['discovery.k8s.io'], kinds: ['EndpointSlice'] },
  { groups: ['coordination.k8s.io'], kinds: ['Lease'] },
  {
    groups: ['authentication.k8s.io', 'authorization.k8s.io'],
    kinds: [
      'SelfSubjectReview',
      'TokenReview',
      'LocalSubjectAccessReview',
      'SelfSubjectAccessReview',
      'SelfSubjectRulesReview',
      'SubjectAccessReview',
    ],
  },
  { groups: ['cert-manager.io'], kinds: ['CertificateRequest'] },
  {
    groups: ['cilium.io'],
    kinds: ['CiliumIdentity', 'CiliumEndpoint', 'CiliumEndpointSlice'],
  },
  {
    groups: ['kyverno.io', 'reports.kyverno.io', 'wgpolicyk8s.io'],
    kinds: [
      'PolicyReport',
      'EphemeralReport',
      'AdmissionReport',
      'BackgroundScanReport',
      'UpdateRequest',
    ],
  },
];

function excluded(r: ApiResourceInfo): boolean {
  return EXCLUDED.some(
    e => e.groups.includes(r.group) && (!e.kinds || e.kinds.includes(r.kind)),
  );
}

/** The namespaced kinds a namespace listing reads: the preferred version of each listable, not excluded kind. */
export function listedKinds(resources: ApiResourceInfo[]): ApiResourceInfo[] {
  return resources.filter(
    r =>
      r.namespaced && r.preferred && r.verbs.includes('list') && !excluded(r),
  );
}

/** Options of {@link NamespaceLister}. */
export interface NamespaceListerOptions {
  client: Pick<ClusterClient, 'listResources' | 'list'>;
  /** How long a listing serves further asks for the same namespace. Default 5 seconds. */
  ttlMs?: number;
  /** Lists running at once. Default 8. */
  concurrency?: number;
  /** Where kinds that could not be listed are reported. */
  logger?: { warn(message: string): void };
  now?: () => number;
}

/**
 * Every object of a namespace, of every kind the cluster serves: what
 * orphaned-resource monitoring looks at, beyond the tracked objects the
 * cluster cache watches. A listing is shared by the Applications of the
 * namespace for a few seconds; a kind that cannot be listed (forbidden, an
 * API that does not answer) is left out and reported once.
 */
export class NamespaceLister {
  private readonly listings = new Map<
    string,
    { at: number; objects: Promise<KubeObject[]> }
  >();
  /** Kinds already reported as unlistable: reported once, not at every listing. */
  private readonly reported = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly options: NamespaceListerOptions) {
    this.now = options.now ?? Date.now;
  }

  objects(namespace: string): Promise<KubeObject[]> {
    const ttl = this.options.ttlMs ?? 5_000;
    const cached = this.listings.get(namespace);
    if (cached && this.now() - cached.at < ttl) return cached.objects;
    const objects = this.list(namespace);
    this.listings.set(namespace, { at: this.now(), objects });
    objects.catch(() => this.listings.delete(namespace));
    return objects;
  }

  private async list(namespace: string): Promise<KubeObject[]> {
    const kinds = listedKinds(
      (await this.options.client.listResources()).resources,
    );
    const out: KubeObject[] = [];
    let next = 0;
    const worker = async () => {
      while (next < kinds.length) {
        const kind = kinds[next++];
        try {
          const list = await this.options.client.list(
            kind.apiVersion,
            kind.kind,
            { namespace },
          );
          // list items may lack apiVersion and kind, as the API server's do
          for (const item of list.items)
            out.push({ ...item, apiVersion: kind.apiVersion, kind: kind.kind });
        } catch (error) {
          const id = `${kind.apiVersion}/${kind.kind}`;
          if (this.reported.has(id)) continue;
          this.reported.add(id);
          this.options.logger?.warn(
            `could not list ${kind.kind} (${
              kind.apiVersion
            }) in namespace ${namespace} to look for orphaned resources; they are left out: ${
              (error as Error).message
            }`,
          );
        }
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(this.options.concurrency ?? 8, kinds.length) },
        worker,
      ),
    );
    return out;
  }
}
