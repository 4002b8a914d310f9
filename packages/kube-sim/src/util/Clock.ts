/**
 * Time as the simulated controllers see it: the current instant and timers.
 * The system clock is the default; a {@link ManualClock} lets tests move
 * time forward (for example to the next CronJob schedule) without waiting.
 */
export interface SimClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` once `ms` have passed on this clock; returns a cancel function. */
  setTimer(ms: number, fn: () => void): () => void;
}

export const systemClock: SimClock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref?.();
    return () => clearTimeout(t);
  },
};

interface Timer {
  due: number;
  seq: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to. Timers that are already due (delay
 * 0) still run on the next event-loop turn, so pods with no ready delay
 * behave as with the system clock.
 */
export class ManualClock implements SimClock {
  private current: number;
  private seq = 0;
  private readonly timers = new Set<Timer>();

  constructor(start: Date | number = Date.now()) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): () => void {
    if (ms <= 0) {
      const immediate = setImmediate(fn);
      return () => clearImmediate(immediate);
    }
    const timer: Timer = { due: this.current + ms, seq: this.seq++, fn };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  /** Moves time forward by `ms`, running the timers that fall due in order. */
  advance(ms: number): void {
    const target = this.current + Math.max(0, ms);
    for (;;) {
      let next: Timer | undefined;
      for (const t of this.timers) {
        if (t.due > target) continue;
        if (
          !next ||
          t.due < next.due ||
          (t.due === next.due && t.seq < next.seq)
        )
          next = t;
      }
      if (!next) break;
      this.timers.delete(next);
      this.current = Math.max(this.current, next.due);
      next.fn();
    }
    this.current = target;
  }

  /** Moves time forward to `instant` (no-op when it is in the past). */
  advanceTo(instant: Date | number): void {
    const t = typeof instant === 'number' ? instant : instant.getTime();
    this.advance(t - this.current);
  }
}
