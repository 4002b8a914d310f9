import type { KubeObject } from '@slipway/plugin-slipway-common';
import { isDeepStrictEqual } from 'node:util';
import { JsonPool } from './JsonPool';

/**
 * Holds each distinct subtree of the FieldsV1 trees
 * (`metadata.managedFields[].fieldsV1`) of the cached objects once: objects
 * made from one template carry equal field sets, apart from a few keys such
 * as an owner's uid, and parsed field sets were most of a cached object's
 * memory. The diff still reads the whole managedFields (field ownership for
 * structured-merge diffs and trusted managers), so nothing is dropped. The
 * shared subtrees are frozen because many cached objects refer to them
 * (readers copy before changing, as the diff does).
 */
export class FieldSetPool {
  private readonly pool = new JsonPool();

  /**
   * The object with equal field sets replaced by the shared ones (a copy
   * when any entry changes). `previous`, the shared form of an earlier
   * version of the object, lends the field sets that did not change.
   */
  share(obj: KubeObject, previous?: KubeObject): KubeObject {
    const entries = obj.metadata?.managedFields;
    if (!Array.isArray(entries) || entries.length === 0) return obj;
    const before = (previous?.metadata?.managedFields ?? []) as Array<{ fieldsV1?: unknown } | null>;
    let changed = false;
    const shared = entries.map((entry, i) => {
      const fields = (entry as { fieldsV1?: unknown } | null)?.fieldsV1;
      if (!fields || typeof fields !== 'object') return entry;
      changed = true;
      const earlier = before[i]?.fieldsV1;
      const reused = earlier !== undefined && isDeepStrictEqual(fields, earlier);
      return { ...(entry as object), fieldsV1: reused ? earlier : this.pool.share(fields) };
    });
    return changed ? { ...obj, metadata: { ...obj.metadata, managedFields: shared } } : obj;
  }

  /** Distinct subtrees currently held. */
  get size(): number {
    return this.pool.size;
  }
}
