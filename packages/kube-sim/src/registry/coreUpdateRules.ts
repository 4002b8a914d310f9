/*
 * Update validation of core, RBAC and storage kinds, after kube-apiserver's
 * ValidatePodUpdate, ValidatePersistentVolumeClaimUpdate,
 * ValidateSecretUpdate, ValidateServiceUpdate, ValidateRoleBindingUpdate and
 * ValidateStorageClassUpdate: what may not change once an object exists.
 */
import type { StatusCause } from '../api/Status';
import type { KubeObject } from '../store/KubeObject';
import { clone, deepEqual } from '../util/objects';
import { quantityValue } from '../util/quantity';
import { serviceUpdateCauses } from './serviceUpdate';

export const immutable = (field: string, value: unknown): StatusCause => ({
  field,
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${JSON.stringify(
    value ?? null,
  )}: field is immutable`,
});

export const forbidden = (field: string, message: string): StatusCause => ({
  field,
  reason: 'FieldValueForbidden',
  message: `Forbidden: ${message}`,
});

/** What a pod update may change (the API server's list, in its words). */
const POD_UPDATABLE =
  '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,' +
  '`spec.tolerations` (only additions to existing tolerations),' +
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function podCauses(old: KubeObject, next: KubeObject): StatusCause[] {
  const before = old.spec ?? {};
  const after = clone(next.spec ?? {});
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    if ((before[list] ?? []).length !== (after[list] ?? []).length) {
      return [
        forbidden(
          `spec.${list}`,
          'pod updates may not add or remove containers',
        ),
      ];
    }
  }
  // the updatable fields take the old values, then the rest must be equal
  for (const list of ['containers', 'initContainers']) {
    (after[list] ?? []).forEach((c: any, i: number) => {
      c.image = before[list][i].image;
    });
  }
  after.activeDeadlineSeconds = before.activeDeadlineSeconds;
  after.schedulingGates = before.schedulingGates;
  const oldTolerations: unknown[] = before.tolerations ?? [];
  const newTolerations: unknown[] = next.spec?.tolerations ?? [];
  const causes: StatusCause[] = [];
  if (oldTolerations.some(t => !newTolerations.some(n => deepEqual(n, t)))) {
    causes.push(
      forbidden(
        'spec.tolerations',
        'existing toleration can not be modified except its tolerationSeconds',
      ),
    );
  }
  after.tolerations = before.tolerations;
  if (
    (before.terminationGracePeriodSeconds ?? 0) < 0 &&
    after.terminationGracePeriodSeconds === 1
  ) {
    after.terminationGracePeriodSeconds = before.terminationGracePeriodSeconds;
  }
  // kube-sim's scheduler binds a pod with an update (kube-apiserver's pods/binding subresource)
  if (!before.nodeName) after.nodeName = before.nodeName;
  for (const key of Object.keys(after))
    if (after[key] === undefined) delete after[key];
  if (!deepEqual(after, before)) {
    causes.push(
      forbidden(
        'spec',
        `pod updates may not change fields other than ${POD_UPDATABLE}`,
      ),
    );
  }
  return causes;
}

function pvcCauses(old: KubeObject, next: KubeObject): StatusCause[] {
  const before = clone(old.spec ?? {});
  const after = clone(next.spec ?? {});
  // the volume is bound to the claim once; a bound claim's storage request may grow
  if (!before.volumeName) before.volumeName = after.volumeName;
  const bound = old.status?.phase === 'Bound';
  if (bound && after.resources?.requests)
    after.resources.requests.storage = before.resources?.requests?.storage;
  after.volumeAttributesClassName = before.volumeAttributesClassName;
  for (const spec of [before, after])
    for (const key of Object.keys(spec))
      if (spec[key] === undefined) delete spec[key];
  const causes: StatusCause[] = [];
  if (!deepEqual(after, before)) {
    causes.push(
      forbidden(
        'spec',
        'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
      ),
    );
  }
  const oldSize = quantityValue(old.spec?.resources?.requests?.storage);
  const newSize = quantityValue(next.spec?.resources?.requests?.storage);
  if (oldSize !== undefined && newSize !== undefined && newSize < oldSize) {
    causes.push(
      forbidden(
        'spec.resources.requests.storage',
        'field can not be less than previous value',
      ),
    );
  }
  return causes;
}

function storageClassCauses(old: KubeObject, next: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const field of ['parameters', 'provisioner', 'reclaimPolicy']) {
    if (!deepEqual(old[field], next[field])) {
      causes.push(forbidden(field, `updates to ${field} are forbidden.`));
    }
  }
  if (!deepEqual(old.volumeBindingMode, next.volumeBindingMode)) {
    causes.push(immutable('volumeBindingMode', next.volumeBindingMode));
  }
  return causes;
}

function roleRefCauses(old: KubeObject, next: KubeObject): StatusCause[] {
  if (deepEqual(old.roleRef, next.roleRef)) return [];
  const ref = next.roleRef ?? {};
  return [
    {
      field: 'roleRef',
      reason: 'FieldValueInvalid',
      // Go's %#v of the internal rbac.RoleRef, as kube-apiserver prints it
      message: `Invalid value: rbac.RoleRef{APIGroup:${JSON.stringify(
        ref.apiGroup ?? '',
      )}, Kind:${JSON.stringify(ref.kind ?? '')}, Name:${JSON.stringify(
        ref.name ?? '',
      )}}: cannot change roleRef`,
    },
  ];
}

/** Update causes of a built-in core, RBAC or storage kind (`group/kind`); none for other kinds. */
export function coreUpdateCauses(
  kind: string,
  old: KubeObject,
  next: KubeObject,
): StatusCause[] {
  switch (kind) {
    case '/Pod':
      return podCauses(old, next);
    case '/PersistentVolumeClaim':
      return pvcCauses(old, next);
    case '/Service':
      return serviceUpdateCauses(old, next);
    case '/Secret':
      return (old.type ?? 'Opaque') === (next.type ?? 'Opaque')
        ? []
        : [immutable('type', next.type)];
    case 'rbac.authorization.k8s.io/RoleBinding':
    case 'rbac.authorization.k8s.io/ClusterRoleBinding':
      return roleRefCauses(old, next);
    case 'storage.k8s.io/StorageClass':
      return storageClassCauses(old, next);
    default:
      return [];
  }
}
