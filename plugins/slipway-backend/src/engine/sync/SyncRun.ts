import type { OperationPhase } from '@slipway/plugin-slipway-common';
import type { SyncPlan, SyncTask } from '@slipway/plugin-slipway-node';
import type { ClusterClient } from '../cluster';
import { taskProgress } from './taskProgress';
import { TaskRunner, refOfTask } from './TaskRunner';
import { byKind, steps } from './stepping';
import { SyncResults } from './SyncResults';
import { DryRunScope } from './DryRunScope';
import { checkServedKinds } from './servedKinds';
import type {
  HealthFunction,
  ResourceSyncResult,
  SyncProgressEvent,
} from './types';

/** What one attempt of a sync ended with. */
export interface RunOutcome {
  phase: OperationPhase;
  message: string;
  terminated?: boolean;
}

export interface RunDeps {
  client: ClusterClient;
  runner: TaskRunner;
  health?: HealthFunction;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Waits between checks of a wave; ends early when the cluster changed. */
  waitForChange: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  pollIntervalMs: number;
  waitTimeoutMs: number;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * One attempt at executing a sync plan: phases and waves in order, prunes
 * before applies in a wave, hooks awaited, health awaited between waves,
 * SyncFail hooks on failure, termination through the abort signal.
 */
export class SyncRun {
  private readonly book: SyncResults;
  private readonly createdHooks: SyncTask[] = [];
  private readonly dryRun: boolean;
  private readonly scope: DryRunScope;

  constructor(
    private readonly plan: SyncPlan,
    private readonly deps: RunDeps,
    private readonly signal: AbortSignal | undefined,
    private readonly emit: (e: SyncProgressEvent) => void,
  ) {
    this.book = new SyncResults(emit);
    this.dryRun = plan.settings.dryRun;
    this.scope = new DryRunScope(plan.tasks);
  }

  get results(): Map<string, ResourceSyncResult> {
    return this.book.results;
  }

  private get aborted(): boolean {
    return !!this.signal?.aborted;
  }

  async run(): Promise<RunOutcome> {
    try {
      return await this.runSteps();
    } catch (e) {
      return {
        phase: 'Error',
        message: `the sync stopped on an unexpected error: ${errorMessage(e)}`,
      };
    }
  }

  private async runSteps(): Promise<RunOutcome> {
    if (this.plan.issues.length > 0) {
      for (const [i, issue] of this.plan.issues.entries()) {
        if (!issue.key) continue;
        this.book.record(
          {
            id: `issue:${i}`,
            key: issue.key,
            apiVersion: '',
            phase: 'Sync',
            wave: 0,
          } as SyncTask,
          'SyncFailed',
          issue.message,
          'Failed',
        );
      }
      return {
        phase: 'Failed',
        message: `one or more synchronization tasks are not valid: ${this.plan.issues
          .map(i => i.message)
          .join('; ')}`,
      };
    }
    const kinds = await checkServedKinds(this.plan.tasks, this.deps.client, this.scope.syncedCrdKinds);
    this.scope.waitForKinds(kinds.waiting);
    for (const { task, message } of kinds.refused) this.book.record(task, 'SyncFailed', message, 'Failed');
    if (kinds.refused.length > 0) {
      return {
        phase: 'Failed',
        message: this.book.withReasons(
          'one or more synchronization tasks are not valid',
        ),
      };
    }
    const syncFail = this.plan.tasks.filter(t => t.phase === 'SyncFail');
    let main = this.plan.tasks.filter(t => t.phase !== 'SyncFail');

    if (!this.dryRun) {
      for (const ns of main.filter(t => t.createdNamespace)) {
        if (!(await this.applyNamespace(ns)))
          // as Argo CD: no SyncFail hooks run when the namespace cannot be created
          return this.fail([], 'the namespace failed to apply');
      }
      main = main.filter(t => !t.createdNamespace);
      if (!(await this.validate(main))) {
        return {
          phase: 'Failed',
          message: this.book.withReasons(
            'one or more objects failed to apply (dry run)',
          ),
        };
      }
    }

    const all = steps(main);
    for (const [i, step] of all.entries()) {
      if (this.aborted) return this.terminate();
      const where = { syncPhase: step[0].phase, wave: step[0].wave };
      this.emit({ type: 'wave', ...where, state: 'started' });
      const applied = await this.runStep(step);
      if (this.aborted) return this.terminate();
      if (!applied) {
        this.emit({ type: 'wave', ...where, state: 'failed' });
        return this.fail(syncFail, 'one or more objects failed to apply');
      }
      this.emit({ type: 'wave', ...where, state: 'applied' });
      const healthy =
        this.dryRun || (await this.wait(step, i === all.length - 1));
      if (this.aborted) return this.terminate();
      if (!healthy) {
        this.emit({ type: 'wave', ...where, state: 'failed' });
        return this.fail(
          syncFail,
          'one or more synchronization tasks completed unsuccessfully',
        );
      }
      this.emit({ type: 'wave', ...where, state: 'completed' });
    }
    await this.deleteHooks('HookSucceeded');
    return {
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
    };
  }

