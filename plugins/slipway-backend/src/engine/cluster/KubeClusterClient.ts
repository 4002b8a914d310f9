import http from 'node:http';
import https from 'node:https';
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
  ResourceDiscovery,
  WatchEvent,
  WatchHandle,
  WatchOptions,
  WriteOptions,
} from './ClusterClient';
import { DiscoveryCache } from './DiscoveryCache';
import { KeepAliveAgents } from './KeepAliveAgents';

type Query = Record<string, string | undefined>;

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * A {@link ClusterClient} over the Kubernetes REST API. Authentication and TLS
 * come from a `KubeConfig` of `@kubernetes/client-node`; objects travel as
 * plain JSON (unstructured), watches use the library's `Watch`.
 * @public
 */
export class KubeClusterClient implements ClusterClient {
  private readonly discovery: DiscoveryCache;

  static fromKubeconfigYaml(yaml: string, context?: string): KubeClusterClient {
    const kc = new KubeConfig();
    kc.loadFromString(yaml);
    if (context) kc.setCurrentContext(context);
    return new KubeClusterClient(kc);
  }

  private readonly agents = new KeepAliveAgents();

  constructor(private readonly kc: KubeConfig) {
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
    const path = await this.objectPath(refOf(obj));
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

  async replace(
    obj: KubeObject,
    options: WriteOptions = {},
  ): Promise<KubeObject> {
    const path = await this.objectPath(refOf(obj));
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

  private async request(
    method: string,
    path: string,
    opts: { query?: Query; body?: unknown; contentType?: string } = {},
  ): Promise<unknown> {
    const cluster = this.kc.getCurrentCluster()!;
    const url = new URL(cluster.server.replace(/\/$/, '') + path);
    for (const [k, v] of Object.entries(opts.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, v);
    }
    const options: https.RequestOptions = { method, headers: {} };
    await this.kc.applyToHTTPSOptions(options);
    const payload =
      opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const headers: http.OutgoingHttpHeaders = {
      ...(options.headers as object),
      accept: 'application/json',
    };
    if (payload !== undefined) {
      headers['content-type'] = opts.contentType ?? 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    options.agent = this.agents.agentFor(url.protocol, options.agent);
    const transport = url.protocol === 'https:' ? https : http;
    const what = `${method} ${url.pathname}`;
    return new Promise((resolve, reject) => {
      const req = transport.request(
        url,
        { ...options, method, headers, timeout: REQUEST_TIMEOUT_MS },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('error', e => reject(ClusterError.from(e, what)));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: any;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              body = undefined;
            }
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(body);
            else {
              const message =
                body?.message ??
                (text.slice(0, 300) || http.STATUS_CODES[status]);
              reject(
                new ClusterError(
                  message,
                  status,
                  body?.reason ?? http.STATUS_CODES[status] ?? 'Error',
                ),
              );
            }
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)),
      );
      req.on('error', e => reject(ClusterError.from(e, what)));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
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

function refOf(obj: KubeObject): ObjectRef {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata?.namespace,
    name: obj.metadata?.name ?? '',
  };
}
