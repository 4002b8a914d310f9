import {
  KubeObject,
  ResourceKey,
  SLIPWAY_LABEL_APP_INSTANCE,
  formatResourceKey,
  resourceKeyOf,
} from '@slipway/plugin-slipway-common';
import { isManagedBy, appInstanceOf } from '@slipway/plugin-slipway-node';
import type {
  ClusterClient,
  ClusterError,
  UnavailableGroupVersion,
} from './ClusterClient';
import { FieldSetPool } from './FieldSetPool';
import { JsonPool } from './JsonPool';
import { MetadataStrings } from './MetadataStrings';
import { DEFAULT_TREE_KINDS, kindId, managedKinds } from './watchedKinds';

/** An apiVersion and kind. @public */
export interface KindRef {
  apiVersion: string;
  kind: string;
}

/** @public */
export interface ClusterCacheOptions {
  client: ClusterClient;
  /** Managed kinds to watch (by the tracking label): all served kinds (default) or a list. */
  kinds?: 'all' | KindRef[];
  /** Kinds that controllers create for managed objects, kept whole for resource trees. */
  treeKinds?: KindRef[];
  /** Waits between retries; injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** First retry delay after a failed list or watch (doubles up to 30 s). */
  retryDelayMs?: number;
  logger?: { warn(message: string): void };
}

/** A change seen by the cache. @public */
export interface ClusterCacheEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
  /** The application the object belongs to (directly or through its owners). */
  appName?: string;
}

/** A node of an application's resource tree. @public */
export interface ResourceTreeNode {
  key: ResourceKey;
  apiVersion: string;
  uid?: string;
  /** Owners present in the cache. */
  parents: ResourceKey[];
  object: KubeObject;
}

/** Sync state of one watched kind. @public */
export interface WatchedKindStatus extends KindRef {
  synced: boolean;
  lastError?: string;
}

/** The longest pause between two looks at group versions whose discovery failed. */
const MAX_REDISCOVERY_DELAY_MS = 300_000;

/**
 * Live state of one cluster, after gitops-engine's cluster cache: discovery
 * plus list-and-watch of the kinds the engine manages (only objects carrying
 * `slipway.io/app-instance`), and of the kinds controllers create under them
 * (ReplicaSets, Pods, Jobs) so resource trees can be built from an
 * owner-reference index. A watch that fails is re-listed (410 Gone included).
 * @public
 */
export class ClusterCache {
  private readonly objects = new Map<string, KubeObject>();
  private readonly byUid = new Map<string, string>();
  private readonly byOwner = new Map<string, Set<string>>();
  private readonly byApp = new Map<string, Set<string>>();
  private readonly generations = new Map<string, number>();
  private readonly kinds = new Map<
    string,
    WatchedKindStatus & { stop?: () => void }
  >();
  private readonly listeners = new Set<(e: ClusterCacheEvent) => void>();
  /** Equal parts of cached objects are held once: objects of one template differ mostly in metadata. */
  private readonly fieldSets = new FieldSetPool();
  private readonly bodies = new JsonPool();
  private readonly metadataStrings = new MetadataStrings();
  private readonly sleep: (ms: number) => Promise<void>;
  private stopped = false;

  constructor(private readonly options: ClusterCacheOptions) {
    // a pause before a retry (up to minutes) does not keep a stopping process alive
    this.sleep =
      options.sleep ?? (ms => new Promise(r => setTimeout(r, ms).unref()));
  }

  /** Discovers and lists every watched kind; resolves when all initial lists have been tried. */
  async start(): Promise<void> {
    const tree = this.options.treeKinds ?? DEFAULT_TREE_KINDS;
    let managed: KindRef[];
    if (Array.isArray(this.options.kinds)) {
      managed = this.options.kinds;
    } else {
      const discovery = await this.options.client.listResources();
      managed = managedKinds(discovery.resources, tree);
      // the kinds that did answer are watched now; the others once they answer
      if (discovery.unavailable.length > 0) void this.rediscover(discovery.unavailable);
    }
    await Promise.all([
      ...tree.map(k => this.watchKind(k, undefined)),
      ...managed.map(k => this.watchKind(k, SLIPWAY_LABEL_APP_INSTANCE)),
    ]);
  }

