import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Operation, SlipwayStore } from '../store';
import type { RunResult } from './OperationRunner';

/** What {@link OperationWorker} needs. */
export interface OperationWorkerOptions {
  store: Pick<SlipwayStore, 'claimNext' | 'heartbeat' | 'complete'>;
  replicaId: string;
  run(op: Operation, signal: AbortSignal): Promise<RunResult>;
  /** Called after an operation ended (with its final state) on this replica. */
  onFinished(op: Operation, result: RunResult & { durationMs: number }): void;
  logger: LoggerService;
  /** Operations run at once on this replica. */
  concurrency: number;
  heartbeatIntervalMs: number;
  /** How often to look for operations queued by other replicas. */
  pollIntervalMs: number;
}

interface Running {
  op: Operation;
  controller: AbortController;
  /** Why the run was aborted. */
  reason?: 'terminate' | 'lost' | 'shutdown';
}

/**
 * Claims queued operations from the store and runs them, so that each runs
 * exactly once across replicas: a heartbeat keeps the claim, a termination
 * request (seen on the heartbeat, or asked on this replica) aborts the run,
 * and a lost claim stops it without completing. On shutdown, running
 * operations are aborted and left to be taken over by recovery.
 */
export class OperationWorker {
  private readonly running = new Map<string, Running>();
  private claiming = false;
  private again = false;
  /**
   * Whether an operation may be waiting: set by every wake (an enqueue here,
   * the poll for other replicas' operations), cleared when a claim finds
   * none. The end of a run claims the next one only while it is set, so a
   * drained queue is not asked again after every operation.
   */
  private maybeQueued = true;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: OperationWorkerOptions) {}

  get runningCount(): number {
    return this.running.size;
  }

  start(): void {
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.timer.unref?.();
    this.wake();
  }

  /** Looks for queued operations now. */
  wake(): void {
    if (this.stopped) return;
    this.maybeQueued = true;
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.claiming = true;
    this.claimLoop()
      .catch(error => this.options.logger.warn(`could not claim operations: ${(error as Error).message}`))
      .finally(() => {
        this.claiming = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Aborts a running operation of this replica at once (termination was asked here). */
  terminateLocal(operationId: string): void {
    const running = this.running.get(operationId);
    if (running && !running.reason) {
      running.reason = 'terminate';
      running.controller.abort();
    }
  }

  /** Stops claiming; aborts running operations without completing them; waits for them to stop. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const waits = [...this.running.values()].map(r => {
      r.reason = r.reason ?? 'shutdown';
      r.controller.abort();
      return new Promise<void>(resolve => {
        const check = setInterval(() => {
          if (!this.running.has(r.op.id)) {
            clearInterval(check);
            resolve();
          }
        }, 20);
      });
    });
    await Promise.all(waits);
  }

  private async claimLoop(): Promise<void> {
    // after the first claim, the store's last look says whether more are queued
    for (let fromLastLook = false; !this.stopped && this.running.size < this.options.concurrency; fromLastLook = true) {
      const op = await this.options.store.claimNext(this.options.replicaId, { fromLastLook });
      if (!op) {
        this.maybeQueued = false;
        return;
      }
      if (this.stopped) return; // left claimed; recovery hands it to another replica
      void this.execute(op);
    }
  }

  private async execute(op: Operation): Promise<void> {
    const { store, replicaId, logger } = this.options;
    const running: Running = { op, controller: new AbortController() };
    this.running.set(op.id, running);
    const started = Date.now();
    const heartbeat = setInterval(async () => {
      try {
        const state = await store.heartbeat(op.id, replicaId);
        if (state !== 'ok' && !running.reason) {
          running.reason = state === 'terminating' ? 'terminate' : 'lost';
          running.controller.abort();
        }
      } catch (error) {
        logger.warn(`heartbeat of operation ${op.id} failed: ${(error as Error).message}`);
      }
    }, this.options.heartbeatIntervalMs);
    let result: RunResult;
    try {
      result = await this.options.run(op, running.controller.signal);
    } catch (error) {
      result = { phase: 'Error', message: `${op.kind} of ${op.applicationRef} failed: ${(error as Error).message}` };
    } finally {
      clearInterval(heartbeat);
    }
    try {
      if (running.reason === 'lost' || running.reason === 'shutdown') {
        logger.info(`operation ${op.id} stopped on this replica (${running.reason}); it is not completed here`);
        return;
      }
      if (running.reason === 'terminate') {
        result = { ...result, phase: 'Terminated', message: `terminated: ${result.message}` };
      }
      const completed = await store.complete(op.id, result.phase, result.message, { replicaId, result: result.result });
      if (completed) this.options.onFinished(op, { ...result, durationMs: Date.now() - started });
    } catch (error) {
      logger.error(`could not complete operation ${op.id}: ${(error as Error).message}`);
    } finally {
      this.running.delete(op.id);
      if (this.maybeQueued) this.wake();
    }
  }
}
