import { IncomingMessage, ServerResponse } from 'node:http';
import { Deleter, PropagationPolicy } from '../registry/Deleter';
import { ObjectWriter } from '../registry/ObjectWriter';
import { parseBody, readBody, sendJson } from '../server/http';
import { KubeObject } from '../store/KubeObject';
import { ObjectStore } from '../store/ObjectStore';
import { apiVersionOf, ResourceType } from '../types/ResourceType';
import { TypeRegistry } from '../types/TypeRegistry';
import { isObject } from '../util/objects';
import {
  decodeContinue,
  encodeContinue,
  keyOf,
  listFilter,
  matches,
} from './ListQuery';
import { ResourceRequest } from './RequestInfo';
import { handlePatch, PatchDeps } from './PatchHandler';
import { toScale } from './Scale';
import { errors } from './Status';
import { wantsTable, toTable } from './Table';

/** The object as served at the request's group/version. */
export function served(t: ResourceType, o: KubeObject): KubeObject {
  const av = apiVersionOf(t);
  return o.apiVersion === av ? o : { ...o, apiVersion: av };
}

function listItem(t: ResourceType, o: KubeObject): Record<string, unknown> {
  if (t.custom) return served(t, o);
  const { apiVersion, kind, ...rest } = o;
  return rest;
}

export function dryRunOf(q: URLSearchParams): boolean {
  const v = q.getAll('dryRun');
  for (const d of v)
    if (d !== 'All')
      throw errors.badRequest(
        `dryRun: Unsupported value: "${d}": supported values: "All"`,
      );
  return v.length > 0;
}

export function fieldManagerOf(
  req: IncomingMessage,
  q: URLSearchParams,
): string {
  const fm = q.get('fieldManager');
  if (fm) {
    if (fm.length > 128)
      throw errors.badRequest(
        'fieldManager: Too long: may not be longer than 128 characters',
      );
    return fm;
  }
  const ua = req.headers['user-agent'] ?? 'unknown';
  return ua.split('/')[0].slice(0, 128) || 'unknown';
}

/** Create, read, update, patch and delete on one resource type. */
export class ResourceHandler {
  constructor(
    private readonly store: ObjectStore,
    private readonly types: TypeRegistry,
    private readonly writer: ObjectWriter,
    private readonly deleter: Deleter,
  ) {}

  private get patchDeps(): PatchDeps {
    return {
      store: this.store,
      types: this.types,
      writer: this.writer,
      live: rr => this.live(rr),
      setScale: (res, rr, q, req, replicas) =>
        this.setScale(res, rr, q, req, replicas),
    };
  }

  private ns(rr: ResourceRequest) {
    return rr.type.namespaced ? rr.namespace : undefined;
  }

  private live(rr: ResourceRequest): KubeObject {
    const o = this.store.get(this.types.keyOf(rr.type), this.ns(rr), rr.name!);
    if (!o) throw errors.notFound(rr.type, rr.name!);
    return o;
  }

