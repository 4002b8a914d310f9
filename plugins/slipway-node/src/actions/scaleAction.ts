import type { KubeObject } from '@slipway/plugin-slipway-common';
import { at } from '../health/fields';
import { BuiltinAction, describeObject, mergePatch } from './builtinAction';
import { ResourceActionError } from './ResourceActionError';

/** `spec.replicas` is an int32. */
const MAX_REPLICAS = 2147483647;

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
  run: (obj, _now, params) => {
    const replicas = Number(params.scale);
    if (replicas > MAX_REPLICAS) {
      throw new ResourceActionError(
        `action 'scale' of ${describeObject(obj)} refuses ${
          params.scale
        } replicas: the most Kubernetes takes is ${MAX_REPLICAS}`,
        'invalidParameters',
      );
    }
    return mergePatch(obj, { spec: { replicas } });
  },
};
