import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CredentialStore, type RepositoryCredential, hashKey, readCappedBody, redactText, redactUrl } from '@slipway/plugin-slipway-node';
import { locateUnpackedChart, unpackChartArchive } from './chartArchive';
import { isExactVersion, newestStableVersion, newestVersions, pickChartVersion } from './chartVersions';
import { HelmRepositoryError } from './HelmRepositoryError';

/** A chart version picked from a Helm repository. */
export interface ResolvedChart {
  repoURL: string;
  chart: string;
  version: string;
}

/** An unpacked chart on disk. */
export interface FetchedChart extends ResolvedChart {
  /** Real path of the folder the chart was unpacked into (paths are confined to it). */
  root: string;
  /** Real path of the chart folder (holds Chart.yaml). */
  chartDir: string;
}

interface IndexEntry {
  version: string;
  urls?: string[];
  digest?: string;
}

export interface HelmRepositoryOptions {
  cacheDir: string;
  credentials?: RepositoryCredential[];
  /** HTTP client; default the global fetch. */
  fetch?: typeof fetch;
  /** Bytes of an index.yaml or chart archive (default 20 MiB). */
  maxArchiveBytes?: number;
  /** Files in an unpacked chart (default 5 000). */
  maxChartFiles?: number;
  maxAliasCount?: number;
  /** How long a fetched index.yaml is reused (default 3 minutes). */
  indexTtlMs?: number;
  timeoutMs?: number;
}

export { HelmRepositoryError };

/**
 * Reads charts from classic Helm repositories over http(s): `index.yaml`
 * picks the version (exact, or a semver constraint; empty or `*` is the newest
 * stable one), the `.tgz` is downloaded once, checked against the index
 * digest, and unpacked into `<cacheDir>/helm/<hash of repo>/<chart>-<version>`.
 */
export class HelmRepositoryClient {
  private readonly credentials: CredentialStore;
  private readonly fetchFn: typeof fetch;
  private readonly indexes = new Map<string, { at: number; entries: Promise<Record<string, IndexEntry[]>> }>();
  private readonly unpacking = new Map<string, Promise<FetchedChart>>();

  constructor(private readonly options: HelmRepositoryOptions) {
    this.credentials = new CredentialStore(options.credentials);
    this.fetchFn = options.fetch ?? fetch;
  }

  /** Picks the chart version `targetRevision` names. */
  async resolve(repoURL: string, chart: string, targetRevision = ''): Promise<ResolvedChart> {
    const wanted = targetRevision.trim();
    if (isExactVersion(wanted) && fs.existsSync(this.chartFolder(repoURL, chart, wanted))) {
      return { repoURL, chart, version: wanted };
    }
    const entry = await this.pick(repoURL, chart, wanted);
    return { repoURL, chart, version: entry.version };
  }

  /**
   * The newest stable (non-prerelease) version of a chart in its repository,
   * from the cached index; undefined when the chart is not there.
   */
  async newestVersion(repoURL: string, chart: string): Promise<string | undefined> {
    const entries = (await this.index(repoURL))[chart];
    if (!Array.isArray(entries)) return undefined;
    return newestStableVersion(entries.map(e => String(e.version)));
  }

  /** Downloads (once) and unpacks a resolved chart version. */
  fetchChart(resolved: ResolvedChart, passCredentials = false): Promise<FetchedChart> {
    const folder = this.chartFolder(resolved.repoURL, resolved.chart, resolved.version);
    let pending = this.unpacking.get(folder);
    if (!pending) {
      pending = this.download(resolved, folder, passCredentials);
      this.unpacking.set(folder, pending);
      pending.catch(() => this.unpacking.delete(folder));
    }
    return pending;
  }

  private chartFolder(repoURL: string, chart: string, version: string): string {
    const safe = `${chart}-${version}`.replace(/[^A-Za-z0-9._+-]/g, '_');
    return path.join(this.options.cacheDir, 'helm', hashKey(repoURL.replace(/\/+$/, '')), safe);
  }

