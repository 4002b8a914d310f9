/**
 * time.Parse's reading of a value with a Go layout, ported from Go's
 * time/format.go with its error messages. The caller resolves the zone.
 */
import {
  daysIn,
  isLeap,
  LONG_DAYS,
  LONG_MONTHS,
  SHORT_DAYS,
  SHORT_MONTHS,
} from './goCalendar';
import { goTimeQuote } from './goDuration';
import { nextStdChunk, ParsedTime } from './goTimeLayout';

/** A value that does not match the layout element. */
class Bad extends Error {}
/** A field outside its range, e.g. "month". */
class RangeProblem extends Error {}

const isDigitAt = (s: string, i: number) =>
  i < s.length && s[i] >= '0' && s[i] <= '9';

/** time's leadingInt + atoi: an optional sign and digits, nothing else. */
function atoi(text: string): number {
  let s = text;
  let neg = false;
  if (s.length > 0 && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (!/^\d*$/.test(s)) throw new Bad();
  const x = s === '' ? 0 : Number(s);
  return neg ? -x : x;
}

/** One or two digits (exactly two when fixed). */
function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigitAt(s, 0)) throw new Bad();
  if (!isDigitAt(s, 1)) {
    if (fixed) throw new Bad();
    return [Number(s[0]), s.slice(1)];
  }
  return [Number(s.slice(0, 2)), s.slice(2)];
}

/** One to three digits (exactly three when fixed). */
function getnum3(s: string, fixed: boolean): [number, string] {
  let i = 0;
  while (i < 3 && isDigitAt(s, i)) i++;
  if (i === 0 || (fixed && i !== 3)) throw new Bad();
  return [Number(s.slice(0, i)), s.slice(i)];
}

/** A name from a table, matched ASCII case-insensitively. */
function lookup(table: string[], value: string): [number, string] {
  const i = table.findIndex(
    name => value.slice(0, name.length).toLowerCase() === name.toLowerCase(),
  );
  if (i < 0) throw new Bad();
  return [i, value.slice(table[i].length)];
}

/** Skips the literal text of the layout; a space matches any run of spaces. */
function skip(value: string, prefix: string): string {
  let v = value;
  let p = prefix;
  while (p.length > 0) {
    if (p[0] === ' ') {
      if (v.length > 0 && v[0] !== ' ') throw new Bad();
      p = p.replace(/^ +/, '');
      v = v.replace(/^ +/, '');
      continue;
    }
    if (v.length === 0 || v[0] !== p[0]) throw new Bad();
    p = p.slice(1);
    v = v.slice(1);
  }
  return v;
}

const commaOrPeriod = (c: string | undefined) => c === '.' || c === ',';

/** A fractional second of nbytes (separator included) as nanoseconds. */
function parseNanoseconds(value: string, nbytes: number): number {
  if (!commaOrPeriod(value[0])) throw new Bad();
  const n = Math.min(nbytes, 10);
  const ns = atoi(value.slice(1, n));
  if (ns < 0) throw new RangeProblem('fractional second');
  return ns * 10 ** (10 - n);
}

/** "+hh" after a sign, hours at most 12: the length consumed, or 0. */
function parseSignedOffset(value: string): number {
  if (value[0] !== '-' && value[0] !== '+') return 0;
  const digits = /^\d+/.exec(value.slice(1));
  if (!digits || Number(digits[0]) > 12) return 0;
  return 1 + digits[0].length;
}

/** The length of a zone abbreviation at the start of value, or 0. */
function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith('ChST') || value.startsWith('MeST')) return 4;
  if (value.startsWith('GMT'))
    return value.length === 3 ? 3 : 3 + parseSignedOffset(value.slice(3));
  if (value[0] === '+' || value[0] === '-') return parseSignedOffset(value);
  const upper = /^[A-Z]{0,6}/.exec(value)![0].length;
  if (upper === 3) return 3;
  if (upper === 4 && (value[3] === 'T' || value.startsWith('WITA'))) return 4;
  if (upper === 5 && value[4] === 'T') return 5;
  return 0;
}

function parseError(
  layout: string,
  value: string,
  layoutElem: string,
  valueElem: string,
  message = '',
): Error {
  const what = `parsing time ${goTimeQuote(value)}`;
  if (message) return new Error(what + message);
  return new Error(
    `${what} as ${goTimeQuote(layout)}: cannot parse ${goTimeQuote(
      valueElem,
    )} as ${goTimeQuote(layoutElem)}`,
  );
}

