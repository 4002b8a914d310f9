import type { KubeObject } from '@slipway/plugin-slipway-common';
import { mergePatch } from '@slipway/plugin-slipway-node';
import {
  ApiResourceInfo,
  ApplyOptions,
  ClusterClient,
  ClusterError,
  DeleteOptions,
  ListOptions,
  ObjectList,
  ObjectRef,
  PatchOptions,
  ResourceDiscovery,
  ServerVersion,
  WatchEvent,
  WatchHandle,
  WatchOptions,
  WriteOptions,
  describeRef,
  objectRefOf,
} from './ClusterClient';
import {
  BUILTIN_TYPES,
  keyOf,
  matchesSelector,
  MemoryResourceType,
  toInfo,
} from './MemoryResourceTypes';

export type { MemoryResourceType } from './MemoryResourceTypes';

/** A write the client saw, for tests that check what happened. @public */
export interface RecordedCall {
  verb: 'apply' | 'create' | 'replace' | 'patch' | 'delete';
  ref: ObjectRef;
  dryRun: boolean;
  force?: boolean;
}

type Reaction = (obj: KubeObject, client: MemoryClusterClient) => void;
type Failure = (
  verb: RecordedCall['verb'],
  ref: ObjectRef,
) => ClusterError | undefined;

/**
 * An in-memory {@link ClusterClient}: objects in a map, resourceVersions,
 * label selectors, watches, dry runs and owner-reference cascade deletion.
 * Reactions play controllers (e.g. complete a Job); failures can be injected.
 * For tests; it is not a Kubernetes API server.
 * @public
 */
export class MemoryClusterClient implements ClusterClient {
  readonly calls: RecordedCall[] = [];
  private readonly types: MemoryResourceType[] = [...BUILTIN_TYPES];
  private readonly objects = new Map<string, KubeObject>();
  private readonly watchers = new Set<{
    type: MemoryResourceType;
    options: WatchOptions;
    onEvent: (e: WatchEvent) => void;
    end: (e: ClusterError | undefined) => void;
  }>();
  private readonly reactions: Reaction[] = [];
  private readonly failures: Failure[] = [];
  /** Group versions whose discovery fails, with the message (an aggregated API whose service is down). */
  private readonly unavailable = new Map<string, string>();
  private revision = 1;
  private uid = 1;

  addType(type: MemoryResourceType): void {
    this.types.push(type);
  }

  /** Makes discovery of a group version fail (`message`), or answer again (undefined). */
  setUnavailable(apiVersion: string, message: string | undefined): void {
    if (message === undefined) this.unavailable.delete(apiVersion);
    else this.unavailable.set(apiVersion, message);
  }

  /** Runs after every persisted write (create, apply, replace), like a controller. */
  react(reaction: Reaction): void {
    this.reactions.push(reaction);
  }

  /** Makes matching writes fail with the returned error. */
  failWhen(failure: Failure): void {
    this.failures.push(failure);
  }

  /** Ends every watch with 410 Gone, as an API server does when history is compacted. */
  expireWatches(): void {
    for (const w of [...this.watchers]) {
      w.end(new ClusterError('too old resource version', 410, 'Gone'));
    }
  }

  /** Stores an object as a controller would (no call recorded). */
  put(obj: KubeObject): KubeObject {
    const type = this.typeOf(obj.apiVersion, obj.kind);
    const key = keyOf(objectRefOf(obj), type.namespaced);
    const existing = this.objects.get(key);
    const stored: KubeObject = structuredClone({
      ...obj,
      metadata: {
        ...obj.metadata,
        uid: existing?.metadata.uid ?? obj.metadata.uid ?? `uid-${this.uid++}`,
        resourceVersion: String(++this.revision),
        creationTimestamp:
          existing?.metadata.creationTimestamp ?? new Date(0).toISOString(),
      },
    });
    if (!type.namespaced) delete stored.metadata.namespace;
    this.objects.set(key, stored);
    this.emit(type, existing ? 'MODIFIED' : 'ADDED', stored);
    return structuredClone(stored);
  }

