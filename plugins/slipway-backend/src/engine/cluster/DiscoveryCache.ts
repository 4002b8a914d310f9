import type {
  ApiResourceInfo,
  ResourceDiscovery,
  UnavailableGroupVersion,
} from './ClusterClient';
import { splitApiVersion } from './ClusterClient';

type Fetch = (path: string) => Promise<unknown>;

interface RawResource {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs?: string[];
}

/**
 * Kubernetes API discovery (`/api`, `/apis`, `/apis/<group>/<version>`),
 * cached per group version. A kind missing from a cached group version
 * triggers one fresh lookup of that group version (a CRD may just have been
 * installed).
 * @public
 */
export class DiscoveryCache {
  private readonly byGroupVersion = new Map<
    string,
    Promise<ApiResourceInfo[]>
  >();
  private preferred: Promise<Map<string, string>> | undefined;

  constructor(private readonly fetch: Fetch) {}

  invalidate(): void {
    this.byGroupVersion.clear();
    this.preferred = undefined;
  }

  async resourceFor(
    apiVersion: string,
    kind: string,
  ): Promise<ApiResourceInfo | undefined> {
    const found = (await this.groupVersion(apiVersion)).find(
      r => r.kind === kind,
    );
    if (found) return found;
    this.byGroupVersion.delete(apiVersion);
    this.preferred = undefined;
    return (await this.groupVersion(apiVersion)).find(r => r.kind === kind);
  }

  /**
   * Every resource of every served group version. A group version whose
   * discovery fails is reported as unavailable instead of failing the whole
   * (it is asked again next time); only `/api` and `/apis` themselves must
   * answer.
   */
  async all(): Promise<ResourceDiscovery> {
    const preferred = await this.preferredVersions();
    const versions = await this.servedGroupVersions();
    const unavailable: UnavailableGroupVersion[] = [];
    const lists = await Promise.all(
      versions.map(gv =>
        this.groupVersion(gv).catch(e => {
          unavailable.push({
            groupVersion: gv,
            message: e instanceof Error ? e.message : String(e),
          });
          return [];
        }),
      ),
    );
    const resources = lists.flat().map(r => ({
      ...r,
      preferred: preferred.get(r.group) === r.version,
    }));
    return { resources, unavailable };
  }

  private async servedGroupVersions(): Promise<string[]> {
    const core = (await this.fetch('/api')) as { versions?: string[] };
    const groups = (await this.fetch('/apis')) as {
      groups?: Array<{ versions?: Array<{ groupVersion: string }> }>;
    };
    return [
      ...(core.versions ?? []),
      ...(groups.groups ?? []).flatMap(g =>
        (g.versions ?? []).map(v => v.groupVersion),
      ),
    ];
  }

  private preferredVersions(): Promise<Map<string, string>> {
    if (!this.preferred) {
      this.preferred = (async () => {
        const map = new Map<string, string>([['', 'v1']]);
        const groups = (await this.fetch('/apis')) as {
          groups?: Array<{
            name: string;
            preferredVersion?: { version: string };
          }>;
        };
        for (const g of groups.groups ?? []) {
          if (g.preferredVersion) map.set(g.name, g.preferredVersion.version);
        }
        return map;
      })();
      this.preferred.catch(() => {
        this.preferred = undefined;
      });
    }
    return this.preferred;
  }

  private groupVersion(apiVersion: string): Promise<ApiResourceInfo[]> {
    let entry = this.byGroupVersion.get(apiVersion);
    if (!entry) {
      const { group, version } = splitApiVersion(apiVersion);
      const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
      entry = (async () => {
        let list: { resources?: RawResource[] };
        try {
          list = (await this.fetch(path)) as { resources?: RawResource[] };
        } catch (e) {
          if ((e as { code?: number }).code === 404) return [];
          throw e;
        }
        const preferred = await this.preferredVersions().catch(
          () => new Map<string, string>(),
        );
        const resources = list.resources ?? [];
        const subresources = new Map<string, string[]>();
        for (const r of resources) {
          const slash = r.name.indexOf('/');
          if (slash < 0) continue;
          const plural = r.name.slice(0, slash);
          subresources.set(plural, [
            ...(subresources.get(plural) ?? []),
            r.name.slice(slash + 1),
          ]);
        }
        return resources
          .filter(r => !r.name.includes('/'))
          .map(r => ({
            group,
            version,
            apiVersion,
            kind: r.kind,
            plural: r.name,
            namespaced: r.namespaced,
            verbs: r.verbs ?? [],
            preferred: (preferred.get(group) ?? version) === version,
            subresources: subresources.get(r.name) ?? [],
          }));
      })();
      this.byGroupVersion.set(apiVersion, entry);
      entry.catch(() => this.byGroupVersion.delete(apiVersion));
    }
    return entry;
  }
}
