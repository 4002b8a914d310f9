import { createHash } from 'node:crypto';
import { TypeRegistry } from '../types/TypeRegistry';

/**
 * A minimal OpenAPI v3 publication: the index of group-versions and, per
 * group-version, the resource paths with their PATCH operation and its
 * `fieldValidation` parameter, which is what kubectl checks to choose
 * server-side field validation. Schemas are not published, so clients fall
 * back to their built-in knowledge of the types.
 */
export function openApiV3Index(types: TypeRegistry) {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [group, versions] of types.groups()) {
    for (const v of versions.keys()) {
      const key = group ? `apis/${group}/${v}` : `api/${v}`;
      const hash = createHash('sha256')
        .update(JSON.stringify(openApiV3GroupVersion(types, key)))
        .digest('hex')
        .slice(0, 32)
        .toUpperCase();
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
    }
  }
  return { paths };
}

const QUERY = (name: string) => ({
  name,
  in: 'query',
  schema: { type: 'string', uniqueItems: true },
});

export function openApiV3GroupVersion(types: TypeRegistry, key: string) {
  const m = /^(?:api\/([^/]+)|apis\/([^/]+)\/([^/]+))$/.exec(key);
  if (!m) return undefined;
  const group = m[1] ? '' : m[2];
  const version = m[1] ?? m[3];
  const list = types
    .all()
    .filter(t => t.group === group && t.version === version);
  if (list.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  for (const t of list) {
    const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const item = t.namespaced
      ? `${base}/namespaces/{namespace}/${t.plural}/{name}`
      : `${base}/${t.plural}/{name}`;
    const gvk = { group, version, kind: t.kind };
    const op = (verb: string) => ({
      operationId: `${verb}${t.kind}`,
      parameters: [
        QUERY('dryRun'),
        QUERY('fieldManager'),
        QUERY('fieldValidation'),
      ],
      responses: { '200': { description: 'OK' } },
      'x-kubernetes-action': verb,
      'x-kubernetes-group-version-kind': gvk,
    });
    paths[item] = {
      get: op('get'),
      put: op('put'),
      patch: {
        ...op('patch'),
        parameters: [
          QUERY('dryRun'),
          QUERY('fieldManager'),
          QUERY('fieldValidation'),
          QUERY('force'),
        ],
      },
      delete: op('delete'),
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes (kube-sim)', version: 'v1.32.0' },
    paths,
    components: { schemas: {} },
  };
}