/** Field positions (hour, minute, second) of each numeric zone form. */
const ZONE_FORMS: Record<string, [number, [number, number, number]]> = {
  '-07:00': [6, [1, 4, -1]],
  '-07': [3, [1, -1, -1]],
  '-07:00:00': [9, [1, 4, 7]],
  '-070000': [7, [1, 3, 5]],
  '-0700': [5, [1, 3, -1]],
};

/** Reads the numeric zone of `code` ("-0700", "Z07:00", ...) from value. */
function numericZone(code: string, value: string): [number, string] {
  const base = code.replace(/^Z/, '-');
  const [width, at] = ZONE_FORMS[base];
  if (value.length < width) throw new Bad();
  if (
    base.includes(':') &&
    (value[3] !== ':' || (width === 9 && value[6] !== ':'))
  )
    throw new Bad();
  // As in Go, a bad number still lets the range checks speak first.
  let bad = false;
  const [hr, mm, ss] = at.map(i => {
    if (i < 0 || bad) return 0;
    try {
      return getnum(value.slice(i, i + 2), true)[0];
    } catch {
      bad = true;
      return 0;
    }
  });
  // Go accepts 24 hours, 60 minutes and 60 seconds in offsets.
  let range = '';
  if (hr > 24) range = 'time zone offset hour';
  if (mm > 60) range = 'time zone offset minute';
  if (ss > 60) range = 'time zone offset second';
  if (range) throw new RangeProblem(range);
  const offset = (hr * 60 + mm) * 60 + ss;
  if (bad) throw new Bad();
  if (value[0] === '+') return [offset, value.slice(width)];
  if (value[0] === '-') return [-offset, value.slice(width)];
  throw new Bad();
}

/** Day of the year (1-366) as month and day. */
function fromYearDay(year: number, yday: number): [number, number] | undefined {
  let y = yday;
  if (isLeap(year)) {
    if (y === 31 + 29) return [2, 29];
    if (y > 31 + 29) y--;
  }
  if (y < 1 || y > 365) return undefined;
  let month = 1;
  let before = 0;
  while (before + daysIn(month, 2001) < y) before += daysIn(month++, 2001);
  return [month, y - before];
}

/**
 * time.Parse's reading of `value` with `layout`: the fields and how the
 * value names its zone. Throws Go's ParseError messages.
 */
