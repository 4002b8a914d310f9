import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type { OperationEventItem, OperationSummary } from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../../api';
import { ACTIVE_POLL_MS, useLiveData } from '../../hooks/useLiveData';
import { OperationEventLog } from './OperationEventLog';

/** One resource's latest state within a wave. */
export interface ResourceProgress {
  resourceKey: string;
  status?: string;
  message?: string;
}

/** Progress grouped by sync wave, waves in order, each resource at its latest event. */
export function groupByWave(events: readonly OperationEventItem[]): Array<{ wave: number; resources: ResourceProgress[] }> {
  const waves = new Map<number, Map<string, ResourceProgress>>();
  for (const event of [...events].sort((a, b) => a.id - b.id)) {
    if (!event.resourceKey) continue;
    const wave = event.wave ?? 0;
    if (!waves.has(wave)) waves.set(wave, new Map());
    waves.get(wave)!.set(event.resourceKey, {
      resourceKey: event.resourceKey,
      status: event.status,
      message: event.message,
    });
  }
  return [...waves.entries()]
    .sort(([a], [b]) => a - b)
    .map(([wave, resources]) => ({ wave, resources: [...resources.values()] }));
}

/** `apps/Deployment/shop/payments` → `Deployment/payments`. */
export function resourceLabel(resourceKey: string): string {
  const parts = resourceKey.split('/');
  return parts.length >= 4 ? `${parts[1]}/${parts[3]}` : resourceKey;
}

/**
 * Live progress of a running operation by wave and resource, from all its
 * events; each signal or poll reads only the events written since the last.
 */
export function OperationProgress({ operation }: { operation: OperationSummary }) {
  const api = useApi(slipwayApiRef);
  const log = useMemo(() => new OperationEventLog(api, operation.id), [api, operation.id]);
  const { value, error } = useLiveData(
    () => log.readNew(),
    [log],
    {
      isRelevant: message => message.entityRef === operation.entityRef,
      pollInterval: () => ACTIVE_POLL_MS,
    },
  );
  const waves = groupByWave(value ?? []);
  const latestPhase = [...(value ?? [])].reverse().find(event => event.phase)?.phase;
  return (
    <div aria-label={`Progress of operation ${operation.id}`}>
      <LinearProgress />
      {latestPhase && (
        <Typography variant="caption" display="block">
          Phase {latestPhase}
        </Typography>
      )}
      {waves.map(({ wave, resources }) => (
        <Typography key={wave} variant="caption" display="block">
          Wave {wave}:{' '}
          {resources
            .map(r => `${resourceLabel(r.resourceKey)} ${r.status ?? 'pending'}`)
            .join(', ')}
        </Typography>
      ))}
      {error && (
        <Typography variant="caption" color="error" display="block">
          Progress unavailable ({error.message}); the status updates when the operation ends.
        </Typography>
      )}
    </div>
  );
}
