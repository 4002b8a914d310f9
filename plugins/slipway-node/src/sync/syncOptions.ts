import {
  ARGOCD_ANNOTATION_SYNC_OPTIONS,
  KubeObject,
} from '@slipway/plugin-slipway-common';

/**
 * Splits a comma-separated annotation value into trimmed, non-empty items,
 * as Argo CD reads `sync-options`, `hook` and `hook-delete-policy`.
 * @public
 */
export function annotationList(
  obj: KubeObject | undefined,
  annotation: string,
): string[] {
  const value = obj?.metadata?.annotations?.[annotation];
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map(s => s.trim())
    .filter(s => s.length > 0);
}

/**
 * True when a `Key=value` option is present (the key is case-sensitive, as in
 * Argo CD; the value is compared case-insensitively).
 * @public
 */
export function hasOption(
  options: readonly string[],
  key: string,
  value: string,
): boolean {
  const wanted = `${key}=${value}`.toLowerCase();
  return options.some(o => {
    const eq = o.indexOf('=');
    if (eq < 0) return false;
    return (
      o.slice(0, eq).trim() === key &&
      `${key}=${o.slice(eq + 1).trim()}`.toLowerCase() === wanted
    );
  });
}

/** The value of a `Key=value` option, if present. @public */
export function optionValue(
  options: readonly string[],
  key: string,
): string | undefined {
  for (const o of options) {
    const eq = o.indexOf('=');
    if (eq >= 0 && o.slice(0, eq).trim() === key) {
      return o.slice(eq + 1).trim();
    }
  }
  return undefined;
}

/** The `argocd.argoproj.io/sync-options` of one object. @public */
export function resourceSyncOptions(obj: KubeObject | undefined): string[] {
  return annotationList(obj, ARGOCD_ANNOTATION_SYNC_OPTIONS);
}

/** True when the object's sync-options annotation holds `Key=value`. @public */
export function hasResourceOption(
  obj: KubeObject | undefined,
  key: string,
  value: string,
): boolean {
  return hasOption(resourceSyncOptions(obj), key, value);
}
