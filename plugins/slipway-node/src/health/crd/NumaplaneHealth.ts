import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, rawConditionsOf } from '../fields';
import { luaEquals, withMessage } from './luaValues';

/** Numaplane's summary of the child resources a rollout manages. */
const CHILD_HEALTH = 'ChildResourcesHealthy';

/** How one Numaplane rollout kind reports its child. */
interface NumaplaneRule {
  /** The child's name in the catch-all "Unknown ... status" message. */
  child: string;
  /** The ChildResourcesHealthy reason that means the child failed. */
  failedReason: string;
  /** The condition that reports a (pausing or) paused child, if the kind can pause. */
  pausedType?: string;
}

/**
 * The last condition of a type, as the upstream loop keeps overwriting its
 * pick; an empty record (every field nil) when there is none.
 */
function lastCondition(obj: KubeObject, type: string): Record<string, any> {
  const matching = rawConditionsOf(obj).filter(c => c.type === type);
  return matching[matching.length - 1] ?? {};
}

/**
 * Numaplane rollout health. Until the controller has reconciled the current
 * generation, while the rollout is Pending and while an upgrade is under
 * way, it is Progressing. Then the child's health decides: failed (or the
 * Failed phase) is Degraded, a child still coming up is Progressing, a
 * paused child is Suspended and a healthy, deployed one Healthy. Anything
 * else is Unknown.
 */
function numaplaneHealth(obj: KubeObject, rule: NumaplaneRule): ResourceHealth {
  const status = at(obj, 'status');
  if (
    isNil(status) ||
    !luaEquals(obj.metadata?.generation, at(status, 'observedGeneration'))
  ) {
    return { status: 'Progressing', message: 'Not yet reconciled' };
  }
  const phase = at(status, 'phase');
  if (phase === 'Pending') {
    return { status: 'Progressing', message: 'Phase=Pending' };
  }
  const upgrade = at(status, 'upgradeInProgress');
  if (!isNil(upgrade) && upgrade !== '') {
    return { status: 'Progressing', message: 'Update in progress' };
  }
  const child = lastCondition(obj, CHILD_HEALTH);
  if (
    (child.status === 'False' && child.reason === rule.failedReason) ||
    phase === 'Failed'
  ) {
    // The rollout's own message explains a Failed phase; otherwise the child's.
    return withMessage(
      'Degraded',
      phase === 'Failed' ? at(status, 'message') : child.message,
    );
  }
  if (child.status === 'False' && child.reason === 'Progressing') {
    return withMessage('Progressing', child.message);
  }
  if (rule.pausedType) {
    const paused = lastCondition(obj, rule.pausedType);
    if (paused.status === 'True') {
      return withMessage('Suspended', paused.message);
    }
  }
  if (child.status === 'True' && phase === 'Deployed') {
    return withMessage('Healthy', child.message);
  }
  return { status: 'Unknown', message: `Unknown ${rule.child} status` };
}

/** Numaplane `ISBServiceRollout` health from its InterStepBufferService child. @public */
export function isbServiceRolloutHealth(obj: KubeObject): ResourceHealth {
  return numaplaneHealth(obj, {
    child: 'ISBService',
    failedReason: 'ISBSvcFailed',
  });
}

/** Numaplane `PipelineRollout` health from its Pipeline child; a paused pipeline is Suspended. @public */
export function pipelineRolloutHealth(obj: KubeObject): ResourceHealth {
  return numaplaneHealth(obj, {
    child: 'Pipeline',
    failedReason: 'PipelineFailed',
    pausedType: 'PipelinePausingOrPaused',
  });
}

/** Numaplane `MonoVertexRollout` health from its MonoVertex child; a paused one is Suspended. @public */
export function monoVertexRolloutHealth(obj: KubeObject): ResourceHealth {
  return numaplaneHealth(obj, {
    child: 'MonoVertex',
    failedReason: 'MonoVertexFailed',
    pausedType: 'MonoVertexPausingOrPaused',
  });
}

/**
 * Numaplane `NumaflowControllerRollout` health from the Numaflow controller
 * it deploys (whose failure reason is plainly `Degraded`).
 * @public
 */
export function numaflowControllerRolloutHealth(
  obj: KubeObject,
): ResourceHealth {
  return numaplaneHealth(obj, {
    child: 'NumaflowController',
    failedReason: 'Degraded',
  });
}

/**
 * Slipway's checks for Numaplane rollout kinds, keyed as Argo CD's
 * resource_customizations folders are named.
 * @public
 */
export const numaplaneHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'numaplane.numaproj.io/ISBServiceRollout': isbServiceRolloutHealth,
  'numaplane.numaproj.io/PipelineRollout': pipelineRolloutHealth,
  'numaplane.numaproj.io/MonoVertexRollout': monoVertexRolloutHealth,
  'numaplane.numaproj.io/NumaflowControllerRollout':
    numaflowControllerRolloutHealth,
};
