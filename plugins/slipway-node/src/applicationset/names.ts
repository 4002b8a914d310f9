/**
 * Argo CD's name helpers: `normalize` (utils.SanitizeName) and `slugify`
 * (SanitizeName followed by a URL slug with optional smart truncation).
 */

/** Orders Applications by name (code-unit order, as Go sorts strings). @public */
export function compareByName(
  a: { metadata: { name: string } },
  b: { metadata: { name: string } },
): number {
  if (a.metadata.name === b.metadata.name) return 0;
  return a.metadata.name < b.metadata.name ? -1 : 1;
}

/**
 * Makes a string a valid DNS-1123 subdomain as Argo CD does: lower case,
 * characters outside `[-a-z0-9.]` become `-`, at most 253 characters,
 * leading/trailing `-` and `.` removed.
 * @public
 */
export function sanitizeName(name: string): string {
  let out = name.toLowerCase().replace(/[^-a-z0-9.]/g, '-');
  if (out.length > 253) out = out.slice(0, 253);
  return out.replace(/^[-.]+|[-.]+$/g, '');
}

/**
 * Argo CD's `slugify`: sanitizes, turns the rest into a URL slug (only
 * `[a-z0-9-_]`, single dashes) and truncates to `maxSize`; with smart
 * truncation the cut happens at the last dash so words stay whole.
 * @public
 */
export function slugify(
  name: string,
  maxSize = 50,
  smartTruncate = true,
): string {
  let slug = sanitizeName(name)
    .replace(/[^a-zA-Z0-9-_]/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  if (maxSize > 0 && slug.length > maxSize) {
    if (smartTruncate) {
      let cut = -1;
      for (let i = maxSize; i >= 0; i--) {
        if (slug[i] === '-') {
          cut = i;
          break;
        }
      }
      slug = cut >= 0 ? slug.slice(0, cut) : slug.slice(0, maxSize);
    } else {
      slug = slug.slice(0, maxSize);
    }
    slug = slug.replace(/^[-_]+|[-_]+$/g, '');
  }
  return slug;
}