export function parseLayout(layout: string, value: string): ParsedTime {
  const t: ParsedTime = {
    year: 0,
    month: -1,
    day: -1,
    hour: 0,
    min: 0,
    sec: 0,
    nsec: 0,
    zone: { kind: 'none' },
  };
  let yday = -1;
  let amSet = false;
  let pmSet = false;
  let zoneOffset: number | undefined;
  let zoneName = '';
  let utc = false;
  let rest = layout;
  let v = value;
  for (;;) {
    const { prefix, std, stdText, suffix } = nextStdChunk(rest);
    try {
      v = skip(v, prefix);
    } catch {
      throw parseError(layout, value, prefix, v);
    }
    if (!std) {
      if (v.length !== 0)
        throw parseError(
          layout,
          value,
          '',
          v,
          `: extra text: ${goTimeQuote(v)}`,
        );
      break;
    }
    rest = suffix;
    const hold = v;
    try {
      switch (std.code) {
        case '06': {
          if (v.length < 2) throw new Bad();
          t.year = atoi(v.slice(0, 2));
          v = v.slice(2);
          t.year += t.year >= 69 ? 1900 : 2000;
          break;
        }
        case '2006':
          if (v.length < 4 || !isDigitAt(v, 0)) throw new Bad();
          t.year = atoi(v.slice(0, 4));
          v = v.slice(4);
          break;
        case 'Jan':
        case 'January':
          [t.month, v] = lookup(
            std.code === 'Jan' ? SHORT_MONTHS : LONG_MONTHS,
            v,
          );
          t.month++;
          break;
        case '1':
        case '01':
          [t.month, v] = getnum(v, std.code === '01');
          if (t.month <= 0 || t.month > 12) throw new RangeProblem('month');
          break;
        case 'Mon':
        case 'Monday':
          // The weekday is only checked for syntax.
          [, v] = lookup(std.code === 'Mon' ? SHORT_DAYS : LONG_DAYS, v);
          break;
        case '2':
        case '_2':
        case '02':
          if (std.code === '_2' && v[0] === ' ') v = v.slice(1);
          [t.day, v] = getnum(v, std.code === '02');
          break;
        case '__2':
        case '002':
          for (let i = 0; i < 2; i++)
            if (std.code === '__2' && v[0] === ' ') v = v.slice(1);
          [yday, v] = getnum3(v, std.code === '002');
          break;
        case '15':
          [t.hour, v] = getnum(v, false);
          if (t.hour < 0 || t.hour >= 24) throw new RangeProblem('hour');
          break;
        case '3':
        case '03':
          [t.hour, v] = getnum(v, std.code === '03');
          if (t.hour < 0 || t.hour > 12) throw new RangeProblem('hour');
          break;
        case '4':
        case '04':
          [t.min, v] = getnum(v, std.code === '04');
          if (t.min < 0 || t.min >= 60) throw new RangeProblem('minute');
          break;
        case '5':
        case '05': {
          [t.sec, v] = getnum(v, std.code === '05');
          if (t.sec < 0 || t.sec >= 60) throw new RangeProblem('second');
          // A fractional second in the value but not in the layout.
          const next = nextStdChunk(rest).std?.code;
          if (
            v.length >= 2 &&
            commaOrPeriod(v[0]) &&
            isDigitAt(v, 1) &&
            next !== 'frac0' &&
            next !== 'frac9'
          ) {
            let n = 2;
            while (isDigitAt(v, n)) n++;
            t.nsec = parseNanoseconds(v, n);
            v = v.slice(n);
          }
          break;
        }
        case 'PM':
        case 'pm': {
          const p = v.slice(0, 2);
          const upper = std.code === 'PM';
          if (p === (upper ? 'PM' : 'pm')) pmSet = true;
          else if (p === (upper ? 'AM' : 'am')) amSet = true;
          else throw new Bad();
          v = v.slice(2);
          break;
        }
        case 'MST': {
          if (v.startsWith('UTC')) {
            utc = true;
            v = v.slice(3);
            break;
          }
          const n = parseTimeZone(v);
          if (n === 0) throw new Bad();
          zoneName = v.slice(0, n);
          v = v.slice(n);
          break;
        }
        case 'frac0': {
          const n = 1 + std.digits!;
          if (v.length < n) throw new Bad();
          t.nsec = parseNanoseconds(v, n);
          v = v.slice(n);
          break;
        }
        case 'frac9': {
          if (v.length < 2 || !commaOrPeriod(v[0]) || !isDigitAt(v, 1)) break;
          // Any number of digits, as the seconds element would take.
          let i = 0;
          while (isDigitAt(v, i + 1)) i++;
          t.nsec = parseNanoseconds(v, 1 + i);
          v = v.slice(1 + i);
          break;
        }
        default:
          if (std.code.startsWith('Z') && v[0] === 'Z') {
            utc = true;
            v = v.slice(1);
            break;
          }
          [zoneOffset, v] = numericZone(std.code, v);
      }
    } catch (e) {
      if (e instanceof RangeProblem)
        throw parseError(
          layout,
          value,
          stdText,
          v,
          `: ${e.message} out of range`,
        );
      if (e instanceof Bad) throw parseError(layout, value, stdText, hold);
      throw e;
    }
  }
  if (pmSet && t.hour < 12) t.hour += 12;
  else if (amSet && t.hour === 12) t.hour = 0;

  if (yday >= 0) {
    const md = fromYearDay(t.year, yday);
    if (!md)
      throw parseError(layout, value, '', v, ': day-of-year out of range');
    // A month or day also given must agree with the day of the year.
    if (t.month >= 0 && t.month !== md[0])
      throw parseError(
        layout,
        value,
        '',
        v,
        ': day-of-year does not match month',
      );
    if (t.day >= 0 && t.day !== md[1])
      throw parseError(
        layout,
        value,
        '',
        v,
        ': day-of-year does not match day',
      );
    [t.month, t.day] = md;
  } else {
    if (t.month < 0) t.month = 1;
    if (t.day < 0) t.day = 1;
  }
  if (t.day < 1 || t.day > daysIn(t.month, t.year))
    throw parseError(layout, value, '', v, ': day out of range');

  if (utc) t.zone = { kind: 'utc' };
  else if (zoneOffset !== undefined)
    t.zone = { kind: 'offset', offset: zoneOffset, name: zoneName };
  else if (zoneName !== '') t.zone = { kind: 'name', name: zoneName };
  return t;
}
