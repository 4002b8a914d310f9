import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { TlsMaterial } from './tls';
import { AddressInfo } from 'node:net';
import {
  aggregatedDiscovery,
  coreVersions,
  groupInfo,
  groupList,
  resourceList,
  wantsAggregated,
} from '../api/Discovery';
import { parseResourcePath } from '../api/RequestInfo';
import { ResourceHandler } from '../api/ResourceHandler';
import { errors } from '../api/Status';
import { WatchHandler } from '../api/WatchHandler';
import { TypeRegistry } from '../types/TypeRegistry';
import { Auth } from './Auth';
import { InFlightLimiter } from './InFlightLimiter';
import { sendError, sendJson } from './http';
import { openApiV3Index, openApiV3GroupVersion } from '../api/OpenApi';

export interface ServerParts {
  types: TypeRegistry;
  auth: Auth;
  resources: ResourceHandler;
  watches: WatchHandler;
  limiter: InFlightLimiter;
  version: Record<string, string>;
}

const AGG_CT = (v: string) =>
  `application/json;g=apidiscovery.k8s.io;v=${
    v.split('/')[1]
  };as=APIGroupDiscoveryList`;

/** The HTTP front: authentication, non-resource endpoints, discovery, dispatch of verbs. */
export class KubeSimServer {
  private server?: Server;
  private readonly sockets = new Set<import('node:net').Socket>();

  constructor(private readonly parts: ServerParts) {}

  async listen(port: number, host: string, tls?: TlsMaterial): Promise<number> {
    const handler = (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch(e => sendError(res, e));
    };
    const server: Server = tls
      ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler)
      : createServer(handler);
    server.keepAliveTimeout = 60_000;
    server.on(
      tls ? 'secureConnection' : 'connection',
      (s: import('node:net').Socket) => {
        s.setNoDelay(true);
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
      },
    );
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.parts.watches.closeAll();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>(resolve =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private async handle(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://kube-sim');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const q = url.searchParams;
    const method = req.method ?? 'GET';
    if (path === '/healthz' || path === '/readyz' || path === '/livez') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('ok');
      return;
    }
    if (path === '/version') {
      sendJson(res, 200, this.parts.version);
      return;
    }
    const id = this.parts.auth.authenticate(req);
    // watches are long-running: the max-in-flight filter does not count them
    const longRunning =
      path.includes('/watch/') ||
      q.get('watch') === 'true' ||
      q.get('watch') === '1';
    res.once('close', this.parts.limiter.admit(method, longRunning));
    const { types } = this.parts;
    if (method === 'GET') {
      if (path === '/api' || path === '/apis') {
        const agg = wantsAggregated(req.headers.accept);
        if (agg) {
          sendJson(
            res,
            200,
            aggregatedDiscovery(types, path === '/api', agg),
            AGG_CT(agg),
          );
          return;
        }
        sendJson(
          res,
          200,
          path === '/api'
            ? coreVersions(req.headers.host ?? '127.0.0.1')
            : groupList(types),
        );
        return;
      }
      if (path === '/openapi/v3') {
        sendJson(res, 200, openApiV3Index(types));
        return;
      }
      if (path.startsWith('/openapi/v3/')) {
        const doc = openApiV3GroupVersion(
          types,
          path.slice('/openapi/v3/'.length),
        );
        if (doc) {
          sendJson(res, 200, doc);
          return;
        }
        throw errors.pathNotFound();
      }
      const g = /^\/apis\/([^/]+)$/.exec(path);
      if (g) {
        const info = groupInfo(types, g[1]);
        if (!info) throw errors.pathNotFound();
        sendJson(res, 200, info);
        return;
      }
    }
    // the aggregator proxies an APIService's group version to its backend; none answers here
    const gv = /^\/apis\/([^/]+)\/([^/]+)(?:\/|$)/.exec(path);
    if (gv && types.isAggregated(gv[1], gv[2]))
      throw errors.serviceUnavailable();
    const parsed = parseResourcePath(types, path);
    if (!parsed) throw errors.pathNotFound();
    if (parsed.kind === 'groupVersion') {
      const list = resourceList(types, parsed.group, parsed.version);
      if (!list || method !== 'GET') throw errors.pathNotFound();
      sendJson(res, 200, list);
      return;
    }
    if (parsed.kind === 'unknownResource') throw errors.pathNotFound();
    const rr = parsed.req;
    if (
      rr.subresource &&
      !(rr.subresource === 'status' && rr.type.statusSubresource) &&
      !(rr.subresource === 'scale' && rr.type.scaleSubresource)
    ) {
      throw errors.pathNotFound();
    }
    const h = this.parts.resources;
    const watch =
      rr.watchPath || q.get('watch') === 'true' || q.get('watch') === '1';
    const verb = verbOf(method, !!rr.name, watch);
    this.parts.auth.authorize(
      id,
      verb,
      rr.type,
      rr.namespace,
      rr.name,
      rr.subresource,
    );
    switch (verb) {
      case 'watch':
        this.parts.watches.watch(req, res, rr, q);
        return;
      case 'get':
        h.get(req, res, rr);
        return;
      case 'list':
        h.list(req, res, rr, q);
        return;
      case 'create':
        await h.create(req, res, rr, q);
        return;
      case 'update':
        await h.update(req, res, rr, q);
        return;
      case 'patch':
        await h.patch(req, res, rr, q);
        return;
      case 'delete':
        await h.delete(req, res, rr, q);
        return;
      case 'deletecollection':
        await h.deleteCollection(req, res, rr, q);
        return;
      default:
        throw errors.methodNotAllowed(
          `the server does not allow this method on the requested resource`,
        );
    }
  }
}

function verbOf(method: string, named: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
      if (watch) return 'watch';
      return named ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}
