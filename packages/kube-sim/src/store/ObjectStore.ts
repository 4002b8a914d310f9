import { KubeError } from '../api/Status';
import { EventLog } from './EventLog';
import {
  KubeObject,
  objectKey,
  StoreEvent,
  WatchEventType,
} from './KubeObject';

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export type StoreListener = (event: StoreEvent) => void;

/**
 * The in-memory object store: one map per resource, one global
 * resourceVersion counter (like etcd's revision), a bounded event log per
 * resource for watch resumption, and synchronous fan-out to listeners.
 */
export class ObjectStore {
  private rv = 0;
  private readonly tables = new Map<string, Map<string, KubeObject>>();
  private readonly logs = new Map<string, EventLog>();
  private readonly listeners = new Map<string, Set<StoreListener>>();
  private readonly globalListeners = new Set<StoreListener>();

  constructor(private readonly historySize = 10000) {}

  currentRV(): number {
    return this.rv;
  }

  private table(resource: string): Map<string, KubeObject> {
    let t = this.tables.get(resource);
    if (!t) this.tables.set(resource, (t = new Map()));
    return t;
  }

  private log(resource: string): EventLog {
    let l = this.logs.get(resource);
    if (!l) this.logs.set(resource, (l = new EventLog(this.historySize)));
    return l;
  }

  get(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return this.tables.get(resource)?.get(objectKey(namespace, name));
  }

  /** Objects of a resource (optionally in one namespace), sorted by namespace/name. */
  list(resource: string, namespace?: string): KubeObject[] {
    const t = this.tables.get(resource);
    if (!t) return [];
    const out: Array<[string, KubeObject]> = [];
    for (const [k, o] of t) {
      if (namespace && o.metadata.namespace !== namespace) continue;
      out.push([k, o]);
    }
    out.sort((a, b) => compareKeys(a[0], b[0]));
    return out.map(e => e[1]);
  }

  count(resource: string): number {
    return this.tables.get(resource)?.size ?? 0;
  }

  resources(): string[] {
    return [...this.tables.keys()];
  }

  /**
   * Stores a new version of an object, assigning the next resourceVersion.
   * The caller hands over ownership of `obj`; it must not be mutated later.
   */
  put(resource: string, obj: KubeObject): KubeObject {
    const key = objectKey(obj.metadata.namespace, obj.metadata.name!);
    const t = this.table(resource);
    const previous = t.get(key);
    const rv = ++this.rv;
    obj.metadata.resourceVersion = String(rv);
    t.set(key, obj);
    const type: WatchEventType = previous ? 'MODIFIED' : 'ADDED';
    this.emit({ type, resource, rv, object: obj, previous });
    return obj;
  }

  /** Removes an object; the DELETED event carries a new resourceVersion. */
  remove(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const key = objectKey(namespace, name);
    const t = this.tables.get(resource);
    const previous = t?.get(key);
    if (!t || !previous) return undefined;
    t.delete(key);
    const rv = ++this.rv;
    const object = {
      ...previous,
      metadata: { ...previous.metadata, resourceVersion: String(rv) },
    };
    this.emit({ type: 'DELETED', resource, rv, object, previous });
    return object;
  }

  private emit(ev: StoreEvent) {
    this.log(ev.resource).append(ev);
    for (const l of this.globalListeners) l(ev);
    const set = this.listeners.get(ev.resource);
    if (set) for (const l of set) l(ev);
  }

  /** Listens to every change of every resource (controllers). */
  subscribeAll(listener: StoreListener): () => void {
    this.globalListeners.add(listener);
    return () => this.globalListeners.delete(listener);
  }

  /**
   * Listens to one resource's changes after `fromRV`; replays the logged
   * events first. Throws 410 Gone when that history was compacted.
   */
  subscribe(
    resource: string,
    fromRV: number,
    listener: StoreListener,
  ): () => void {
    if (fromRV > 0) {
      const past = this.log(resource).since(fromRV);
      if (!past) {
        throw new KubeError(
          410,
          'Expired',
          `too old resource version: ${fromRV} (${
            this.log(resource).compactedRV
          })`,
        );
      }
      for (const ev of past) listener(ev);
    }
    let set = this.listeners.get(resource);
    if (!set) this.listeners.set(resource, (set = new Set()));
    set.add(listener);
    return () => set!.delete(listener);
  }

  /** Drops all objects of a resource (a deleted CRD). */
  dropResource(resource: string): void {
    for (const o of this.list(resource)) {
      this.remove(resource, o.metadata.namespace, o.metadata.name!);
    }
  }
}
