/**
 * Go text/template's predefined functions (and/or are special forms in the
 * evaluator): not, len, index, print, printf, println, eq, ne, lt, le, gt,
 * ge, html, urlquery, js, slice — with fmt's printing rules.
 */
import type { TemplateFunction } from './exec';
import {
  formatFloat,
  formatValue,
  goEqual,
  GoValue,
  isMap,
  isStringMap,
  isTrue,
  toNumber,
  typeName,
} from './values';

function fmtV(v: GoValue): string {
  // fmt.Sprint of one operand: nil interface prints <nil>.
  if (v === undefined || v === null) return '<nil>';
  return formatValue(v);
}

function quoteGo(s: string): string {
  return JSON.stringify(s).replace(/\\u007f/g, '\\x7f');
}

function pad(s: string, width: number | undefined, flags: string): string {
  if (width === undefined || s.length >= width) return s;
  if (flags.includes('-')) return s + ' '.repeat(width - s.length);
  if (flags.includes('0')) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    const body = sign ? s.slice(1) : s;
    return sign + '0'.repeat(width - s.length) + body;
  }
  return ' '.repeat(width - s.length) + s;
}

function isIntLike(v: GoValue): v is bigint | number {
  return (
    typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))
  );
}

function formatVerb(
  verb: string,
  flags: string,
  prec: number | undefined,
  arg: GoValue,
): string {
  const bad = () => `%!${verb}(${typeName(arg)}=${fmtV(arg)})`;
  switch (verb) {
    case 'v':
    case 's': {
      if (
        verb === 's' &&
        typeof arg !== 'string' &&
        (typeof arg !== 'object' || arg === null)
      ) {
        if (arg === undefined || arg === null) return '%!s(<nil>)';
        return typeof arg === 'boolean' ||
          typeof arg === 'number' ||
          typeof arg === 'bigint'
          ? bad()
          : fmtV(arg);
      }
      const s = fmtV(arg);
      return prec !== undefined ? [...s].slice(0, prec).join('') : s;
    }
    case 'q':
      if (typeof arg === 'string') return quoteGo(arg);
      return isIntLike(arg) ? `'${String.fromCodePoint(Number(arg))}'` : bad();
    case 'd': {
      if (typeof arg === 'bigint')
        return (flags.includes('+') && arg >= 0n ? '+' : '') + arg.toString();
      return bad();
    }
    case 't':
      return typeof arg === 'boolean' ? String(arg) : bad();
    case 'f':
    case 'F':
    case 'e':
    case 'g': {
      const n = typeof arg === 'number' ? arg : undefined;
      if (n === undefined) return bad();
      const sign = flags.includes('+') && n >= 0 ? '+' : '';
      if (verb === 'e')
        return (
          sign + n.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2')
        );
      if (verb === 'g')
        return (
          sign +
          (prec === undefined
            ? formatFloat(n)
            : String(Number(n.toPrecision(prec))))
        );
      return sign + n.toFixed(prec ?? 6);
    }
    case 'x':
    case 'X': {
      let out: string;
      if (typeof arg === 'bigint')
        out = (arg < 0n ? '-' : '') + (arg < 0n ? -arg : arg).toString(16);
      else if (typeof arg === 'string')
        out = Buffer.from(arg, 'utf8').toString('hex');
      else return bad();
      return verb === 'X' ? out.toUpperCase() : out;
    }
    case 'o':
      return typeof arg === 'bigint' ? arg.toString(8) : bad();
    case 'b':
      return typeof arg === 'bigint' ? arg.toString(2) : bad();
    case 'c':
      return typeof arg === 'bigint'
        ? String.fromCodePoint(Number(arg))
        : bad();
    default:
      return `%!${verb}(${typeName(arg)}=${fmtV(arg)})`;
  }
}

/** Go's fmt.Sprintf for the common verbs (%v %s %d %q %t %f %e %g %x %X %o %b %c %%). */
export function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let argi = 0;
  const re = /%([-+# 0]*)(\d+)?(?:\.(\d*))?([a-zA-Z%])/g;
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const [, flags, width, precText, verb] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const prec = precText === undefined ? undefined : Number(precText || '0');
    out += pad(
      formatVerb(verb, flags, prec, args[argi++]),
      width ? Number(width) : undefined,
      flags,
    );
  }
  out += format.slice(last);
  if (argi < args.length) {
    out += `%!(EXTRA ${args
      .slice(argi)
      .map(a => `${typeName(a)}=${fmtV(a)}`)
      .join(', ')})`;
  }
  return out;
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: GoValue[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string')
      out += ' ';
    out += fmtV(a);
  });
  return out;
}

