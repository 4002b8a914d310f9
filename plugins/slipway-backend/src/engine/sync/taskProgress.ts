import type {
  HealthStatus,
  OperationPhase,
} from '@slipway/plugin-slipway-common';
import type { SyncTask } from '@slipway/plugin-slipway-node';
import type { ClusterClient } from '../cluster';
import { hookCompletion } from './hookCompletion';
import { refOfTask } from './TaskRunner';
import type { HealthFunction } from './types';

/**
 * Where a written task stands, from its live object, as Argo CD judges it:
 * a prune is done when the object is gone; a resource succeeds when Healthy
 * (or without health) and fails when Degraded; a hook succeeds when Healthy
 * and fails when Degraded or Unknown. Everything else is still Running.
 */
export async function taskProgress(
  t: SyncTask,
  client: ClusterClient,
  healthOf: HealthFunction | undefined,
): Promise<{ phase: OperationPhase; message?: string }> {
  const live = await client.get(refOfTask(t));
  if (t.action === 'prune') return { phase: live ? 'Running' : 'Succeeded' };
  if (!live) {
    return {
      phase: 'Failed',
      message: `${t.key.kind} ${t.key.name} is missing; it might have been deleted`,
    };
  }
  let health: HealthStatus | undefined;
  try {
    health = await healthOf?.(live);
  } catch (e) {
    return {
      phase: 'Error',
      message: `health check failed: ${
        e instanceof Error ? e.message : String(e)
      }`,
    };
  }
  if (t.hook) health ??= hookCompletion(live);
  if (!health || health.status === 'Healthy') {
    return { phase: 'Succeeded', message: health?.message };
  }
  if (health.status === 'Degraded' || (t.hook && health.status === 'Unknown')) {
    return { phase: 'Failed', message: health.message };
  }
  return { phase: 'Running', message: health.message };
}
