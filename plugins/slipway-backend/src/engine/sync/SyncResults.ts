import type {
  OperationPhase,
  ResourceSyncResultCode,
} from '@slipway/plugin-slipway-common';
import type { SyncTask } from '@slipway/plugin-slipway-node';
import type { ResourceSyncResult, SyncProgressEvent } from './types';

/** The per-resource results of a sync attempt, reported as they change. */
export class SyncResults {
  readonly results = new Map<string, ResourceSyncResult>();
  /** What writing each task said ("created", "configured"), kept over the progress messages of its wait. */
  private readonly written = new Map<string, string>();

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
    if (!this.written.has(t.id)) this.written.set(t.id, message);
    this.emit({ type: 'resource', result });
  }

  /**
   * A new phase of a recorded task. A task that succeeds without a message
   * of its own says again what writing it said, as Argo CD's results keep
   * the apply message, not the last "Waiting for rollout" of its wait.
   */
  update(t: SyncTask, operationPhase: OperationPhase, given?: string): void {
    const existing = this.results.get(t.id);
    if (!existing) return;
    const message =
      !given && operationPhase === 'Succeeded' ? this.written.get(t.id) : given;
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
