import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from './types';
import { conditionsOf, list, record, str } from './fields';
import { unsupportedVersion } from './gvk';

interface HpaCondition {
  type: string;
  reason: string;
  message: string;
  status: string;
}

const WAITING: ResourceHealth = {
  status: 'Progressing',
  message: 'Waiting to Autoscale',
};

const DEGRADED_REASONS: ReadonlyArray<[string, string]> = [
  ['AbleToScale', 'FailedGetScale'],
  ['AbleToScale', 'FailedUpdateScale'],
  ['ScalingActive', 'FailedGetResourceMetric'],
  ['ScalingActive', 'FailedGetObjectMetric'],
  ['ScalingActive', 'FailedGetPodsMetric'],
  ['ScalingActive', 'FailedGetExternalMetric'],
  ['ScalingActive', 'FailedGetContainerResourceMetric'],
  ['ScalingActive', 'FailedComputeMetricsReplicas'],
  ['ScalingActive', 'InvalidSelector'],
];

const HEALTHY_TYPES = ['AbleToScale', 'ScalingLimited'];

/** The autoscaling/v1 conditions annotation the API server keeps for v1 clients. */
export const HPA_V1_CONDITIONS_ANNOTATION =
  'autoscaling.alpha.kubernetes.io/conditions';

function checkConditions(conditions: HpaCondition[]): ResourceHealth {
  // A failure anywhere outweighs a healthy condition listed before it.
  const failing = conditions.find(c =>
    DEGRADED_REASONS.some(([t, r]) => c.type === t && c.reason === r),
  );
  if (failing) return { status: 'Degraded', message: failing.message };
  const healthy = conditions.find(
    c => HEALTHY_TYPES.includes(c.type) && c.status === 'True',
  );
  if (healthy) return { status: 'Healthy', message: healthy.message };
  return { ...WAITING };
}

/**
 * HorizontalPodAutoscaler health from its conditions (for autoscaling/v1,
 * from the conditions annotation): failing to read the scale or the metrics
 * is Degraded, being able to scale is Healthy, anything else is still
 * waiting to autoscale: Progressing.
 * @public
 */
export function hpaHealth(obj: KubeObject): ResourceHealth {
  const unsupported = unsupportedVersion(obj, 'HPA', [
    'autoscaling/v1',
    'autoscaling/v2',
    'autoscaling/v2beta1',
    'autoscaling/v2beta2',
  ]);
  if (unsupported) return unsupported;
  if (obj.apiVersion !== 'autoscaling/v1') {
    return checkConditions(conditionsOf(obj));
  }
  const annotation = obj.metadata?.annotations?.[HPA_V1_CONDITIONS_ANNOTATION];
  if (annotation === undefined) return { ...WAITING };
  let parsed: unknown;
  try {
    parsed = JSON.parse(annotation);
  } catch (e) {
    return {
      status: 'Unknown',
      message: `failed to convert conditions annotation to typed: ${
        (e as Error).message
      }`,
    };
  }
  const conditions = list(parsed).map(c => {
    const r = record(c);
    return {
      type: str(r.type),
      reason: str(r.reason),
      message: str(r.message),
      status: str(r.status),
    };
  });
  return conditions.length === 0 ? { ...WAITING } : checkConditions(conditions);
}
