import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import {
  CredentialStore,
  redactText,
  redactUrl,
  SourceError,
  type RepositoryCredential,
  type Source,
} from '@slipway/plugin-slipway-node';
import { buildEnvironment } from './buildEnvironment';
import { dedupeManifests } from './dedupeManifests';
import { checkedSources } from './ociSource';
import { resolveConfined } from './confine';
import { detectSourceType, SourceTypeError } from './detectSourceType';
import { DirectoryRenderer } from './DirectoryRenderer';
import { HelmRenderer } from './HelmRenderer';
import type { ChartRepository } from './ChartRepositories';
import { HelmRepositoryError } from './HelmRepositoryError';
import { jsonnetProgramOf } from './JsonnetRenderer';
import { KustomizeRenderer } from './KustomizeRenderer';
import { LimitedProcessRunner } from './LimitedProcessRunner';
import { OciRepositorySettings } from './ociRepositorySettings';
import { readSourceOverrides } from './readSourceOverrides';
import { SpawnProcessRunner, type ProcessRunner } from './ProcessRunner';
import { sharedSpawnHost } from './SpawnHost';
import { renderCacheKey, type RenderCache } from './RenderCache';
import { RenderError } from './RenderError';
import type { RenderTools } from './runTool';
import {
  DEFAULT_RENDER_LIMITS,
  type ApplicationSource,
  type RenderedSource,
  type Renderer,
  type RenderLimits,
  type RenderRequest,
  type RenderResult,
} from './types';

export interface ApplicationRendererOptions {
  source: Source;
  /** The programs to run, e.g. `() => locateTools(...)` from the node library. */
  tools: () => Promise<RenderTools>;
  /**
   * Needed for sources with `chart`: charts from Helm repositories and OCI
   * registries (ChartRepositories), or a HelmRepositoryClient alone.
   */
  helmRepositories?: ChartRepository;
  runner?: ProcessRunner;
  cache?: RenderCache;
  limits?: Partial<RenderLimits>;
  /** Programs run at once (default: no limit). */
  parallelism?: number;
  /** Parent of the per-render scratch folders (default: the OS temp folder). */
  workDir?: string;
  /** Allow kustomize remote bases and remote Helm charts (default false). */
  allowRemoteBases?: boolean;
  /** URL schemes of Helm value files helm may fetch (`slipway.render.helmValueFileSchemes`; default none). */
  helmValueFileSchemes?: string[];
  /** Secret values to redact from tool messages, besides the credentials' own (e.g. --set values). */
  secrets?: string[];
  /**
   * Repository credentials and OCI settings (`slipway.repositories`): used
   * for the Helm repositories and OCI registries of chart dependencies that
   * are built;
   * their passwords and tokens are redacted from every message.
   */
  credentials?: RepositoryCredential[];
}

type Resolved =
  | { kind: 'git'; source: ApplicationSource; commit: string }
  | { kind: 'chart'; source: ApplicationSource; version: string };

/**
 * Renders an Application's sources into manifests, picking Directory,
 * Kustomize or Helm per source like Argo CD, with multi-source `$ref` value
 * files, path confinement, limits and a render cache.
 */
export class ApplicationRenderer implements Renderer {
  private readonly runner: ProcessRunner;
  private readonly limits: RenderLimits;
  private readonly directory: DirectoryRenderer;
  private readonly kustomize: KustomizeRenderer;
  private readonly helm: HelmRenderer;
  private readonly credentials: CredentialStore;
  private readonly oci: OciRepositorySettings;
  /** Configured secrets and the credentials' passwords, redacted from every message. */
  private readonly secrets: string[];

  constructor(private readonly options: ApplicationRendererOptions) {
    this.credentials = new CredentialStore(options.credentials);
    this.oci = new OciRepositorySettings(options.credentials);
    this.secrets = [...(options.secrets ?? []), ...this.credentials.secrets()];
    // tools start from a small helper process: starting them from the backend blocks it for tens of ms each
    const runner = options.runner ?? new SpawnProcessRunner(sharedSpawnHost().spawn);
    this.runner = options.parallelism ? new LimitedProcessRunner(runner, options.parallelism) : runner;
    this.limits = { ...DEFAULT_RENDER_LIMITS, ...options.limits };
    this.directory = new DirectoryRenderer(this.runner);
    this.kustomize = new KustomizeRenderer(this.runner);
    this.helm = new HelmRenderer(this.runner);
  }

  async render(request: RenderRequest): Promise<RenderResult> {
    const { appName } = request;
    try {
      return await this.renderUnsafe(request);
    } catch (e) {
      throw this.asRenderError(appName, e);
    }
  }

