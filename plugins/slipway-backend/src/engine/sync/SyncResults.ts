import type {
  OperationPhase,
  ResourceSyncResultCode,
} from '@slipway/plugin-slipway-common';
import type { SyncTask } from '@slipway/plugin-slipway-node';
import type { ResourceSyncResult, SyncProgressEvent } from './types';

/** The per-resource results of a sync attempt, reported as they change. */
export class SyncResults {
  readonly results = new Map<string, ResourceSyncResult>();

  constructor(private readonly emit: (e: SyncProgressEvent) => void) {}

  withReasons(base: string): string {
    const reasons = [
      ...new Set(
        [...this.results.values()]
          .filter(
            r =>
              r.status === 'SyncFailed' ||
              r.operationPhase === 'Failed' ||
              r.operationPhase === 'Error',
          )
          .map(r => r.message),
      ),
    ];
    return reasons.length > 0 ? `${base}, reason: ${reasons.join(', ')}` : base;
  }

  record(
    t: SyncTask,
    status: ResourceSyncResultCode,
    message: string,
    operationPhase: OperationPhase,
  ): void {
    const result: ResourceSyncResult = {
      key: t.key,
      apiVersion: t.apiVersion,
      syncPhase: t.phase,
      wave: t.wave,
      status,
      message,
      ...(t.hook ? { hookType: t.hook.type } : {}),
      operationPhase,
    };
    this.results.set(t.id, result);
    this.emit({ type: 'resource', result });
  }

  update(t: SyncTask, operationPhase: OperationPhase, message?: string): void {
    const existing = this.results.get(t.id);
    if (!existing) return;
    if (
      existing.operationPhase === operationPhase &&
      (!message || existing.message === message)
    )
      return;
    this.record(
      t,
      existing.status,
      message || existing.message,
      operationPhase,
    );
  }
}
