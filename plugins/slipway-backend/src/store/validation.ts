import { InputError } from '@backstage/errors';
import {
  HEALTH_ORDER,
  type HealthStatusCode,
  type SyncStatusCode,
} from '@slipway/plugin-slipway-common';
import type { ApplicationStatusUpdate } from './ApplicationStatusStore';
import type {
  EnqueueOperationInput,
  OperationRequest,
  OperationResourceSelector,
} from './OperationStore';

const SYNC_STATUSES: readonly SyncStatusCode[] = [
  'Synced',
  'OutOfSync',
  'Unknown',
];

function nonEmptyString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`${what} must be a non-empty string`);
  }
  return value;
}

function optionalBoolean(value: unknown, what: string): boolean | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'boolean') {
    throw new InputError(
      `${what} must be true or false, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function resourceSelector(
  value: unknown,
  what: string,
): OperationResourceSelector {
  if (!value || typeof value !== 'object') {
    throw new InputError(
      `${what} must be an object with group, kind, name and optional namespace`,
    );
  }
  const r = value as Record<string, unknown>;
  if (typeof r.group !== 'string') {
    throw new InputError(
      `${what}.group must be a string ('' for the core group)`,
    );
  }
  return {
    group: r.group,
    kind: nonEmptyString(r.kind, `${what}.kind`),
    name: nonEmptyString(r.name, `${what}.name`),
    ...(r.namespace === undefined || r.namespace === ''
      ? {}
      : { namespace: nonEmptyString(r.namespace, `${what}.namespace`) }),
  };
}

/** Checks an operation request and returns it with only the known fields. */
export function validateOperationRequest(
  value: unknown,
  what: string,
): OperationRequest {
  if (value === undefined) {
    return {};
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`${what} must be an object`);
  }
  const r = value as Record<string, unknown>;
  const request: OperationRequest = {};
  if (r.revision !== undefined) {
    request.revision = nonEmptyString(r.revision, `${what}.revision`);
  }
  for (const key of ['prune', 'dryRun', 'force', 'confirmPrune'] as const) {
    const flag = optionalBoolean(r[key], `${what}.${key}`);
    if (flag !== undefined) {
      request[key] = flag;
    }
  }
  if (r.resources !== undefined) {
    if (!Array.isArray(r.resources)) {
      throw new InputError(`${what}.resources must be a list of resources`);
    }
    request.resources = r.resources.map((item, i) =>
      resourceSelector(item, `${what}.resources[${i}]`),
    );
  }
  if (r.historyId !== undefined) {
    if (!Number.isSafeInteger(r.historyId) || (r.historyId as number) < 0) {
      throw new InputError(
        `${what}.historyId must be a history entry id (a non-negative integer)`,
      );
    }
    request.historyId = r.historyId as number;
  }
  return request;
}

/** Checks an enqueue call's input. */
export function validateEnqueueInput(
  input: EnqueueOperationInput,
): EnqueueOperationInput {
  const applicationRef = nonEmptyString(
    input?.applicationRef,
    'Operation applicationRef',
  );
  const what = `Operation on ${applicationRef}`;
  if (input.kind !== 'sync' && input.kind !== 'rollback') {
    throw new InputError(
      `${what}: kind must be 'sync' or 'rollback', got ${JSON.stringify(
        input.kind,
      )}`,
    );
  }
  const request = validateOperationRequest(input.request, `${what}: request`);
  if (input.kind === 'rollback' && request.historyId === undefined) {
    throw new InputError(
      `${what}: a rollback needs request.historyId, the history entry to return to`,
    );
  }
  return {
    applicationRef,
    kind: input.kind,
    request,
    initiator: nonEmptyString(input.initiator, `${what}: initiator`),
  };
}

/** Checks the status words of an application status update. */
export function validateStatusUpdate(update: ApplicationStatusUpdate): void {
  nonEmptyString(update?.entityRef, 'Application status entityRef');
  const what = `Status of ${update.entityRef}`;
  if (
    update.syncStatus !== undefined &&
    update.syncStatus !== null &&
    !SYNC_STATUSES.includes(update.syncStatus)
  ) {
    throw new InputError(
      `${what}: syncStatus must be one of ${SYNC_STATUSES.join(
        ', ',
      )}, got ${JSON.stringify(update.syncStatus)}`,
    );
  }
  if (
    update.healthStatus !== undefined &&
    update.healthStatus !== null &&
    !HEALTH_ORDER.includes(update.healthStatus as HealthStatusCode)
  ) {
    throw new InputError(
      `${what}: healthStatus must be one of ${HEALTH_ORDER.join(
        ', ',
      )}, got ${JSON.stringify(update.healthStatus)}`,
    );
  }
  for (const key of ['conditions', 'resources'] as const) {
    const list = update[key];
    if (list !== undefined && list !== null && !Array.isArray(list)) {
      throw new InputError(`${what}: ${key} must be a list`);
    }
  }
}
