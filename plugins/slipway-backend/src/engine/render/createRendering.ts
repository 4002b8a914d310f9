import path from 'node:path';
import type { Config } from '@backstage/config';
import {
  locateTools,
  toolsOptionsFromConfig,
  readRepositoryCredentials,
  readRepositoryLocalPaths,
  GitSource,
  type SourceLogger,
} from '@slipway/plugin-slipway-node';
import { readDurationMs } from '../../config/readDurationMs';
import { ApplicationRenderer } from './ApplicationRenderer';
import { ManifestGeneratePathsRenderer } from './ManifestGeneratePathsRenderer';
import { ChartRepositories } from './ChartRepositories';
import { HelmRepositoryClient } from './HelmRepository';
import { OciChartRegistry } from './OciChartRegistry';
import { OciRepositorySettings } from './ociRepositorySettings';
import { RenderCache, type RenderCacheOptions } from './RenderCache';

/**
 * Wires the production source and renderer from configuration: credentials
 * (for Git, Helm repositories, OCI registries and chart dependencies) and local folders from
 * `slipway.repositories` and `integrations`, tools from `slipway.tools`
 * (located with locateTools), `slipway.render.allowRemoteBases`, and how long
 * periodic refreshes reuse a ref listing (`slipway.reconcile.refListingMaxAge`).
 */
export function createRendering(options: { config: Config; cacheDir: string; logger?: SourceLogger }) {
  const { config, cacheDir } = options;
  const credentials = readRepositoryCredentials(config);
  const source = new GitSource({
    cacheDir: path.join(cacheDir, 'git'),
    credentials,
    localPaths: readRepositoryLocalPaths(config),
    logger: options.logger,
    recentRefsMaxAgeMs: readDurationMs(config, 'slipway.reconcile.refListingMaxAge', 3_000),
  });
  const helmRepositories = new ChartRepositories({
    helm: new HelmRepositoryClient({ cacheDir: path.join(cacheDir, 'helm'), credentials }),
    oci: new OciChartRegistry({ cacheDir: path.join(cacheDir, 'oci'), settings: new OciRepositorySettings(credentials) }),
  });
  const cache = new RenderCache(renderCacheOptions(config));
  const toolOptions = toolsOptionsFromConfig(config);
  const applicationRenderer = new ApplicationRenderer({
    source,
    helmRepositories,
    cache,
    tools: () => locateTools(toolOptions),
    allowRemoteBases: config.getOptionalBoolean('slipway.render.allowRemoteBases') ?? false,
    helmValueFileSchemes: config
      .getOptionalStringArray('slipway.render.helmValueFileSchemes')
      ?.map(scheme => scheme.trim().toLowerCase()),
    parallelism: config.getOptionalNumber('slipway.render.parallelism'),
    credentials,
  });
  // Argo CD's manifest-generate-paths: a commit outside an application's paths reuses its render
  const renderer = new ManifestGeneratePathsRenderer(applicationRenderer, source);
  return { source, helmRepositories, cache, renderer };
}

/** `slipway.render.cacheMegabytes` (memory for cached renders) and the optional `cacheEntries` count bound. */
export function renderCacheOptions(config: Config): RenderCacheOptions {
  const megabytes = config.getOptionalNumber('slipway.render.cacheMegabytes');
  const entries = config.getOptionalNumber('slipway.render.cacheEntries');
  if (megabytes !== undefined && !(megabytes >= 0)) {
    throw new Error(
      `slipway.render.cacheMegabytes must be a number of MiB of at least 0 (0 keeps no renders in memory), got ${megabytes}`,
    );
  }
  if (entries !== undefined && !(Number.isInteger(entries) && entries >= 1)) {
    throw new Error(`slipway.render.cacheEntries must be a whole number of at least 1, got ${entries}`);
  }
  return {
    ...(megabytes !== undefined ? { maxBytes: Math.round(megabytes * 1024 * 1024) } : {}),
    ...(entries !== undefined ? { maxEntries: entries } : {}),
  };
}
