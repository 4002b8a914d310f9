/**
 * Sprig's date functions (sprig v3.3.0 date.go): now, date, dateInZone,
 * htmlDate, htmlDateInZone, toDate, mustToDate, unixEpoch, dateModify,
 * mustDateModify, ago, duration, durationRound, and their snake_case
 * aliases. Where sprig switches on Go types, int and int64 are bigint
 * here; a float64 (a number from JSON or YAML data) falls into sprig's
 * default case, as it does in Argo CD.
 */
import type { TemplateFunction } from './exec';
import {
  formatDuration,
  HOUR,
  MINUTE,
  parseDuration,
  roundDuration,
  SECOND,
} from './goDuration';
import { GoTime, parseInLocation } from './goTime';
import { loadLocation, UTC } from './goZone';
import { s } from './sprigArgs';
import { GoValue, typeName } from './values';

const systemClock = () => BigInt(Date.now()) * 1_000_000n;
let clock: () => bigint = systemClock;

/**
 * Replaces the clock of `now`, `ago` and the other functions that read the
 * current time (Unix nanoseconds), for deterministic tests; no argument
 * restores the system clock.
 */
export function setTemplateClock(now?: () => bigint): void {
  clock = now ?? systemClock;
}

const now = () => GoTime.fromUnixNano(clock());

/** sprig's date switch: a time, int seconds since the epoch, else now. */
function dateArg(v: GoValue): GoTime {
  if (v instanceof GoTime) return v;
  if (typeof v === 'bigint') return GoTime.unix(Number(v));
  return now();
}

/** A time.Time parameter, or text/template's error for another type. */
function timeParam(v: GoValue): GoTime {
  if (v instanceof GoTime) return v;
  throw new Error(
    `wrong type for value; expected time.Time; got ${typeName(v)}`,
  );
}

/** An unknown zone falls back to UTC, as sprig does. */
function dateInZone(layout: GoValue, date: GoValue, zone: GoValue): string {
  return dateArg(date)
    .in(loadLocation(s(zone)) ?? UTC)
    .format(s(layout));
}

function dateModify(modification: GoValue, date: GoValue): GoTime {
  const t = timeParam(date);
  try {
    return t.add(parseDuration(s(modification)));
  } catch {
    return t;
  }
}

const DAY = 24n * HOUR;
const INT64_MAX = (1n << 63n) - 1n;

/** sprig's durationRound: the largest whole unit, from years to seconds. */
function durationRound(v: GoValue): string {
  let d = 0n;
  if (typeof v === 'string') {
    try {
      d = parseDuration(v);
    } catch {
      d = 0n;
    }
  } else if (typeof v === 'bigint') d = BigInt.asIntN(64, v);
  else if (v instanceof GoTime) d = now().sub(v);
  const u = d < 0n ? -d : d;
  const units: Array<[bigint, string]> = [
    [365n * DAY, 'y'],
    [30n * DAY, 'mo'],
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'm'],
    [SECOND, 's'],
  ];
  for (const [unit, name] of units) if (u > unit) return `${u / unit}${name}`;
  return '0s';
}

/**
 * sprig's duration: seconds (int64 or a decimal string) as a Duration. Go
 * passes a literal `95` as int, which sprig reads as 0 (sprig issue #269);
 * int and int64 are both bigint here, so it is 1m35s as sprig's docs say.
 */
function duration(v: GoValue): string {
  let n = 0n;
  if (typeof v === 'string') {
    // strconv.ParseInt: bad syntax gives 0, out of range the nearest int64.
    n = /^[+-]?\d+$/.test(v) ? BigInt(v) : 0n;
    if (n > INT64_MAX) n = INT64_MAX;
    if (n < -INT64_MAX - 1n) n = -INT64_MAX - 1n;
  } else if (typeof v === 'bigint') n = BigInt.asIntN(64, v);
  // time.Duration(n) * time.Second wraps around like Go's int64.
  return formatDuration(BigInt.asIntN(64, n * SECOND));
}

function ago(v: GoValue): string {
  return formatDuration(roundDuration(now().sub(dateArg(v)), SECOND));
}

const date: TemplateFunction = (layout, d) => dateInZone(layout, d, 'Local');

export const timeSprigFunctions: Record<string, TemplateFunction> = {
  now: () => now(),
  date,
  dateInZone,
  date_in_zone: dateInZone,
  htmlDate: d => dateInZone('2006-01-02', d, 'Local'),
  htmlDateInZone: (d, zone) => dateInZone('2006-01-02', d, zone),
  dateModify,
  date_modify: dateModify,
  mustDateModify: (modification, d) =>
    timeParam(d).add(parseDuration(s(modification))),
  must_date_modify: (modification, d) =>
    timeParam(d).add(parseDuration(s(modification))),
  // A value that does not parse is the zero time for toDate.
  toDate: (layout, value) => {
    try {
      return parseInLocation(s(layout), s(value));
    } catch {
      return GoTime.zero();
    }
  },
  mustToDate: (layout, value) => parseInLocation(s(layout), s(value)),
  unixEpoch: d => String(timeParam(d).sec),
  ago,
  duration,
  durationRound,
};
