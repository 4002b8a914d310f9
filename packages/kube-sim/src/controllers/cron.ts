/** A parsed 5-field cron schedule (minute hour day-of-month month day-of-week). */
export type CronSchedule = Array<Set<number>>;

const RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** Parses a schedule; throws an Error naming the bad field. */
export function parseCron(expr: string): CronSchedule {
  const fields = (MACROS[expr.trim()] ?? expr).trim().split(/\s+/);
  if (fields.length !== 5)
    throw new Error(`expected 5 fields, found ${fields.length}: "${expr}"`);
  return fields.map((f, i) => {
    const [lo, hi] = RANGES[i];
    const out = new Set<number>();
    for (const part of f.split(',')) {
      const m = /^(\*|\?|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
      if (!m) throw new Error(`invalid cron field "${f}" in "${expr}"`);
      const from = m[2] !== undefined ? Number(m[2]) : lo;
      let to = hi;
      if (m[3] !== undefined) to = Number(m[3]);
      else if (m[2] !== undefined && !m[4]) to = from;
      const step = m[4] ? Number(m[4]) : 1;
      if (from < lo || to > hi || step < 1)
        throw new Error(`cron field "${f}" is out of range in "${expr}"`);
      for (let v = from; v <= to; v += step)
        out.add(i === 4 && v === 7 ? 0 : v);
    }
    return out;
  });
}

/** The first scheduled minute strictly after `after` (UTC), within a year. */
export function nextRun(s: CronSchedule, after: Date): Date | undefined {
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  for (let i = 0; i < 366 * 24 * 60; i++) {
    if (
      s[0].has(t.getUTCMinutes()) &&
      s[1].has(t.getUTCHours()) &&
      s[2].has(t.getUTCDate()) &&
      s[3].has(t.getUTCMonth() + 1) &&
      s[4].has(t.getUTCDay())
    ) {
      return t;
    }
    t.setUTCMinutes(t.getUTCMinutes() + 1);
  }
  return undefined;
}
