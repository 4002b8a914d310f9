import { SLIPWAY_FIELD_MANAGER } from '@slipway/plugin-slipway-common';
import type { SyncPlan } from '@slipway/plugin-slipway-node';
import { abortableSleep, backoffDelay } from './retry';
import { SyncRun } from './SyncRun';
import { TaskRunner } from './TaskRunner';
import type {
  ExecuteOptions,
  SyncExecutorOptions,
  SyncOperationResult,
  SyncProgressEvent,
} from './types';

/**
 * Executes sync plans against a cluster, with Argo CD's semantics: phases
 * and waves in order, health awaited between waves, hooks created and
 * awaited with their delete policies, prune rules, SyncFail hooks, dry runs,
 * termination through an AbortSignal and operation retries with backoff.
 * @public
 */
export class SyncExecutor {
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: SyncExecutorOptions) {
    this.sleep = options.sleep ?? abortableSleep;
    this.now = options.now ?? Date.now;
  }

  async execute(
    plan: SyncPlan,
    execute: ExecuteOptions = {},
  ): Promise<SyncOperationResult> {
    const { signal, retry } = execute;
    const emit = (e: SyncProgressEvent) => {
      try {
        execute.onProgress?.(e);
      } catch {
        // a failing listener must not break the sync
      }
    };
    const runner = new TaskRunner(
      this.options.client,
      plan.appName,
      plan.settings,
      this.options.fieldManager ?? SLIPWAY_FIELD_MANAGER,
      ms => this.sleep(ms, signal),
    );
    for (let attempt = 1; ; attempt++) {
      emit({
        type: 'operation',
        phase: 'Running',
        message: attempt === 1 ? 'sync started' : `retry attempt #${attempt}`,
        attempt,
      });
      const run = new SyncRun(
        plan,
        {
          client: this.options.client,
          runner,
          health: this.options.health,
          sleep: this.sleep,
          waitForChange: this.options.waitForChange ?? this.sleep,
          now: this.now,
          pollIntervalMs: this.options.pollIntervalMs ?? 2_000,
          waitTimeoutMs: this.options.waitTimeoutMs ?? 600_000,
        },
        signal,
        emit,
      );
      const outcome = await run.run();
      const result: SyncOperationResult = {
        phase: outcome.phase,
        message: outcome.message,
        resources: [...run.results.values()],
        attempts: attempt,
        dryRun: plan.settings.dryRun,
      };
      const retryable =
        outcome.phase === 'Failed' &&
        !outcome.terminated &&
        !plan.settings.dryRun &&
        plan.issues.length === 0 &&
        retry !== undefined &&
        attempt <= retry.limit;
      if (!retryable) {
        emit({
          type: 'operation',
          phase: result.phase,
          message: result.message,
          attempt,
        });
        return result;
      }
      const delay = backoffDelay(retry!, attempt);
      emit({
        type: 'operation',
        phase: 'Running',
        message: `${outcome.message}; retrying in ${Math.round(
          delay / 1000,
        )} s`,
        attempt,
      });
      await this.sleep(delay, signal);
      if (signal?.aborted) {
        const terminated = {
          ...result,
          phase: 'Failed' as const,
          message: 'Operation terminated',
        };
        emit({
          type: 'operation',
          phase: terminated.phase,
          message: terminated.message,
          attempt,
        });
        return terminated;
      }
    }
  }
}
