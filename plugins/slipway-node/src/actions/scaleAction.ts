import type { KubeObject } from '@slipway/plugin-slipway-common';
import { at } from '../health/fields';
import { BuiltinAction, identity } from './builtinAction';

/**
 * Argo CD's `scale` of a Deployment or StatefulSet: sets `spec.replicas` to
 * the value the user enters, a whole number above zero (the form starts at
 * the replicas the object has). Written as a merge patch, as Argo CD writes
 * the object its script returns; a sync sets it back when Git declares
 * replicas.
 */
export const scale: BuiltinAction = {
  name: 'scale',
  parameter: {
    defaultValue: (obj: KubeObject) => {
      const replicas = at(obj, 'spec', 'replicas');
      return replicas === undefined ? undefined : String(replicas);
    },
    regexp: '^[1-9][0-9]*$',
    errorMessage: 'Enter any valid number more than 0',
  },
  run: (obj, _now, params) => [
    {
      operation: 'mergePatch',
      object: identity(obj),
      patch: {
        spec: { replicas: Number(params.scale) },
      },
    },
  ],
};
