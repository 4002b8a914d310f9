import {
  formatResourceKey,
  KubeObject,
  ResourceKey,
  resourceKeyOf,
} from '@slipway/plugin-slipway-common';
import {
  appInstanceOf,
  isManagedBy,
  matchGlob,
} from '@slipway/plugin-slipway-node';
import { isGroupKindPermitted } from './permissions';
import type { OrphanedResourcesMonitoring, Project } from './types';

/** A resource of an Application's namespace that no Application tracks, or one of its children. */
export interface OrphanedResource extends ResourceKey {
  apiVersion: string;
  uid?: string;
  /** Owners among the orphaned resources; empty for the top-level ones. */
  parents: ResourceKey[];
}

/** What {@link findOrphanedResources} reads. */
export interface OrphanSearch {
  /** The Application's project, with its monitoring settings. */
  project: Project;
  monitoring: OrphanedResourcesMonitoring;
  /** The destination namespace. */
  namespace: string;
  /** Every object of the namespace, of every kind the search lists. */
  objects: ReadonlyArray<KubeObject>;
  /** Keys (formatResourceKey) of the Application's own resources. */
  managed: ReadonlySet<string>;
  /** Whether a tracking name is an Application Slipway reconciles. */
  isApplication(trackingName: string): boolean;
}

/**
 * Argo CD's isKnownOrphanedResourceExclusion: the objects every namespace
 * has (the `kubernetes` Service, the `default` ServiceAccount, the
 * `kube-root-ca.crt` ConfigMap) and the project's ignore patterns. An ignore
 * entry without kind or name matches every kind or name; its group is a
 * glob, `''` the core group.
 */
export function isIgnoredOrphan(
  key: ResourceKey,
  monitoring: OrphanedResourcesMonitoring,
): boolean {
  if (key.group === '') {
    if (key.kind === 'Service' && key.name === 'kubernetes') return true;
    if (key.kind === 'ServiceAccount' && key.name === 'default') return true;
    if (key.kind === 'ConfigMap' && key.name === 'kube-root-ca.crt')
      return true;
  }
  return monitoring.ignore.some(
    i =>
      (i.kind === '' || matchGlob(i.kind, key.kind)) &&
      matchGlob(i.group, key.group) &&
      (i.name === '' || matchGlob(i.name, key.name)),
  );
}

/** The Application an object belongs to: its tracking label, when its tracking annotation names the object itself. */
function trackedBy(obj: KubeObject): string | undefined {
  const name = appInstanceOf(obj);
  return name && isManagedBy(obj, name) ? name : undefined;
}

/**
 * The orphaned resources of an Application, as Argo CD's controller finds
 * them: the top-level objects of its namespace (no owner references) that
 * are not its own, that the project permits and does not ignore, with their
 * children, leaving out whatever another existing Application tracks.
 * Sorted by key. Pure.
 */
export function findOrphanedResources(
  search: OrphanSearch,
): OrphanedResource[] {
  const { project, monitoring, namespace, managed } = search;
  const children = new Map<string, KubeObject[]>();
  for (const obj of search.objects) {
    for (const owner of obj.metadata.ownerReferences ?? []) {
      const list = children.get(owner.uid) ?? [];
      list.push(obj);
      children.set(owner.uid, list);
    }
  }
  const found = new Map<string, OrphanedResource>();
  const visit = (obj: KubeObject, parent?: ResourceKey) => {
    const key = resourceKeyOf(obj);
    const id = formatResourceKey(key);
    const seen = found.get(id);
    if (seen) {
      if (
        parent &&
        !seen.parents.some(
          p => formatResourceKey(p) === formatResourceKey(parent),
        )
      )
        seen.parents.push(parent);
      return;
    }
    const owner = trackedBy(obj);
    if (owner !== undefined && search.isApplication(owner)) return;
    if (!isGroupKindPermitted(project, key.group, key.kind, true)) return;
    found.set(id, {
      ...key,
      apiVersion: obj.apiVersion,
      ...(obj.metadata.uid ? { uid: obj.metadata.uid } : {}),
      parents: parent ? [parent] : [],
    });
    for (const child of (obj.metadata.uid && children.get(obj.metadata.uid)) ||
      [])
      visit(child, key);
  };
  for (const obj of search.objects) {
    const key = resourceKeyOf(obj);
    if (
      key.namespace !== namespace ||
      (obj.metadata.ownerReferences ?? []).length > 0
    )
      continue;
    if (
      managed.has(formatResourceKey(key)) ||
      !isGroupKindPermitted(project, key.group, key.kind, true)
    )
      continue;
    if (isIgnoredOrphan(key, monitoring)) continue;
    visit(obj);
  }
  // by code unit, as Go compares the strings
  const ids = [...found.keys()].sort();
  return ids.map(id => found.get(id)!);
}

/** Argo CD's condition for an Application with orphaned resources (children included in the count, as there). */
export function orphanedResourceCondition(count: number): {
  type: 'OrphanedResourceWarning';
  message: string;
} {
  return {
    type: 'OrphanedResourceWarning',
    message: `Application has ${count} orphaned resources`,
  };
}
