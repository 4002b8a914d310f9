import { redactUrl } from '@slipway/plugin-slipway-node';
import type {
  FetchedChart,
  HelmRepositoryClient,
  ResolvedChart,
} from './HelmRepository';
import { HelmRepositoryError } from './HelmRepositoryError';
import type { OciChartRegistry } from './OciChartRegistry';

/** Where sources with `chart` are read from: what ApplicationRenderer and the versions API need. */
export interface ChartRepository {
  resolve(
    repoURL: string,
    chart: string,
    targetRevision?: string,
  ): Promise<ResolvedChart>;
  fetchChart(
    resolved: ResolvedChart,
    passCredentials?: boolean,
  ): Promise<FetchedChart>;
  /** The newest stable version; undefined when the chart (or a repository for the URL) is not there. */
  newestVersion(repoURL: string, chart: string): Promise<string | undefined>;
}

/**
 * Sends each chart source to where its `repoURL` points, like Argo CD:
 * OCI registries (`oci://…`, or a URL without scheme configured with
 * `enableOCI`) or classic Helm repositories (`https://…` with index.yaml).
 */
export class ChartRepositories implements ChartRepository {
  constructor(
    private readonly sources: {
      helm: HelmRepositoryClient;
      oci: OciChartRegistry;
    },
  ) {}

  resolve(
    repoURL: string,
    chart: string,
    targetRevision?: string,
  ): Promise<ResolvedChart> {
    if (this.sources.oci.handles(repoURL)) {
      return this.sources.oci.resolve(repoURL, chart, targetRevision);
    }
    this.requireHttp(repoURL);
    return this.sources.helm.resolve(repoURL, chart, targetRevision);
  }

  fetchChart(
    resolved: ResolvedChart,
    passCredentials = false,
  ): Promise<FetchedChart> {
    if (this.sources.oci.handles(resolved.repoURL)) {
      return this.sources.oci.fetchChart(resolved);
    }
    return this.sources.helm.fetchChart(resolved, passCredentials);
  }

  async newestVersion(
    repoURL: string,
    chart: string,
  ): Promise<string | undefined> {
    if (this.sources.oci.handles(repoURL)) {
      return this.sources.oci.newestVersion(repoURL, chart);
    }
    return /^https?:\/\//i.test(repoURL)
      ? this.sources.helm.newestVersion(repoURL, chart)
      : undefined;
  }

  /** A URL that is neither OCI nor http(s) gets a message saying which forms work. */
  private requireHttp(repoURL: string): void {
    if (/^https?:\/\//i.test(repoURL.trim())) return;
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(repoURL.trim())?.[1];
    throw new HelmRepositoryError(
      `repoURL ${redactUrl(repoURL)} ${
        scheme
          ? `has the scheme ${scheme}://, which no chart repository uses`
          : 'has no scheme'
      }; ` +
        'write https://… for a Helm repository or oci://host/path for an OCI registry ' +
        '(a URL without scheme needs enableOCI: true on a slipway.repositories entry for it, as in Argo CD)',
      'source-failed',
    );
  }
}
