/** Readable unified diffs of Kubernetes objects, as YAML. */
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { jsonEqual, sortKeys } from './objects';

/** YAML of an object with sorted keys ('' for an absent object). @public */
export function toYaml(obj: KubeObject | null): string {
  if (!obj) return '';
  return stringify(sortKeys(obj), { lineWidth: 0, aliasDuplicateObjects: false });
}

function label(obj: KubeObject | null, fallback: KubeObject | null): string {
  const o = obj ?? fallback;
  if (!o) return 'object';
  const ns = o.metadata?.namespace ? `${o.metadata.namespace}/` : '';
  return `${o.kind}/${ns}${o.metadata?.name ?? ''}`;
}

/**
 * The unified diff from the live object to the predicted one ('' when equal).
 * @public
 */
export function unifiedDiff(live: KubeObject | null, predicted: KubeObject | null, context = 3): string {
  // equal objects render to equal YAML: skip rendering (most resources of a refresh are in sync)
  if (jsonEqual(live, predicted)) return '';
  const before = toYaml(live);
  const after = toYaml(predicted);
  if (before === after) return '';
  const name = label(predicted, live);
  return createTwoFilesPatch(`live/${name}`, `desired/${name}`, before, after, undefined, undefined, { context })
    .split('\n')
    .filter(line => !line.startsWith('====='))
    .join('\n');
}
