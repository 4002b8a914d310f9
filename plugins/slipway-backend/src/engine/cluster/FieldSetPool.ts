import crypto from 'node:crypto';
import type { KubeObject } from '@slipway/plugin-slipway-common';

/** Subtrees whose JSON is longer are keyed by a hash of it, so that keys stay small. */
const LONGEST_KEY = 64;

/**
 * Holds each distinct subtree of the FieldsV1 trees
 * (`metadata.managedFields[].fieldsV1`) of the cached objects once: objects
 * made from one template carry equal field sets, apart from a few keys such
 * as an owner's uid, and parsed field sets were most of a cached object's
 * memory. The diff still reads the whole managedFields (field ownership for
 * structured-merge diffs and trusted managers), so nothing is dropped. The
 * shared subtrees are frozen because many cached objects refer to them
 * (readers copy before changing, as the diff does); a subtree no cached
 * object refers to any more is forgotten after garbage collection.
 */
export class FieldSetPool {
  private readonly byKey = new Map<string, WeakRef<object>>();
  private readonly forget = new FinalizationRegistry<string>(key => {
    if (!this.byKey.get(key)?.deref()) this.byKey.delete(key);
  });

  /** The object with equal field sets replaced by the shared ones (a copy when any entry changes). */
  share(obj: KubeObject): KubeObject {
    const entries = obj.metadata?.managedFields;
    if (!Array.isArray(entries) || entries.length === 0) return obj;
    let changed = false;
    const shared = entries.map(entry => {
      const fields = (entry as { fieldsV1?: unknown } | null)?.fieldsV1;
      if (!fields || typeof fields !== 'object') return entry;
      changed = true;
      return { ...(entry as object), fieldsV1: this.pooled(fields).value };
    });
    return changed ? { ...obj, metadata: { ...obj.metadata, managedFields: shared } } : obj;
  }

  /** Distinct subtrees currently held. */
  get size(): number {
    return this.byKey.size;
  }

  /** The shared equal of a JSON value, bottom-up, with its JSON text. */
  private pooled(value: unknown): { value: unknown; json: string } {
    if (!value || typeof value !== 'object') return { value, json: JSON.stringify(value) ?? 'null' };
    let json: string;
    let copy: unknown;
    if (Array.isArray(value)) {
      const items = value.map(v => this.pooled(v));
      json = `[${items.map(i => i.json).join(',')}]`;
      copy = items.map(i => i.value);
    } else {
      const fields = Object.entries(value).filter(([, v]) => v !== undefined);
      const children = fields.map(([k, v]) => [k, this.pooled(v)] as const);
      json = `{${children.map(([k, c]) => `${JSON.stringify(k)}:${c.json}`).join(',')}}`;
      copy = Object.fromEntries(children.map(([k, c]) => [k, c.value]));
    }
    const key = json.length <= LONGEST_KEY ? json : crypto.createHash('sha256').update(json).digest('base64');
    const existing = this.byKey.get(key)?.deref();
    if (existing) return { value: existing, json };
    // a frozen copy: the incoming object may be shared with its producer, which stays free to change it
    Object.freeze(copy);
    this.byKey.set(key, new WeakRef(copy as object));
    this.forget.register(copy as object, key);
    return { value: copy, json };
  }
}
