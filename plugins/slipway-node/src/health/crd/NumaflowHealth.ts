import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, list, record } from '../fields';
import { luaEquals, withMessage } from './luaValues';

/** Label Numaplane sets on a child whose progressive upgrade failed. */
const PROGRESSIVE_RESULT = 'numaplane.numaproj.io/progressive-result-state';

/** How one Numaflow kind reports its state. */
interface NumaflowRule {
  kind: string;
  /**
   * The Degraded message when a condition is False; without it, the last
   * False condition's own message.
   */
  unhealthyMessage?: string;
  /** Phases that mean "paused on purpose" (Healthy). */
  pausedPhases: readonly string[];
  /** Whether a failed progressive upgrade (Numaplane label) is Degraded. */
  progressive: boolean;
}

/**
 * Numaflow health. Only a status that describes the current generation is
 * trusted; then a False condition, the Failed phase or a failed progressive
 * upgrade is Degraded, Running is Healthy (and so is a pause). Anything else
 * is still Progressing.
 */
function numaflowHealth(obj: KubeObject, rule: NumaflowRule): ResourceHealth {
  const waiting: ResourceHealth = {
    status: 'Progressing',
    message: `Waiting for ${rule.kind} status`,
  };
  const status = at(obj, 'status');
  if (isNil(status)) return waiting;
  // Lua's loop keeps the last False condition.
  const falseConditions = list(at(status, 'conditions'))
    .map(record)
    .filter(c => c.status === 'False');
  const lastFalse = falseConditions[falseConditions.length - 1];
  if (!luaEquals(obj.metadata?.generation, at(status, 'observedGeneration'))) {
    return waiting;
  }
  const phase = at(status, 'phase');
  // Upstream reads the label without guarding against an object with no
  // labels at all (a script error there); no labels means no failed upgrade.
  const progressiveFailed =
    rule.progressive && obj.metadata?.labels?.[PROGRESSIVE_RESULT] === 'failed';
  if (lastFalse || phase === 'Failed' || progressiveFailed) {
    if (phase === 'Failed') {
      return withMessage('Degraded', at(status, 'message'));
    }
    if (progressiveFailed) {
      return { status: 'Degraded', message: 'Failed progressive upgrade' };
    }
    return rule.unhealthyMessage
      ? { status: 'Degraded', message: rule.unhealthyMessage }
      : withMessage('Degraded', lastFalse?.message);
  }
  if (typeof phase === 'string' && rule.pausedPhases.includes(phase)) {
    return { status: 'Healthy', message: `${rule.kind} is paused` };
  }
  if (phase === 'Running') {
    return { status: 'Healthy', message: `${rule.kind} is healthy` };
  }
  return waiting;
}

/** Numaflow `Vertex` health. @public */
export function numaflowVertexHealth(obj: KubeObject): ResourceHealth {
  return numaflowHealth(obj, {
    kind: 'Vertex',
    pausedPhases: ['Paused'],
    progressive: false,
  });
}

/** Numaflow `InterStepBufferService` health. @public */
export function interStepBufferServiceHealth(obj: KubeObject): ResourceHealth {
  return numaflowHealth(obj, {
    kind: 'InterStepBufferService',
    pausedPhases: [],
    progressive: true,
  });
}

/** Numaflow `Pipeline` health. @public */
export function numaflowPipelineHealth(obj: KubeObject): ResourceHealth {
  return numaflowHealth(obj, {
    kind: 'Pipeline',
    unhealthyMessage: 'Subresources are unhealthy',
    pausedPhases: ['Paused', 'Pausing'],
    progressive: true,
  });
}

/** Numaflow `MonoVertex` health. @public */
export function monoVertexHealth(obj: KubeObject): ResourceHealth {
  return numaflowHealth(obj, {
    kind: 'MonoVertex',
    unhealthyMessage: 'Subresources are unhealthy',
    pausedPhases: ['Paused'],
    progressive: true,
  });
}

/**
 * Slipway's checks for Numaflow kinds (bundled by Argo CD beside its own
 * projects), keyed as Argo CD's resource_customizations folders are named.
 * Argo CD's `argoproj.io` kinds are in `crdHealth.ts`; GitOps Promoter's in
 * `GitOpsPromoterHealth.ts`.
 * @public
 */
export const numaflowHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'numaflow.numaproj.io/Vertex': numaflowVertexHealth,
  'numaflow.numaproj.io/InterStepBufferService': interStepBufferServiceHealth,
  'numaflow.numaproj.io/Pipeline': numaflowPipelineHealth,
  'numaflow.numaproj.io/MonoVertex': monoVertexHealth,
};