const JS_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
};

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function compare(name: string, a: GoValue, b: GoValue): number {
  const na =
    typeof a === 'number' || typeof a === 'bigint' ? Number(a) : undefined;
  const nb =
    typeof b === 'number' || typeof b === 'bigint' ? Number(b) : undefined;
  if (na !== undefined && nb !== undefined) return Math.sign(na - nb);
  if (typeof a === 'string' && typeof b === 'string')
    return compareStrings(a, b);
  throw new Error(
    `incompatible types for comparison: ${typeName(a)} and ${typeName(
      b,
    )} (${name})`,
  );
}

function indexOne(item: GoValue, key: GoValue): GoValue {
  if (Array.isArray(item) || typeof item === 'string') {
    const n = toNumber(key);
    if (n === undefined || typeof key === 'string' || !Number.isInteger(n))
      throw new Error(`cannot index slice/array with type ${typeName(key)}`);
    if (n < 0 || n >= item.length) throw new Error(`index out of range: ${n}`);
    return typeof item === 'string'
      ? BigInt(Buffer.from(item, 'utf8')[n])
      : item[n];
  }
  if (isMap(item)) {
    if (typeof key !== 'string')
      throw new Error(`value has type ${typeName(key)}; should be string`);
    if (Object.prototype.hasOwnProperty.call(item, key)) return item[key];
    // Go's index gives the zero value of the element type for a missing key.
    return isStringMap(item) ? '' : undefined;
  }
  if (item === undefined || item === null)
    throw new Error('index of untyped nil');
  throw new Error(`can't index item of type ${typeName(item)}`);
}

export const builtinFunctions: Record<string, TemplateFunction> = {
  not: (...a) => {
    if (a.length !== 1)
      throw new Error(`wrong number of args for not: want 1 got ${a.length}`);
    return !isTrue(a[0]);
  },
  len: (...a) => {
    const v = a[0];
    if (typeof v === 'string') return BigInt(Buffer.byteLength(v, 'utf8'));
    if (Array.isArray(v)) return BigInt(v.length);
    if (isMap(v)) return BigInt(Object.keys(v).length);
    throw new Error(
      `len of ${
        v === undefined || v === null ? 'nil pointer' : `type ${typeName(v)}`
      }`,
    );
  },
  index: (item, ...keys) =>
    keys.reduce<GoValue>((acc, k) => indexOne(acc, k), item),
  slice: (item, ...idx) => {
    const n = idx.map(i => Number(i));
    if (typeof item === 'string')
      return item.slice(n[0] ?? 0, n[1] ?? item.length);
    if (Array.isArray(item)) return item.slice(n[0] ?? 0, n[1] ?? item.length);
    throw new Error(`can't slice item of type ${typeName(item)}`);
  },
  print: (...a) => sprint(a),
  printf: (format, ...a) =>
    sprintf(typeof format === 'string' ? format : fmtV(format), a),
  println: (...a) => `${a.map(fmtV).join(' ')}\n`,
  eq: (a, ...rest) => {
    if (rest.length === 0) throw new Error('missing argument for comparison');
    return rest.some(b => goEqual(a, b));
  },
  ne: (a, b) => !goEqual(a, b),
  lt: (a, b) => compare('lt', a, b) < 0,
  le: (a, b) => compare('le', a, b) <= 0,
  gt: (a, b) => compare('gt', a, b) > 0,
  ge: (a, b) => compare('ge', a, b) >= 0,
  html: (...a) =>
    sprint(a)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&#34;')
      .replace(/'/g, '&#39;'),
  urlquery: (...a) => encodeURIComponent(sprint(a)).replace(/%20/g, '+'),
  js: (...a) =>
    sprint(a).replace(
      /[\\'"<>&=]/g,
      c =>
        JS_ESCAPES[c] ??
        `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
    ),
};