  /** Server-side dry run of every write before the first real one, as Argo CD validates first. */
  private async validate(tasks: SyncTask[]): Promise<boolean> {
    let ok = true;
    await Promise.all(
      tasks
        .filter(
          t =>
            t.action === 'apply' && !this.scope.reasonNotToValidate(t),
        )
        .map(async t => {
          const outcome = await this.deps.runner.apply(t, true);
          if (!outcome.ok) {
            ok = false;
            this.book.record(t, 'SyncFailed', outcome.message, 'Failed');
          }
        }),
    );
    return ok;
  }

  private async runStep(step: SyncTask[]): Promise<boolean> {
    const prunes = step.filter(t => t.action === 'prune');
    const applies = step.filter(t => t.action === 'apply');
    const pruned = await Promise.all(
      prunes.map(async t => {
        const outcome = await this.deps.runner.prune(t, this.dryRun);
        if (!outcome.ok)
          this.book.record(t, 'SyncFailed', outcome.message, 'Failed');
        else
          this.book.record(
            t,
            outcome.skipped ? 'PruneSkipped' : 'Pruned',
            outcome.message,
            'Succeeded',
          );
        return outcome.ok;
      }),
    );
    if (pruned.includes(false)) return false;

    if (!this.dryRun) {
      for (const hook of applies.filter(t =>
        t.hook?.deletePolicies.includes('BeforeHookCreation'),
      )) {
        const ref = refOfTask(hook);
        if (await this.deps.client.get(ref)) {
          const outcome = await this.deps.runner.deleteAndWait(ref);
          if (!outcome.ok) {
            this.book.record(hook, 'SyncFailed', outcome.message, 'Error');
            return false;
          }
        }
      }
    }
    for (const group of byKind(applies)) {
      const results = await Promise.all(group.map(t => this.applyTask(t)));
      if (results.includes(false)) return false;
    }
    return true;
  }

  /**
   * CreateNamespace, before the dry run, as Argo CD does. A namespace that
   * exists and needs no managed metadata is no task of Argo CD's operation:
   * it gets no result. A created namespace has no health: it is done.
   */
  private async applyNamespace(t: SyncTask): Promise<boolean> {
    const outcome = await this.deps.runner.apply(t, false);
    if (!outcome.ok) {
      this.book.record(t, 'SyncFailed', outcome.message, 'Failed');
      return false;
    }
    if (!outcome.unchanged)
      this.book.record(t, 'Synced', outcome.message, 'Succeeded');
    return true;
  }

  private async applyTask(t: SyncTask): Promise<boolean> {
    if (this.dryRun) {
      const reason = this.scope.reasonNotToValidate(t);
      if (reason) {
        this.book.record(
          t,
          'Synced',
          `not checked by the server (dry run): ${reason}`,
          'Succeeded',
        );
        return true;
      }
    }
    const outcome = await this.deps.runner.apply(t, this.dryRun);
    if (!outcome.ok) {
      this.book.record(t, 'SyncFailed', outcome.message, 'Failed');
      return false;
    }
    if (t.hook && !this.dryRun) this.createdHooks.push(t);
    this.book.record(
      t,
      'Synced',
      outcome.message,
      this.dryRun ? 'Succeeded' : 'Running',
    );
    return true;
  }

