import type {
  ClusterClient,
  ResourceDiscovery,
  ServerVersion,
} from './ClusterClient';

/** What a cluster tells a render about itself, as Argo CD hands it to Helm. */
export interface Capabilities {
  /** `vMAJOR.MINOR.PATCH`; Helm's `--kube-version`. */
  kubeVersion?: string;
  /** Every served `group/version` and `group/version/Kind`; Helm's `--api-versions`. */
  apiVersions?: string[];
}

/** `vMAJOR.MINOR.PATCH` of a server version, build and vendor suffixes left off, as Argo CD 3.4 keeps it. */
export function kubeVersionOf(version: ServerVersion): string | undefined {
  const semver = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.gitVersion ?? '');
  if (semver) return `v${semver[1]}.${semver[2]}.${semver[3]}`;
  const major = /^\d+/.exec(version.major ?? '')?.[0];
  const minor = /^\d+/.exec(version.minor ?? '')?.[0];
  return major && minor ? `v${major}.${minor}.0` : undefined;
}

/**
 * The Kubernetes version and API versions of a cluster, for Helm's
 * `.Capabilities`: Argo CD renders charts with the destination's, not
 * Helm's defaults, so that a chart's `Capabilities.APIVersions.Has`
 * switches (ServiceMonitors, PodDisruptionBudgets, ...) see what the
 * cluster serves. Read at most once per `ttlMs`; a cluster that does not
 * answer fails the render, as in Argo CD, rather than letting Helm's
 * defaults drop objects.
 */
export class ClusterCapabilities {
  private cached?: { at: number; value: Promise<Capabilities> };

  constructor(
    private readonly client: Pick<
      ClusterClient,
      'serverVersion' | 'listResources'
    >,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
    /** Names the cluster in errors. */
    private readonly clusterName = 'the destination cluster',
  ) {}

  current(): Promise<Capabilities> {
    const now = this.now();
    if (!this.cached || now - this.cached.at >= this.ttlMs) {
      const value = this.read();
      this.cached = { at: now, value };
      // a failure is not kept: the next render asks the cluster again
      value.catch(() => {
        if (this.cached?.value === value) this.cached = undefined;
      });
    }
    return this.cached.value;
  }

  /** Forgets what was read (after CRDs change). */
  invalidate(): void {
    this.cached = undefined;
  }

  private async read(): Promise<Capabilities> {
    let version: ServerVersion;
    let discovery: ResourceDiscovery;
    try {
      [version, discovery] = await Promise.all([
        this.client.serverVersion(),
        this.client.listResources(),
      ]);
    } catch (error) {
      // As Argo CD: rendering with Helm's defaults instead could drop objects a chart gates on them.
      throw new Error(
        `cannot read the version and API versions of ${
          this.clusterName
        } for Helm's .Capabilities: ${
          (error as Error).message
        }; check the cluster's connection and credentials`,
      );
    }
    const apiVersions = new Set<string>();
    for (const r of discovery.resources) {
      apiVersions.add(r.apiVersion);
      apiVersions.add(`${r.apiVersion}/${r.kind}`);
    }
    const kubeVersion = kubeVersionOf(version);
    return {
      ...(kubeVersion ? { kubeVersion } : {}),
      ...(apiVersions.size > 0 ? { apiVersions: [...apiVersions].sort() } : {}),
    };
  }
}