  /**
   * Asks again, with growing pauses, about group versions whose discovery
   * failed (a stale APIService is common), and watches their kinds once
   * they answer. Each newly unavailable group version is warned of once.
   */
  private async rediscover(firstUnavailable: UnavailableGroupVersion[]): Promise<void> {
    const warned = new Set<string>();
    let unavailable = firstUnavailable;
    let delay = this.options.retryDelayMs ?? 1000;
    while (!this.stopped && unavailable.length > 0) {
      for (const { groupVersion, message } of unavailable.filter(u => !warned.has(u.groupVersion))) {
        warned.add(groupVersion);
        const [group, version] = groupVersion.split('/');
        const check = version ? `; check its APIService (kubectl get apiservice ${version}.${group})` : '';
        this.options.logger?.warn(
          `API group version ${groupVersion} did not answer discovery (${message}): its kinds are not watched until it does${check}`,
        );
      }
      await this.sleep(delay);
      delay = Math.min(delay * 2, MAX_REDISCOVERY_DELAY_MS);
      if (this.stopped) return;
      try {
        const discovery = await this.options.client.listResources();
        const tree = this.options.treeKinds ?? DEFAULT_TREE_KINDS;
        await Promise.all(
          managedKinds(discovery.resources, tree).map(k => this.watchKind(k, SLIPWAY_LABEL_APP_INSTANCE)),
        );
        unavailable = discovery.unavailable;
      } catch (e) {
        this.options.logger?.warn(`API discovery failed, trying again: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  /** Adds a managed kind at run time (e.g. a custom resource the engine is about to apply). */
  async ensureKind(apiVersion: string, kind: string): Promise<void> {
    if (this.kinds.has(kindId({ apiVersion, kind }))) return;
    await this.watchKind({ apiVersion, kind }, SLIPWAY_LABEL_APP_INSTANCE);
  }

  stop(): void {
    this.stopped = true;
    for (const k of this.kinds.values()) k.stop?.();
  }

  status(): WatchedKindStatus[] {
    return [...this.kinds.values()].map(
      ({ apiVersion, kind, synced, lastError }) => ({
        apiVersion,
        kind,
        synced,
        lastError,
      }),
    );
  }

  onChange(listener: (e: ClusterCacheEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(key: ResourceKey): KubeObject | undefined {
    return this.objects.get(formatResourceKey(key));
  }

  /** Objects carrying the application's tracking label (hooks included). Cheap: an index lookup. */
  managedObjects(appName: string): KubeObject[] {
    return [...(this.byApp.get(appName) ?? [])]
      .map(k => this.objects.get(k))
      .filter((o): o is KubeObject => !!o && isManagedBy(o, appName));
  }

  /** Increases whenever an object of the application, or one of their descendants, changes. */
  generation(appName: string): number {
    return this.generations.get(appName) ?? 0;
  }

  /** Objects whose ownerReferences name the uid. */
  children(uid: string): KubeObject[] {
    return [...(this.byOwner.get(uid) ?? [])]
      .map(k => this.objects.get(k))
      .filter((o): o is KubeObject => !!o);
  }

  /** The application's managed objects and all their descendants (Deployment → ReplicaSet → Pod). */
  resourceTree(appName: string): ResourceTreeNode[] {
    const nodes: ResourceTreeNode[] = [];
    const seen = new Set<string>();
    const queue = [...this.managedObjects(appName)];
    while (queue.length > 0) {
      const obj = queue.shift()!;
      const id = formatResourceKey(resourceKeyOf(obj));
      if (seen.has(id)) continue;
      seen.add(id);
      const parents = (obj.metadata.ownerReferences ?? [])
        .map(o => this.byUid.get(o.uid))
        .filter((k): k is string => !!k)
        .map(k => resourceKeyOf(this.objects.get(k)!));
      nodes.push({
        key: resourceKeyOf(obj),
        apiVersion: obj.apiVersion,
        uid: obj.metadata.uid,
        parents,
        object: obj,
      });
      if (obj.metadata.uid) queue.push(...this.children(obj.metadata.uid));
    }
    return nodes;
  }

  /** The application an object belongs to: its own tracking, else its root owner's. */
  appOf(obj: KubeObject): string | undefined {
    let cur: KubeObject | undefined = obj;
    for (let depth = 0; cur && depth < 10; depth++) {
      const app = appInstanceOf(cur);
      if (app && isManagedBy(cur, app)) return app;
      const owners: NonNullable<KubeObject['metadata']['ownerReferences']> =
        cur.metadata.ownerReferences ?? [];
      const owner: (typeof owners)[number] | undefined =
        owners.find(o => o.controller) ?? owners[0];
      const ownerKey: string | undefined = owner
        ? this.byUid.get(owner.uid)
        : undefined;
      cur = ownerKey ? this.objects.get(ownerKey) : undefined;
    }
    return undefined;
  }

  private async watchKind(
    kind: KindRef,
    labelSelector: string | undefined,
  ): Promise<void> {
    const id = kindId(kind);
    if (this.kinds.has(id)) return;
    const state: WatchedKindStatus & { stop?: () => void } = {
      ...kind,
      synced: false,
    };
    this.kinds.set(id, state);
    let firstList: () => void = () => {};
    const listed = new Promise<void>(r => {
      firstList = r;
    });
    void this.runKind(kind, labelSelector, state, firstList);
    await listed;
  }

  private async runKind(
    kind: KindRef,
    labelSelector: string | undefined,
    state: WatchedKindStatus & { stop?: () => void },
    firstList: () => void,
  ): Promise<void> {
    const client = this.options.client;
    let delay = this.options.retryDelayMs ?? 1000;
    while (!this.stopped) {
      try {
        const list = await client.list(kind.apiVersion, kind.kind, {
          labelSelector,
        });
        this.replaceKind(kind, list.items);
        state.synced = true;
        state.lastError = undefined;
        firstList();
        const cursor = { resourceVersion: list.resourceVersion };
        let error: ClusterError | undefined;
        // re-watch from the last resourceVersion after a normal close; re-list after an error
        do {
          const handle = await client.watch(
            kind.apiVersion,
            kind.kind,
            { labelSelector, resourceVersion: cursor.resourceVersion },
            e => {
              cursor.resourceVersion =
                e.object?.metadata?.resourceVersion ?? cursor.resourceVersion;
              if (e.type !== 'BOOKMARK') this.upsert(e.type, e.object);
            },
          );
          state.stop = handle.stop;
          error = await handle.done;
        } while (!this.stopped && !error);
        if (this.stopped) return;
        state.synced = false;
        state.lastError = error!.message;
        if (error!.code !== 410) {
          this.options.logger?.warn(
            `watch of ${kindId(kind)} failed, re-listing: ${error!.message}`,
          );
          await this.sleep(delay);
          delay = Math.min(delay * 2, 30_000);
        }
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        // a kind that keeps failing alike (forbidden, say) is warned of once, not at every retry
        if (message !== state.lastError) {
          this.options.logger?.warn(`list of ${kindId(kind)} failed: ${message}`);
        }
        state.synced = false;
        state.lastError = message;
        firstList();
        await this.sleep(delay);
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }

  private replaceKind(kind: KindRef, items: KubeObject[]): void {
    const fresh = new Set(items.map(o => formatResourceKey(resourceKeyOf(o))));
    for (const [k, obj] of [...this.objects]) {
      if (
        obj.apiVersion === kind.apiVersion &&
        obj.kind === kind.kind &&
        !fresh.has(k)
      ) {
        this.upsert('DELETED', obj);
      }
    }
    for (const item of items) {
      const old = this.objects.get(formatResourceKey(resourceKeyOf(item)));
      if (old?.metadata.resourceVersion !== item.metadata.resourceVersion) {
        this.upsert(old ? 'MODIFIED' : 'ADDED', item);
      }
    }
  }

  private upsert(type: ClusterCacheEvent['type'], received: KubeObject): void {
    const key = formatResourceKey(resourceKeyOf(received));
    const old = this.objects.get(key);
    // the cached version lends what did not change (an update is often status alone)
    const obj =
      type === 'DELETED'
        ? received
        : this.bodies.shareBody(this.fieldSets.share(this.metadataStrings.share(received), old), old);
    if (old) this.unindex(key, old);
    if (type !== 'DELETED') {
      this.objects.set(key, obj);
      this.index(key, obj);
    } else {
      this.objects.delete(key);
    }
    const appName =
      this.appOf(type === 'DELETED' ? old ?? obj : obj) ??
      (old ? this.appOf(old) : undefined);
    if (appName) this.generations.set(appName, this.generation(appName) + 1);
    for (const l of this.listeners) l({ type, object: obj, appName });
  }

  private index(key: string, obj: KubeObject): void {
    if (obj.metadata.uid) this.byUid.set(obj.metadata.uid, key);
    for (const o of obj.metadata.ownerReferences ?? []) {
      if (!this.byOwner.has(o.uid)) this.byOwner.set(o.uid, new Set());
      this.byOwner.get(o.uid)!.add(key);
    }
    const app = appInstanceOf(obj);
    if (app) {
      if (!this.byApp.has(app)) this.byApp.set(app, new Set());
      this.byApp.get(app)!.add(key);
    }
  }

  private unindex(key: string, obj: KubeObject): void {
    if (obj.metadata.uid && this.byUid.get(obj.metadata.uid) === key)
      this.byUid.delete(obj.metadata.uid);
    for (const o of obj.metadata.ownerReferences ?? [])
      this.byOwner.get(o.uid)?.delete(key);
    const app = appInstanceOf(obj);
    if (app) this.byApp.get(app)?.delete(key);
  }
}
