/**
 * Types of ApplicationSet expansion: the input objects (as an Argo CD user
 * writes them), the context the expansion reads, and its result.
 */
import type { KubeObject } from '@slipway/plugin-slipway-common';

/** The ApplicationSet API version Slipway understands. @public */
export const ARGOCD_API_VERSION = 'argoproj.io/v1alpha1';

/** The cluster Argo CD itself runs in, used when no clusters are configured. @public */
export const IN_CLUSTER = {
  name: 'in-cluster',
  server: 'https://kubernetes.default.svc',
} as const;

/** A generated Argo CD Application (apiVersion argoproj.io/v1alpha1, kind Application). @public */
export interface Application extends KubeObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Application';
  metadata: KubeObject['metadata'] & { name: string };
  spec: Record<string, unknown>;
}

/** The `template` of an ApplicationSet (or of one generator). @public */
export interface ApplicationSetTemplate {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    finalizers?: string[];
  };
  spec?: Record<string, unknown>;
}

/** An ApplicationSet object (argoproj.io/v1alpha1), fields as Argo CD defines them. @public */
export interface ApplicationSet extends KubeObject {
  spec: {
    generators: Array<Record<string, unknown>>;
    template: ApplicationSetTemplate;
    templatePatch?: string;
    goTemplate?: boolean;
    goTemplateOptions?: string[];
    /** Accepted and ignored: nested post selectors always apply, as in Argo CD 3. */
    applyNestedSelectors?: boolean;
    /** `preserveResourcesOnDeletion: true` leaves the resources finalizer off generated Applications. */
    syncPolicy?: {
      preserveResourcesOnDeletion?: boolean;
      applicationsSync?: string;
      [key: string]: unknown;
    };
    [key: string]: unknown;
  };
}

/**
 * A cluster the clusters generator can target: Argo CD's cluster Secret
 * (name, server, labels, annotations, project). `local` marks the cluster
 * Argo CD runs in, which has no Secret: it never matches a non-empty
 * selector and has no labels or annotations.
 * @public
 */
export interface ClusterInfo {
  name: string;
  server: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  project?: string;
  local?: boolean;
}

/** A file read from Git. @public */
export interface GitFile {
  /** Repository-relative POSIX path, without a leading slash. */
  path: string;
  content: string;
}

/**
 * Read access to Git for the git generators. Paths are repository-relative
 * POSIX paths without a leading slash. The glob lets a reader limit what it
 * reads; the expansion filters the result again with Argo CD's matching
 * rules, so a reader may return more than matches.
 * @public
 */
export interface GitReader {
  /** Directories (not files) of the repository at the revision; hidden (`.`-prefixed) ones may be left out. */
  listDirectories(
    repoURL: string,
    revision: string,
    pathGlob: string,
  ): Promise<string[]>;
  /** Files of the repository at the revision that match the glob, with their content. */
  readFiles(
    repoURL: string,
    revision: string,
    pathGlob: string,
  ): Promise<GitFile[]>;
}

/** Bounds on an expansion. @public */
export interface ExpansionLimits {
  /** Most Applications one ApplicationSet may generate (default 1000); more is an error. */
  maxApplications?: number;
  /** Most parameter sets any one generator may produce (default 10 × maxApplications). */
  maxParameterSets?: number;
  /** Most files one git files generator may read (default 1000). */
  maxGitFiles?: number;
}

/**
 * How git file generator globs match. 'doublestar' is Argo CD's "new Git
 * file globbing" (`*` stays within one directory, `**` crosses them);
 * 'legacy' is Argo CD's default, where `*` also matches `/`.
 * @public
 */
export type GitFileGlobbing = 'legacy' | 'doublestar';

/** What an expansion reads besides the ApplicationSet. @public */
/** What a plugin generator asks its plugin service. @public */
export interface PluginParamsRequest {
  /** The plugin, as the generator's `configMapRef.name` names it. */
  plugin: string;
  applicationSetName: string;
  /** The generator's `input.parameters`, sent as they are. */
  parameters: Record<string, unknown>;
}

/**
 * The plugin services of plugin generators (Argo CD's plugin ConfigMaps and
 * their `getparams.execute` call). @public
 */
export interface PluginGeneratorService {
  /**
   * The parameter sets the plugin returns (`output.parameters`). Rejects
   * with an Error whose message says what failed (unknown plugin,
   * unreachable service, refusal, malformed answer), without secrets.
   */
  getParams(request: PluginParamsRequest): Promise<unknown[]>;
}

/** What a clusterDecisionResource generator asks for. @public */
export interface ClusterDecisionRequest {
  /** The generator's `configMapRef`: names the configured duck type. */
  configMapRef: string;
  /** One resource by name, or those matching `labelSelector`. */
  name?: string;
  labelSelector?: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> };
}

/** The decisions of the duck-typed resources, and the key naming each decision's cluster. @public */
export interface ClusterDecisions {
  matchKey: string;
  /** Every entry of `status.<statusListKey>` of the resources found. */
  decisions: Array<Record<string, unknown>>;
}

/**
 * Reads the duck-typed resources of clusterDecisionResource generators
 * (Argo CD reads them, as its ConfigMap describes them, in its own
 * namespace). @public
 */
export interface ClusterDecisionService {
  /** Rejects with an Error that says what failed (unknown configMapRef, the cluster's refusal, nothing found). */
  listDecisions(request: ClusterDecisionRequest): Promise<ClusterDecisions>;
}

export interface ExpansionContext {
  /** Clusters for the clusters generator; default: only the local `in-cluster`. */
  clusters?: ClusterInfo[];
  /** Git access for git generators; without it they report an error. */
  git?: GitReader;
  /** Plugin services for plugin generators; without them they report an error. */
  plugins?: PluginGeneratorService;
  /** Duck-typed resources for clusterDecisionResource generators; without them they report an error. */
  clusterDecisions?: ClusterDecisionService;
  limits?: ExpansionLimits;
  gitFileGlobbing?: GitFileGlobbing;
}

/** One problem found while expanding; `message` is complete on its own. @public */
export interface ExpansionError {
  /** Name of the ApplicationSet ('' when it has none). */
  applicationSet: string;
  /** Where in the ApplicationSet, e.g. `spec.generators[0].matrix.generators[1].git`. */
  path: string;
  /** `ApplicationSet "x": <path>: <what is wrong and what to do>`. */
  message: string;
}

/**
 * The result of an expansion. When `errors` is not empty the set is not
 * fully expanded: callers that keep state should keep their last good
 * expansion rather than act on a partial one.
 * @public
 */
export interface ExpansionResult {
  /** Generated Applications, sorted by name. */
  applications: Application[];
  errors: ExpansionError[];
}

/** Parameters of one generated Application. */
export type Params = Record<string, unknown>;
