import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PermissionApi } from '@backstage/plugin-permission-react';
import {
  slipwayApplicationSyncPermission,
  SyncRequestBody,
} from '@slipway/plugin-slipway-common';
import type { SlipwayApi } from '../../api';

/** What happened to one application of a bulk sync. */
export interface BulkSyncResult {
  entityRef: string;
  name: string;
  outcome: 'started' | 'conflict' | 'denied' | 'failed';
  message: string;
  operationId?: string;
}

/** Syncs started at once: enough to be quick, few enough not to flood the backend. */
export const BULK_SYNC_CONCURRENCY = 4;

/**
 * Whether the user may sync each application. All decisions are asked at
 * once; the permission API batches them into one request.
 */
export async function authorizeSync(
  permissionApi: PermissionApi,
  entityRefs: string[],
): Promise<Map<string, boolean>> {
  const decisions = await Promise.all(
    entityRefs.map(resourceRef =>
      permissionApi.authorize({ permission: slipwayApplicationSyncPermission, resourceRef }),
    ),
  );
  return new Map(entityRefs.map((ref, i) => [ref, decisions[i].result === AuthorizeResult.ALLOW]));
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } })?.cause?.message;
  if (typeof cause === 'string' && cause) return cause;
  return error instanceof Error ? error.message : String(error);
}

async function syncOne(
  api: SlipwayApi,
  app: { entityRef: string; name: string },
  request: SyncRequestBody,
): Promise<BulkSyncResult> {
  try {
    const { operation } = await api.sync(app.entityRef, request);
    return {
      ...app,
      outcome: 'started',
      operationId: operation.id,
      message: `${request.dryRun ? 'Dry run' : 'Sync'} ${operation.id} started`,
    };
  } catch (error) {
    if (statusOf(error) === 409) {
      return {
        ...app,
        outcome: 'conflict',
        message: `Not started: ${reasonOf(error)}. Wait for that operation to finish or terminate it on the application's page, then sync again.`,
      };
    }
    if (statusOf(error) === 403) {
      return { ...app, outcome: 'denied', message: `Not permitted by the backend: ${reasonOf(error)}` };
    }
    return { ...app, outcome: 'failed', message: `Failed: ${reasonOf(error)}. Retry, or open the application to see its conditions.` };
  }
}

/**
 * Syncs the applications the user may sync, a few at a time, and reports
 * one result per application, the refused ones included. `onResult` sees
 * each result as it arrives, for progress.
 */
export async function runBulkSync(options: {
  slipwayApi: SlipwayApi;
  apps: Array<{ entityRef: string; name: string }>;
  allowed: Map<string, boolean>;
  request: SyncRequestBody;
  onResult?: (result: BulkSyncResult) => void;
  concurrency?: number;
}): Promise<BulkSyncResult[]> {
  const { slipwayApi, apps, allowed, request, onResult, concurrency = BULK_SYNC_CONCURRENCY } = options;
  const results: BulkSyncResult[] = new Array(apps.length);
  const report = (index: number, result: BulkSyncResult) => {
    results[index] = result;
    onResult?.(result);
  };
  const queue: number[] = [];
  apps.forEach((app, index) => {
    if (allowed.get(app.entityRef)) {
      queue.push(index);
    } else {
      report(index, {
        ...app,
        outcome: 'denied',
        message: `Not permitted: you may not sync ${app.name}; ask its owners for the slipway.application.sync permission.`,
      });
    }
  });
  const worker = async () => {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      report(index, await syncOne(slipwayApi, apps[index], request));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return results;
}
