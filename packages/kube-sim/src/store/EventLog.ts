import { StoreEvent } from './KubeObject';

/**
 * A bounded history of one resource's change events, so that a watch can
 * resume from a resourceVersion. Older events are compacted away; resuming
 * from before the compaction point is a 410 Gone, as on a real server.
 */
export class EventLog {
  private readonly buf: StoreEvent[];
  private start = 0;
  private size = 0;
  /** Highest resourceVersion whose event was dropped. */
  compactedRV = 0;

  constructor(capacity: number) {
    this.buf = new Array(Math.max(1, capacity));
  }

  append(ev: StoreEvent): void {
    if (this.size === this.buf.length) {
      this.compactedRV = this.buf[this.start].rv;
      this.buf[this.start] = ev;
      this.start = (this.start + 1) % this.buf.length;
    } else {
      this.buf[(this.start + this.size) % this.buf.length] = ev;
      this.size++;
    }
  }

  /** Events with rv > fromRV, or undefined when that history is gone. */
  since(fromRV: number): StoreEvent[] | undefined {
    if (fromRV < this.compactedRV) return undefined;
    const out: StoreEvent[] = [];
    for (let i = this.size - 1; i >= 0; i--) {
      const ev = this.buf[(this.start + i) % this.buf.length];
      if (ev.rv <= fromRV) break;
      out.push(ev);
    }
    return out.reverse();
  }
}
