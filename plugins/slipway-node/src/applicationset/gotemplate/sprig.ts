/**
 * The Sprig functions ApplicationSet templates commonly use, with Sprig's
 * argument order (the piped value comes last), plus Argo CD's additions:
 * normalize, slugify, toYaml, fromYaml, fromYamlArray.
 */
import { createHash } from 'node:crypto';
import * as posixPath from 'node:path/posix';
import YAML from 'yaml';
import type { TemplateFunction } from './exec';
import {
  GoValue,
  isMap,
  isTrue,
  normalizeForJson,
  toInt,
  toNumber,
  toStr,
  typeName,
} from './values';
import { sanitizeName, slugify } from '../names';
import { cloneData, mergeFill, mergeOverride } from '../params';

const s = toStr;

function list(v: GoValue, fn: string): GoValue[] {
  if (Array.isArray(v)) return v;
  throw new Error(`cannot ${fn} on type ${typeName(v)}`);
}

function map(v: GoValue, fn: string): Record<string, GoValue> {
  if (isMap(v)) return v;
  throw new Error(`${fn} expects a map, got ${typeName(v)}`);
}

/** Go's encoding/json output: sorted keys, HTML-safe escapes. */
export function toJson(v: GoValue, indent?: number): string {
  return JSON.stringify(normalizeForJson(v), null, indent)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

const YAML11_NON_STRINGS = new Set([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'],
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off'],
  ...['OFF', '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '<<'],
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'],
  ...['-.inf', '-.Inf', '-.INF'],
]);

/**
 * Whether go-yaml v2 would read the plain scalar `text` as something other
 * than a string (YAML 1.1: yes/no/on/off, null, numbers with Go's base
 * prefixes and underscores, timestamps, base-60 numbers), so that it
 * writes `text` double-quoted.
 */
export function goYamlNeedsQuotes(text: string): boolean {
  if (YAML11_NON_STRINGS.has(text)) return true;
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(text))
    return true;
  const c = text[0];
  if (c === '.') return /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(text);
  if (!/[-+0-9]/.test(c)) return false;
  if (
    /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]| )[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2})?)?$/.test(
      text,
    )
  )
    return true;
  const plain = text.replace(/_/g, '');
  return (
    /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.test(
      plain,
    ) ||
    /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(plain)
  );
}

/**
 * Argo CD's toYaml (sigs.k8s.io/yaml over go-yaml v2): sorted keys, block
 * style with list items at the indentation of their key, multi-line
 * strings as literal blocks, strings that would read as another type
 * double-quoted, other strings that cannot be plain single-quoted; no
 * trailing newline.
 */
