import type { KubeObject } from '@slipway/plugin-slipway-common';
import { StringPool } from './StringPool';

type Entry = Record<string, unknown>;

const OBJECT_STRINGS = ['apiVersion', 'kind'];
const METADATA_STRINGS = ['namespace', 'creationTimestamp', 'generateName'];
/** Fields of managedFields and ownerReferences entries whose values repeat across objects. */
const MANAGED_FIELDS_STRINGS = ['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'subresource'];
const OWNER_REFERENCE_STRINGS = ['apiVersion', 'kind'];

const isEntry = (value: unknown): value is Entry => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/**
 * Shares the strings that repeat across the metadata of cached objects:
 * apiVersion and kind, creation time, label and annotation values, owner
 * references' kinds and the managers and times of managedFields. After
 * equal subtrees were shared (JsonPool, FieldSetPool), these copies were
 * most of the strings a watch cache of 20,000 objects held. Returns a copy;
 * the object given is not changed.
 */
export class MetadataStrings {
  private readonly strings = new StringPool();

  share(obj: KubeObject): KubeObject {
    const shared = this.fields(obj as unknown as Entry, OBJECT_STRINGS);
    if (!isEntry(obj.metadata)) return shared as unknown as KubeObject;
    const meta = this.fields(obj.metadata, METADATA_STRINGS);
    for (const field of ['labels', 'annotations']) {
      const values = meta[field];
      if (isEntry(values)) meta[field] = this.fields(values, Object.keys(values));
    }
    for (const [field, strings] of [
      ['managedFields', MANAGED_FIELDS_STRINGS],
      ['ownerReferences', OWNER_REFERENCE_STRINGS],
    ] as const) {
      const list = meta[field];
      if (Array.isArray(list)) meta[field] = list.map(e => (isEntry(e) ? this.fields(e, strings) : e));
    }
    shared.metadata = meta;
    return shared as unknown as KubeObject;
  }

  /** A copy of the entry with the string values of the fields named taken from the pool. */
  private fields(entry: Entry, names: readonly string[]): Entry {
    const copy = { ...entry };
    for (const name of names) {
      const value = copy[name];
      if (typeof value === 'string') copy[name] = this.strings.intern(value);
    }
    return copy;
  }
}
