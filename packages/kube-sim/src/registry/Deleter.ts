import { errors } from '../api/Status';
import { KubeObject } from '../store/KubeObject';
import { ObjectStore } from '../store/ObjectStore';
import { ResourceType } from '../types/ResourceType';
import { TypeRegistry } from '../types/TypeRegistry';
import { nowIso } from '../util/objects';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  dryRun?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

/**
 * Deletion semantics: preconditions, finalizers and deletionTimestamp,
 * propagation policy finalizers (the garbage collector does the rest),
 * namespaces that terminate before they go.
 */
export class Deleter {
  constructor(
    private readonly store: ObjectStore,
    private readonly types: TypeRegistry,
  ) {}

  delete(
    t: ResourceType,
    ns: string | undefined,
    name: string,
    opts: DeleteOptions,
  ): KubeObject {
    const key = this.types.keyOf(t);
    const obj = this.store.get(key, t.namespaced ? ns : undefined, name);
    if (!obj) throw errors.notFound(t, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== obj.metadata.uid) {
      throw errors.conflict(
        t,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`,
      );
    }
    if (
      pre?.resourceVersion &&
      pre.resourceVersion !== obj.metadata.resourceVersion
    ) {
      throw errors.conflict(
        t,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`,
      );
    }
    const policy = opts.propagationPolicy ?? 'Background';
    if (!['Background', 'Foreground', 'Orphan'].includes(policy)) {
      throw errors.badRequest(
        `propagationPolicy must be one of Background, Foreground or Orphan, not "${policy}"`,
      );
    }
    const finalizers = [...(obj.metadata.finalizers ?? [])];
    if (policy === 'Foreground' && !finalizers.includes(FOREGROUND_FINALIZER))
      finalizers.push(FOREGROUND_FINALIZER);
    if (policy === 'Orphan' && !finalizers.includes(ORPHAN_FINALIZER))
      finalizers.push(ORPHAN_FINALIZER);
    const isNamespace = t.group === '' && t.kind === 'Namespace';
    if (finalizers.length > 0 || isNamespace) {
      if (
        obj.metadata.deletionTimestamp &&
        finalizers.length === (obj.metadata.finalizers ?? []).length
      ) {
        return obj;
      }
      const next: KubeObject = {
        ...obj,
        metadata: {
          ...obj.metadata,
          finalizers: finalizers.length ? finalizers : undefined,
          deletionTimestamp: obj.metadata.deletionTimestamp ?? nowIso(),
          deletionGracePeriodSeconds: 0,
        },
      };
      if (!next.metadata.finalizers) delete next.metadata.finalizers;
      if (isNamespace)
        next.status = { ...(obj.status ?? {}), phase: 'Terminating' };
      if (opts.dryRun) return next;
      return this.store.put(key, next);
    }
    if (opts.dryRun) return obj;
    return this.store.remove(key, obj.metadata.namespace, name)!;
  }
}
