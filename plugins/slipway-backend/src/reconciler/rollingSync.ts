import type { RollingSyncPlacement } from '../inventory/applicationFromEntity';

/** An Application of the same ApplicationSet, as the reconciler last saw it. */
export interface RollingSyncMember {
  entityRef: string;
  step?: number;
  sync?: string;
  health?: string;
  /** Its sync was started by the rollout and it has not been Synced and Healthy since. */
  updating: boolean;
}

/** Whether an application may sync now in its set's rollout, else why it waits. */
export type RollingSyncGate =
  | { allowed: true }
  | { allowed: false; reason: string };

const done = (m: RollingSyncMember) =>
  m.sync === 'Synced' && m.health === 'Healthy';

const names = (members: RollingSyncMember[]) => {
  const shown = members
    .slice(0, 3)
    .map(m => m.entityRef.replace(/^application:/, ''));
  return members.length > 3
    ? `${shown.join(', ')} and ${members.length - 3} more`
    : shown.join(', ');
};

/**
 * Argo CD's `maxUpdate` of a step with `size` Applications: an integer as
 * it is; a percentage of the step rounded down, but at least one unless it
 * is 0%; the whole step when unset.
 */
export function maxUpdateOf(
  maxUpdate: string | undefined,
  size: number,
): number {
  if (maxUpdate === undefined || maxUpdate === '') return size;
  const percent = /^(\d+)%$/.exec(maxUpdate);
  if (percent) {
    const value = Math.floor((size * Number(percent[1])) / 100);
    return Number(percent[1]) > 0 ? Math.max(1, value) : 0;
  }
  return /^\d+$/.test(maxUpdate) ? Number(maxUpdate) : size;
}

/**
 * Argo CD's RollingSync, as a pure decision for one OutOfSync Application:
 * it syncs once every Application of the earlier steps is Synced and
 * Healthy, and while fewer of its own step than `maxUpdate` are updating.
 * An Application no step selects is left for a manual sync.
 */
export function rollingSyncGate(
  placement: RollingSyncPlacement & { entityRef: string },
  members: RollingSyncMember[],
): RollingSyncGate {
  const set = placement.set.replace(/^applicationset:/, '');
  if (placement.step === undefined) {
    return {
      allowed: false,
      reason: `no step of the RollingSync strategy of ApplicationSet ${set} selects this Application; sync it by hand or add a step for its labels`,
    };
  }
  const step = placement.step;
  const behind = members.filter(
    m => m.step !== undefined && m.step < step && !done(m),
  );
  if (behind.length > 0) {
    return {
      allowed: false,
      reason: `waiting for earlier steps of the RollingSync of ApplicationSet ${set} to be Synced and Healthy: ${names(
        behind,
      )}`,
    };
  }
  const peers = members.filter(
    m => m.step === step && m.entityRef !== placement.entityRef,
  );
  const limit = maxUpdateOf(placement.maxUpdate, peers.length + 1);
  const updating = peers.filter(m => m.updating && !done(m));
  if (updating.length >= limit) {
    return {
      allowed: false,
      reason: `step ${
        step + 1
      } of the RollingSync of ApplicationSet ${set} updates at most ${limit} at a time (maxUpdate)${
        updating.length ? `; updating: ${names(updating)}` : ''
      }`,
    };
  }
  return { allowed: true };
}
