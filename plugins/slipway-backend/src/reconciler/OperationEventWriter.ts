import type { OperationEventInput, SlipwayStore } from '../store';

/**
 * Writes the progress events of one operation in order, gathering those
 * that arrive within `delayMs` of each other into one write. A sync of a few
 * resources then costs one write instead of one per event; watchers see
 * progress at once through signals, and the log at most `delayMs` later.
 */
export class OperationEventWriter {
  private unwritten: OperationEventInput[] = [];
  private writes: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: {
      operationId: string;
      store: Pick<SlipwayStore, 'appendEvents'>;
      onError(error: Error): void;
      delayMs?: number;
    },
  ) {}

  add(event: OperationEventInput): void {
    this.unwritten.push(event);
    this.timer ??= setTimeout(() => this.write(), this.options.delayMs ?? 100);
  }

  /** Writes what is left; resolves when every event added so far is written (or failed). */
  flush(): Promise<void> {
    this.write();
    return this.writes;
  }

  private write(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.unwritten.length === 0) return;
    const batch = this.unwritten;
    this.unwritten = [];
    this.writes = this.writes
      .then(() => this.options.store.appendEvents(this.options.operationId, batch))
      .catch(error => this.options.onError(error as Error));
  }
}
