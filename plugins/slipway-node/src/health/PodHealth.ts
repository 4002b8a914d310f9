import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';
import {
  at,
  conditionsOf,
  findCondition,
  int,
  list,
  record,
  str,
} from './fields';
import { unsupportedVersion } from './gvk';

/**
 * Annotation that makes a pod with restartPolicy Never/OnFailure be judged
 * like a long-running pod (Argo CD's alpha feature). Hooks ignore it.
 * @public
 */
export const ANNOTATION_IGNORE_RESTART_POLICY =
  'argocd.argoproj.io/ignore-restart-policy';

/** True when the object is a sync hook (Argo CD or Helm hook annotation). @public */
export function isHook(obj: KubeObject): boolean {
  const annotations = obj.metadata?.annotations ?? {};
  const argoHook = annotations['argocd.argoproj.io/hook'];
  if (argoHook !== undefined) {
    return !argoHook.split(',').some(h => h.trim() === 'Skip');
  }
  const helmHook = annotations['helm.sh/hook'];
  if (helmHook !== undefined) {
    return !helmHook.split(',').every(h => h.trim() === 'crd-install');
  }
  return false;
}

const isContainerError = (reason: string) =>
  reason.startsWith('Err') ||
  reason.endsWith('Error') ||
  reason.endsWith('BackOff');

function failMessage(ctr: Record<string, any>): string {
  const terminated = at(ctr, 'state', 'terminated');
  if (terminated === undefined || terminated === null) return '';
  const t = record(terminated);
  if (str(t.message) !== '') return str(t.message);
  if (str(t.reason) === 'OOMKilled') return 'OOMKilled';
  const exitCode = int(t.exitCode);
  if (exitCode !== 0) {
    return `container ${JSON.stringify(
      str(ctr.name),
    )} failed with exit code ${exitCode}`;
  }
  return '';
}

/**
 * Pod health. Long-running pods (restartPolicy Always, or annotated with
 * {@link ANNOTATION_IGNORE_RESTART_POLICY} and not a hook) are Degraded when
 * a container waits on an error or back-off, Healthy when Ready. Pods with a
 * finite life (Never/OnFailure, typically hooks) stay Progressing while
 * running, so that a hook is not failed early.
 * @public
 */
export function podHealth(obj: KubeObject): ResourceHealth {
  const unsupported = unsupportedVersion(obj, 'Pod', ['v1']);
  if (unsupported) return unsupported;
  const status = record(at(obj, 'status'));
  const message = str(status.message);
  const restartPolicy = str(at(obj, 'spec', 'restartPolicy'));
  const ignoreRestartPolicy =
    obj.metadata?.annotations?.[ANNOTATION_IGNORE_RESTART_POLICY] !==
      undefined && !isHook(obj);
  const longRunning = restartPolicy === 'Always' || ignoreRestartPolicy;
  const containerStatuses = list(status.containerStatuses).map(record);

  if (longRunning) {
    const messages: string[] = [];
    for (const ctr of containerStatuses) {
      const waiting = at(ctr, 'state', 'waiting');
      if (waiting !== undefined && waiting !== null) {
        if (isContainerError(str(at(waiting, 'reason')))) {
          messages.push(str(at(waiting, 'message')));
        }
      }
    }
    if (messages.length > 0) {
      return { status: 'Degraded', message: messages.join(', ') };
    }
  }

  switch (str(status.phase)) {
    case 'Pending':
      return { status: 'Progressing', message };
    case 'Succeeded':
      return { status: 'Healthy', message };
    case 'Failed': {
      if (message !== '') return { status: 'Degraded', message };
      const all = [
        ...list(status.initContainerStatuses).map(record),
        ...containerStatuses,
      ];
      for (const ctr of all) {
        const msg = failMessage(ctr);
        if (msg !== '') return { status: 'Degraded', message: msg };
      }
      return { status: 'Degraded', message: '' };
    }
    case 'Running': {
      if (longRunning) {
        const ready = findCondition(conditionsOf(obj), 'Ready');
        if (ready?.status === 'True') return { status: 'Healthy', message };
        const restarted = containerStatuses.some(ctr => {
          const last = at(ctr, 'lastState', 'terminated');
          return last !== undefined && last !== null;
        });
        if (restarted) return { status: 'Degraded', message };
        return { status: 'Progressing', message };
      }
      if (restartPolicy === 'OnFailure' || restartPolicy === 'Never') {
        return { status: 'Progressing', message };
      }
      return { status: 'Unknown', message };
    }
    default:
      return { status: 'Unknown', message };
  }
}
