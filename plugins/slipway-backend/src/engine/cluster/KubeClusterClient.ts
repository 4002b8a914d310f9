import { KubeConfig, Watch } from '@kubernetes/client-node';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import {
  ApiResourceInfo,
  ApplyOptions,
  ClusterClient,
  ClusterError,
  DeleteOptions,
  ListOptions,
  ObjectList,
  ObjectRef,
  objectRefOf,
  PatchOptions,
  ResourceDiscovery,
  ServerVersion,
  WatchEvent,
  WatchHandle,
  WatchOptions,
  WriteOptions,
} from './ClusterClient';
import { DiscoveryCache } from './DiscoveryCache';
import { KubeClusterClientOptions, KubeRequester, Query, RequestOptions } from './KubeRequester';

export type { KubeClusterClientOptions } from './KubeRequester';

/**
 * A {@link ClusterClient} over the Kubernetes REST API. Authentication and TLS
 * come from a `KubeConfig` of `@kubernetes/client-node`; objects travel as
 * plain JSON (unstructured), watches use the library's `Watch`.
 * @public
 */
export class KubeClusterClient implements ClusterClient {
  private readonly discovery: DiscoveryCache;

  static fromKubeconfigYaml(
    yaml: string,
    context?: string,
    options?: KubeClusterClientOptions,
  ): KubeClusterClient {
    const kc = new KubeConfig();
    kc.loadFromString(yaml);
    if (context) kc.setCurrentContext(context);
    return new KubeClusterClient(kc, options);
  }

  private readonly requester: KubeRequester;

  constructor(
    private readonly kc: KubeConfig,
    options: KubeClusterClientOptions = {},
  ) {
    this.requester = new KubeRequester(kc, options);
    if (!kc.getCurrentCluster()) {
      throw new Error(
        'the kubeconfig has no current cluster; set current-context',
      );
    }
    this.discovery = new DiscoveryCache(path => this.request('GET', path));
  }

  resourceFor(
    apiVersion: string,
    kind: string,
  ): Promise<ApiResourceInfo | undefined> {
    return this.discovery.resourceFor(apiVersion, kind);
  }

  listResources(): Promise<ResourceDiscovery> {
    return this.discovery.all();
  }

  invalidateDiscovery(): void {
    this.discovery.invalidate();
  }

  async serverVersion(): Promise<ServerVersion> {
    return (await this.request('GET', '/version')) as ServerVersion;
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    const path = await this.objectPath(ref);
    try {
      return (await this.request('GET', path)) as KubeObject;
    } catch (e) {
      if (e instanceof ClusterError && e.code === 404) return undefined;
      throw e;
    }
  }

  async list(
    apiVersion: string,
    kind: string,
    options: ListOptions = {},
  ): Promise<ObjectList> {
    const res = await this.requireResource(apiVersion, kind);
    const path = this.collectionPath(res, options.namespace);
    const items: KubeObject[] = [];
    let resourceVersion = '';
    let continueToken: string | undefined;
    do {
      const page = (await this.request('GET', path, {
        query: {
          labelSelector: options.labelSelector,
          limit: '500',
          continue: continueToken,
        },
      })) as {
        items?: KubeObject[];
        metadata?: { resourceVersion?: string; continue?: string };
      };
      for (const item of page.items ?? []) {
        // list items carry no apiVersion/kind
        items.push({ ...item, apiVersion: res.apiVersion, kind: res.kind });
      }
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
      continueToken = page.metadata?.continue || undefined;
    } while (continueToken);
    return { items, resourceVersion };
  }

  async apply(obj: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    const path = await this.objectPath(objectRefOf(obj));
    return (await this.request('PATCH', path, {
      body: stripServerFields(obj),
      contentType: 'application/apply-patch+yaml',
      query: {
        fieldManager: options.fieldManager,
        force: options.force ? 'true' : undefined,
        ...writeQuery(options),
      },
    })) as KubeObject;
  }

  async create(
    obj: KubeObject,
    options: WriteOptions = {},
  ): Promise<KubeObject> {
    const res = await this.requireResource(obj.apiVersion, obj.kind);
    const path = this.collectionPath(res, obj.metadata?.namespace ?? 'default');
    return (await this.request('POST', path, {
      body: stripServerFields(obj),
      query: { fieldManager: 'slipway', ...writeQuery(options) },
    })) as KubeObject;
  }

  async mergePatch(
    ref: ObjectRef,
    patch: Record<string, unknown>,
    options: PatchOptions = {},
  ): Promise<KubeObject> {
    const path = await this.objectPath(ref);
    return (await this.request(
      'PATCH',
      options.subresource ? `${path}/${options.subresource}` : path,
      {
        body: patch,
        contentType: 'application/merge-patch+json',
        query: {
          fieldManager: options.fieldManager ?? 'slipway',
          ...writeQuery(options),
        },
      },
    )) as KubeObject;
  }

