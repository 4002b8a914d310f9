import { KubeObject } from '../store/KubeObject';

/** Annotation that injects a fault into a pod (set it on a pod template). */
export const FAULT_ANNOTATION = 'kube-sim.slipway.io/fault';

export type Fault =
  | 'crashloop'
  | 'imagepull'
  | 'never-ready'
  | 'job-fail'
  | undefined;

function tagOf(image: string): string {
  const last = image.slice(image.lastIndexOf('/') + 1);
  const at = last.indexOf('@');
  const name = at >= 0 ? last.slice(0, at) : last;
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : '';
}

/** The fault an image name implies: tag `crash`/`crashloop`, `pullfail`, or a `nonexistent` image. */
export function imageFault(image: string | undefined): Fault {
  if (!image) return undefined;
  const tag = tagOf(image);
  if (tag === 'crash' || tag === 'crashloop' || tag.endsWith('-crashloop'))
    return 'crashloop';
  if (
    tag === 'pullfail' ||
    /(^|\/)nonexistent[^/]*$/.test(image.split(':')[0]) ||
    image.includes('/nonexistent/')
  ) {
    return 'imagepull';
  }
  if (tag === 'never-ready' || tag === 'neverready') return 'never-ready';
  if (tag === 'fail' || tag === 'job-fail') return 'job-fail';
  return undefined;
}

/** The fault for a pod: the annotation wins, else the first container image with a fault. */
export function podFault(pod: KubeObject): Fault {
  const a = pod.metadata.annotations?.[FAULT_ANNOTATION];
  if (
    a === 'crashloop' ||
    a === 'imagepull' ||
    a === 'never-ready' ||
    a === 'job-fail'
  )
    return a;
  for (const c of pod.spec?.containers ?? []) {
    const f = imageFault(c.image);
    if (f) return f;
  }
  return undefined;
}
