/**
 * The part of Go's net/url that Sprig's urlParse and urlJoin use: Parse
 * (scheme, opaque, user info, host, decoded path, raw query, decoded
 * fragment) and URL.String with Go's escaping. WHATWG URL parsing differs
 * (it lower-cases, adds "/" paths and rejects relative references), so
 * Go's rules are followed here.
 */

/** A parsed URL as Go's url.URL holds it. */
export interface GoUrl {
  scheme: string;
  opaque: string;
  /** `user` or `user:password` as written (escaped), '' without user info. */
  userinfo: string;
  hasUser: boolean;
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
}

type Mode = 'path' | 'host' | 'userinfo' | 'query' | 'fragment';

function unhex(c: string): number {
  return parseInt(c, 16);
}

/** url.unescape: %XX decoded (bytes, then UTF-8); a bad escape is Go's error. */
function unescape(s: string, mode: Mode): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
        throw new Error(`invalid URL escape "${s.slice(i, i + 3)}"`);
      }
      bytes.push(unhex(hex));
      i += 2;
    } else if (c === '+' && mode === 'query') {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** url.shouldEscape for the modes String uses. */
function shouldEscape(c: string, mode: Mode): boolean {
  if (/[A-Za-z0-9]/.test(c)) return false;
  if (mode === 'host') return !'!$&\'()*+,;=:[]<>"-._~'.includes(c);
  if ('-_.~'.includes(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) {
    if (mode === 'path') return c === '?';
    if (mode === 'userinfo')
      return c === '@' || c === '/' || c === '?' || c === ':';
    if (mode === 'fragment') return false;
    return true;
  }
  if (mode === 'fragment' && '!()*'.includes(c)) return false;
  return true;
}

function escape(s: string, mode: Mode): string {
  let out = '';
  for (const ch of s) {
    if (ch.length === 1 && ch.charCodeAt(0) < 0x80 && !shouldEscape(ch, mode)) {
      out += ch;
    } else {
      for (const b of Buffer.from(ch, 'utf8'))
        out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

/** url.Parse. Throws Go's message (as Sprig's "unable to parse url: …" wraps it). */
export function parseGoUrl(raw: string): GoUrl {
  const fail = (why: string): never => {
    throw new Error(`parse ${JSON.stringify(raw)}: ${why}`);
  };
  if ([...raw].some(c => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    fail('net/url: invalid control character in URL');
  const url: GoUrl = {
    scheme: '',
    opaque: '',
    userinfo: '',
    hasUser: false,
    host: '',
    path: '',
    rawQuery: '',
    fragment: '',
  };
  let rest = raw;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    url.fragment = unescape(rest.slice(hash + 1), 'fragment');
    rest = rest.slice(0, hash);
  }
  if (rest === '*') {
    url.path = '*';
    return url;
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (scheme) {
    url.scheme = scheme[1].toLowerCase();
    rest = rest.slice(scheme[0].length);
  } else if (rest.startsWith(':')) {
    fail('missing protocol scheme');
  }
  const question = rest.indexOf('?');
  if (question >= 0) {
    url.rawQuery = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  if (!rest.startsWith('/')) {
    if (url.scheme) {
      url.opaque = rest;
      return url;
    }
    const colon = rest.indexOf(':');
    const slash = rest.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash))
      fail('first path segment in URL cannot contain colon');
  }
  if ((url.scheme || !rest.startsWith('///')) && rest.startsWith('//')) {
    const authorityEnd = rest.indexOf('/', 2);
    const authority =
      authorityEnd < 0 ? rest.slice(2) : rest.slice(2, authorityEnd);
    rest = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
    const at = authority.lastIndexOf('@');
    let host = authority;
    if (at >= 0) {
      url.hasUser = true;
      url.userinfo = authority.slice(0, at);
      host = authority.slice(at + 1);
    }
    url.host = unescape(host, 'host');
  }
  url.path = unescape(rest, 'path');
  return url;
}

/** url.URL.Hostname: the host without port and IPv6 brackets. */
export function goUrlHostname(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host.slice(1) : host.slice(1, end);
  }
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

/** url.URL.String. */
export function formatGoUrl(url: GoUrl): string {
  let out = '';
  if (url.scheme) out += `${url.scheme}:`;
  if (url.opaque) {
    out += url.opaque;
  } else {
    if (url.scheme || url.host || url.hasUser) {
      if (url.host || url.path || url.hasUser) out += '//';
      if (url.hasUser) out += `${url.userinfo}@`;
      if (url.host) out += escape(url.host, 'host');
    }
    const path = escape(url.path, 'path');
    if (path && !path.startsWith('/') && url.host) out += '/';
    if (!out && /^[^/]*:/.test(path)) out += './';
    out += path;
  }
  if (url.rawQuery) out += `?${url.rawQuery}`;
  if (url.fragment) out += `#${escape(url.fragment, 'fragment')}`;
  return out;
}