  /** Waits for hooks to complete and, unless this is the last step, for resources to be healthy and prunes gone. */
  private async wait(step: SyncTask[], final: boolean): Promise<boolean> {
    const pending = step.filter(t => {
      if (t.hook) return true;
      if (t.action === 'prune')
        return !final && this.book.results.get(t.id)?.status === 'Pruned';
      return !final;
    });
    for (const t of step) {
      if (!pending.includes(t) && t.action === 'apply')
        this.book.update(t, 'Succeeded');
    }
    const started = this.deps.now();
    let failed = false;
    while (pending.length > 0) {
      for (const t of [...pending]) {
        const phase = await this.progressOf(t);
        if (phase === 'Running') continue;
        pending.splice(pending.indexOf(t), 1);
        if (phase !== 'Succeeded') failed = true;
      }
      if (pending.length === 0 || this.aborted) break;
      if (this.deps.now() - started >= this.deps.waitTimeoutMs) {
        for (const t of pending) {
          this.book.update(
            t,
            'Failed',
            `timed out after ${Math.round(
              this.deps.waitTimeoutMs / 1000,
            )} s waiting for ${
              t.hook ? 'completion of hook' : 'healthy state of'
            } ${t.key.kind}/${t.key.name}`,
          );
        }
        return false;
      }
      await this.deps.waitForChange(this.deps.pollIntervalMs, this.signal);
    }
    return !failed;
  }

  private async progressOf(t: SyncTask): Promise<OperationPhase> {
    const progress = await taskProgress(t, this.deps.client, this.deps.health);
    this.book.update(t, progress.phase, progress.message);
    return progress.phase;
  }

  private async fail(syncFail: SyncTask[], base: string): Promise<RunOutcome> {
    let message = this.book.withReasons(base);
    if (!this.dryRun && syncFail.length > 0 && !this.aborted) {
      this.emit({
        type: 'wave',
        syncPhase: 'SyncFail',
        wave: syncFail[0].wave,
        state: 'started',
      });
      const ran =
        (await this.runStep(syncFail)) && (await this.wait(syncFail, true));
      if (this.aborted) return this.terminate();
      this.emit({
        type: 'wave',
        syncPhase: 'SyncFail',
        wave: syncFail[0].wave,
        state: ran ? 'completed' : 'failed',
      });
      if (!ran) message += '\none or more SyncFail hooks failed';
    }
    await this.deleteHooks('HookFailed');
    return { phase: 'Failed', message };
  }

  private async terminate(): Promise<RunOutcome> {
    this.emit({
      type: 'operation',
      phase: 'Terminating',
      message: 'terminating',
      attempt: 0,
    });
    let clean = true;
    for (const hook of this.createdHooks) {
      if (this.book.results.get(hook.id)?.operationPhase !== 'Running')
        continue;
      try {
        await this.deps.runner.delete(refOfTask(hook));
        this.book.update(hook, 'Failed', 'Terminated');
      } catch (e) {
        clean = false;
        this.book.update(
          hook,
          'Error',
          `failed to delete the running hook: ${errorMessage(e)}`,
        );
      }
    }
    return clean
      ? { phase: 'Failed', message: 'Operation terminated', terminated: true }
      : {
          phase: 'Error',
          message: 'Operation termination had errors',
          terminated: true,
        };
  }

  /** Hook deletion policies: HookSucceeded when the operation succeeds, HookFailed when it fails. */
  private async deleteHooks(
    policy: 'HookSucceeded' | 'HookFailed',
  ): Promise<void> {
    for (const hook of this.createdHooks) {
      const phase = this.book.results.get(hook.id)?.operationPhase;
      if (!hook.hook?.deletePolicies.includes(policy) || phase === 'Running')
        continue;
      try {
        await this.deps.runner.delete(refOfTask(hook));
      } catch (e) {
        this.book.update(
          hook,
          'Error',
          `failed to delete the hook (${policy}): ${errorMessage(e)}`,
        );
      }
    }
  }
}
