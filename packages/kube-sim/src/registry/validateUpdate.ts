import { errors, StatusCause } from '../api/Status';
import { KubeObject } from '../store/KubeObject';
import { ResourceType } from '../types/ResourceType';
import { deepEqual } from '../util/objects';
import { coreUpdateCauses, forbidden, immutable } from './coreUpdateRules';

/** Kinds whose `spec.selector` may not change (`group/kind`). */
const SELECTOR_IMMUTABLE = new Set([
  'apps/Deployment',
  'apps/ReplicaSet',
  'apps/DaemonSet',
  'batch/Job',
]);

/** StatefulSet spec fields an update may change (apps/v1 validation). */
const STATEFULSET_MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

function without(spec: any, fields: string[]): Record<string, unknown> {
  const rest = { ...(spec ?? {}) };
  for (const f of fields) delete rest[f];
  return rest;
}

function updateCauses(
  t: ResourceType,
  old: KubeObject,
  next: KubeObject,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const changed = (path: (o: KubeObject) => unknown) =>
    !deepEqual(path(old), path(next));
  if (
    SELECTOR_IMMUTABLE.has(`${t.group}/${t.kind}`) &&
    changed(o => o.spec?.selector)
  ) {
    causes.push(immutable('spec.selector', next.spec?.selector));
  }
  if (t.group === 'apps' && t.kind === 'StatefulSet') {
    if (
      !deepEqual(
        without(old.spec, STATEFULSET_MUTABLE),
        without(next.spec, STATEFULSET_MUTABLE),
      )
    ) {
      causes.push(
        forbidden(
          'spec',
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', " +
            "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      );
    }
  }
  if (
    t.group === 'batch' &&
    t.kind === 'Job' &&
    changed(o => o.spec?.template)
  ) {
    causes.push(immutable('spec.template', next.spec?.template));
  }
  if (
    t.group === '' &&
    (t.kind === 'ConfigMap' || t.kind === 'Secret') &&
    old.immutable === true
  ) {
    const fixed = (field: string) =>
      forbidden(field, 'field is immutable when `immutable` is set');
    if (next.immutable !== true) causes.push(fixed('immutable'));
    if (changed(o => o.data ?? {})) causes.push(fixed('data'));
    if (changed(o => o.binaryData ?? {})) causes.push(fixed('binaryData'));
  }
  causes.push(...coreUpdateCauses(`${t.group}/${t.kind}`, old, next));
  return causes;
}

/**
 * The API server's update validation of fields that may not change once
 * set: workload selectors, a StatefulSet's spec apart from its mutable
 * fields, a Job's template, the contents of an immutable ConfigMap or
 * Secret, and the rules of coreUpdateRules (a Pod's spec but its images, a
 * claim's spec but a bound claim's growing storage, a Secret's type, a
 * binding's roleRef, a StorageClass' provisioner and parameters). Refused
 * with 422 Invalid naming the fields, as kube-apiserver does (delete and
 * create again, e.g. Argo CD's `Replace=true`/`Force=true`).
 */
export function validateUpdate(
  t: ResourceType,
  old: KubeObject,
  next: KubeObject,
): void {
  if (t.custom) return;
  const causes = updateCauses(t, old, next);
  if (causes.length > 0)
    throw errors.invalid(
      t.kind,
      old.metadata.name!,
      causes,
      t.group || undefined,
    );
}
