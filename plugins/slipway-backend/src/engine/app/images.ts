import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ImageRef } from './types';

/** Splits an image reference into repository, tag and digest, as container runtimes read it. */
export function parseImage(image: string): { repository: string; tag?: string; digest?: string } {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  // a colon after the last slash is a tag; one before it is a registry port
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    return { repository: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  }
  return { repository: rest, tag: digest ? undefined : 'latest', digest };
}

function podSpecOf(obj: KubeObject): Record<string, any> | undefined {
  const spec = obj.spec as Record<string, any> | undefined;
  if (!spec) return undefined;
  switch (obj.kind) {
    case 'Pod':
      return spec;
    case 'CronJob':
      return spec.jobTemplate?.spec?.template?.spec;
    default:
      return spec.template?.spec;
  }
}

const WORKLOAD_KINDS = new Set([
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Rollout',
]);

/** The container images of the workloads among the objects. */
export function imagesOf(objects: KubeObject[]): ImageRef[] {
  const images: ImageRef[] = [];
  for (const obj of objects) {
    if (!WORKLOAD_KINDS.has(obj.kind)) continue;
    const pod = podSpecOf(obj);
    if (!pod) continue;
    for (const list of ['initContainers', 'containers']) {
      for (const container of (pod[list] as Array<Record<string, any>>) ?? []) {
        if (typeof container?.image !== 'string') continue;
        images.push({
          ...parseImage(container.image),
          resource: `${obj.kind}/${obj.metadata.name}`,
          container: String(container.name ?? ''),
        });
      }
    }
  }
  return images;
}
