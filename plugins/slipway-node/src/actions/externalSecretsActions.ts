import type { KubeObject } from '@slipway/plugin-slipway-common';
import { at } from '../health/fields';
import { BuiltinAction, mergePatch, restartedAt } from './builtinAction';

/*
 * Argo CD's built-in actions of External Secrets Operator
 * (resource_customizations/external-secrets.io). The operator syncs an
 * ExternalSecret or PushSecret again whenever its `force-sync` annotation
 * changes, so both actions write the current time there.
 */

const forceSync = (obj: KubeObject, now: Date) =>
  mergePatch(obj, {
    metadata: { annotations: { 'force-sync': restartedAt(now) } },
  });

/**
 * The zero durations Argo CD's script recognises, each as `0` and a Go
 * duration unit (`µ` is the micro sign, U+00B5, as the script spells it).
 */
const ZERO_INTERVALS = ['0', '0ns', '0us', '0\u00b5s', '0ms', '0s', '0m', '0h'];

/** `spec.refreshInterval` as Lua's tostring writes it, for the values that can be zero. */
function refreshInterval(obj: KubeObject): string | undefined {
  const interval = at(obj, 'spec', 'refreshInterval');
  if (typeof interval === 'number') return interval === 0 ? '0' : 'nonzero';
  return typeof interval === 'string' ? interval : undefined;
}

/**
 * Refresh now. A zero refresh interval means the operator syncs the secret
 * once and never again, so a refresh would do nothing, unless the
 * `OnChange` policy syncs it on every change of the object, this one too.
 */
const refresh: BuiltinAction = {
  name: 'refresh',
  disabled: obj => {
    const interval = refreshInterval(obj);
    if (interval === undefined || !ZERO_INTERVALS.includes(interval)) {
      return undefined;
    }
    return at(obj, 'spec', 'refreshPolicy') === 'OnChange'
      ? undefined
      : `its refreshInterval is ${interval}: it syncs only once`;
  },
  run: (obj, now) => forceSync(obj, now),
};

/** Push the secret to its stores now. */
const push: BuiltinAction = {
  name: 'push',
  run: (obj, now) => forceSync(obj, now),
};

/** Argo CD's actions of External Secrets Operator objects, by `group/kind`. */
export const externalSecretsActions: Readonly<Record<string, BuiltinAction[]>> =
  {
    'external-secrets.io/ExternalSecret': [refresh],
    'external-secrets.io/PushSecret': [push],
  };