export function toYaml(v: GoValue): string {
  const doc = new YAML.Document(normalizeForJson(v), { sortMapEntries: true });
  YAML.visit(doc, {
    Scalar(key, node) {
      if (typeof node.value !== 'string') return;
      if (node.value.includes('\n'))
        node.type = key === 'key' ? 'QUOTE_DOUBLE' : 'BLOCK_LITERAL';
      else if (goYamlNeedsQuotes(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc
    .toString({ indentSeq: false, lineWidth: 0, singleQuote: true })
    .replace(/\n$/, '');
}

function fromJsonValue(v: unknown): GoValue {
  return v as GoValue;
}

function words(str: string): string[] {
  return str
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

function arith(
  name: string,
  fn: (a: bigint, b: bigint) => bigint,
): TemplateFunction {
  return (...a) => {
    if (a.length === 0) throw new Error(`wrong number of args for ${name}`);
    return a.map(toInt).reduce(fn);
  };
}

function regex(pattern: GoValue): RegExp {
  // Go RE2 and JS regexps agree on the syntax ApplicationSets use.
  return new RegExp(s(pattern), 'g');
}

const sprigFunctions: Record<string, TemplateFunction> = {
  // Defaults and flow
  default: (def, ...given) =>
    given.length && isTrue(given[0]) ? given[0] : def,
  empty: v => !isTrue(v),
  coalesce: (...a) => a.find(isTrue),
  ternary: (t, f, cond) => (isTrue(cond) ? t : f),
  fail: msg => {
    throw new Error(s(msg));
  },
  required: (msg, v) => {
    if (v === undefined || v === null || v === '') throw new Error(s(msg));
    return v;
  },

  // Strings
  lower: v => s(v).toLowerCase(),
  upper: v => s(v).toUpperCase(),
  title: v =>
    s(v).replace(
      /(^|[^A-Za-z0-9'])([a-z])/g,
      (_m, p, c) => p + c.toUpperCase(),
    ),
  trim: v => s(v).trim(),
  trimAll: (cut, v) => {
    const chars = [...s(cut)];
    let str = s(v);
    while (str && chars.includes(str[0])) str = str.slice(1);
    while (str && chars.includes(str[str.length - 1])) str = str.slice(0, -1);
    return str;
  },
  trimPrefix: (p, v) =>
    s(v).startsWith(s(p)) ? s(v).slice(s(p).length) : s(v),
  trimSuffix: (x, v) =>
    s(x) && s(v).endsWith(s(x)) ? s(v).slice(0, -s(x).length) : s(v),
  trunc: (n, v) => {
    const len = Number(toInt(n));
    const str = s(v);
    if (len < 0)
      return str.length + len < 0 ? str : str.slice(str.length + len);
    return str.slice(0, len);
  },
  substr: (start, end, v) => {
    const str = s(v);
    let a = Number(toInt(start));
    const b = Number(toInt(end));
    if (a < 0) a = 0;
    if (b < 0 || b > str.length) return str.slice(a);
    return a > b ? '' : str.slice(a, b);
  },
  // strings.Replace(v, old, new, -1): an empty `old` matches around every character.
  replace: (oldS, newS, v) =>
    s(oldS) === ''
      ? [...s(v)].map(ch => s(newS) + ch).join('') + s(newS)
      : s(v).split(s(oldS)).join(s(newS)),
  repeat: (n, v) =>
    s(v).repeat(Math.max(0, Math.min(Number(toInt(n)), 100000))),
  contains: (sub, v) => s(v).includes(s(sub)),
  hasPrefix: (p, v) => s(v).startsWith(s(p)),
  hasSuffix: (x, v) => s(v).endsWith(s(x)),
  quote: (...a) =>
    a
      .filter(x => x !== undefined && x !== null)
      .map(x => JSON.stringify(s(x)))
      .join(' '),
  squote: (...a) =>
    a
      .filter(x => x !== undefined && x !== null)
      .map(x => `'${s(x)}'`)
      .join(' '),
  cat: (...a) =>
    a
      .filter(x => x !== undefined && x !== null)
      .map(s)
      .join(' '),
  nospace: v => s(v).replace(/\s+/g, ''),
  indent: (n, v) => {
    const p = ' '.repeat(Number(toInt(n)));
    return p + s(v).replace(/\n/g, `\n${p}`);
  },
  nindent: (n, v) => {
    const p = ' '.repeat(Number(toInt(n)));
    return `\n${p}${s(v).replace(/\n/g, `\n${p}`)}`;
  },
  snakecase: v =>
    words(s(v))
      .map(w => w.toLowerCase())
      .join('_'),
  kebabcase: v =>
    words(s(v))
      .map(w => w.toLowerCase())
      .join('-'),
  camelcase: v =>
    words(s(v))
      .map(w => w[0].toUpperCase() + w.slice(1))
      .join(''),
  splitList: (sep, v) => s(v).split(s(sep)),
  split: (sep, v) =>
    Object.fromEntries(
      s(v)
        .split(s(sep))
        .map((p, i) => [`_${i}`, p]),
    ),
  join: (sep, v) => (Array.isArray(v) ? v.map(s).join(s(sep)) : s(v)),
  sortAlpha: v => list(v, 'sortAlpha').map(s).sort(),
  toString: (v: GoValue) => s(v),
  toStrings: v => list(v, 'toStrings').map(s),
  regexMatch: (re, v) => new RegExp(s(re)).test(s(v)),
  regexFind: (re, v) => new RegExp(s(re)).exec(s(v))?.[0] ?? '',
  regexFindAll: (re, v, n) => {
    const all = s(v).match(regex(re)) ?? [];
    const limit = Number(toInt(n));
    return limit < 0 ? all : all.slice(0, limit);
  },
  regexReplaceAll: (re, v, repl) =>
    s(v).replace(regex(re), s(repl).replace(/\$\{(\w+)\}/g, '$<$1>')),
  regexReplaceAllLiteral: (re, v, repl) =>
    s(v).replace(regex(re), () => s(repl)),
  regexSplit: (re, v, n) => {
    const parts = s(v).split(new RegExp(s(re)));
    const limit = Number(toInt(n));
    return limit < 0 ? parts : parts.slice(0, limit);
  },

  // Encoding
  b64enc: v => Buffer.from(s(v), 'utf8').toString('base64'),
  b64dec: v => Buffer.from(s(v), 'base64').toString('utf8'),
  sha256sum: v => createHash('sha256').update(s(v)).digest('hex'),
  sha1sum: v => createHash('sha1').update(s(v)).digest('hex'),
  toJson: v => toJson(v),
  mustToJson: v => toJson(v),
  toRawJson: v => JSON.stringify(normalizeForJson(v)),
  mustToRawJson: v => JSON.stringify(normalizeForJson(v)),
  toPrettyJson: v => toJson(v, 2),
  mustToPrettyJson: v => toJson(v, 2),
  fromJson: v => {
    try {
      return fromJsonValue(JSON.parse(s(v)));
    } catch {
      return {};
    }
  },
  mustFromJson: v => fromJsonValue(JSON.parse(s(v))),
  toYaml: v => toYaml(v),
  fromYaml: v => {
    const parsed = YAML.parse(s(v));
    if (parsed !== null && parsed !== undefined && !isMap(parsed))
      throw new Error('cannot unmarshal into a map');
    return (parsed ?? {}) as GoValue;
  },
  fromYamlArray: v => {
    const parsed = YAML.parse(s(v));
    if (parsed !== null && parsed !== undefined && !Array.isArray(parsed))
      throw new Error('cannot unmarshal into an array');
    return (parsed ?? []) as GoValue;
  },

  // Argo CD additions
  normalize: v => sanitizeName(s(v)),
  slugify: (...a) => {
    const name = a.length ? s(a[a.length - 1]) : '';
    const max = a.length > 1 ? Number(toInt(a[0])) : 50;
    const smart = a.length > 2 ? isTrue(a[1]) : true;
    return slugify(name, max, smart);
  },

  // Lists
  list: (...a) => a,
  first: v => (Array.isArray(v) ? v[0] : undefined),
  last: v => (Array.isArray(v) ? v[v.length - 1] : undefined),
  rest: v => list(v, 'rest').slice(1),
  initial: v => list(v, 'initial').slice(0, -1),
  append: (l, v) => [...list(l, 'append'), v],
  push: (l, v) => [...list(l, 'push'), v],
  prepend: (l, v) => [v, ...list(l, 'prepend')],
  concat: (...ls) => ls.flatMap(l => list(l, 'concat')),
  reverse: v => [...list(v, 'reverse')].reverse(),
  uniq: v =>
    list(v, 'uniq').filter(
      (x, i, arr) =>
        arr.findIndex(
          y =>
            JSON.stringify(normalizeForJson(y)) ===
            JSON.stringify(normalizeForJson(x)),
        ) === i,
    ),
  compact: v => list(v, 'compact').filter(isTrue),
  has: (needle, l) =>
    Array.isArray(l) &&
    l.some(
      x =>
        JSON.stringify(normalizeForJson(x)) ===
        JSON.stringify(normalizeForJson(needle)),
    ),
  without: (l, ...omit) =>
    list(l, 'without').filter(
      x =>
        !omit.some(
          o =>
            JSON.stringify(normalizeForJson(o)) ===
            JSON.stringify(normalizeForJson(x)),
        ),
    ),
  until: n => {
    const count = Math.min(Number(toInt(n)), 100000);
    return Array.from({ length: Math.max(0, count) }, (_x, i) => BigInt(i));
  },

  // Dictionaries
  dict: (...a) => {
    const out: Record<string, GoValue> = {};
    for (let i = 0; i < a.length; i += 2)
      out[s(a[i])] = i + 1 < a.length ? a[i + 1] : '';
    return out;
  },
  get: (m, k) =>
    isMap(m) && Object.prototype.hasOwnProperty.call(m, s(k)) ? m[s(k)] : '',
  set: (m, k, v) => {
    map(m, 'set')[s(k)] = v;
    return m;
  },
  unset: (m, k) => {
    delete map(m, 'unset')[s(k)];
    return m;
  },
  hasKey: (m, k) => isMap(m) && Object.prototype.hasOwnProperty.call(m, s(k)),
  keys: (...ms) => ms.flatMap(m => Object.keys(map(m, 'keys'))).sort(),
  values: m =>
    Object.keys(map(m, 'values'))
      .sort()
      .map(k => (m as Record<string, GoValue>)[k]),
  pick: (m, ...ks) =>
    Object.fromEntries(
      ks
        .map(s)
        .filter(k => Object.prototype.hasOwnProperty.call(map(m, 'pick'), k))
        .map(k => [k, (m as Record<string, GoValue>)[k]]),
    ),
  omit: (m, ...ks) =>
    Object.fromEntries(
      Object.entries(map(m, 'omit')).filter(([k]) => !ks.map(s).includes(k)),
    ),
  pluck: (k, ...ms) =>
    ms
      .filter(isMap)
      .filter(m => Object.prototype.hasOwnProperty.call(m, s(k)))
      .map(m => (m as Record<string, GoValue>)[s(k)]),
  dig: (...a) => {
    if (a.length < 3)
      throw new Error('dig needs at least one key, a default and a map');
    const m = a[a.length - 1];
    const def = a[a.length - 2];
    let cur: GoValue = map(m, 'dig');
    for (const k of a.slice(0, -2)) {
      if (!isMap(cur) || !Object.prototype.hasOwnProperty.call(cur, s(k)))
        return def;
      cur = cur[s(k)];
    }
    return cur;
  },

  // Numbers
  add: arith('add', (x, y) => x + y),
  sub: arith('sub', (x, y) => x - y),
  mul: arith('mul', (x, y) => x * y),
  div: arith('div', (x, y) => {
    if (y === 0n) throw new Error('integer divide by zero');
    return x / y;
  }),
  mod: arith('mod', (x, y) => {
    if (y === 0n) throw new Error('integer divide by zero');
    return x % y;
  }),
  add1: v => toInt(v) + 1n,
  max: arith('max', (x, y) => (x > y ? x : y)),
  min: arith('min', (x, y) => (x < y ? x : y)),
  int: v => toInt(v),
  int64: v => toInt(v),
  atoi: v => (/^[+-]?\d+$/.test(s(v).trim()) ? BigInt(s(v).trim()) : 0n),
  float64: v => toNumber(v) ?? 0,
  floor: v => Math.floor(toNumber(v) ?? 0),
  ceil: v => Math.ceil(toNumber(v) ?? 0),
  round: (v, p) => {
    const f = 10 ** Number(toInt(p ?? 0n));
    return Math.round((toNumber(v) ?? 0) * f) / f;
  },

  // Paths
  base: v => posixPath.basename(s(v)) || (s(v) === '' ? '.' : '/'),
  dir: v => posixPath.dirname(s(v)),
  ext: v => posixPath.extname(s(v)),
  clean: v => posixPath.normalize(s(v) || '.').replace(/(.)\/$/, '$1'),
  isAbs: v => s(v).startsWith('/'),
};

/** goutils.AbbreviateFull, as sprig's abbrev and abbrevboth use it. */
function abbreviate(str: string, offset: number, maxWidth: number): string {
  if (str === '' || str.length <= maxWidth) return str;
  let off = Math.min(offset, str.length);
  if (str.length - off < maxWidth - 3) off = str.length - (maxWidth - 3);
  if (off <= 4) return `${str.slice(0, maxWidth - 3)}...`;
  if (off + maxWidth - 3 < str.length)
    return `...${abbreviate(str.slice(off), 0, maxWidth - 3)}`;
  return `...${str.slice(str.length - (maxWidth - 3))}`;
}

/** sprig's untilStep: integers from start towards stop (exclusive). */
function untilStep(start: number, stop: number, step: number): bigint[] {
  const out: bigint[] = [];
  if (stop < start) {
    if (step >= 0) return out;
    for (let i = start; i > stop && out.length < 100000; i += step)
      out.push(BigInt(i));
    return out;
  }
  if (step <= 0) return out;
  for (let i = start; i < stop && out.length < 100000; i += step)
    out.push(BigInt(i));
  return out;
}

/** reflect.Kind of a value, as sprig's kindOf prints it. */
function kindOf(v: GoValue): string {
  if (v === undefined || v === null) return 'invalid';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? 'slice' : 'map';
}

/** reflect.DeepEqual: same types (int is not float64) and same contents. */
function deepEqual(a: GoValue, b: GoValue): boolean {
  if (typeName(a) !== typeName(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length &&
      ka.every(
        k =>
          Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]),
      )
    );
  }
  return a === b || (a === null && b === null);
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Encode(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  while (out.length % 8) out += '=';
  return out;
}

function base32Decode(text: string): string {
  const clean = text.replace(/=+$/, '');
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const ch of clean) {
    const i = B32.indexOf(ch);
    if (i < 0) return '';
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function adler32(text: string): number {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(text, 'utf8')) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return b * 65536 + a;
}

function chunk(size: GoValue, l: GoValue, fn: string): GoValue[] {
  const n = Number(toInt(size));
  const items = list(l, fn);
  if (n <= 0) return [];
  const out: GoValue[] = [];
  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));
  return out;
}

function floatArith(
  name: string,
  fn: (a: number, b: number) => number,
): TemplateFunction {
  return (...a) => {
    if (a.length === 0) throw new Error(`wrong number of args for ${name}`);
    return a.map(v => toNumber(v) ?? 0).reduce(fn);
  };
}

function mustList(fn: string, f: TemplateFunction): TemplateFunction {
  return (...a) => {
    const target = a[a.length - 1];
    if (fn === 'mustFirst' || fn === 'mustLast' || fn === 'mustRest')
      list(target, fn);
    return f(...a);
  };
}

/** Sprig functions beyond the common ones: the deterministic rest of Sprig. */
const moreSprigFunctions: Record<string, TemplateFunction> = {
  hello: () => 'Hello!',
  abbrev: (width, v) => {
    const w = Number(toInt(width));
    return w < 4 ? s(v) : abbreviate(s(v), 0, w);
  },
  abbrevboth: (left, right, v) => {
    const l = Number(toInt(left));
    const r = Number(toInt(right));
    if (r < 4 || (l > 0 && r < 7)) return s(v);
    return abbreviate(s(v), l, r);
  },
  untitle: v =>
    s(v).replace(/(^|\s)(\S)/g, (_m, p, c: string) => p + c.toLowerCase()),
  initials: v =>
    s(v)
      .split(/\s+/)
      .filter(Boolean)
      .map(w => [...w][0])
      .join(''),
  swapcase: v =>
    [...s(v)]
      .map(c => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()))
      .join(''),
  trimall: (cut, v) => sprigFunctions.trimAll(cut, v),
  plural: (one, many, count) => (Number(toInt(count)) === 1 ? s(one) : s(many)),
  adler32sum: v => String(adler32(s(v))),
  splitn: (sep, n, v) => {
    const limit = Number(toInt(n));
    const parts = s(v).split(s(sep));
    let out = parts;
    if (limit === 0) out = [];
    else if (limit > 0 && parts.length > limit)
      out = [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(s(sep))];
    return Object.fromEntries(out.map((p, i) => [`_${i}`, p]));
  },
  untilStep: (start, stop, step) =>
    untilStep(Number(toInt(start)), Number(toInt(stop)), Number(toInt(step))),
  seq: (...a) => {
    const p = a.map(x => Number(toInt(x)));
    let items: bigint[] = [];
    if (p.length === 1) {
      const inc = p[0] < 1 ? -1 : 1;
      items = untilStep(1, p[0] + inc, inc);
    } else if (p.length === 2) {
      const step = p[1] < p[0] ? -1 : 1;
      items = untilStep(p[0], p[1] + step, step);
    } else if (p.length === 3) {
      const [start, step, end] = p;
      let inc = 1;
      if (end < start) {
        inc = -1;
        if (step > 0) return '';
      }
      items = untilStep(start, end + inc, step);
    }
    return items.join(' ');
  },
  toDecimal: v => {
    const str = s(v);
    return /^[+-]?[0-7]+$/.test(str) ? BigInt(parseInt(str, 8)) : 0n;
  },
  add1f: v => (toNumber(v) ?? 0) + 1,
  addf: floatArith('addf', (x, y) => x + y),
  subf: floatArith('subf', (x, y) => x - y),
  mulf: floatArith('mulf', (x, y) => x * y),
  divf: floatArith('divf', (x, y) => x / y),
  maxf: floatArith('maxf', (x, y) => Math.max(x, y)),
  minf: floatArith('minf', (x, y) => Math.min(x, y)),
  biggest: (...a) => sprigFunctions.max(...a),
  all: (...a) => a.every(isTrue),
  any: (...a) => a.some(isTrue),
  mustCompact: v => sprigFunctions.compact(v),
  deepCopy: v => cloneData(v),
  mustDeepCopy: v => cloneData(v),
  typeOf: v => typeName(v),
  typeIs: (t, v) => s(t) === typeName(v),
  typeIsLike: (t, v) => s(t) === typeName(v) || s(t) === `*${typeName(v)}`,
  kindOf: v => kindOf(v),
  kindIs: (k, v) => s(k) === kindOf(v),
  deepEqual: (a, b) => deepEqual(a, b),
  osBase: v => sprigFunctions.base(v),
  osClean: v => sprigFunctions.clean(v),
  osDir: v => sprigFunctions.dir(v),
  osExt: v => sprigFunctions.ext(v),
  osIsAbs: v => sprigFunctions.isAbs(v),
  b32enc: v => base32Encode(s(v)),
  b32dec: v => base32Decode(s(v)),
  tuple: (...a) => a,
  // mergo.Merge(dst, src...) fills what dst lacks; mergeOverwrite lets src win.
  merge: (dst, ...srcs) =>
    srcs.reduce<GoValue>(
      (acc, src) => mergeFill(map(acc, 'merge'), map(src, 'merge')) as GoValue,
      dst,
    ),
  mergeOverwrite: (dst, ...srcs) =>
    srcs.reduce<GoValue>(
      (acc, src) =>
        mergeOverride(
          map(acc, 'mergeOverwrite'),
          map(src, 'mergeOverwrite'),
        ) as GoValue,
      dst,
    ),
  mustSlice: (l, ...idx) => {
    const items = list(l, 'mustSlice');
    const n = idx.map(i => Number(toInt(i)));
    return items.slice(n[0] ?? 0, n[1] ?? items.length);
  },
  mustMerge: (...a) => moreSprigFunctions.merge(...a),
  mustMergeOverwrite: (...a) => moreSprigFunctions.mergeOverwrite(...a),
  chunk: (size, l) => chunk(size, l, 'chunk'),
  mustChunk: (size, l) => chunk(size, l, 'mustChunk'),
  regexQuoteMeta: v => s(v).replace(/[\\.+*?()|[\]{}^$]/g, '\\$&'),
  mustRegexMatch: (re, v) => sprigFunctions.regexMatch(re, v),
  mustRegexFind: (re, v) => sprigFunctions.regexFind(re, v),
  mustRegexFindAll: (re, v, n) => sprigFunctions.regexFindAll(re, v, n),
  mustRegexReplaceAll: (re, v, r) => sprigFunctions.regexReplaceAll(re, v, r),
  mustRegexReplaceAllLiteral: (re, v, r) =>
    sprigFunctions.regexReplaceAllLiteral(re, v, r),
  mustRegexSplit: (re, v, n) => sprigFunctions.regexSplit(re, v, n),
};

for (const name of [
  'append',
  'push',
  'prepend',
  'first',
  'rest',
  'last',
  'initial',
  'reverse',
  'uniq',
  'without',
  'has',
]) {
  const mustName = `must${name[0].toUpperCase()}${name.slice(1)}`;
  moreSprigFunctions[mustName] = mustList(mustName, sprigFunctions[name]);
}

Object.assign(sprigFunctions, moreSprigFunctions);

export { sprigFunctions };