  private async pick(repoURL: string, chart: string, wanted: string): Promise<IndexEntry> {
    const entries = (await this.index(repoURL))[chart];
    const label = redactUrl(repoURL);
    if (!Array.isArray(entries) || entries.length === 0) {
      throw new HelmRepositoryError(`chart "${chart}" is not in the Helm repository ${label}; check source.chart`);
    }
    const versions = entries.map(e => String(e.version));
    const best = pickChartVersion(versions, wanted);
    if (!best) {
      const newest = newestVersions(versions).join(', ');
      throw new HelmRepositoryError(
        `chart "${chart}" has no version matching "${wanted}" in ${label} (newest: ${newest || 'none'}); ` +
          'check targetRevision',
      );
    }
    return entries.find(e => String(e.version) === best)!;
  }

  private index(repoURL: string): Promise<Record<string, IndexEntry[]>> {
    const key = repoURL.replace(/\/+$/, '');
    const ttl = this.options.indexTtlMs ?? 180_000;
    const cached = this.indexes.get(key);
    if (cached && Date.now() - cached.at < ttl) {
      return cached.entries;
    }
    const entries = this.get(`${key}/index.yaml`, repoURL, true).then(body => {
      let doc: { entries?: Record<string, IndexEntry[]> };
      try {
        doc = parse(body.toString('utf8'), { maxAliasCount: this.options.maxAliasCount ?? 100 });
      } catch (e) {
        throw new HelmRepositoryError(`index.yaml of ${redactUrl(repoURL)} is not valid YAML: ${(e as Error).message}`);
      }
      return doc?.entries ?? {};
    });
    this.indexes.set(key, { at: Date.now(), entries });
    entries.catch(() => this.indexes.delete(key));
    return entries;
  }

  private async download(resolved: ResolvedChart, folder: string, passCredentials: boolean): Promise<FetchedChart> {
    if (!fs.existsSync(folder)) {
      const entry = await this.pick(resolved.repoURL, resolved.chart, resolved.version);
      const raw = entry.urls?.[0];
      if (!raw) {
        throw new HelmRepositoryError(`chart "${resolved.chart}" ${resolved.version} has no download URL in the index`);
      }
      const url = new URL(raw, `${resolved.repoURL.replace(/\/+$/, '')}/`).toString();
      const sameOrigin = new URL(url).origin === new URL(resolved.repoURL).origin;
      const archive = await this.get(url, resolved.repoURL, sameOrigin || passCredentials);
      if (entry.digest) {
        const digest = crypto.createHash('sha256').update(archive).digest('hex');
        if (digest !== entry.digest.replace(/^sha256:/, '')) {
          throw new HelmRepositoryError(
            `chart archive ${redactUrl(url)} does not match the digest in index.yaml; the repository may be tampered with`,
          );
        }
      }
      await unpackChartArchive(archive, folder, {
        maxFiles: this.options.maxChartFiles ?? 5000,
        maxBytes: (this.options.maxArchiveBytes ?? 20 * 1024 * 1024) * 5,
      });
    }
    return { ...resolved, ...(await locateUnpackedChart(folder, `"${resolved.chart}" ${resolved.version}`)) };
  }

  /** GET over http(s) with a size cap; credentials only to the repository's own origin. */
  private async get(url: string, repoURL: string, sendCredentials: boolean): Promise<Buffer> {
    const label = redactUrl(url);
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new HelmRepositoryError(`${label} is not an http(s) URL; Helm repositories are read over http(s) only`);
    }
    const headers: Record<string, string> = {};
    const auth = sendCredentials ? this.credentials.find(repoURL) : undefined;
    if (auth) {
      headers.Authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    }
    const max = this.options.maxArchiveBytes ?? 20 * 1024 * 1024;
    const secrets = this.credentials.secrets();
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        headers,
        redirect: 'follow',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (e) {
      throw new HelmRepositoryError(`cannot download ${label}: ${redactText(String((e as Error).message), secrets)}`);
    }
    if (!/^https?:$/.test(new URL(res.url || url).protocol)) {
      throw new HelmRepositoryError(`${label} redirected to a non-http(s) URL`);
    }
    if (!res.ok) {
      const hint = res.status === 401 || res.status === 403 ? '; check the credentials configured for this URL' : '';
      throw new HelmRepositoryError(`downloading ${label} failed with HTTP ${res.status}${hint}`);
    }
    return readCappedBody(
      res,
      max,
      () => new HelmRepositoryError(`${label} is larger than ${max} bytes; raise the archive size limit`),
    );
  }
}
