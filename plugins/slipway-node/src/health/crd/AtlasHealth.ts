import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, list, record } from '../fields';
import { withMessage } from './luaValues';

/**
 * The shape both Atlas Operator kinds share: the first `Ready` condition
 * decides. Until there is one the operator has not reported (Progressing).
 * True is Healthy; otherwise `stillWorking` tells a reconcile in flight
 * (Progressing) from a failure (Degraded). The message is the condition's
 * reason in every case.
 */
function atlasReadyHealth(
  obj: KubeObject,
  stillWorking: (ready: Record<string, any>) => boolean,
): ResourceHealth {
  const ready = list(at(obj, 'status', 'conditions'))
    .map(record)
    .find(c => c.type === 'Ready');
  if (!ready) {
    return { status: 'Progressing', message: 'Waiting for Atlas Operator' };
  }
  if (ready.status === 'True') return withMessage('Healthy', ready.reason);
  return withMessage(
    stillWorking(ready) ? 'Progressing' : 'Degraded',
    ready.reason,
  );
}

/**
 * Atlas Operator `AtlasMigration` health from its `Ready` condition; a
 * not-ready migration is still working while the reason is `Reconciling`.
 * @public
 */
export function atlasMigrationHealth(obj: KubeObject): ResourceHealth {
  return atlasReadyHealth(obj, ready => ready.reason === 'Reconciling');
}

/**
 * Atlas Operator `AtlasSchema` health from its `Ready` condition; a
 * not-ready schema is still working while the condition's message (not its
 * reason, unlike migrations) is `Reconciling` or `GettingDevDB`.
 * @public
 */
export function atlasSchemaHealth(obj: KubeObject): ResourceHealth {
  return atlasReadyHealth(
    obj,
    ready =>
      ready.message === 'Reconciling' || ready.message === 'GettingDevDB',
  );
}

/**
 * Argo CD's bundled checks for the Atlas Operator (`db.atlasgo.io`), keyed
 * as its resource_customizations folders are named.
 * @public
 */
export const atlasHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'db.atlasgo.io/AtlasMigration': atlasMigrationHealth,
  'db.atlasgo.io/AtlasSchema': atlasSchemaHealth,
};
