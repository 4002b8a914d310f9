import fs from 'node:fs';
import path from 'node:path';
import {
  GitSource,
  type RepositoryCredential,
} from '@slipway/plugin-slipway-node';
import type { OciRegistryTestServer } from '@slipway/test-utils';
import { ApplicationRenderer } from '../ApplicationRenderer';
import { ChartRepositories } from '../ChartRepositories';
import { HelmRepositoryClient } from '../HelmRepository';
import { OciChartRegistry } from '../OciChartRegistry';
import { OciRepositorySettings } from '../ociRepositorySettings';
import type { RenderError } from '../RenderError';
import { packageChart } from './helmRepositoryServer';
import { CountingRunner, testTools, tmpDir } from './repos';

/**
 * Packages each chart with the real helm and pushes it with `helm push` into
 * `oci://<registry>/<repository>/<chart name>`.
 */
export async function pushCharts(
  registry: OciRegistryTestServer,
  helm: string,
  repository: string,
  charts: Array<Record<string, string>>,
): Promise<void> {
  const dir = await tmpDir('slipway-oci-push-');
  try {
    for (const [i, chart] of charts.entries()) {
      const archive = path.join(dir, `chart-${i}.tgz`);
      await fs.promises.writeFile(archive, await packageChart(helm, chart));
      await registry.pushChart(helm, archive, repository);
    }
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** A registry of these tests speaks plain HTTP: Argo CD's insecureOCIForceHttp says so. */
export const plainHttp = (
  server: OciRegistryTestServer,
): RepositoryCredential => ({
  url: server.ociUrl(),
  insecureOCIForceHttp: true,
});

/** The rejection of a promise that should fail (undefined when it did not). */
export const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as RenderError,
  );

/**
 * An ApplicationRenderer reading chart sources from Helm repositories and
 * OCI registries with `credentials` (`slipway.repositories`), wired like
 * createRendering, with a runner that counts the programs it runs.
 */
export async function ociRendererSetup(credentials: RepositoryCredential[]) {
  const cacheDir = await tmpDir('slipway-render-oci-');
  const charts = new ChartRepositories({
    helm: new HelmRepositoryClient({
      cacheDir: path.join(cacheDir, 'helm'),
      credentials,
    }),
    oci: new OciChartRegistry({
      cacheDir: path.join(cacheDir, 'oci'),
      settings: new OciRepositorySettings(credentials),
    }),
  });
  const runner = new CountingRunner();
  const renderer = new ApplicationRenderer({
    source: new GitSource({ cacheDir: path.join(cacheDir, 'git') }),
    tools: testTools,
    runner,
    helmRepositories: charts,
    credentials,
  });
  return { renderer, charts, runner };
}
