import type { KubeObject } from '@slipway/plugin-slipway-common';

/** One API resource type as discovery reports it. @public */
export interface ApiResourceInfo {
  group: string;
  version: string;
  /** `group/version`, or `version` for the core group. */
  apiVersion: string;
  kind: string;
  /** The plural resource name used in URLs, e.g. `deployments`. */
  plural: string;
  namespaced: boolean;
  verbs: string[];
  /** True when this version is the group's preferred one. */
  preferred: boolean;
  /** The subresources served for it (`status`, `scale`, …), when discovery listed them. */
  subresources?: string[];
}

/** A group version whose discovery failed, e.g. an aggregated API whose service is down. @public */
export interface UnavailableGroupVersion {
  /** `group/version`, or `version` for the core group. */
  groupVersion: string;
  /** Why its discovery failed. */
  message: string;
}

/**
 * What discovery found: the resources served, and the group versions that
 * did not answer. One failing group version (a stale APIService is common)
 * leaves the others usable, as kubectl and Argo CD treat it.
 * @public
 */
export interface ResourceDiscovery {
  resources: ApiResourceInfo[];
  unavailable: UnavailableGroupVersion[];
}

/** What the API server's `/version` tells. @public */
export interface ServerVersion {
  major?: string;
  minor?: string;
  gitVersion?: string;
}

/** Names one object. @public */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** @public */
export interface WriteOptions {
  /** Server-side dry run (`dryRun=All`): validated, nothing persisted. */
  dryRun?: boolean;
  /** Field validation: `Strict` (default) or `Ignore` (`Validate=false`). */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

/** @public */
export interface PatchOptions extends WriteOptions {
  /** The field manager the change is recorded under. */
  fieldManager?: string;
  /** Patch this subresource instead of the object (`status`). */
  subresource?: 'status';
}

/** @public */
export interface ApplyOptions extends WriteOptions {
  /** The field manager; Slipway's is `slipway`. */
  fieldManager: string;
  /** Take ownership of fields other managers own (`force=true`). */
  force?: boolean;
}

/** @public */
export interface DeleteOptions {
  dryRun?: boolean;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
}

/** @public */
export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
}

/** A list result, with the resourceVersion to watch from. @public */
export interface ObjectList {
  items: KubeObject[];
  resourceVersion: string;
}

/** A watch event; BOOKMARK carries only a resourceVersion. @public */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: KubeObject;
}

/** A running watch. `done` settles when the watch ends: with undefined on a normal close, with the error otherwise (410 Gone: relist). @public */
export interface WatchHandle {
  stop(): void;
  done: Promise<ClusterError | undefined>;
}

/** @public */
export interface WatchOptions extends ListOptions {
  resourceVersion: string;
}

/**
 * The cluster operations the engine needs, after gitops-engine's Kubectl
 * interface. Every method rejects with a {@link ClusterError}.
 * @public
 */
export interface ClusterClient {
  /** The API resource for an apiVersion and kind, or undefined when the server does not serve it. */
  resourceFor(
    apiVersion: string,
    kind: string,
  ): Promise<ApiResourceInfo | undefined>;
  /** Every API resource the server serves; group versions whose discovery fails are reported, not thrown. */
  listResources(): Promise<ResourceDiscovery>;
  /** Forget cached discovery (after CRDs change). */
  invalidateDiscovery(): void;
  /** The API server's version (`/version`), e.g. `{ major: '1', minor: '32', gitVersion: 'v1.32.0' }`. */
  serverVersion(): Promise<ServerVersion>;
  get(ref: ObjectRef): Promise<KubeObject | undefined>;
  list(
    apiVersion: string,
    kind: string,
    options?: ListOptions,
  ): Promise<ObjectList>;
  /** Server-side apply. */
  apply(obj: KubeObject, options: ApplyOptions): Promise<KubeObject>;
  create(obj: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  /** JSON merge patch (RFC 7386) of an existing object or its subresource. */
  mergePatch(
    ref: ObjectRef,
    patch: Record<string, unknown>,
    options?: PatchOptions,
  ): Promise<KubeObject>;
  /** PUT: replaces the whole object (needs no resourceVersion). */
  replace(obj: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  /** Returns false when the object did not exist. */
  delete(ref: ObjectRef, options?: DeleteOptions): Promise<boolean>;
  watch(
    apiVersion: string,
    kind: string,
    options: WatchOptions,
    onEvent: (event: WatchEvent) => void,
  ): Promise<WatchHandle>;
}

/**
 * An error from the cluster, with the HTTP code and the Kubernetes Status
 * reason (`NotFound`, `Conflict`, `Gone`, `Invalid`, …) when there is one.
 * @public
 */
export class ClusterError extends Error {
  readonly code: number;
  readonly reason: string;
  /** The server's `Retry-After` on a 429 or 5xx answer: it asks for the request again after that many seconds. */
  readonly retryAfterSeconds?: number;
  constructor(message: string, code: number, reason: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ClusterError';
    this.code = code;
    this.reason = reason;
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Errors worth retrying: throttling, server errors, lost connections (code 0). */
  get transient(): boolean {
    return this.code === 0 || this.code === 429 || this.code >= 500;
  }

  static from(error: unknown, context: string): ClusterError {
    if (error instanceof ClusterError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new ClusterError(`${context}: ${message}`, 0, 'ConnectionError');
  }
}

/** `group/version` split. @public */
export function splitApiVersion(apiVersion: string): {
  group: string;
  version: string;
} {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : {
        group: apiVersion.slice(0, slash),
        version: apiVersion.slice(slash + 1),
      };
}

/** Names an object. @public */
export function objectRefOf(obj: KubeObject): ObjectRef {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata?.namespace,
    name: obj.metadata?.name ?? '',
  };
}

/** A short description of an object for messages: `Deployment shop/web`. @public */
export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
