import { InputError } from '@backstage/errors';
import type {
  RefreshRequestBody,
  ResourceActionRequestBody,
  ResourceKey,
  RollbackRequestBody,
  SyncRequestBody,
} from '@slipway/plugin-slipway-common';

/*
 * Checks of the JSON bodies of the mutating routes. Unknown fields are
 * rejected rather than ignored, so that a misspelt `prune` does not silently
 * sync without pruning.
 */

type Json = Record<string, unknown>;

function objectBody(body: unknown, what: string, example: string): Json {
  if (body === undefined || body === null || (typeof body === 'object' && Object.keys(body as object).length === 0 && !Array.isArray(body))) {
    return {};
  }
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new InputError(`The body of ${what} must be a JSON object such as ${example}`);
  }
  return body as Json;
}

function onlyFields(body: Json, allowed: string[], what: string): void {
  const unknown = Object.keys(body).filter(k => !allowed.includes(k));
  if (unknown.length > 0) {
    throw new InputError(`The body of ${what} has unknown field(s) ${unknown.join(', ')}; the fields are ${allowed.join(', ')}`);
  }
}

function optionalBoolean(body: Json, field: string, what: string): boolean | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') {
    throw new InputError(`Field '${field}' of ${what} must be true or false, got ${JSON.stringify(value)}`);
  }
  return value;
}

function optionalString(value: unknown, field: string, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 512) {
    throw new InputError(`Field '${field}' of ${what} must be a non-empty string of at most 512 characters`);
  }
  return value.trim();
}

/**
 * One resource named in a body, at `at`: kind and name, and group and
 * namespace when they apply (an empty group is the core group; an empty
 * namespace is none). `missing` ends the message when kind or name is missing.
 */
function resourceFields(
  entry: Json,
  at: string,
  what: string,
  missing: string,
): { group?: string; kind: string; namespace?: string; name: string } {
  onlyFields(entry, ['group', 'kind', 'namespace', 'name'], `${what} (${at})`);
  const kind = optionalString(entry.kind, `${at}.kind`, what);
  const name = optionalString(entry.name, `${at}.name`, what);
  if (!kind || !name) throw new InputError(`Field '${at}' of ${what} needs kind and name, ${missing}`);
  const group = entry.group === '' ? '' : optionalString(entry.group, `${at}.group`, what);
  const namespace = entry.namespace === '' ? undefined : optionalString(entry.namespace, `${at}.namespace`, what);
  return { ...(group !== undefined ? { group } : {}), kind, ...(namespace ? { namespace } : {}), name };
}

const SYNC = 'a sync request';
const SYNC_EXAMPLE = '{"prune": true, "revision": "main"}';

/** The body of POST /applications/:namespace/:name/sync. */
export function parseSyncBody(raw: unknown): SyncRequestBody {
  const body = objectBody(raw, SYNC, SYNC_EXAMPLE);
  onlyFields(body, ['revision', 'prune', 'dryRun', 'resources', 'force', 'confirmPrune'], SYNC);
  const result: SyncRequestBody = {};
  const revision = optionalString(body.revision, 'revision', SYNC);
  if (revision) result.revision = revision;
  for (const flag of ['prune', 'dryRun', 'force', 'confirmPrune'] as const) {
    const value = optionalBoolean(body, flag, SYNC);
    if (value !== undefined) result[flag] = value;
  }
  if (body.resources !== undefined) {
    if (!Array.isArray(body.resources) || body.resources.length > 1000) {
      throw new InputError(`Field 'resources' of ${SYNC} must be a list of at most 1000 resources such as [{"group": "apps", "kind": "Deployment", "namespace": "web", "name": "api"}]`);
    }
    result.resources = body.resources.map((r, i) => {
      const at = `resources[${i}]`;
      if (!r || typeof r !== 'object' || Array.isArray(r)) {
        throw new InputError(`Field '${at}' of ${SYNC} must be an object with kind and name (and group, namespace when they apply)`);
      }
      return resourceFields(r as Json, at, SYNC, 'e.g. {"kind": "ConfigMap", "namespace": "web", "name": "settings"}');
    });
  }
  return result;
}

