/** Metadata of a Kubernetes object, as far as Slipway reads it. @public */
export interface KubeObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
  }>;
  finalizers?: string[];
  managedFields?: unknown[];
  [key: string]: unknown;
}

/** Any Kubernetes object: a manifest from Git or a live object. @public */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeObjectMeta;
  [key: string]: unknown;
}

/** Identifies one resource of an application. @public */
export interface ResourceKey {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Groups by apiVersion: every key of a resource tree names one, and a slice is a new string each time. */
const groups = new Map<string, string>();

/** The API group of an apiVersion ('' for the core group). @public */
export function groupOf(apiVersion: string): string {
  const known = groups.get(apiVersion);
  if (known !== undefined) return known;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  // bounded: apiVersions come from manifests too
  if (groups.size >= 1000) groups.clear();
  groups.set(apiVersion, group);
  return group;
}

/** The key of an object: group, kind, namespace, name. @public */
export function resourceKeyOf(obj: KubeObject): ResourceKey {
  return {
    group: groupOf(obj.apiVersion),
    kind: obj.kind,
    namespace: obj.metadata?.namespace ?? '',
    name: obj.metadata?.name ?? '',
  };
}

/** A stable string form of a resource key: `group/kind/namespace/name`. @public */
export function formatResourceKey(key: ResourceKey): string {
  return `${key.group}/${key.kind}/${key.namespace}/${key.name}`;
}
