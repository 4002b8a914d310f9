import fs from 'node:fs';
import path from 'node:path';
import { hashKey, redactUrl } from '@slipway/plugin-slipway-node';
import { locateUnpackedChart, unpackChartArchive } from './chartArchive';
import {
  isExactVersion,
  newestStableVersion,
  newestVersions,
  pickChartVersion,
} from './chartVersions';
import type { FetchedChart, ResolvedChart } from './HelmRepository';
import { HelmRepositoryError } from './HelmRepositoryError';
import {
  OciRegistryClient,
  OciRequestError,
  type OciTarget,
} from './OciRegistryClient';
import {
  ociChartReference,
  tagOfVersion,
  versionOfTag,
  type OciChartReference,
} from './ociReference';
import type { OciRepositorySettings } from './ociRepositorySettings';

/** Media types of the chart layer: Helm 3.8+ and the experimental Helm 3 format before it. */
const CHART_LAYER_TYPES = [
  'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
  'application/tar+gzip',
];

export interface OciChartRegistryOptions {
  cacheDir: string;
  /** Credentials, `enableOCI` and `insecureOCIForceHttp` from `slipway.repositories`. */
  settings: OciRepositorySettings;
  /** HTTP client; default the global fetch. */
  fetch?: typeof fetch;
  /** Bytes of a chart archive (default 20 MiB). */
  maxArchiveBytes?: number;
  /** Files in an unpacked chart (default 5 000). */
  maxChartFiles?: number;
  /** How long a tag list is reused (default 3 minutes), like a Helm repository's index. */
  tagsTtlMs?: number;
  timeoutMs?: number;
}

/**
 * Reads Helm charts from OCI registries, as Argo CD does for `repoURL:
 * oci://host/path` (or `host/path` configured with `enableOCI`) and `chart`:
 * an exact `targetRevision` is pulled as it is; a constraint picks the
 * highest matching version among the repository's tags (`_` in a tag is `+`
 * in the version). The chart layer is downloaded once, checked against its
 * digest, and unpacked into `<cacheDir>/<hash of the repository>/<chart>-<version>`.
 */
export class OciChartRegistry {
  private readonly client: OciRegistryClient;
  private readonly tagLists = new Map<
    string,
    { at: number; versions: Promise<string[] | undefined> }
  >();
  private readonly unpacking = new Map<string, Promise<FetchedChart>>();

  constructor(private readonly options: OciChartRegistryOptions) {
    this.client = new OciRegistryClient({
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
    });
  }

  /** Does `repoURL` name an OCI registry (rather than a classic Helm repository)? */
  handles(repoURL: string): boolean {
    return this.options.settings.isOciRepoURL(repoURL);
  }

  /** Picks the chart version `targetRevision` names. */
  async resolve(
    repoURL: string,
    chart: string,
    targetRevision = '',
  ): Promise<ResolvedChart> {
    const wanted = targetRevision.trim();
    const ref = this.reference(repoURL, chart);
    // an exact version needs no tag list, like `helm pull --version`: a missing one fails at the pull
    if (isExactVersion(wanted)) {
      return { repoURL, chart, version: wanted };
    }
    const versions = await this.versions(ref, chart);
    if (!versions) {
      throw notFound(ref, chart);
    }
    const version = pickChartVersion(versions, wanted);
    if (!version) {
      const newest = newestVersions(versions).join(', ');
      throw new HelmRepositoryError(
        `chart "${chart}" has no version matching "${wanted}" in ${
          ref.url
        } (newest: ${newest || 'none'}); ` +
          'check targetRevision (an exact version or a semver constraint such as 1.2.* or >=1.0.0 <2.0.0)',
      );
    }
    return { repoURL, chart, version };
  }

  /** The newest stable version of a chart; undefined when the registry has no such chart. */
  async newestVersion(
    repoURL: string,
    chart: string,
  ): Promise<string | undefined> {
    const ref = this.reference(repoURL, chart);
    const versions = await this.versions(ref, chart);
    return versions ? newestStableVersion(versions) : undefined;
  }

  /** Downloads (once) and unpacks a resolved chart version. */
  fetchChart(resolved: ResolvedChart): Promise<FetchedChart> {
    const ref = this.reference(resolved.repoURL, resolved.chart);
    const safe = `${resolved.chart.split('/').pop()}-${
      resolved.version
    }`.replace(/[^A-Za-z0-9._+-]/g, '_');
    const folder = path.join(this.options.cacheDir, hashKey(ref.url), safe);
    let pending = this.unpacking.get(folder);
    if (!pending) {
      pending = this.download(ref, resolved, folder);
      this.unpacking.set(folder, pending);
      pending.catch(() => this.unpacking.delete(folder));
    }
    return pending;
  }

  private reference(repoURL: string, chart: string): OciChartReference {
    try {
      return ociChartReference(repoURL, chart);
    } catch (e) {
      throw new HelmRepositoryError(
        `chart "${chart}" of ${redactUrl(repoURL)}: ${(e as Error).message}`,
      );
    }
  }

