import type { OperationPhase } from '@slipway/plugin-slipway-common';

/**
 * Life cycle of a stored operation: Argo CD's operation phases plus
 * `Queued` (waiting for a replica) and `Terminated` (stopped on request).
 *
 * Queued → Running → Succeeded | Failed | Error;
 * Running → Terminating → Terminated (or whatever the runner reports);
 * Queued → Terminated when termination is asked before it starts.
 */
export type OperationState = 'Queued' | OperationPhase | 'Terminated';

/** Phases an operation can end in. */
export type FinalOperationState =
  | 'Succeeded'
  | 'Failed'
  | 'Error'
  | 'Terminated';

/** Phases in which an operation blocks a new one for the same application. */
export const ACTIVE_OPERATION_STATES: readonly OperationState[] = [
  'Queued',
  'Running',
  'Terminating',
];

/** Phases an operation can end in. */
export const FINAL_OPERATION_STATES: readonly FinalOperationState[] = [
  'Succeeded',
  'Failed',
  'Error',
  'Terminated',
];

export type OperationKind = 'sync' | 'rollback';

/** A resource selected for a partial sync. */
export interface OperationResourceSelector {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** What was asked: Argo CD's sync operation fields. */
export interface OperationRequest {
  /** Revision to sync to; default: the application's target revision. */
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  /** Only these resources (partial sync); default all. */
  resources?: OperationResourceSelector[];
  force?: boolean;
  /** Prune resources marked `Prune=confirm` too. */
  confirmPrune?: boolean;
  /** For rollbacks: the history entry to return to. */
  historyId?: number;
}

/** A sync or rollback of one application. */
export interface Operation {
  id: string;
  applicationRef: string;
  kind: OperationKind;
  request: OperationRequest;
  /** User entity ref, or `automated` for automated sync. */
  initiator: string;
  phase: OperationState;
  message?: string;
  /** What the runner reported on completion (e.g. per-resource results). */
  result?: unknown;
  /** How many times a replica claimed it (more than once after a takeover). */
  attempts: number;
  claimedBy?: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  heartbeatAt?: string;
}

/** Input of {@link OperationStore.enqueue}. */
export interface EnqueueOperationInput {
  applicationRef: string;
  kind: OperationKind;
  request: OperationRequest;
  initiator: string;
}

/**
 * Outcome of an enqueue: the new operation, or a conflict naming the
 * operation that is already queued or running for the application.
 */
export type EnqueueResult =
  | { status: 'created'; operation: Operation }
  | {
      status: 'conflict';
      activeOperationId: string;
      activeOperation: Operation;
    };

/** What a running operation's heartbeat learned. */
export type HeartbeatResult =
  /** Keep going. */
  | 'ok'
  /** Termination was asked: stop as soon as possible and complete as Terminated. */
  | 'terminating'
  /** This replica no longer owns the operation (taken over or finished): stop. */
  | 'lost';

/** Options of {@link OperationStore.recoverStale}. */
export interface RecoverStaleOptions {
  /** Operations whose heartbeat is older than this many milliseconds are stale. */
  olderThanMs: number;
  /**
   * A stale operation claimed this many times already fails with `Error`
   * instead of being queued again; default 3.
   */
  maxAttempts?: number;
}

/** What {@link OperationStore.recoverStale} did. */
export interface RecoverStaleResult {
  /** Queued again, for another replica to claim. */
  requeued: string[];
  /** Ended with `Error` (too many attempts) or `Terminated` (termination was asked). */
  finished: string[];
}

/** Options of {@link OperationStore.pruneOperations}. */
export interface PruneOperationsOptions {
  /** Operations that ended longer ago than this many milliseconds are deleted. */
  finishedMoreThanMsAgo: number;
}

/** One line of an operation's progress. */
export interface OperationEvent {
  /** Increasing within the store; events are read in this order. */
  id: number;
  operationId: string;
  /** ISO 8601 time. */
  time: string;
  /** Sync phase: PreSync, Sync, PostSync, SyncFail. */
  phase?: string;
  wave?: number;
  /** `group/kind/namespace/name` of the resource, when the event is about one. */
  resourceKey?: string;
  /** e.g. Synced, SyncFailed, Pruned, Running, Healthy. */
  status: string;
  message?: string;
}

/** Input of {@link OperationStore.appendEvents}. */
export type OperationEventInput = Omit<
  OperationEvent,
  'id' | 'operationId' | 'time'
> & {
  /** Defaults to now. */
  time?: string;
};

/** A page of events, oldest first. */
export interface OperationEventPage {
  items: OperationEvent[];
  /** Present when more events follow; pass as `after`. */
  nextCursor?: number;
}

/** A page of operations, newest first. */
export interface OperationPage {
  items: Operation[];
  nextCursor?: string;
}

/**
 * Operations and their events. An operation runs exactly once: replicas
 * claim it with compare-and-set and keep a heartbeat; a replica that stops
 * heartbeating loses it to another.
 */
export interface OperationStore {
  /**
   * Queues an operation, unless one is already queued, running or
   * terminating for the application (then a conflict naming it is returned).
   * Safe under concurrent calls from any number of replicas.
   */
  enqueue(input: EnqueueOperationInput): Promise<EnqueueResult>;
  /**
   * Claims the oldest queued operation for `replicaId`, or returns undefined.
   * With `fromLastLook`, for a caller that has just claimed one: when the
   * last look at the queue found it drained and left nothing untried, the
   * answer is undefined without looking again (an operation queued since
   * is found by the next plain call, which a new enqueue or the poll makes).
   */
  claimNext(replicaId: string, options?: { fromLastLook?: boolean }): Promise<Operation | undefined>;
  /** Records that `replicaId` is still working on the operation. */
  heartbeat(id: string, replicaId: string): Promise<HeartbeatResult>;
  /**
   * Ends a running or terminating operation. With `replicaId`, only the
   * replica that claimed it may end it. Returns false when the operation was
   * not active (already ended) or was claimed by another replica.
   */
  complete(
    id: string,
    phase: FinalOperationState,
    message: string,
    options?: { replicaId?: string; result?: unknown },
  ): Promise<boolean>;
  /**
   * Asks an operation to stop: a queued one ends `Terminated` at once, a
   * running one becomes `Terminating` (its runner sees it on the next
   * heartbeat). Returns the operation after the request, or undefined if
   * there is no such operation.
   */
  requestTermination(id: string): Promise<Operation | undefined>;
  /** Takes over operations whose replica stopped heartbeating. */
  recoverStale(options: RecoverStaleOptions): Promise<RecoverStaleResult>;
  getOperation(id: string): Promise<Operation | undefined>;
  /** The queued, running or terminating operation of an application, if any. */
  getActiveOperation(applicationRef: string): Promise<Operation | undefined>;
  /** The newest operation of each of the applications (one query, for list pages). */
  latestOperations(applicationRefs: string[]): Promise<Map<string, Operation>>;
  /** Operations of one application, newest first. */
  listOperations(
    applicationRef: string,
    options?: { limit?: number; cursor?: string },
  ): Promise<OperationPage>;
  /** Appends events to an operation's log (never rewritten). */
  appendEvents(
    operationId: string,
    events: OperationEventInput[],
  ): Promise<void>;
  /** Reads an operation's events, oldest first, after the cursor `after`. */
  listEvents(
    operationId: string,
    options?: { after?: number; limit?: number },
  ): Promise<OperationEventPage>;
  /**
   * Deletes operations that ended long ago, with their events; active
   * operations are never deleted. History entries keep their operation id.
   * Returns the number of operations deleted.
   */
  pruneOperations(options: PruneOperationsOptions): Promise<number>;
}
