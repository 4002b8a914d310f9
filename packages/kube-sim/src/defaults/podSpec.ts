import { isObject } from '../util/objects';

/** `imagePullPolicy` default: Always for `:latest` or untagged images, else IfNotPresent. */
export function defaultPullPolicy(image: string | undefined): string {
  if (!image) return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon < 0) return 'Always';
  return lastSegment.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Record<string, any>) {
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.imagePullPolicy ??= defaultPullPolicy(c.image);
  c.resources ??= {};
  if (Array.isArray(c.ports)) {
    for (const p of c.ports) if (isObject(p)) p.protocol ??= 'TCP';
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const pr = c[probe];
    if (!isObject(pr)) continue;
    pr.timeoutSeconds ??= 1;
    pr.periodSeconds ??= 10;
    pr.successThreshold ??= 1;
    pr.failureThreshold ??= 3;
    if (isObject(pr.httpGet)) pr.httpGet.scheme ??= 'HTTP';
  }
  if (Array.isArray(c.env)) {
    for (const e of c.env) {
      if (isObject(e?.valueFrom?.fieldRef))
        e.valueFrom.fieldRef.apiVersion ??= 'v1';
    }
  }
}

/** Pod spec defaults applied by the API server (SetDefaults_PodSpec and friends). */
export function defaultPodSpec(spec: Record<string, any>) {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  if (spec.serviceAccountName && !spec.serviceAccount)
    spec.serviceAccount = spec.serviceAccountName;
  for (const list of ['containers', 'initContainers']) {
    if (Array.isArray(spec[list]))
      for (const c of spec[list]) if (isObject(c)) defaultContainer(c);
  }
  if (Array.isArray(spec.volumes)) {
    for (const v of spec.volumes) {
      for (const src of ['configMap', 'secret']) {
        if (isObject(v?.[src])) v[src].defaultMode ??= 420;
      }
      if (isObject(v) && Object.keys(v).length === 1 && v.name) v.emptyDir = {};
    }
  }
}

/** Defaults of a pod template (`spec.template`) inside a workload. */
export function defaultPodTemplate(template: unknown) {
  if (!isObject(template)) return;
  template.metadata ??= {};
  if (isObject(template.spec)) defaultPodSpec(template.spec);
}