  async replace(
    obj: KubeObject,
    options: WriteOptions = {},
  ): Promise<KubeObject> {
    const path = await this.objectPath(objectRefOf(obj));
    const body = { ...obj, metadata: { ...obj.metadata } };
    delete body.metadata.managedFields;
    return (await this.request('PUT', path, {
      body,
      query: { fieldManager: 'slipway', ...writeQuery(options) },
    })) as KubeObject;
  }

  async delete(ref: ObjectRef, options: DeleteOptions = {}): Promise<boolean> {
    const path = await this.objectPath(ref);
    try {
      await this.request('DELETE', path, {
        body: {
          apiVersion: 'v1',
          kind: 'DeleteOptions',
          ...(options.propagationPolicy
            ? { propagationPolicy: options.propagationPolicy }
            : {}),
          ...(options.dryRun ? { dryRun: ['All'] } : {}),
        },
      });
      return true;
    } catch (e) {
      if (e instanceof ClusterError && e.code === 404) return false;
      throw e;
    }
  }

  async watch(
    apiVersion: string,
    kind: string,
    options: WatchOptions,
    onEvent: (event: WatchEvent) => void,
  ): Promise<WatchHandle> {
    const res = await this.requireResource(apiVersion, kind);
    const path = this.collectionPath(res, options.namespace);
    let settle: (e: ClusterError | undefined) => void = () => {};
    const done = new Promise<ClusterError | undefined>(resolve => {
      settle = resolve;
    });
    let failure: ClusterError | undefined;
    let controller: AbortController | undefined;
    const stopped = { value: false };
    try {
      controller = await new Watch(this.kc).watch(
        path,
        {
          resourceVersion: options.resourceVersion,
          labelSelector: options.labelSelector,
          allowWatchBookmarks: true,
        },
        (type: string, object: any) => {
          if (type === 'ERROR') {
            failure = new ClusterError(
              `watch ${res.plural}: ${object?.message ?? 'error event'}`,
              Number(object?.code) || 500,
              object?.reason ?? 'WatchError',
            );
            controller?.abort();
            settle(failure);
            return;
          }
          if (
            type === 'ADDED' ||
            type === 'MODIFIED' ||
            type === 'DELETED' ||
            type === 'BOOKMARK'
          ) {
            const obj =
              type === 'BOOKMARK'
                ? object
                : { ...object, apiVersion: res.apiVersion, kind: res.kind };
            onEvent({ type, object: obj });
          }
        },
        (err: any) => {
          if (stopped.value || !err) settle(failure);
          else settle(failure ?? ClusterError.from(err, `watch ${res.plural}`));
        },
      );
    } catch (e) {
      settle(ClusterError.from(e, `watch ${res.plural}`));
    }
    return {
      stop: () => {
        stopped.value = true;
        controller?.abort();
        settle(undefined);
      },
      done,
    };
  }

  private async requireResource(
    apiVersion: string,
    kind: string,
  ): Promise<ApiResourceInfo> {
    const res = await this.discovery.resourceFor(apiVersion, kind);
    if (!res) {
      throw new ClusterError(
        `the server does not serve ${kind} in ${apiVersion}; install its CustomResourceDefinition or fix apiVersion/kind`,
        404,
        'NotFound',
      );
    }
    return res;
  }

  /**
   * The URL of a collection. Without a namespace, a namespaced kind's
   * collection is the one across all namespaces (for list and watch);
   * writers pass the object's namespace, `default` when it has none.
   */
  private collectionPath(res: ApiResourceInfo, namespace?: string): string {
    const base = res.group
      ? `/apis/${res.group}/${res.version}`
      : `/api/${res.version}`;
    if (res.namespaced && namespace !== undefined) {
      return `${base}/namespaces/${encodeURIComponent(
        namespace || 'default',
      )}/${res.plural}`;
    }
    return `${base}/${res.plural}`;
  }

  private async objectPath(ref: ObjectRef): Promise<string> {
    if (!ref.name) {
      throw new ClusterError(
        `${ref.kind} (${ref.apiVersion}) has no metadata.name`,
        400,
        'BadRequest',
      );
    }
    const res = await this.requireResource(ref.apiVersion, ref.kind);
    return `${this.collectionPath(res, ref.namespace || 'default')}/${encodeURIComponent(
      ref.name,
    )}`;
  }

  private request(method: string, path: string, opts?: RequestOptions): Promise<unknown> {
    return this.requester.request(method, path, opts);
  }
}

function writeQuery(options: WriteOptions): Query {
  return {
    dryRun: options.dryRun ? 'All' : undefined,
    fieldValidation: options.fieldValidation,
  };
}

/** Server-owned fields must not be sent with an apply. */
function stripServerFields(obj: KubeObject): KubeObject {
  const metadata = { ...obj.metadata };
  delete metadata.managedFields;
  delete metadata.resourceVersion;
  delete metadata.uid;
  delete metadata.creationTimestamp;
  delete metadata.generation;
  return { ...obj, metadata };
}

