/**
 * Sprig's wrap, wrapWith, urlParse and urlJoin: goutils' WrapCustom and
 * Go's net/url (see goUrl.ts), with Sprig's panics as template errors.
 */
import type { TemplateFunction } from './exec';
import { formatGoUrl, goUrlHostname, parseGoUrl } from './goUrl';
import { map, s } from './sprigArgs';
import { GoValue, toInt, typeName } from './values';

/** goutils.WrapCustom: breaks at the last space within `width`; long words wrap only with `wrapLongWords`. */
export function wrapText(
  str: string,
  width: number,
  newLine: string,
  wrapLongWords: boolean,
): string {
  if (str === '') return '';
  const nl = newLine === '' ? '\n' : newLine;
  const length = Math.max(1, width);
  let offset = 0;
  let out = '';
  while (str.length - offset > length) {
    if (str[offset] === ' ') {
      offset++;
      continue;
    }
    const space = str.slice(offset, length + offset + 1).lastIndexOf(' ');
    if (space >= 0) {
      out += str.slice(offset, offset + space) + nl;
      offset += space + 1;
    } else if (wrapLongWords) {
      out += str.slice(offset, offset + length) + nl;
      offset += length;
    } else {
      const next = str.indexOf(' ', offset + length);
      if (next < 0) {
        out += str.slice(offset);
        offset = str.length;
      } else {
        out += str.slice(offset, next) + nl;
        offset = next + 1;
      }
    }
  }
  return out + str.slice(offset);
}

/** Sprig's `get` on the urlJoin map: a missing key is "", another type is Go's failed type assertion. */
function field(d: Record<string, GoValue>, key: string): string {
  const v = d[key];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') {
    throw new Error(
      `interface conversion: interface {} is ${typeName(
        v,
      )}, not string (urlJoin's "${key}")`,
    );
  }
  return v;
}

export const textSprigFunctions: Record<string, TemplateFunction> = {
  wrap: (width, str) => wrapText(s(str), Number(toInt(width)), '', false),
  wrapWith: (width, sep, str) =>
    wrapText(s(str), Number(toInt(width)), s(sep), true),
  urlParse: v => {
    let url;
    try {
      url = parseGoUrl(s(v));
    } catch (e) {
      throw new Error(`unable to parse url: ${(e as Error).message}`);
    }
    return {
      scheme: url.scheme,
      host: url.host,
      hostname: goUrlHostname(url.host),
      path: url.path,
      query: url.rawQuery,
      opaque: url.opaque,
      fragment: url.fragment,
      userinfo: url.userinfo,
    };
  },
  urlJoin: d => {
    const parts = map(d, 'urlJoin');
    const userinfo = field(parts, 'userinfo');
    return formatGoUrl({
      scheme: field(parts, 'scheme'),
      host: field(parts, 'host'),
      path: field(parts, 'path'),
      rawQuery: field(parts, 'query'),
      opaque: field(parts, 'opaque'),
      fragment: field(parts, 'fragment'),
      userinfo,
      hasUser: userinfo !== '',
    });
  },
};
