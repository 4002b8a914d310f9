import { IncomingMessage, ServerResponse } from 'node:http';
import { applyJsonPatch } from '../patch/JsonPatch';
import { applyMergePatch } from '../patch/MergePatch';
import { applyStrategicMergePatch } from '../patch/StrategicMergePatch';
import { ObjectWriter } from '../registry/ObjectWriter';
import { parseBody, readBody, sendJson } from '../server/http';
import { KubeObject } from '../store/KubeObject';
import { ObjectStore } from '../store/ObjectStore';
import { apiVersionOf } from '../types/ResourceType';
import { TypeRegistry } from '../types/TypeRegistry';
import { isObject } from '../util/objects';
import { ResourceRequest } from './RequestInfo';
import { dryRunOf, fieldManagerOf, served } from './ResourceHandler';
import { toScale } from './Scale';
import { errors } from './Status';

export interface PatchDeps {
  store: ObjectStore;
  types: TypeRegistry;
  writer: ObjectWriter;
  live(rr: ResourceRequest): KubeObject;
  setScale(
    res: ServerResponse,
    rr: ResourceRequest,
    q: URLSearchParams,
    req: IncomingMessage,
    replicas: unknown,
  ): void;
}

/**
 * PATCH: server-side apply (`application/apply-patch+yaml`), JSON patch,
 * merge patch and strategic merge patch; the status and scale subresources.
 */
export async function handlePatch(
  deps: PatchDeps,
  req: IncomingMessage,
  res: ServerResponse,
  rr: ResourceRequest,
  q: URLSearchParams,
): Promise<void> {
  if (!rr.name)
    throw errors.methodNotAllowed(
      'the server does not allow this method on the requested resource',
    );
  const t = rr.type;
  const ct = (req.headers['content-type'] ?? '').split(';')[0].trim();
  const text = await readBody(req);
  const patch = parseBody(text, ct);
  const dryRun = dryRunOf(q);
  const force = q.get('force');
  const subresource =
    rr.subresource === 'status' ? ('status' as const) : undefined;
  if (
    ct === 'application/apply-patch+yaml' ||
    ct === 'application/apply-patch+json'
  ) {
    const manager = q.get('fieldManager');
    if (!manager) {
      throw errors.invalid(
        'PatchOptions',
        '',
        [
          {
            field: 'fieldManager',
            message: 'Required value: is required for apply patch',
            reason: 'FieldValueRequired',
          },
        ],
        'meta.k8s.io',
      );
    }
    if (!isObject(patch))
      throw errors.badRequest('an apply patch must be a YAML or JSON object');
    const applied = patch as KubeObject;
    if (!applied.apiVersion || !applied.kind) {
      throw errors.badRequest(
        `invalid object: apiVersion and kind must be set in an apply patch for ${t.plural} "${rr.name}"`,
      );
    }
    if (applied.kind !== t.kind || applied.apiVersion !== apiVersionOf(t)) {
      throw errors.badRequest(
        `the apply patch's apiVersion/kind (${applied.apiVersion}, ${
          applied.kind
        }) does not match ${apiVersionOf(t)}, ${t.kind}`,
      );
    }
    const meta = isObject(applied.metadata) ? applied.metadata : {};
    if (meta.name && meta.name !== rr.name) {
      throw errors.badRequest(
        `the name of the object (${meta.name}) does not match the name on the URL (${rr.name})`,
      );
    }
    if (t.namespaced && meta.namespace && meta.namespace !== rr.namespace) {
      throw errors.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    const existed = !!deps.store.get(
      deps.types.keyOf(t),
      rr.type.namespaced ? rr.namespace : undefined,
      rr.name,
    );
    const result = deps.writer.apply(
      t,
      rr.type.namespaced ? rr.namespace : undefined,
      rr.name,
      { ...applied, metadata: meta },
      {
        manager,
        force: force === 'true',
        dryRun,
        subresource,
      },
    );
    sendJson(res, existed ? 200 : 201, served(t, result));
    return;
  }
  if (force !== null)
    throw errors.badRequest(
      'force: Forbidden: may not be specified for non-apply patch',
    );
  const live = deps.live(rr);
  let patched: unknown;
  if (rr.subresource === 'scale') {
    const scale = applyMergePatch(toScale(live), patch) as any;
    deps.setScale(res, rr, q, req, scale?.spec?.replicas);
    return;
  }
  switch (ct) {
    case 'application/json-patch+json':
      patched = applyJsonPatch(live, patch);
      break;
    case 'application/merge-patch+json':
      patched = applyMergePatch(live, patch);
      break;
    case 'application/strategic-merge-patch+json':
      if (t.custom) {
        throw errors.unsupportedMediaType(
          `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
        );
      }
      patched = applyStrategicMergePatch(t.kind, live, patch);
      break;
    default:
      throw errors.unsupportedMediaType(
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml${
          t.custom ? '' : ', application/strategic-merge-patch+json'
        }`,
      );
  }
  if (!isObject(patched))
    throw errors.badRequest(
      `the patch for ${t.plural} "${rr.name}" did not produce an object`,
    );
  const obj = JSON.parse(JSON.stringify(patched)) as KubeObject;
  obj.metadata = isObject(obj.metadata) ? obj.metadata : {};
  if (
    obj.metadata.name !== rr.name ||
    (t.namespaced && obj.metadata.namespace !== rr.namespace)
  ) {
    throw errors.badRequest(
      'a patch may not change the name or namespace of an object',
    );
  }
  const rv = obj.metadata.resourceVersion;
  const expectedRV =
    rv !== undefined && rv !== live.metadata.resourceVersion ? rv : undefined;
  const updated = deps.writer.update(t, obj, {
    manager: fieldManagerOf(req, q),
    dryRun,
    subresource,
    expectedRV,
  });
  sendJson(res, 200, served(t, updated));
}
