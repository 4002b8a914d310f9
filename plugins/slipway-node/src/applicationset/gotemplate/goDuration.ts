/**
 * Go's time.Duration (int64 nanoseconds, kept as bigint so that no
 * nanosecond is lost): ParseDuration, Duration.String and Duration.Round,
 * ported from Go's time package.
 */

export const NANOSECOND = 1n;
export const MICROSECOND = 1000n;
export const MILLISECOND = 1_000_000n;
export const SECOND = 1_000_000_000n;
export const MINUTE = 60n * SECOND;
export const HOUR = 60n * MINUTE;

const MAX_INT64 = (1n << 63n) - 1n;

const UNITS: Record<string, bigint> = {
  ns: NANOSECOND,
  us: MICROSECOND,
  '\u00b5s': MICROSECOND, // U+00B5 micro sign
  '\u03bcs': MICROSECOND, // U+03BC Greek letter mu
  ms: MILLISECOND,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
};

/**
 * Go's time package quote(): double quotes, `"` and `\` escaped, bytes of
 * non-ASCII and control characters written as \xNN.
 */
export function goTimeQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x80 || code < 0x20) {
      for (const byte of Buffer.from(ch, 'utf8'))
        out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
    }
  }
  return `${out}"`;
}

const isDigit = (c: string | undefined) =>
  c !== undefined && c >= '0' && c <= '9';

/** time.ParseDuration: e.g. "300ms", "-1.5h", "2h45m". Throws Go's errors. */
export function parseDuration(orig: string): bigint {
  const invalid = () =>
    new Error(`time: invalid duration ${goTimeQuote(orig)}`);
  let str = orig;
  let neg = false;
  if (str !== '' && (str[0] === '-' || str[0] === '+')) {
    neg = str[0] === '-';
    str = str.slice(1);
  }
  if (str === '0') return 0n;
  if (str === '') throw invalid();
  let d = 0n;
  while (str !== '') {
    if (!(str[0] === '.' || isDigit(str[0]))) throw invalid();
    let i = 0;
    while (isDigit(str[i])) i++;
    const pre = i > 0;
    let v = pre ? BigInt(str.slice(0, i)) : 0n;
    if (v > 1n << 63n) throw invalid();
    str = str.slice(i);
    // Fraction digits beyond int64 precision are consumed but ignored.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (str !== '' && str[0] === '.') {
      str = str.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(str[j])) {
        if (!overflow) {
          const next = f * 10n + BigInt(str[j]);
          if (f > MAX_INT64 / 10n || next > 1n << 63n) overflow = true;
          else {
            f = next;
            scale *= 10;
          }
        }
        j++;
      }
      post = j > 0;
      str = str.slice(j);
    }
    if (!pre && !post) throw invalid();
    let u = 0;
    while (u < str.length && str[u] !== '.' && !isDigit(str[u])) u++;
    if (u === 0)
      throw new Error(`time: missing unit in duration ${goTimeQuote(orig)}`);
    const unitName = str.slice(0, u);
    str = str.slice(u);
    const unit = UNITS[unitName];
    if (unit === undefined)
      throw new Error(
        `time: unknown unit ${goTimeQuote(unitName)} in duration ${goTimeQuote(
          orig,
        )}`,
      );
    if (v > (1n << 63n) / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      // Go computes the fraction in float64, as done here.
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > 1n << 63n) throw invalid();
    }
    d += v;
    if (d > 1n << 63n) throw invalid();
  }
  if (neg) return -d;
  if (d > MAX_INT64) throw invalid();
  return d;
}

/** The digits of v / 10**prec after the point, trailing zeros dropped. */
function fraction(v: bigint, prec: number): [string, bigint] {
  let digits = '';
  let print = false;
  let rest = v;
  for (let i = 0; i < prec; i++) {
    const digit = rest % 10n;
    print = print || digit !== 0n;
    if (print) digits = digit.toString() + digits;
    rest /= 10n;
  }
  return [print ? `.${digits}` : '', rest];
}

/** Duration.String: "1h2m3.5s", "1.5ms", "0s". */
export function formatDuration(d: bigint): string {
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < SECOND) {
    // Below a second, smaller units are used, like 1.2ms.
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < MICROSECOND) [prec, unit] = [0, 'ns'];
    else if (u < MILLISECOND) [prec, unit] = [3, '\u00b5s'];
    else [prec, unit] = [6, 'ms'];
    const [frac, whole] = fraction(u, prec);
    out = `${whole}${frac}${unit}`;
  } else {
    const [frac, secs] = fraction(u, 9);
    u = secs;
    out = `${u % 60n}${frac}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      // Hours are the largest unit: days differ in length.
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** Duration.Round(m): halfway values round away from zero. */
export function roundDuration(d: bigint, m: bigint): bigint {
  if (m <= 0n) return d;
  let r = d % m;
  if (d < 0n) {
    r = -r;
    return r + r < m ? d + r : d - m + r;
  }
  return r + r < m ? d - r : d + m - r;
}
