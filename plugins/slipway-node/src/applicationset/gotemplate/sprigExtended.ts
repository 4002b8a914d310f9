import type { TemplateFunction } from './exec';
import { GoObject } from './goObject';
import { list, map, s } from './sprigArgs';
import { GoValue, isMap, isTrue, toInt, toNumber, typeName } from './values';
import { cloneData, mergeFill, mergeOverride } from '../params';

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
  if (v instanceof GoObject) return v.goKind;
  return Array.isArray(v) ? 'slice' : 'map';
}

/** reflect.DeepEqual: same types (int is not float64) and same contents. */
function deepEqual(a: GoValue, b: GoValue): boolean {
  if (typeName(a) !== typeName(b)) return false;
  if (a instanceof GoObject && b instanceof GoObject)
    return JSON.stringify(a.toJSON()) === JSON.stringify(b.toJSON());
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

/**
 * Sprig functions beyond the common ones: the deterministic rest of Sprig,
 * some of them aliases of the common functions they are given.
 */
export function extendedSprigFunctions(
  sprigFunctions: Record<string, TemplateFunction>,
): Record<string, TemplateFunction> {
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
    plural: (one, many, count) =>
      Number(toInt(count)) === 1 ? s(one) : s(many),
    adler32sum: v => String(adler32(s(v))),
    splitn: (sep, n, v) => {
      const limit = Number(toInt(n));
      const parts = s(v).split(s(sep));
      let out = parts;
      if (limit === 0) out = [];
      else if (limit > 0 && parts.length > limit)
        out = [
          ...parts.slice(0, limit - 1),
          parts.slice(limit - 1).join(s(sep)),
        ];
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
        (acc, src) =>
          mergeFill(map(acc, 'merge'), map(src, 'merge')) as GoValue,
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
  return moreSprigFunctions;
}