  /** Removes an object as the server would, cascading to dependents. */
  remove(ref: ObjectRef): boolean {
    const type = this.typeOf(ref.apiVersion, ref.kind);
    const key = keyOf(ref, type.namespaced);
    const existing = this.objects.get(key);
    if (!existing) return false;
    this.objects.delete(key);
    this.emit(type, 'DELETED', {
      ...existing,
      metadata: {
        ...existing.metadata,
        resourceVersion: String(++this.revision),
      },
    });
    for (const child of [...this.objects.values()]) {
      if (
        child.metadata.ownerReferences?.some(
          o => o.uid === existing.metadata.uid,
        )
      ) {
        this.remove(objectRefOf(child));
      }
    }
    return true;
  }

  all(): KubeObject[] {
    return [...this.objects.values()].map(o => structuredClone(o));
  }

  async resourceFor(
    apiVersion: string,
    kind: string,
  ): Promise<ApiResourceInfo | undefined> {
    this.checkAvailable(apiVersion);
    const t = this.types.find(
      x => x.apiVersion === apiVersion && x.kind === kind,
    );
    return t ? toInfo(t) : undefined;
  }

  async listResources(): Promise<ResourceDiscovery> {
    return {
      resources: this.types
        .filter(t => !this.unavailable.has(t.apiVersion))
        .map(toInfo),
      unavailable: [...this.unavailable].map(([groupVersion, message]) => ({
        groupVersion,
        message,
      })),
    };
  }

  invalidateDiscovery(): void {}

  async serverVersion(): Promise<ServerVersion> {
    return { major: '1', minor: '32', gitVersion: 'v1.32.0' };
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    const type = this.typeOf(ref.apiVersion, ref.kind);
    const found = this.objects.get(keyOf(ref, type.namespaced));
    return found ? structuredClone(found) : undefined;
  }

  async list(
    apiVersion: string,
    kind: string,
    options: ListOptions = {},
  ): Promise<ObjectList> {
    const type = this.typeOf(apiVersion, kind);
    const items = [...this.objects.values()]
      .filter(o => o.apiVersion === apiVersion && o.kind === kind)
      .filter(
        o => !options.namespace || o.metadata.namespace === options.namespace,
      )
      .filter(o => matchesSelector(o, options.labelSelector))
      .map(o => structuredClone(o));
    void type;
    return { items, resourceVersion: String(this.revision) };
  }

  async apply(obj: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    this.check('apply', obj, options);
    const existing = await this.get(objectRefOf(obj));
    const merged: KubeObject = {
      ...(existing ?? {}),
      ...obj,
      metadata: {
        ...(existing?.metadata ?? {}),
        ...obj.metadata,
        labels: {
          ...(existing?.metadata.labels ?? {}),
          ...(obj.metadata.labels ?? {}),
        },
        annotations: {
          ...(existing?.metadata.annotations ?? {}),
          ...(obj.metadata.annotations ?? {}),
        },
      },
    };
    if (existing?.status !== undefined && obj.status === undefined)
      merged.status = existing.status;
    return this.write(merged, options.dryRun);
  }

  async create(
    obj: KubeObject,
    options: WriteOptions = {},
  ): Promise<KubeObject> {
    this.check('create', obj, options);
    if (await this.get(objectRefOf(obj))) {
      throw new ClusterError(
        `${describeRef(objectRefOf(obj))} already exists`,
        409,
        'AlreadyExists',
      );
    }
    return this.write(obj, options.dryRun);
  }

  /** A merge patch; the types served here have no subresources, so status is patched with the rest. */
  async mergePatch(
    ref: ObjectRef,
    patch: Record<string, unknown>,
    options: PatchOptions = {},
  ): Promise<KubeObject> {
    this.check(
      'patch',
      {
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        metadata: { name: ref.name, namespace: ref.namespace },
      },
      options,
    );
    const existing = await this.get(ref);
    if (!existing) {
      throw new ClusterError(`${describeRef(ref)} not found`, 404, 'NotFound');
    }
    return this.write(
      mergePatch(existing, patch) as KubeObject,
      options.dryRun,
    );
  }

