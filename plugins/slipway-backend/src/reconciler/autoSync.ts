import type { SyncStatusCode } from '@slipway/plugin-slipway-common';
import type { SyncPolicy } from '../engine/app/types';
import type { OperationRequest } from '../store';

/** The last operation of an application, as automated sync needs it. */
export interface LastOperation {
  phase: 'Queued' | 'Running' | 'Terminating' | 'Succeeded' | 'Failed' | 'Error' | 'Terminated';
  /** Commit(s) the operation synced to. */
  revisions?: string[];
  /** Spec hash of the application when the operation ran. */
  specHash?: string;
  message?: string;
  /** Epoch ms the operation finished. */
  finishedAt?: number;
}

/** What the automated sync decision reads. Plain data. */
export interface AutoSyncInput {
  syncPolicy?: SyncPolicy;
  syncStatus: SyncStatusCode;
  /** Commit(s) of the comparison, one per source. */
  revisions: string[];
  specHash: string;
  resources: Array<{
    key: { group: string; kind: string; namespace?: string; name: string };
    status: SyncStatusCode;
    requiresPruning: boolean;
  }>;
  lastOperation?: LastOperation;
  /** Sync windows allow automated syncs now. */
  windowAllows: boolean;
  /** The project forbids the application or one of its resources. */
  forbidden: boolean;
  /** Argo CD's self-heal timeout: the pause between self-heal attempts. */
  selfHealTimeoutMs: number;
  now: number;
}

/** What automated sync does now. */
export type AutoSyncDecision =
  | { action: 'sync'; request: OperationRequest; selfHeal: boolean }
  | {
      action: 'skip';
      reason: string;
      /** A condition to show on the application (Argo CD's SyncError). */
      condition?: { type: 'SyncError' | 'RollingSyncWaiting'; message: string };
      /** Check again after this many ms (self-heal timeout). */
      retryAfterMs?: number;
    };

const ACTIVE = new Set(['Queued', 'Running', 'Terminating']);
const SUCCESS = new Set(['Succeeded']);

function sameTarget(last: LastOperation, input: AutoSyncInput): boolean {
  return (
    last.specHash === input.specHash &&
    JSON.stringify(last.revisions ?? []) === JSON.stringify(input.revisions)
  );
}

/**
 * Argo CD's automated sync policy, as a pure decision:
 * - only an OutOfSync application with `syncPolicy.automated` is synced, and
 *   not while an operation is queued or running, nor when its project
 *   forbids it or a sync window blocks automated syncs;
 * - one automated sync per combination of commit and spec: when the last
 *   operation already went to the same commit and spec, nothing is synced
 *   again, unless `selfHeal` is on and that operation succeeded (then the
 *   out-of-sync resources are synced again, at most once per self-heal
 *   timeout); a failed attempt to the same commit is never retried
 *   (SyncError condition), the operation's own `retry` policy retries;
 * - with `prune` and without `allowEmpty`, a sync that would prune every
 *   resource is refused (SyncError condition);
 * - without `prune`, nothing is synced when only resources to prune differ.
 */
export function decideAutoSync(input: AutoSyncInput): AutoSyncDecision {
  const automated = input.syncPolicy?.automated;
  if (!automated) return { action: 'skip', reason: 'automated sync is not enabled' };
  if (input.syncStatus !== 'OutOfSync') {
    return { action: 'skip', reason: `the application is ${input.syncStatus}` };
  }
  const last = input.lastOperation;
  if (last && ACTIVE.has(last.phase)) {
    return { action: 'skip', reason: 'an operation is already in progress' };
  }
  if (input.forbidden) return { action: 'skip', reason: 'the project does not permit the application' };
  if (!input.windowAllows) return { action: 'skip', reason: 'a sync window blocks automated syncs' };

  // Argo CD: nothing to do but prune, with automated prune off, is no sync (self-heal would loop on it).
  if (!automated.prune && input.resources.every(r => r.status === 'Synced' || r.requiresPruning)) {
    return { action: 'skip', reason: 'only resources to prune differ, and automated prune is off' };
  }

  const revision = input.revisions[0];
  let selfHeal = false;
  if (last && sameTarget(last, input)) {
    if (!SUCCESS.has(last.phase)) {
      const message = `Failed sync attempt to ${revision ?? 'the current revision'}: ${last.message ?? last.phase}`;
      return { action: 'skip', reason: message, condition: { type: 'SyncError', message } };
    }
    if (!automated.selfHeal) {
      return { action: 'skip', reason: `the most recent sync already went to ${revision}` };
    }
    const wait = (last.finishedAt ?? 0) + input.selfHealTimeoutMs - input.now;
    if (wait > 0) {
      return { action: 'skip', reason: 'waiting for the self-heal timeout', retryAfterMs: wait };
    }
    selfHeal = true;
  }

  if (automated.prune && !automated.allowEmpty) {
    const all = input.resources;
    if (all.length > 0 && all.every(r => r.requiresPruning)) {
      const message = 'auto-sync will wipe out all resources; set syncPolicy.automated.allowEmpty to allow it';
      return { action: 'skip', reason: message, condition: { type: 'SyncError', message } };
    }
  }

  const request: OperationRequest = { prune: Boolean(automated.prune) };
  if (revision) request.revision = revision;
  if (selfHeal) {
    request.resources = input.resources
      .filter(r => r.status !== 'Synced')
      .map(r => ({ group: r.key.group, kind: r.key.kind, name: r.key.name, ...(r.key.namespace ? { namespace: r.key.namespace } : {}) }));
  }
  return { action: 'sync', request, selfHeal };
}

/** The last operation of an application, as automated sync reads it. */
export async function lastOperationOf(
  store: { listOperations(ref: string, options: { limit: number }): Promise<{ items: Array<{ phase: LastOperation['phase']; result?: unknown; message?: string; finishedAt?: string }> }> },
  ref: string,
): Promise<LastOperation | undefined> {
  const op = (await store.listOperations(ref, { limit: 1 })).items[0];
  if (!op) return undefined;
  const result = (op.result ?? {}) as { revisions?: string[]; specHash?: string };
  return {
    phase: op.phase,
    revisions: result.revisions,
    specHash: result.specHash,
    message: op.message,
    finishedAt: op.finishedAt ? Date.parse(op.finishedAt) : undefined,
  };
}

/**
 * The policy an Application of a RollingSync rollout is synced with: the
 * rollout syncs it when OutOfSync (prune and allowEmpty as the Application
 * says), never self-heals it.
 */
export function rolloutPolicy(policy: SyncPolicy | undefined): SyncPolicy {
  return {
    ...policy,
    automated: { prune: policy?.automated?.prune, allowEmpty: policy?.automated?.allowEmpty, selfHeal: false },
  };
}
