import type { HealthStatus, KubeObject } from '@slipway/plugin-slipway-common';

interface Condition {
  type?: string;
  status?: string;
  message?: string;
  reason?: string;
}

/**
 * Completion of the usual hook kinds when no health assessment is available:
 * a Job is Healthy when its Complete condition is true and Degraded when its
 * Failed condition is true; a Pod is Healthy when Succeeded, Degraded when
 * Failed. Anything else is Progressing. Undefined for other kinds.
 * @public
 */
export function hookCompletion(obj: KubeObject): HealthStatus | undefined {
  const status = (obj.status ?? {}) as {
    conditions?: Condition[];
    phase?: string;
    message?: string;
  };
  if (obj.kind === 'Job' && obj.apiVersion.startsWith('batch/')) {
    const conditions = status.conditions ?? [];
    const failed = conditions.find(
      c =>
        (c.type === 'Failed' || c.type === 'FailureTarget') &&
        c.status === 'True',
    );
    if (failed)
      return {
        status: 'Degraded',
        message: failed.message ?? failed.reason ?? 'job failed',
      };
    if (conditions.some(c => c.type === 'Complete' && c.status === 'True')) {
      return { status: 'Healthy', message: 'job completed' };
    }
    return { status: 'Progressing', message: 'job running' };
  }
  if (obj.kind === 'Pod' && obj.apiVersion === 'v1') {
    if (status.phase === 'Succeeded')
      return { status: 'Healthy', message: status.message ?? 'pod completed' };
    if (status.phase === 'Failed')
      return { status: 'Degraded', message: status.message ?? 'pod failed' };
    return {
      status: 'Progressing',
      message: `pod ${status.phase ?? 'pending'}`,
    };
  }
  return undefined;
}