const ROLLBACK = 'a rollback request';

/** The body of POST /applications/:namespace/:name/rollback. */
export function parseRollbackBody(raw: unknown): RollbackRequestBody {
  const body = objectBody(raw, ROLLBACK, '{"historyId": 3}');
  onlyFields(body, ['historyId', 'prune', 'dryRun'], ROLLBACK);
  const historyId = body.historyId;
  if (typeof historyId !== 'number' || !Number.isSafeInteger(historyId) || historyId < 1) {
    throw new InputError(
      `Field 'historyId' of ${ROLLBACK} is required and must be a positive whole number: the id of an entry of GET /applications/<namespace>/<name>/history`,
    );
  }
  const result: RollbackRequestBody = { historyId };
  for (const flag of ['prune', 'dryRun'] as const) {
    const value = optionalBoolean(body, flag, ROLLBACK);
    if (value !== undefined) result[flag] = value;
  }
  return result;
}

const REFRESH = 'a refresh request';

/** The body of POST /applications/:namespace/:name/refresh. */
export function parseRefreshBody(raw: unknown): Required<RefreshRequestBody> {
  const body = objectBody(raw, REFRESH, '{"hard": true}');
  onlyFields(body, ['hard'], REFRESH);
  return { hard: optionalBoolean(body, 'hard', REFRESH) ?? false };
}

const ACTION = 'a resource action request';
const ACTION_EXAMPLE = '{"action": "restart", "resource": {"group": "apps", "kind": "Deployment", "namespace": "web", "name": "api"}}';

const PARAMETERS_EXAMPLE = '"parameters": [{"name": "scale", "value": "3"}]';

/** Argo CD's resourceActionParameters: a list of {name, value}, as a record by name. */
function actionParametersOf(raw: unknown): Record<string, string> {
  if (raw === undefined) return {};
  if (!Array.isArray(raw)) {
    throw new InputError(`Field 'parameters' of ${ACTION} must be a list, such as ${PARAMETERS_EXAMPLE}`);
  }
  const params = new Map<string, string>();
  for (const [i, entry] of raw.entries()) {
    const { name, value } = (entry ?? {}) as Record<string, unknown>;
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (typeof name !== 'string' || !name || typeof text !== 'string') {
      throw new InputError(
        `parameters[${i}] of ${ACTION} needs a 'name' and a string 'value', such as ${PARAMETERS_EXAMPLE}`,
      );
    }
    if (params.has(name)) {
      throw new InputError(`parameters of ${ACTION} name '${name}' twice; send each parameter once`);
    }
    params.set(name, text);
  }
  // fromEntries defines each name as an own property, `__proto__` too
  return Object.fromEntries(params);
}

/** The body of POST /applications/:namespace/:name/resource/actions. */
export function parseResourceActionBody(raw: unknown): {
  action: string;
  resource: ResourceKey;
  parameters: Record<string, string>;
} {
  const body = objectBody(raw, ACTION, ACTION_EXAMPLE) as Partial<Record<keyof ResourceActionRequestBody, unknown>>;
  onlyFields(body, ['action', 'resource', 'parameters'], ACTION);
  const action = optionalString(body.action, 'action', ACTION);
  const resource = body.resource;
  if (!action || !resource || typeof resource !== 'object' || Array.isArray(resource)) {
    throw new InputError(`The body of ${ACTION} needs 'action' and 'resource', such as ${ACTION_EXAMPLE}`);
  }
  const { group = '', kind, namespace = '', name } = resourceFields(resource as Json, 'resource', ACTION, `such as ${ACTION_EXAMPLE}`);
  return { action, resource: { group, kind, namespace, name }, parameters: actionParametersOf(body.parameters) };
}
