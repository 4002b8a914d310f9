import { createHash } from 'node:crypto';
import { randomSuffix } from '../registry/ObjectWriter';
import { KubeObject } from '../store/KubeObject';
import { clone } from '../util/objects';
import { controllerRef } from './Controller';

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

/** A short, stable, name-safe hash of a pod template (like pod-template-hash). */
export function templateHash(template: unknown, length = 10): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(template ?? {}))
    .digest();
  let out = '';
  for (let i = 0; i < length; i++) out += SAFE[digest[i] % SAFE.length];
  return out;
}

/** A template without a label, for comparing templates across revisions. */
export function withoutLabel(template: any, label: string): any {
  const t = clone(template ?? {});
  if (t.metadata?.labels) {
    delete t.metadata.labels[label];
  }
  return t;
}

/** A new Pod from a template, controlled by `owner`. */
export function podFromTemplate(
  owner: KubeObject,
  template: any,
  opts: {
    name?: string;
    extraLabels?: Record<string, string>;
    nodeName?: string;
    hostname?: string;
    subdomain?: string;
  },
): KubeObject {
  const t = clone(template ?? {});
  const spec = { ...(t.spec ?? {}) };
  if (opts.nodeName) spec.nodeName = opts.nodeName;
  if (opts.hostname) spec.hostname = opts.hostname;
  if (opts.subdomain) spec.subdomain = opts.subdomain;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: opts.name ?? `${owner.metadata.name}-${randomSuffix()}`,
      namespace: owner.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), ...(opts.extraLabels ?? {}) },
      ...(t.metadata?.annotations
        ? { annotations: t.metadata.annotations }
        : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec,
  };
}

/** Conditions list with one condition set (keeps lastTransitionTime when unchanged). */
export function setCondition(
  conditions: any[] | undefined,
  c: Record<string, any>,
  now: string,
): any[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex(x => x.type === c.type);
  const prev = i >= 0 ? list[i] : undefined;
  const next: Record<string, any> = {
    ...c,
    lastTransitionTime:
      prev && prev.status === c.status ? prev.lastTransitionTime : now,
  };
  if ('lastUpdateTime' in c || prev?.lastUpdateTime) {
    next.lastUpdateTime =
      prev &&
      prev.status === c.status &&
      prev.reason === c.reason &&
      prev.message === c.message
        ? prev.lastUpdateTime
        : now;
  }
  if (i >= 0) list[i] = next;
  else list.push(next);
  return list;
}