  private target(ref: OciChartReference): OciTarget {
    return {
      registry: ref.registry,
      repository: ref.repository,
      ...this.options.settings.accessFor(ref),
    };
  }

  /** The chart versions the repository's tags stand for (cached a while); undefined when it does not exist. */
  private versions(
    ref: OciChartReference,
    chart: string,
  ): Promise<string[] | undefined> {
    const ttl = this.options.tagsTtlMs ?? 180_000;
    const cached = this.tagLists.get(ref.url);
    if (cached && Date.now() - cached.at < ttl) {
      return cached.versions;
    }
    const versions = this.client.listTags(this.target(ref)).then(
      tags => tags.map(versionOfTag),
      (e: unknown) => {
        if (e instanceof OciRequestError && e.failure === 'not-found')
          return undefined;
        throw this.explain(e, ref, chart, 'list the versions of');
      },
    );
    this.tagLists.set(ref.url, { at: Date.now(), versions });
    versions.catch(() => this.tagLists.delete(ref.url));
    return versions;
  }

  private async download(
    ref: OciChartReference,
    resolved: ResolvedChart,
    folder: string,
  ): Promise<FetchedChart> {
    const { chart, version } = resolved;
    if (!fs.existsSync(folder)) {
      const target = this.target(ref);
      const tag = tagOfVersion(version);
      const manifest = await this.client
        .getManifest(target, tag)
        .catch((e: unknown) => {
          if (e instanceof OciRequestError && e.failure === 'not-found') {
            throw new HelmRepositoryError(
              `chart "${chart}" version ${version} is not in ${ref.url} (no tag ${tag}); check targetRevision and source.chart`,
            );
          }
          throw this.explain(e, ref, chart, 'pull');
        });
      const layer = manifest.layers.find(l =>
        CHART_LAYER_TYPES.includes(l.mediaType ?? ''),
      );
      if (!layer?.digest) {
        throw new HelmRepositoryError(
          `${ref.url}:${tag} is not a Helm chart (no layer of media type ${CHART_LAYER_TYPES[0]}); ` +
            'check source.chart and repoURL, and push the chart with helm push',
          'source-failed',
        );
      }
      const max = this.options.maxArchiveBytes ?? 20 * 1024 * 1024;
      if ((layer.size ?? 0) > max) {
        throw new HelmRepositoryError(
          `chart "${chart}" ${version} in ${ref.url} is ${layer.size} bytes, over the limit of ${max}; raise the archive size limit`,
          'source-failed',
        );
      }
      const archive = await this.client
        .getBlob(target, layer.digest, max)
        .catch((e: unknown) => {
          throw this.explain(e, ref, chart, 'pull');
        });
      await unpackChartArchive(archive, folder, {
        maxFiles: this.options.maxChartFiles ?? 5000,
        maxBytes: max * 5,
      });
    }
    return {
      ...resolved,
      ...(await locateUnpackedChart(
        folder,
        `"${chart}" ${version} from ${ref.url}`,
      )),
    };
  }

  /** A registry failure as a message that names the chart and registry and says what to do. */
  private explain(
    e: unknown,
    ref: OciChartReference,
    chart: string,
    doing: string,
  ): Error {
    if (!(e instanceof OciRequestError)) {
      return e as Error;
    }
    const what = `chart "${chart}" (${ref.url})`;
    const parent = ref.repository.split('/').slice(0, -1).join('/');
    const configure =
      `configure credentials for oci://${ref.registry}${
        parent ? `/${parent}` : ''
      } in slipway.repositories ` + '(url, username and password, or token)';
    switch (e.failure) {
      case 'unauthorized':
        return new HelmRepositoryError(
          e.withCredentials
            ? `the OCI registry ${ref.registry} refused the credentials configured in slipway.repositories for ${what} (${e.message}); check the username, password or token and that they may pull the chart`
            : `the OCI registry ${ref.registry} refused to let Slipway ${doing} ${what} without credentials (${e.message}); ${configure}`,
          'source-failed',
        );
      case 'unreachable':
        return new HelmRepositoryError(
          `cannot reach the OCI registry ${
            ref.registry
          } to ${doing} ${what} over ${
            this.target(ref).plainHttp ? 'HTTP' : 'HTTPS'
          } (${e.message}); ` +
            'check the registry address in repoURL and that the registry is up; a registry that speaks plain HTTP needs ' +
            'insecureOCIForceHttp: true on a slipway.repositories entry for it',
          'source-failed',
        );
      case 'not-found':
        return notFound(ref, chart);
      default:
        return new HelmRepositoryError(
          `the OCI registry ${ref.registry} gave an unexpected answer when Slipway tried to ${doing} ${what}: ${e.message}`,
          'source-failed',
        );
    }
  }
}

function notFound(ref: OciChartReference, chart: string): HelmRepositoryError {
  return new HelmRepositoryError(
    `chart "${chart}" is not in the OCI registry ${ref.registry} (no repository ${ref.repository}); check source.chart and repoURL`,
  );
}