  async replace(
    obj: KubeObject,
    options: WriteOptions = {},
  ): Promise<KubeObject> {
    this.check('replace', obj, options);
    if (!(await this.get(objectRefOf(obj)))) {
      throw new ClusterError(
        `${describeRef(objectRefOf(obj))} not found`,
        404,
        'NotFound',
      );
    }
    return this.write(obj, options.dryRun);
  }

  async delete(ref: ObjectRef, options: DeleteOptions = {}): Promise<boolean> {
    this.calls.push({ verb: 'delete', ref, dryRun: !!options.dryRun });
    this.injectFailure('delete', ref);
    if (options.dryRun) return !!(await this.get(ref));
    return this.remove(ref);
  }

  async watch(
    apiVersion: string,
    kind: string,
    options: WatchOptions,
    onEvent: (event: WatchEvent) => void,
  ): Promise<WatchHandle> {
    const type = this.typeOf(apiVersion, kind);
    let settle: (e: ClusterError | undefined) => void = () => {};
    const done = new Promise<ClusterError | undefined>(r => {
      settle = r;
    });
    const watcher = {
      type,
      options,
      onEvent,
      end: (e: ClusterError | undefined) => {
        this.watchers.delete(watcher);
        settle(e);
      },
    };
    this.watchers.add(watcher);
    return { stop: () => watcher.end(undefined), done };
  }

  private check(
    verb: RecordedCall['verb'],
    obj: KubeObject,
    options: WriteOptions & { force?: boolean },
  ) {
    const ref = objectRefOf(obj);
    this.calls.push({
      verb,
      ref,
      dryRun: !!options.dryRun,
      ...(verb === 'apply' ? { force: !!options.force } : {}),
    });
    if (!ref.name)
      throw new ClusterError(
        `${obj.kind} has no metadata.name`,
        422,
        'Invalid',
      );
    const type = this.typeOf(obj.apiVersion, obj.kind);
    if (type.namespaced && obj.metadata.namespace) {
      const ns = this.objects.get(
        keyOf(
          { apiVersion: 'v1', kind: 'Namespace', name: obj.metadata.namespace },
          false,
        ),
      );
      if (!ns) {
        throw new ClusterError(
          `namespaces "${obj.metadata.namespace}" not found`,
          404,
          'NotFound',
        );
      }
    }
    this.injectFailure(verb, ref);
  }

  private injectFailure(verb: RecordedCall['verb'], ref: ObjectRef) {
    for (const f of this.failures) {
      const error = f(verb, ref);
      if (error) throw error;
    }
  }

  private write(obj: KubeObject, dryRun?: boolean): KubeObject {
    if (dryRun) return structuredClone(obj);
    const stored = this.put(obj);
    for (const reaction of this.reactions) reaction(stored, this);
    return (
      this.objects.get(
        keyOf(
          objectRefOf(stored),
          this.typeOf(stored.apiVersion, stored.kind).namespaced,
        ),
      ) ?? stored
    );
  }

  /** Requests to an unavailable group version fail as the aggregator answers them. */
  private checkAvailable(apiVersion: string): void {
    const message = this.unavailable.get(apiVersion);
    if (message !== undefined)
      throw new ClusterError(message, 503, 'ServiceUnavailable');
  }

  private typeOf(apiVersion: string, kind: string): MemoryResourceType {
    this.checkAvailable(apiVersion);
    const t = this.types.find(
      x => x.apiVersion === apiVersion && x.kind === kind,
    );
    if (!t)
      throw new ClusterError(
        `the server does not serve ${kind} in ${apiVersion}`,
        404,
        'NotFound',
      );
    return t;
  }

  private emit(
    type: MemoryResourceType,
    eventType: WatchEvent['type'],
    obj: KubeObject,
  ) {
    for (const w of this.watchers) {
      if (w.type !== type) continue;
      if (w.options.namespace && obj.metadata.namespace !== w.options.namespace)
        continue;
      if (!matchesSelector(obj, w.options.labelSelector)) continue;
      w.onEvent({ type: eventType, object: structuredClone(obj) });
    }
  }
}
