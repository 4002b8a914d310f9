import crypto from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';

/** Values whose key text is longer are keyed by a digest of it, so that keys stay small. */
const LONGEST_KEY = 64;

/** SHA-256 of a text; crypto.hash (Node ≥ 20.12) makes no Hash object per call, which was most of the cost. */
const digest: (text: string) => string =
  typeof crypto.hash === 'function'
    ? text => crypto.hash('sha256', text, 'base64')
    : text => crypto.createHash('sha256').update(text).digest('base64');

/**
 * Holds each distinct JSON subtree once: `share` returns an equal value
 * made of frozen subtrees that other shared values may also use. For data
 * kept long and largely alike (objects of one template across many
 * applications). Readers must copy before changing. A subtree no one
 * refers to any more is forgotten after garbage collection.
 */
export class JsonPool {
  private readonly byKey = new Map<string, WeakRef<object>>();
  private readonly forget = new FinalizationRegistry<string>(key => {
    if (!this.byKey.get(key)?.deref()) this.byKey.delete(key);
  });

  /** An equal value whose objects and arrays are shared and frozen. */
  share<T>(value: T): T {
    return this.pooled(value).value as T;
  }

  /**
   * A Kubernetes object whose fields other than metadata are shared (its
   * spec, data, status): objects of one template differ mostly in metadata.
   * `previous`, the shared form of an earlier version of the object, lends
   * the fields that did not change, so that an update of the status alone
   * does not pool the spec again (comparing is cheaper than keying).
   */
  shareBody<T extends object>(obj: T, previous?: T): T {
    const before = previous as Record<string, unknown> | undefined;
    return Object.fromEntries(
      Object.entries(obj).map(([k, v]) => {
        if (k === 'metadata') return [k, v];
        if (before && k in before && isDeepStrictEqual(v, before[k])) return [k, before[k]];
        return [k, this.share(v)];
      }),
    ) as T;
  }

  /** Distinct subtrees currently held. */
  get size(): number {
    return this.byKey.size;
  }

  /**
   * The shared equal of a JSON value, bottom-up, with its key: the JSON text
   * of small values, else a digest of the keys of its children (so that each
   * level hashes a few short keys instead of its whole text). Digests start
   * with '#', which no JSON text does.
   */
  private pooled(value: unknown): { value: unknown; key: string } {
    if (!value || typeof value !== 'object') return { value, key: JSON.stringify(value) ?? 'null' };
    let text: string;
    let copy: unknown;
    if (Array.isArray(value)) {
      const items = value.map(v => this.pooled(v));
      text = `[${items.map(i => i.key).join(',')}]`;
      copy = items.map(i => i.value);
    } else {
      const fields = Object.entries(value).filter(([, v]) => v !== undefined);
      const children = fields.map(([k, v]) => [k, this.pooled(v)] as const);
      text = `{${children.map(([k, c]) => `${JSON.stringify(k)}:${c.key}`).join(',')}}`;
      copy = Object.fromEntries(children.map(([k, c]) => [k, c.value]));
    }
    const key = text.length <= LONGEST_KEY ? text : `#${digest(text)}`;
    const existing = this.byKey.get(key)?.deref();
    if (existing) return { value: existing, key };
    // a frozen copy: the value given may belong to a producer that stays free to change it
    Object.freeze(copy);
    this.byKey.set(key, new WeakRef(copy as object));
    this.forget.register(copy as object, key);
    return { value: copy, key };
  }
}
