/**
 * Redaction of credentials in text that may reach logs, errors or API
 * responses: user info in URLs, Authorization headers and any configured
 * secret value.
 */

const URL_USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@'"]+@/gi;
const AUTH_HEADER = /\b(authorization\s*[:=]\s*)(basic|bearer|token)\s+[^\s'",]+/gi;

/** Secrets shorter than this are not searched for: they would mangle ordinary words. */
const MIN_SECRET_LENGTH = 3;

/** Returns `url` with any `user:password@` part replaced by `***@`. */
export function redactUrl(url: string): string {
  return url.replace(URL_USER_INFO, '$1***@');
}

/**
 * Returns `text` with URL user info, Authorization header values and every
 * occurrence of the given secret values replaced by `***`.
 */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  let out = text.replace(URL_USER_INFO, '$1***@').replace(AUTH_HEADER, '$1$2 ***');
  const sorted = [...new Set(secrets)]
    .filter(s => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const secret of sorted) {
    out = out.split(secret).join('***');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) {
      out = out.split(encoded).join('***');
    }
  }
  return out;
}

/** A URL without user and password, as the cache repository's remote stores it. */
export function withoutUserInfo(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}
