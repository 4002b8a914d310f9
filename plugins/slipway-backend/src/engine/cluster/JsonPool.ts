import crypto from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';

/** Values whose key text is longer are keyed by a digest of it, so that keys stay small. */
const LONGEST_KEY = 64;
/** Entries held before the first sweep of forgotten subtrees. */
const FIRST_SWEEP = 1024;

/**
 * SHA-256 of a text in base64; crypto.hash (Node ≥ 20.12) makes no Hash
 * object per call, which was most of the cost. 44 characters ending in '=',
 * which no JSON text does, so digests and JSON texts never collide as keys.
 */
const digest: (text: string) => string =
  typeof crypto.hash === 'function'
    ? text => crypto.hash('sha256', text, 'base64')
    : text => crypto.createHash('sha256').update(text).digest('base64');

/**
 * Holds each distinct JSON subtree once: `share` returns an equal value
 * made of frozen subtrees that other shared values may also use. For data
 * kept long and largely alike (objects of one template across many
 * applications). Readers must copy before changing. A subtree no one
 * refers to any more is forgotten after garbage collection: entries whose
 * subtree is gone are swept each time the pool has doubled since the last
 * sweep (a FinalizationRegistry cell per entry cost more memory than the
 * subtrees it watched, most of which are small).
 */
export class JsonPool {
  private readonly byKey = new Map<string, WeakRef<object>>();
  private sweepAt = FIRST_SWEEP;

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

  /** Distinct subtrees held, counting those collected since the last sweep. */
  get size(): number {
    return this.byKey.size;
  }

  private sweep() {
    for (const [key, ref] of this.byKey) if (!ref.deref()) this.byKey.delete(key);
    this.sweepAt = Math.max(FIRST_SWEEP, 2 * this.byKey.size);
  }

  /**
   * The shared equal of a JSON value, bottom-up, with its key: the JSON text
   * of small values, else a digest of the keys of its children (so that each
   * level hashes a few short keys instead of its whole text). Texts are
   * built with join, which makes flat strings: a key built by concatenation
   * is a tree of string pieces, several times its length in memory.
   */
  private pooled(value: unknown): { value: unknown; key: string } {
    if (!value || typeof value !== 'object') return { value, key: JSON.stringify(value) ?? 'null' };
    let text: string;
    let copy: unknown;
    if (Array.isArray(value)) {
      const items = value.map(v => this.pooled(v));
      text = ['[', items.map(i => i.key).join(','), ']'].join('');
      copy = items.map(i => i.value);
    } else {
      const fields = Object.entries(value).filter(([, v]) => v !== undefined);
      const children = fields.map(([k, v]) => [k, this.pooled(v)] as const);
      text = ['{', children.map(([k, c]) => `${JSON.stringify(k)}:${c.key}`).join(','), '}'].join('');
      copy = Object.fromEntries(children.map(([k, c]) => [k, c.value]));
    }
    const key = text.length <= LONGEST_KEY ? text : digest(text);
    const existing = this.byKey.get(key)?.deref();
    if (existing) return { value: existing, key };
    // a frozen copy: the value given may belong to a producer that stays free to change it
    Object.freeze(copy);
    this.byKey.set(key, new WeakRef(copy as object));
    if (this.byKey.size > this.sweepAt) this.sweep();
    return { value: copy, key };
  }
}
