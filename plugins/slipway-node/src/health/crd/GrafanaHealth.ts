import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, list, record } from '../fields';
import { luaText, scriptFailure, withMessage } from './luaValues';

/**
 * grafana-operator `Grafana` health from the stage the operator reports.
 * Until a stage status exists the instance is Progressing; a failed stage
 * is Degraded, naming the stage; only a successful `complete` stage is
 * Healthy. Any other stage is Progressing with the stage as the message.
 * @public
 */
export function grafanaHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(status) || isNil(at(status, 'stageStatus'))) {
    return {
      status: 'Progressing',
      message: 'Waiting for Grafana status info',
    };
  }
  const stage = at(status, 'stage');
  const stageStatus = at(status, 'stageStatus');
  if (stageStatus === 'failed') {
    const name = luaText(stage);
    // Argo CD's script joins the stage into the message and fails without one.
    if (name === undefined)
      return scriptFailure('the failed Grafana has no stage');
    return { status: 'Degraded', message: `Failed at stage ${name}` };
  }
  if (stage === 'complete' && stageStatus === 'success') {
    return { status: 'Healthy', message: '' };
  }
  return withMessage('Progressing', stage);
}

/**
 * How one grafana-operator kind reads a condition the operator has judged:
 * Degraded stops the walk; otherwise a True condition makes it Healthy.
 */
type ConditionVerdict = (c: Record<string, any>) => 'Degraded' | undefined;

/**
 * The shape shared by the grafana-operator content kinds: every condition
 * that has a status is described in the message (`"<reason> for <type>
 * because <message>"`, joined with ", "), in list order, until one counts as
 * failed (Degraded). A True condition makes the resource Healthy; with none
 * it stays Progressing with an empty message.
 */
function syncedConditionsHealth(
  obj: KubeObject,
  verdict: ConditionVerdict,
): ResourceHealth {
  let status: ResourceHealth['status'] = 'Progressing';
  let message = '';
  for (const c of list(at(obj, 'status', 'conditions')).map(record)) {
    if (isNil(c.status)) continue;
    if (message !== '') message += ', ';
    if (!isNil(c.reason)) {
      const described = describeCondition(c);
      if (described === undefined) {
        return scriptFailure(
          'a condition has a reason, type or message that is not text',
        );
      }
      message += described;
    }
    if (verdict(c) === 'Degraded') return { status: 'Degraded', message };
    if (c.status === 'True') status = 'Healthy';
  }
  return { status, message };
}

/**
 * `"<reason>"`, `"<reason> for <type>"` or `"<reason> for <type> because
 * <message>"` (the message only counts with a type, as upstream nests it);
 * undefined where Lua could not join a part.
 */
function describeCondition(c: Record<string, any>): string | undefined {
  const parts: unknown[] = [c.reason];
  if (!isNil(c.type)) {
    parts.push(' for ', c.type);
    if (!isNil(c.message)) parts.push(' because ', c.message);
  }
  const texts = parts.map(luaText);
  return texts.every(t => t !== undefined) ? texts.join('') : undefined;
}

/**
 * grafana-operator `GrafanaDashboard` health: its conditions, any False one
 * being Degraded.
 * @public
 */
export function grafanaDashboardHealth(obj: KubeObject): ResourceHealth {
  return syncedConditionsHealth(obj, c =>
    c.status === 'False' ? 'Degraded' : undefined,
  );
}

/** The folder condition whose True status is the bad one. */
const FOLDER_UID_MISMATCH = 'FolderUIDMismatch';

/**
 * grafana-operator `GrafanaFolder` health: like dashboards, except that
 * `FolderUIDMismatch` reads the other way round (True means the folder's
 * UID differs between instances: Degraded; False means all is well).
 * @public
 */
export function grafanaFolderHealth(obj: KubeObject): ResourceHealth {
  return syncedConditionsHealth(obj, c => {
    if (c.type === FOLDER_UID_MISMATCH) {
      return c.status === 'True' ? 'Degraded' : undefined;
    }
    return c.status === 'False' ? 'Degraded' : undefined;
  });
}

/**
 * grafana-operator `GrafanaDatasource` health: Progressing while the
 * operator has not given it a UID (status missing or `uid: ""`), Degraded
 * when no Grafana instance matches its selector, otherwise Healthy.
 * @public
 */
export function grafanaDatasourceHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(status) || at(status, 'uid') === '') {
    return { status: 'Progressing', message: '' };
  }
  const noMatch = at(status, 'NoMatchingInstances');
  // Lua truthiness: any value but nil and false.
  if (!isNil(noMatch) && noMatch !== false) {
    return {
      status: 'Degraded',
      message: "can't find matching grafana instance",
    };
  }
  return { status: 'Healthy', message: '' };
}

/**
 * Argo CD's bundled checks for grafana-operator (`grafana.integreatly.org`),
 * keyed as its resource_customizations folders are named.
 * @public
 */
export const grafanaHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'grafana.integreatly.org/Grafana': grafanaHealth,
  'grafana.integreatly.org/GrafanaDashboard': grafanaDashboardHealth,
  'grafana.integreatly.org/GrafanaDatasource': grafanaDatasourceHealth,
  'grafana.integreatly.org/GrafanaFolder': grafanaFolderHealth,
};