  private async body(
    req: IncomingMessage,
    rr: ResourceRequest,
  ): Promise<KubeObject> {
    const b = parseBody(await readBody(req), req.headers['content-type']);
    if (!isObject(b))
      throw errors.badRequest(
        `the request body for ${rr.type.plural} must be a JSON object`,
      );
    const o = b as KubeObject;
    const t = rr.type;
    if (o.kind !== undefined && o.kind !== t.kind) {
      throw errors.badRequest(
        `the kind in the body ("${o.kind}") does not match the resource ${t.plural} (kind "${t.kind}")`,
      );
    }
    if (o.apiVersion !== undefined && o.apiVersion !== apiVersionOf(t)) {
      throw errors.badRequest(
        `the API version in the data (${
          o.apiVersion
        }) does not match the expected API version (${apiVersionOf(t)})`,
      );
    }
    o.kind = t.kind;
    o.apiVersion = apiVersionOf(t);
    o.metadata = isObject(o.metadata) ? o.metadata : {};
    if (t.namespaced) {
      if (o.metadata.namespace && o.metadata.namespace !== rr.namespace) {
        throw errors.badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      o.metadata.namespace = rr.namespace;
    }
    if (rr.name && o.metadata.name && o.metadata.name !== rr.name) {
      throw errors.badRequest(
        `the name of the object (${o.metadata.name}) does not match the name on the URL (${rr.name})`,
      );
    }
    if (rr.name) o.metadata.name = rr.name;
    return o;
  }

  get(req: IncomingMessage, res: ServerResponse, rr: ResourceRequest): void {
    const o = this.live(rr);
    if (rr.subresource === 'scale') {
      sendJson(res, 200, toScale(o));
      return;
    }
    if (wantsTable(req.headers.accept)) {
      sendJson(
        res,
        200,
        toTable(
          rr.type,
          [served(rr.type, o)],
          String(o.metadata.resourceVersion),
        ),
      );
      return;
    }
    sendJson(res, 200, served(rr.type, o));
  }

  list(
    req: IncomingMessage,
    res: ServerResponse,
    rr: ResourceRequest,
    q: URLSearchParams,
  ): void {
    const t = rr.type;
    const filter = listFilter(t, rr.namespace, q);
    const all = this.store.list(this.types.keyOf(t), rr.namespace);
    const limit = Number(q.get('limit') ?? 0);
    let rv = this.store.currentRV();
    let start = '';
    const cont = q.get('continue');
    if (cont) ({ rv, start } = decodeContinue(cont));
    const items: KubeObject[] = [];
    let next: string | undefined;
    let remaining = 0;
    for (const o of all) {
      if (start && keyOf(o) <= start) continue;
      if (!matches(filter, o)) continue;
      if (limit > 0 && items.length >= limit) {
        if (!next)
          next = encodeContinue({ rv, start: keyOf(items[items.length - 1]) });
        remaining++;
        continue;
      }
      items.push(o);
    }
    if (wantsTable(req.headers.accept)) {
      sendJson(
        res,
        200,
        toTable(
          t,
          items.map(o => served(t, o)),
          String(rv),
          next,
        ),
      );
      return;
    }
    sendJson(res, 200, {
      kind: t.listKind,
      apiVersion: apiVersionOf(t),
      metadata: {
        resourceVersion: String(rv),
        ...(next ? { continue: next, remainingItemCount: remaining } : {}),
      },
      items: items.map(o => listItem(t, o)),
    });
  }

  async create(
    req: IncomingMessage,
    res: ServerResponse,
    rr: ResourceRequest,
    q: URLSearchParams,
  ): Promise<void> {
    if (rr.name)
      throw errors.methodNotAllowed(
        `the server does not allow this method on the requested resource`,
      );
    const o = await this.body(req, rr);
    const created = this.writer.create(rr.type, o, {
      manager: fieldManagerOf(req, q),
      dryRun: dryRunOf(q),
    });
    sendJson(res, 201, served(rr.type, created));
  }

  async update(
    req: IncomingMessage,
    res: ServerResponse,
    rr: ResourceRequest,
    q: URLSearchParams,
  ): Promise<void> {
    if (!rr.name)
      throw errors.methodNotAllowed(
        'the server does not allow this method on the requested resource',
      );
    if (rr.subresource === 'scale') {
      const scale = parseBody(
        await readBody(req),
        req.headers['content-type'],
      ) as any;
      this.setScale(res, rr, q, req, scale?.spec?.replicas);
      return;
    }
    const o = await this.body(req, rr);
    const opts = {
      manager: fieldManagerOf(req, q),
      dryRun: dryRunOf(q),
      subresource:
        rr.subresource === 'status' ? ('status' as const) : undefined,
      expectedRV: o.metadata.resourceVersion,
    };
    const updated = this.writer.update(rr.type, o, opts);
    sendJson(res, 200, served(rr.type, updated));
  }

  setScale(
    res: ServerResponse,
    rr: ResourceRequest,
    q: URLSearchParams,
    req: IncomingMessage,
    replicas: unknown,
  ) {
    if (
      typeof replicas !== 'number' ||
      replicas < 0 ||
      !Number.isInteger(replicas)
    ) {
      throw errors.invalid(
        'Scale',
        rr.name!,
        [
          {
            field: 'spec.replicas',
            message: `Invalid value: ${JSON.stringify(
              replicas,
            )}: must be a non-negative integer`,
          },
        ],
        'autoscaling',
      );
    }
    const live = this.live(rr);
    const next = { ...live, spec: { ...live.spec, replicas } };
    const updated = this.writer.update(rr.type, next, {
      manager: fieldManagerOf(req, q),
      dryRun: dryRunOf(q),
      subresource: undefined,
    });
    sendJson(res, 200, toScale(updated));
  }

  patch(
    req: IncomingMessage,
    res: ServerResponse,
    rr: ResourceRequest,
    q: URLSearchParams,
  ): Promise<void> {
    return handlePatch(this.patchDeps, req, res, rr, q);
  }

  private async deleteOptions(req: IncomingMessage, q: URLSearchParams) {
    const text = await readBody(req);
    const body = text.trim()
      ? (parseBody(text, 'application/json') as any)
      : {};
    const policy = (q.get('propagationPolicy') ??
      body?.propagationPolicy ??
      undefined) as PropagationPolicy | undefined;
    const orphan = q.get('orphanDependents') ?? body?.orphanDependents;
    return {
      propagationPolicy:
        policy ?? (orphan === true || orphan === 'true' ? 'Orphan' : undefined),
      dryRun:
        dryRunOf(q) ||
        (Array.isArray(body?.dryRun) && body.dryRun.includes('All')),
      preconditions: body?.preconditions,
    };
  }

  async delete(
    req: IncomingMessage,
    res: ServerResponse,
    rr: ResourceRequest,
    q: URLSearchParams,
  ): Promise<void> {
    const opts = await this.deleteOptions(req, q);
    const result = this.deleter.delete(rr.type, this.ns(rr), rr.name!, opts);
    const gone = !this.store.get(
      this.types.keyOf(rr.type),
      this.ns(rr),
      rr.name!,
    );
    sendJson(res, gone || opts.dryRun ? 200 : 202, served(rr.type, result));
  }

  async deleteCollection(
    req: IncomingMessage,
    res: ServerResponse,
    rr: ResourceRequest,
    q: URLSearchParams,
  ): Promise<void> {
    const t = rr.type;
    const opts = await this.deleteOptions(req, q);
    const filter = listFilter(t, rr.namespace, q);
    const targets = this.store
      .list(this.types.keyOf(t), rr.namespace)
      .filter(o => matches(filter, o));
    const items = targets.map(o =>
      this.deleter.delete(t, o.metadata.namespace, o.metadata.name!, opts),
    );
    sendJson(res, 200, {
      kind: t.listKind,
      apiVersion: apiVersionOf(t),
      metadata: { resourceVersion: String(this.store.currentRV()) },
      items: items.map(o => listItem(t, o)),
    });
  }
}
