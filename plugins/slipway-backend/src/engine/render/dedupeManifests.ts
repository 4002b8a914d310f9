import {
  formatResourceKey,
  resourceKeyOf,
  type KubeObject,
} from '@slipway/plugin-slipway-common';

/** Later sources win when two produce the same resource, as in Argo CD. */
export function dedupeManifests(manifests: KubeObject[]): {
  unique: KubeObject[];
  warnings: string[];
} {
  const byKey = new Map<string, number>();
  const warnings: string[] = [];
  const out: Array<KubeObject | undefined> = [];
  for (const m of manifests) {
    if (!m.metadata?.name) {
      out.push(m);
      continue;
    }
    const key = formatResourceKey(resourceKeyOf(m));
    const previous = byKey.get(key);
    if (previous !== undefined) {
      out[previous] = undefined;
      warnings.push(`${key} is produced more than once; the last one is used`);
    }
    byKey.set(key, out.length);
    out.push(m);
  }
  return {
    unique: out.filter((m): m is KubeObject => m !== undefined),
    warnings,
  };
}