  private async renderUnsafe(request: RenderRequest): Promise<RenderResult> {
    const { appName } = request;
    let sources: ApplicationSource[] = request.source ? [request.source] : [];
    if (request.sources?.length) {
      sources = request.sources;
    }
    sources = checkedSources(appName, sources);
    const resolved = await Promise.all(sources.map(s => this.resolve(appName, s)));
    let tools: RenderTools | undefined;
    let toolsError: unknown;
    try {
      tools = await this.options.tools();
    } catch (e) {
      toolsError = e;
    }
    const key = renderCacheKey({
      revisions: resolved.map(r => (r.kind === 'git' ? r.commit : r.version)),
      spec: {
        appName,
        instanceName: request.instanceName,
        // the resolved revisions stand for targetRevision: a branch and its commit render alike,
        // except where Jsonnet variables may use $ARGOCD_APP_SOURCE_TARGET_REVISION
        sources: sources.map(s => ({ ...s, targetRevision: s.directory?.jsonnet ? s.targetRevision : undefined })),
        destinationNamespace: request.destinationNamespace,
        project: request.project,
        kubeVersion: request.kubeVersion,
        apiVersions: request.apiVersions,
        allowRemoteBases: this.options.allowRemoteBases === true,
      },
      toolVersions: {
        helm: tools?.helmVersion,
        kubectl: tools?.kubectlVersion,
        kustomize: tools?.kustomizeVersion,
        jsonnet: tools?.jsonnetVersion,
      },
    });
    const hit = request.fresh ? undefined : await this.options.cache?.get(key);
    if (hit) {
      return { ...hit, cached: true };
    }

    const requireTools = (): RenderTools => {
      if (!tools) {
        throw new RenderError(
          'tool-failed',
          appName,
          `helm/kubectl are not available: ${(toolsError as Error)?.message ?? 'unknown reason'}`,
        );
      }
      return tools;
    };
    const jsonnetProgram = jsonnetProgramOf(tools, toolsError, this.secrets);
    // scratch folders (HOME, TMPDIR) only for the tools: plain YAML needs none
    let work: string | undefined;
    const scratchOf = async (i: number) => {
      work ??= await fs.promises.mkdtemp(path.join(this.options.workDir ?? os.tmpdir(), 'slipway-render-'));
      const scratch = path.join(work, `source-${i}`);
      await fs.promises.mkdir(path.join(scratch, 'home'), { recursive: true });
      await fs.promises.mkdir(path.join(scratch, 'tmp'), { recursive: true });
      return scratch;
    };
    try {
      const roots = new Map<number, string>();
      const refs = new Map<string, string>();
      for (const [i, r] of resolved.entries()) {
        if (r.kind !== 'git') {
          continue;
        }
        const checkout = await this.options.source.checkout(r.source.repoURL, r.commit);
        if (checkout.refusedSymlinks.length > 0) {
          throw new RenderError(
            'symlink-outside-repository',
            appName,
            `repository ${redactUrl(r.source.repoURL)} at ${r.commit} contains symlinks that point outside the ` +
              `repository (${checkout.refusedSymlinks.join(', ')}); Slipway refuses to render it: ` +
              'replace them with files or links inside the repository',
          );
        }
        roots.set(i, checkout.dir);
        if (r.source.ref) {
          refs.set(r.source.ref, checkout.dir);
        }
      }

      const manifests: KubeObject[] = [];
      const rendered: RenderedSource[] = [];
      const overrideWarnings: string[] = [];
      for (const [i, r] of resolved.entries()) {
        const s = r.source;
        const base = { repoURL: redactUrl(s.repoURL), ...(s.path ? { path: s.path } : {}) };
        if (r.kind === 'chart') {
          const chart = await this.options.helmRepositories!.fetchChart(
            { repoURL: s.repoURL, chart: s.chart!, version: r.version },
            s.helm?.passCredentials === true,
          );
          manifests.push(
            ...(await this.helm.render({
              ...this.common(request, await scratchOf(i)),
              root: chart.root,
              chartDir: chart.chartDir,
              options: s.helm,
              valueFileSchemes: this.options.helmValueFileSchemes,
              refs,
              tools: requireTools(),
              credentialsFor: this.credentialsFor,
              oci: this.oci,
            })),
          );
          rendered.push({ ...base, revision: r.version, type: 'Helm', chart: s.chart });
          continue;
        }
        const root = roots.get(i)!;
        if (s.ref && !s.path) {
          rendered.push({ ...base, revision: r.commit, type: 'Ref' });
          continue;
        }
        const appDir = await resolveConfined({
          appName,
          root,
          base: root,
          target: s.path ?? '.',
          what: 'source.path',
        });
        if (!appDir.exists || !fs.statSync(appDir.path).isDirectory()) {
          throw new RenderError(
            'invalid-source',
            appName,
            `source.path "${s.path}" is not a folder of ${redactUrl(s.repoURL)} at ${r.commit}; check source.path and targetRevision`,
          );
        }
        const fileNames = await fs.promises.readdir(appDir.path);
        // .argocd-source*.yaml overrides are merged before the type is picked, as in Argo CD
        const overridden = await readSourceOverrides({
          appName,
          instanceName: request.instanceName ?? appName,
          source: s,
          commit: r.commit,
          root,
          appDir: appDir.path,
          fileNames,
          limits: this.limits,
        });
        overrideWarnings.push(...overridden.warnings);
        const src = overridden.source;
        let type;
        try {
          type = detectSourceType(src, fileNames);
        } catch (e) {
          if (e instanceof SourceTypeError) {
            throw new RenderError('invalid-source', appName, e.message);
          }
          throw e;
        }
        if (type === 'Directory') {
          manifests.push(
            ...(await this.directory.render({
              appName,
              root,
              appDir: appDir.path,
              options: src.directory,
              limits: this.limits,
              jsonnet: {
                program: jsonnetProgram,
                environment: this.environmentOf(request, src, r.commit),
                workDir: () => scratchOf(i),
                secrets: this.secrets,
              },
            })),
          );
          rendered.push({ ...base, revision: r.commit, type });
          continue;
        }
        const common = { ...this.common(request, await scratchOf(i)), root, appDir: appDir.path };
        if (type === 'Kustomize') {
          manifests.push(
            ...(await this.kustomize.render({
              ...common,
              options: src.kustomize,
              environment: this.environmentOf(request, src, r.commit),
              tools: requireTools(),
              allowRemoteBases: this.options.allowRemoteBases === true,
            })),
          );
        } else {
          manifests.push(
            ...(await this.helm.render({
              ...common,
              chartDir: appDir.path,
              options: src.helm,
              valueFileSchemes: this.options.helmValueFileSchemes,
              refs,
              tools: requireTools(),
              credentialsFor: this.credentialsFor,
              oci: this.oci,
            })),
          );
        }
        rendered.push({ ...base, revision: r.commit, type });
      }

      const { unique, warnings } = dedupeManifests(manifests);
      const size = Buffer.byteLength(JSON.stringify(unique));
      if (size > this.limits.maxManifestBytes) {
        throw new RenderError(
          'limit-exceeded',
          appName,
          `the rendered manifests are ${size} bytes, over the limit of ${this.limits.maxManifestBytes}; ` +
            'split the application or raise the manifest size limit',
        );
      }
      const result = { manifests: unique, sources: rendered, warnings: [...overrideWarnings, ...warnings] };
      await this.options.cache?.set(key, result);
      return { ...result, cached: false };
    } finally {
      if (work) await fs.promises.rm(work, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** Argo CD's build environment of one source at its resolved commit (credentials left out of the URL). */
  private environmentOf(request: RenderRequest, source: ApplicationSource, commit: string) {
    return buildEnvironment({
      appName: request.appName,
      destinationNamespace: request.destinationNamespace,
      project: request.project,
      revision: commit,
      repoURL: redactUrl(source.repoURL),
      path: source.path,
      targetRevision: source.targetRevision,
    });
  }

  private common(request: RenderRequest, workDir: string) {
    return {
      appName: request.appName,
      destinationNamespace: request.destinationNamespace,
      kubeVersion: request.kubeVersion,
      apiVersions: request.apiVersions,
      limits: this.limits,
      workDir,
      secrets: this.secrets,
    };
  }

  private readonly credentialsFor = (url: string) => this.credentials.find(url);

  private async resolve(appName: string, source: ApplicationSource): Promise<Resolved> {
    if (source.chart) {
      if (!this.options.helmRepositories) {
        throw new RenderError('invalid-source', appName, 'charts from Helm repositories and OCI registries are not enabled');
      }
      const { version } = await this.options.helmRepositories.resolve(
        source.repoURL,
        source.chart,
        source.targetRevision,
      );
      return { kind: 'chart', source, version };
    }
    const { commit } = await this.options.source.resolveRevision(source.repoURL, source.targetRevision);
    return { kind: 'git', source, commit };
  }

  private asRenderError(appName: string, e: unknown): RenderError {
    if (e instanceof RenderError) {
      return e;
    }
    const message = redactText(String((e as Error)?.message ?? e), this.secrets);
    if (e instanceof SourceError) {
      return new RenderError(
        e.reason === 'path-outside-repository' ? 'path-outside-repository' : 'source-failed',
        appName,
        message,
      );
    }
    if (e instanceof HelmRepositoryError) {
      return new RenderError(e.failure, appName, message);
    }
    return new RenderError('source-failed', appName, message);
  }
}
