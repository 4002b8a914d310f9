import type { KubeObject } from '@slipway/plugin-slipway-common';
import { BuiltinAction, mergePatch, suspendedBySpec } from './builtinAction';

/** Why suspend does not apply: the object is suspended already. */
export const whenSuspended = (obj: KubeObject) =>
  suspendedBySpec(obj) ? 'it is suspended' : undefined;

/**
 * Suspend through `spec.suspend`, as Argo CD's scripts of CronJobs and of
 * Flux objects do; offered while the object is not suspended.
 */
export const suspendBySpec: BuiltinAction = {
  name: 'suspend',
  disabled: whenSuspended,
  run: obj => mergePatch(obj, { spec: { suspend: true } }),
};

/**
 * Resume through `spec.suspend`: writes false rather than removing the
 * field, as Argo CD's scripts do; a running object is left alone.
 */
export const resumeBySpec: BuiltinAction = {
  name: 'resume',
  disabled: obj => (suspendedBySpec(obj) ? undefined : 'it is not suspended'),
  run: obj =>
    suspendedBySpec(obj) ? mergePatch(obj, { spec: { suspend: false } }) : [],
};
