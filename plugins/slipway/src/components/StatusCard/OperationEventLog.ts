import type { OperationEventItem } from '@slipway/plugin-slipway-common';
import type { SlipwayApi } from '../../api';

/** The backend's largest page of events (openapi.yaml): a long sync costs the fewest requests. */
export const EVENT_PAGE_LIMIT = 1000;

/**
 * The events of one operation read so far. Each read follows the pages
 * (nextCursor) to the end, then the next read asks only for the events after
 * the last one it has, so a refresh costs one small request however many
 * events the operation already wrote.
 */
export class OperationEventLog {
  private events: readonly OperationEventItem[] = [];

  constructor(
    private readonly api: Pick<SlipwayApi, 'getOperationEvents'>,
    readonly operationId: string,
  ) {}

  /**
   * Reads the events written since the last read and answers all events so
   * far, oldest first. The answer is a new array only when events arrived.
   * Pages read before a failure are kept; the next read goes on from there.
   */
  async readNew(): Promise<readonly OperationEventItem[]> {
    let after = this.lastId();
    for (;;) {
      const page = await this.api.getOperationEvents(this.operationId, {
        ...(after !== undefined ? { after } : {}),
        limit: EVENT_PAGE_LIMIT,
      });
      this.append(page.items);
      // A cursor that does not move on would ask for the same page forever.
      if (page.nextCursor === undefined || (after !== undefined && page.nextCursor <= after)) {
        return this.events;
      }
      after = page.nextCursor;
    }
  }

  private lastId(): number | undefined {
    return this.events.length > 0 ? this.events[this.events.length - 1].id : undefined;
  }

  /**
   * Keeps only events newer than the last one: reads may overlap (a signal
   * arrives while a poll is reading), and both then see the same events.
   */
  private append(items: OperationEventItem[]) {
    const last = this.lastId() ?? -Infinity;
    const fresh = items.filter(event => event.id > last).sort((a, b) => a.id - b.id);
    if (fresh.length > 0) this.events = [...this.events, ...fresh];
  }
}
