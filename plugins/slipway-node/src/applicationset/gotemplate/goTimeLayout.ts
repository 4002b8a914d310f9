/**
 * Go's reference-time layouts ("Mon Jan 2 15:04:05 MST 2006"): splitting a
 * layout into elements, formatting wall-clock fields with it, and parsing
 * a value with it — ported from Go's time/format.go, error messages
 * included. Zone resolution of a parsed value is goTime.ts's job.
 */
import { LONG_DAYS, LONG_MONTHS, SHORT_DAYS, SHORT_MONTHS } from './goCalendar';

/** A layout element, named by its reference text ("frac0"/"frac9": .000/.999). */
export interface Std {
  code: string;
  /** Digits of a fractional second and their separator ('.' or ','). */
  digits?: number;
  sep?: string;
}

export interface Chunk {
  prefix: string;
  std?: Std;
  /** The layout text of the element, for parse errors. */
  stdText: string;
  suffix: string;
}

const isDigitAt = (s: string, i: number) =>
  i < s.length && s[i] >= '0' && s[i] <= '9';
const ZERO_X = ['01', '02', '03', '04', '05', '06'];
const NUM_TZ = ['-070000', '-07:00:00', '-0700', '-07:00', '-07'];
const ISO_TZ = ['Z070000', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07'];

/** time.nextStdChunk: the text before the first layout element, the element, the rest. */
export function nextStdChunk(layout: string): Chunk {
  const at = (
    i: number,
    code: string,
    len = code.length,
    std?: Std,
  ): Chunk => ({
    prefix: layout.slice(0, i),
    std: std ?? { code },
    stdText: layout.slice(i, i + len),
    suffix: layout.slice(i + len),
  });
  const lowerAfter = (i: number) => /^[a-z]/.test(layout.slice(i));
  for (let i = 0; i < layout.length; i++) {
    const rest = layout.slice(i);
    switch (layout[i]) {
      case 'J':
        if (rest.startsWith('January')) return at(i, 'January');
        if (rest.startsWith('Jan') && !lowerAfter(i + 3)) return at(i, 'Jan');
        break;
      case 'M':
        if (rest.startsWith('Monday')) return at(i, 'Monday');
        if (rest.startsWith('Mon') && !lowerAfter(i + 3)) return at(i, 'Mon');
        if (rest.startsWith('MST')) return at(i, 'MST');
        break;
      case '0':
        if (rest.length >= 2 && rest[1] >= '1' && rest[1] <= '6')
          return at(i, ZERO_X[rest.charCodeAt(1) - 49]);
        if (rest.startsWith('002')) return at(i, '002');
        break;
      case '1':
        return rest.startsWith('15') ? at(i, '15') : at(i, '1');
      case '2':
        return rest.startsWith('2006') ? at(i, '2006') : at(i, '2');
      case '_':
        if (rest.startsWith('_2')) {
          // "_2006" is a literal "_" followed by the year.
          if (rest.startsWith('_2006')) return at(i + 1, '2006');
          return at(i, '_2');
        }
        if (rest.startsWith('__2')) return at(i, '__2');
        break;
      case '3':
      case '4':
      case '5':
        return at(i, layout[i]);
      case 'P':
        if (rest.startsWith('PM')) return at(i, 'PM');
        break;
      case 'p':
        if (rest.startsWith('pm')) return at(i, 'pm');
        break;
      case '-':
      case 'Z': {
        const tz = (layout[i] === '-' ? NUM_TZ : ISO_TZ).find(z =>
          rest.startsWith(z),
        );
        if (tz) return at(i, tz);
        break;
      }
      case '.':
      case ',':
        if (rest[1] === '0' || rest[1] === '9') {
          let j = i + 1;
          while (j < layout.length && layout[j] === rest[1]) j++;
          // Only a fractional second if the run of digits ends here.
          if (!isDigitAt(layout, j))
            return at(i, '', j - i, {
              code: rest[1] === '0' ? 'frac0' : 'frac9',
              digits: j - i - 1,
              sep: layout[i],
            });
        }
        break;
      default:
        break;
    }
  }
  return { prefix: layout, stdText: '', suffix: '' };
}

/** Wall-clock fields of a time in its zone. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  yday: number;
  weekday: number;
  hour: number;
  min: number;
  sec: number;
  nsec: number;
  abbr: string;
  offset: number;
}

/** Go's appendInt: zero-padded to width, the sign before the padding. */
function pad(x: number, width: number): string {
  const digits = String(Math.abs(x)).padStart(width, '0');
  return x < 0 ? `-${digits}` : digits;
}

function fraction(nsec: number, std: Std): string {
  const trim = std.code === 'frac9';
  if (trim && (std.digits === 0 || nsec === 0)) return '';
  let digits = pad(nsec, 9).slice(0, std.digits);
  if (trim) digits = digits.replace(/0+$/, '');
  return digits ? `${std.sep}${digits}` : '';
}

/** A numeric zone ("-0700", "Z07:00", ...); the Z forms print "Z" for UTC. */
function formatZone(code: string, offset: number): string {
  if (offset === 0 && code.startsWith('Z')) return 'Z';
  // Go's integer division truncates, so the sign comes from whole minutes.
  let minutes = Math.trunc(offset / 60);
  let abs = offset;
  let out = '+';
  if (minutes < 0) {
    out = '-';
    minutes = -minutes;
    abs = -abs;
  }
  out += pad(Math.trunc(minutes / 60), 2);
  const colon = code.includes(':');
  if (!code.endsWith('07')) out += (colon ? ':' : '') + pad(minutes % 60, 2);
  if (code.endsWith('0000') || code.endsWith(':00:00'))
    out += (colon ? ':' : '') + pad(abs % 60, 2);
  return out;
}

function formatStd(w: WallClock, std: Std): string {
  const hour12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  switch (std.code) {
    case '06':
      return pad(Math.abs(w.year) % 100, 2);
    case '2006':
      return pad(w.year, 4);
    case 'Jan':
      return SHORT_MONTHS[w.month - 1];
    case 'January':
      return LONG_MONTHS[w.month - 1];
    case '1':
      return String(w.month);
    case '01':
      return pad(w.month, 2);
    case 'Mon':
      return SHORT_DAYS[w.weekday];
    case 'Monday':
      return LONG_DAYS[w.weekday];
    case '2':
      return String(w.day);
    case '_2':
      return String(w.day).padStart(2, ' ');
    case '02':
      return pad(w.day, 2);
    case '__2':
      return String(w.yday).padStart(3, ' ');
    case '002':
      return pad(w.yday, 3);
    case '15':
      return pad(w.hour, 2);
    case '3':
      return String(hour12);
    case '03':
      return pad(hour12, 2);
    case '4':
      return String(w.min);
    case '04':
      return pad(w.min, 2);
    case '5':
      return String(w.sec);
    case '05':
      return pad(w.sec, 2);
    case 'PM':
      return w.hour >= 12 ? 'PM' : 'AM';
    case 'pm':
      return w.hour >= 12 ? 'pm' : 'am';
    case 'MST':
      // Without a zone name Go prints the offset as -0700.
      return w.abbr !== '' ? w.abbr : formatZone('-0700', w.offset);
    case 'frac0':
    case 'frac9':
      return fraction(w.nsec, std);
    default:
      return formatZone(std.code, w.offset);
  }
}

/** Time.Format with a Go layout. */
export function formatLayout(w: WallClock, layout: string): string {
  let out = '';
  let rest = layout;
  while (rest !== '') {
    const { prefix, std, suffix } = nextStdChunk(rest);
    out += prefix;
    if (!std) break;
    out += formatStd(w, std);
    rest = suffix;
  }
  return out;
}

/** How a parsed value names its zone. */
export type ParsedZone =
  | { kind: 'utc' }
  | { kind: 'offset'; offset: number; name: string }
  | { kind: 'name'; name: string }
  | { kind: 'none' };

export interface ParsedTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
  nsec: number;
  zone: ParsedZone;
}
