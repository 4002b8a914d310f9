import type {
  HealthStatus,
  KubeObject,
  OperationPhase,
  ResourceKey,
  ResourceSyncResultCode,
  SyncPhase,
} from '@slipway/plugin-slipway-common';
import type { HookType } from '@slipway/plugin-slipway-node';
import type { ClusterClient } from '../cluster';

/** Health of a live object; undefined when the kind has no health. @public */
export type HealthFunction = (
  obj: KubeObject,
) => Promise<HealthStatus | undefined>;

/** Operation-level retry, after Argo CD's `syncPolicy.retry`. @public */
export interface RetryPolicy {
  /** Retries after the first attempt (0: none). */
  limit: number;
  backoff?: {
    /** First delay; Argo CD's default is 5 s. */
    durationMs?: number;
    /** Multiplier per retry; default 2. */
    factor?: number;
    /** Upper bound of a delay; default 3 min. */
    maxDurationMs?: number;
  };
}

/** @public */
export interface SyncExecutorOptions {
  client: ClusterClient;
  /** Resource health (the health module's assessment); hooks without one fall back to Job/Pod completion. */
  health?: HealthFunction;
  /** Waits; must reject or resolve early when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  /** Poll interval while waiting for health or hooks; default 2 s. */
  pollIntervalMs?: number;
  /**
   * Waits between two checks of health or hooks: resolves when the
   * application's objects change, at the latest after `ms`; default `sleep`.
   */
  waitForChange?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Longest wait for one wave's health or hooks; default 10 min. */
  waitTimeoutMs?: number;
  /** Field manager for server-side apply; default `slipway`. */
  fieldManager?: string;
}

/** @public */
export interface ExecuteOptions {
  /** Aborting terminates the operation (running hooks are deleted). */
  signal?: AbortSignal;
  onProgress?: (event: SyncProgressEvent) => void;
  retry?: RetryPolicy;
}

/** The outcome for one resource (or hook) in one phase. @public */
export interface ResourceSyncResult {
  key: ResourceKey;
  apiVersion: string;
  syncPhase: SyncPhase;
  wave: number;
  status: ResourceSyncResultCode;
  message: string;
  hookType?: HookType;
  /** Running while a hook runs or a resource becomes healthy; then Succeeded/Failed. */
  operationPhase?: OperationPhase;
}

/** Progress, reported as it happens. @public */
export type SyncProgressEvent =
  | {
      type: 'operation';
      phase: OperationPhase;
      message: string;
      attempt: number;
    }
  | {
      type: 'wave';
      syncPhase: SyncPhase;
      wave: number;
      state: 'started' | 'applied' | 'completed' | 'failed';
    }
  | { type: 'resource'; result: ResourceSyncResult };

/** @public */
export interface SyncOperationResult {
  phase: OperationPhase;
  message: string;
  resources: ResourceSyncResult[];
  /** 1 + retries made. */
  attempts: number;
  dryRun: boolean;
}
