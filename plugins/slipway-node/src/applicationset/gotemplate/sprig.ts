/**
 * The Sprig functions ApplicationSet templates commonly use, with Sprig's
 * argument order (the piped value comes last), plus Argo CD's additions:
 * normalize, slugify, toYaml, fromYaml, fromYamlArray.
 */
import { createHash } from 'node:crypto';
import * as posixPath from 'node:path/posix';
import YAML from 'yaml';
import { GO_YAML_OPTIONS } from '../../yaml';
import type { TemplateFunction } from './exec';
import { toJson, toYaml } from './goEncoding';
import { list, map, s } from './sprigArgs';
import { certSprigFunctions } from './sprigCerts';
import { cryptoSprigFunctions } from './sprigCrypto';
import { extendedSprigFunctions } from './sprigExtended';
import { randomSprigFunctions } from './sprigRandom';
import { semverSprigFunctions } from './sprigSemver';
import { textSprigFunctions } from './sprigText';
import { timeSprigFunctions } from './sprigTime';
import {
  GoValue,
  isMap,
  isTrue,
  normalizeForJson,
  toInt,
  toNumber,
} from './values';
import { sanitizeName, slugify } from '../names';

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
  sha512sum: v => createHash('sha512').update(s(v)).digest('hex'),
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
    const parsed = YAML.parse(s(v), GO_YAML_OPTIONS);
    if (parsed !== null && parsed !== undefined && !isMap(parsed))
      throw new Error('cannot unmarshal into a map');
    return (parsed ?? {}) as GoValue;
  },
  fromYamlArray: v => {
    const parsed = YAML.parse(s(v), GO_YAML_OPTIONS);
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

Object.assign(
  sprigFunctions,
  extendedSprigFunctions(sprigFunctions),
  timeSprigFunctions,
  semverSprigFunctions,
  randomSprigFunctions,
  textSprigFunctions,
  cryptoSprigFunctions,
  certSprigFunctions,
);

export { sprigFunctions };
