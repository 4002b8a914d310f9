import type { KubeObject } from '@slipway/plugin-slipway-common';

/** `spec.source.helm` of an Argo CD Application. */
export interface HelmSourceOptions {
  valueFiles?: string[];
  values?: string;
  valuesObject?: Record<string, unknown>;
  parameters?: Array<{ name: string; value: string; forceString?: boolean }>;
  fileParameters?: Array<{ name: string; path: string }>;
  releaseName?: string;
  namespace?: string;
  kubeVersion?: string;
  apiVersions?: string[];
  skipCrds?: boolean;
  skipTests?: boolean;
  /** Do not check values against the chart's values.schema.json (`--skip-schema-validation`). */
  skipSchemaValidation?: boolean;
  ignoreMissingValueFiles?: boolean;
  passCredentials?: boolean;
  version?: string;
}

/** `spec.source.kustomize` of an Argo CD Application (the fields Slipway applies). */
export interface KustomizeSourceOptions {
  namePrefix?: string;
  nameSuffix?: string;
  namespace?: string;
  images?: string[];
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  /** Substitute `$ARGOCD_APP_*` in commonAnnotations values. */
  commonAnnotationsEnvsubst?: boolean;
  /** commonLabels leave selectors alone (`kustomize edit add label --without-selector`). */
  labelWithoutSelector?: boolean;
  /** commonLabels also go to pod templates (`--include-templates`). */
  labelIncludeTemplates?: boolean;
  /** Kustomize components, relative to the source folder. */
  components?: string[];
  /** Skip components whose folder does not exist. */
  ignoreMissingComponents?: boolean;
  replicas?: Array<{ name: string; count: number | string }>;
  patches?: unknown[];
  version?: string;
  [key: string]: unknown;
}

/** An external variable or top-level argument of `spec.source.directory.jsonnet`. */
export interface JsonnetVariable {
  name: string;
  value: string;
  /** The value is Jsonnet code rather than a string. */
  code?: boolean;
}

/** `spec.source.directory.jsonnet` of an Argo CD Application. */
export interface JsonnetSourceOptions {
  extVars?: JsonnetVariable[];
  tlas?: JsonnetVariable[];
  /** Library search folders, relative to the repository root. */
  libs?: string[];
}

/** `spec.source.directory` of an Argo CD Application. */
export interface DirectorySourceOptions {
  recurse?: boolean;
  include?: string;
  exclude?: string;
  jsonnet?: JsonnetSourceOptions;
}

/** One source of an Argo CD Application (`spec.source` or an item of `spec.sources`). */
export interface ApplicationSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  /** Set for charts from a Helm repository: `repoURL` is then the Helm repository. */
  chart?: string;
  /** Name under which other sources reference this one's files (`$name/...`). */
  ref?: string;
  name?: string;
  helm?: HelmSourceOptions;
  kustomize?: KustomizeSourceOptions;
  directory?: DirectorySourceOptions;
  plugin?: unknown;
}

/** What a renderer needs to know about the Application. */
export interface RenderRequest {
  /** Application name: names it in errors and is the default Helm release name. */
  appName: string;
  /**
   * Argo CD's instance name (`<namespace>_<name>` for an Application outside
   * Argo CD's own namespace; default appName): names the application's own
   * `.argocd-source-<instance>.yaml` override file.
   */
  instanceName?: string;
  /** Render again, not from the render cache (a hard refresh); the result is cached. */
  fresh?: boolean;
  /**
   * Argo CD's `argocd.argoproj.io/manifest-generate-paths` annotation: a
   * commit that changes none of these paths takes over the last render.
   */
  manifestGeneratePaths?: string;
  /** `spec.destination.namespace`. */
  destinationNamespace?: string;
  /** `spec.project`: only Jsonnet's `$ARGOCD_APP_PROJECT_NAME` uses it (empty when unset). */
  project?: string;
  /** `spec.source`; ignored when `sources` is set, like Argo CD. */
  source?: ApplicationSource;
  /** `spec.sources`. */
  sources?: ApplicationSource[];
  /** Kubernetes version of the destination (`--kube-version` when the source sets none). */
  kubeVersion?: string;
  /** API versions of the destination (`--api-versions`, in addition to the source's). */
  apiVersions?: string[];
}

/** The rendering tool that produced a source's manifests. */
export type SourceType = 'Directory' | 'Kustomize' | 'Helm';

/** What one source resolved to. */
export interface RenderedSource {
  repoURL: string;
  /** Commit SHA for Git sources, chart version for Helm repositories. */
  revision: string;
  type: SourceType | 'Ref';
  path?: string;
  chart?: string;
}

/** Desired state of an Application. */
export interface RenderResult {
  manifests: KubeObject[];
  /** One per source, in order (Argo CD's `status.sync.revisions`). */
  sources: RenderedSource[];
  /** Non-fatal findings, e.g. a resource produced by two sources. */
  warnings: string[];
  /** True when the result came from the render cache. */
  cached: boolean;
}

/** Turns an Application's sources into manifests. */
export interface Renderer {
  render(request: RenderRequest): Promise<RenderResult>;
}

/** Bounds on rendering hostile input. */
export interface RenderLimits {
  /** Files a directory source may read (default 5 000). */
  maxFiles: number;
  /** Bytes of manifests one Application may produce or read (default 32 MiB). */
  maxManifestBytes: number;
  /** Time one tool run may take (default 90 s, like Argo CD's exec timeout). */
  timeoutMs: number;
  /** YAML alias expansions allowed per document (default 100). */
  maxAliasCount: number;
  /** Size of a Helm chart archive or repository index (default 20 MiB). */
  maxArchiveBytes: number;
  /** Address space one jsonnet run may use (default 2 GiB; enforced with prlimit where it exists). */
  jsonnetMemoryBytes: number;
}

export const DEFAULT_RENDER_LIMITS: RenderLimits = {
  maxFiles: 5000,
  maxManifestBytes: 32 * 1024 * 1024,
  timeoutMs: 90_000,
  maxAliasCount: 100,
  maxArchiveBytes: 20 * 1024 * 1024,
  jsonnetMemoryBytes: 2 * 1024 * 1024 * 1024,
};
