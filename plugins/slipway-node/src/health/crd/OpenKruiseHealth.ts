import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { isNil } from '../fields';
import { luaEquals, luaLessThan, luaTruthy, scriptFailure } from './luaValues';
import { luaToNumber } from './luaNumber';

/*
 * OpenKruise (apps.kruise.io) workloads. Argo CD's scripts read deep paths
 * (spec.updateStrategy.rollingUpdate.partition) and compare numbers without
 * guarding against missing fields, so an object the script cannot read
 * ends as a script error rather than a health. The readers below stop with
 * a LuaStop wherever Lua would raise, and `luaScript` turns that into the
 * Unknown health Argo CD shows.
 */

/** Raised where Argo CD's Lua script would stop with an error. */
class LuaStop extends Error {}

function stop(cause: string): never {
  throw new LuaStop(cause);
}

/** Runs a check, turning a LuaStop into Argo CD's script-error health. */
function luaScript(check: () => ResourceHealth): ResourceHealth {
  try {
    return check();
  } catch (e) {
    if (e instanceof LuaStop) return scriptFailure(e.message);
    throw e;
  }
}

/**
 * Lua's `obj.a.b.c`: a missing field is nil, but reading a field of nil
 * (or of a number or boolean) is an error. Text and lists have no named
 * fields, so they read as nil.
 */
function dig(value: unknown, ...keys: string[]): unknown {
  let current = value;
  const seen: string[] = [];
  for (const key of keys) {
    if (isNil(current)) stop(`${seen.join('.')} is missing`);
    if (typeof current === 'number' || typeof current === 'boolean') {
      stop(`${seen.join('.')} is not an object`);
    }
    current =
      typeof current === 'object' && !Array.isArray(current)
        ? (current as Record<string, unknown>)[key]
        : undefined;
    seen.push(key);
  }
  return current;
}

/** Lua's `a < b`: numbers with numbers, text with text, else an error. */
function lessThan(a: unknown, b: unknown, what: string): boolean {
  return luaLessThan(a, b) ?? stop(`cannot compare ${what}`);
}

/** An arithmetic operand as Lua coerces it (numeric text counts). */
function operand(value: unknown, what: string): number {
  return luaToNumber(value) ?? stop(`${what} is not a number`);
}

const WAITING: ResourceHealth = {
  status: 'Progressing',
  message: 'Waiting for initialization',
};

/** How a rollout judgement ends: a health, or keep waiting. */
type Judgement = ResourceHealth | undefined;

/** The messages of one rolling workload kind. */
interface RolloutWords {
  /** The workload as Argo CD spells it in messages ("Cloneset"). */
  name: string;
  /** What is not ready when the rollout is Degraded ("replicas"). */
  units: string;
}

/**
 * The shape the three rolling workloads share: nothing is said until the
 * controller has observed the current generation; then `judge` decides,
 * and when it does not, the workload is still initializing.
 */
function rolloutHealth(
  obj: KubeObject,
  judge: (generation: unknown) => Judgement,
): ResourceHealth {
  return luaScript(() => {
    if (isNil(dig(obj, 'status'))) return WAITING;
    const generation = dig(obj, 'metadata', 'generation');
    if (!luaEquals(generation, dig(obj, 'status', 'observedGeneration'))) {
      return WAITING;
    }
    return judge(generation) ?? WAITING;
  });
}

const paused = (w: RolloutWords): ResourceHealth => ({
  status: 'Suspended',
  message: `${w.name} is paused`,
});
const heldAtPartition = (w: RolloutWords): ResourceHealth => ({
  status: 'Suspended',
  message: `${w.name} needs manual intervention`,
});
const rolledOut = (w: RolloutWords): ResourceHealth => ({
  status: 'Healthy',
  message: `All ${w.name} workloads are ready and updated`,
});
const notReady = (w: RolloutWords): ResourceHealth => ({
  status: 'Degraded',
  message: `Some ${w.units} are not ready or available`,
});

/**
 * A partitioned rollout only applies once the object has been changed
 * (generation above 1): a brand-new workload is judged by its replicas.
 */
const changedSinceCreation = (generation: unknown): boolean =>
  lessThan(1, generation, 'metadata.generation with 1');

const CLONE_SET: RolloutWords = { name: 'Cloneset', units: 'replicas' };

/**
 * OpenKruise `CloneSet` health. Paused (or not yet counting updated
 * available replicas) is Suspended. With a partition other than 0 on a
 * changed CloneSet, the rollout is held for a person once as many replicas
 * are updated as the partition allows; until then it is waiting. Otherwise
 * all updated replicas available is Healthy, anything less Degraded.
 * @public
 */
export function cloneSetHealth(obj: KubeObject): ResourceHealth {
  return rolloutHealth(obj, generation => {
    const strategy = (key: string) => dig(obj, 'spec', 'updateStrategy', key);
    const status = (key: string) => dig(obj, 'status', key);
    if (
      strategy('paused') === true ||
      !luaTruthy(status('updatedAvailableReplicas'))
    ) {
      return paused(CLONE_SET);
    }
    // A missing partition is "not 0" too, as in Argo CD.
    if (
      !luaEquals(strategy('partition'), 0) &&
      changedSinceCreation(generation)
    ) {
      const reached = !lessThan(
        status('updatedReplicas'),
        status('expectedUpdatedReplicas'),
        'updatedReplicas with expectedUpdatedReplicas',
      );
      return reached ? heldAtPartition(CLONE_SET) : undefined;
    }
    return luaEquals(status('updatedAvailableReplicas'), status('replicas'))
      ? rolledOut(CLONE_SET)
      : notReady(CLONE_SET);
  });
}

const STATEFUL_SET: RolloutWords = { name: 'Statefulset', units: 'replicas' };

/**
 * OpenKruise Advanced `StatefulSet` health: as for CloneSet, but the
 * strategy lives under `rollingUpdate`, and a partitioned rollout is held
 * for a person once more replicas are updated than `replicas - partition`.
 * @public
 */
export function advancedStatefulSetHealth(obj: KubeObject): ResourceHealth {
  return rolloutHealth(obj, generation => {
    const rolling = (key: string) =>
      dig(obj, 'spec', 'updateStrategy', 'rollingUpdate', key);
    const status = (key: string) => dig(obj, 'status', key);
    if (
      rolling('paused') === true ||
      !luaTruthy(status('updatedAvailableReplicas'))
    ) {
      return paused(STATEFUL_SET);
    }
    const partition = rolling('partition');
    if (!luaEquals(partition, 0) && changedSinceCreation(generation)) {
      const updated = status('updatedReplicas');
      const target =
        operand(status('replicas'), 'status.replicas') -
        operand(partition, 'the partition');
      return lessThan(target, updated, 'updatedReplicas with the target')
        ? heldAtPartition(STATEFUL_SET)
        : undefined;
    }
    return luaEquals(status('updatedAvailableReplicas'), status('replicas'))
      ? rolledOut(STATEFUL_SET)
      : notReady(STATEFUL_SET);
  });
}

/**
 * How many pods a DaemonSet rollout updates before it holds at its
 * partition: the partition keeps that many pods (or that percentage of the
 * desired pods, "30%") on the old revision. Text that is neither a
 * percentage nor a number means no partition. Undefined while the desired
 * count is unknown.
 */
function daemonSetTarget(desired: unknown, partition: unknown): unknown {
  if (isNil(desired)) return undefined;
  if (isNil(partition)) return desired;
  let kept: unknown = partition;
  if (typeof partition === 'string') {
    const percentage = /^(\d+)%$/.exec(partition);
    if (percentage) {
      // Not rounded: 3 pods at 50% hold once 2 are updated (2 > 1.5).
      return (
        (operand(desired, 'status.desiredNumberScheduled') *
          (100 - Number(percentage[1]))) /
        100
      );
    }
    kept = luaToNumber(partition);
    if (kept === undefined) return desired;
  }
  return (
    operand(desired, 'status.desiredNumberScheduled') -
    operand(kept, 'the partition')
  );
}

const DAEMON_SET: RolloutWords = { name: 'Daemonset', units: 'pods' };

/**
 * OpenKruise Advanced `DaemonSet` health. Paused (or not yet counting
 * updated pods) is Suspended. A partition that keeps some pods back on a
 * changed DaemonSet holds the rollout for a person once more pods are
 * updated than it allows; until then it is waiting. Otherwise all desired
 * pods updated and available is Healthy, and all of them updated but
 * unavailable is Degraded; anything in between is still rolling out.
 * @public
 */
export function advancedDaemonSetHealth(obj: KubeObject): ResourceHealth {
  return rolloutHealth(obj, generation => {
    const rolling = (key: string) =>
      dig(obj, 'spec', 'updateStrategy', 'rollingUpdate', key);
    const status = (key: string) => dig(obj, 'status', key);
    const desired = status('desiredNumberScheduled');
    const target = daemonSetTarget(desired, rolling('partition'));
    const updated = status('updatedNumberScheduled');
    if (rolling('paused') === true || !luaTruthy(updated)) {
      return paused(DAEMON_SET);
    }
    if (
      target !== undefined &&
      !luaEquals(target, desired) &&
      changedSinceCreation(generation)
    ) {
      return lessThan(target, updated, 'updatedNumberScheduled with the target')
        ? heldAtPartition(DAEMON_SET)
        : undefined;
    }
    if (!luaEquals(updated, desired)) return undefined;
    if (luaEquals(status('numberAvailable'), desired)) {
      return rolledOut(DAEMON_SET);
    }
    return luaEquals(status('numberUnavailable'), desired)
      ? notReady(DAEMON_SET)
      : undefined;
  });
}

const BROADCAST_RUNNING: ResourceHealth = {
  status: 'Progressing',
  message: 'BroadcastJob is still running',
};

/**
 * OpenKruise `BroadcastJob` health: phase completed with every desired pod
 * succeeded is Healthy; phase failed with failed pods is Degraded; phase
 * paused with `spec.paused` is Suspended; anything else (including a failed
 * phase that counts no failed pods) is still running.
 * @public
 */
export function broadcastJobHealth(obj: KubeObject): ResourceHealth {
  return luaScript(() => {
    if (isNil(dig(obj, 'status'))) return BROADCAST_RUNNING;
    const status = (key: string) => dig(obj, 'status', key);
    const phase = status('phase');
    if (
      luaEquals(status('desired'), status('succeeded')) &&
      phase === 'completed'
    ) {
      return {
        status: 'Healthy',
        message: 'BroadcastJob is completed successfully',
      };
    }
    // Argo CD's "running" branch answers what the default does, so it is
    // not repeated here.
    if (!luaEquals(status('failed'), 0) && phase === 'failed') {
      return { status: 'Degraded', message: 'BroadcastJob failed' };
    }
    if (phase === 'paused' && dig(obj, 'spec', 'paused') === true) {
      return { status: 'Suspended', message: 'BroadcastJob is Paused' };
    }
    return BROADCAST_RUNNING;
  });
}

/** Lua's `#value > 0` for the active-jobs field. */
function hasEntries(value: unknown): boolean {
  if (Array.isArray(value) || typeof value === 'string') {
    return value.length > 0;
  }
  if (typeof value === 'object' && value !== null) return false;
  return stop('status.active has no length');
}

/**
 * OpenKruise `AdvancedCronJob` health. A job that never ran is Suspended
 * while paused; active jobs are Progressing; one that never ran is
 * Degraded, one that has a `lastScheduleTime` Healthy. Argo CD only checks
 * that the time is there (its date parsing never rejects it), and its
 * script needs a status to read.
 * @public
 */
export function advancedCronJobHealth(obj: KubeObject): ResourceHealth {
  return luaScript(() => {
    const lastSchedule = dig(obj, 'status', 'lastScheduleTime');
    if (
      !isNil(lastSchedule) &&
      typeof lastSchedule !== 'string' &&
      typeof lastSchedule !== 'number'
    ) {
      return stop('status.lastScheduleTime is not text');
    }
    const hasRun = !isNil(lastSchedule);
    if (!hasRun && dig(obj, 'spec', 'paused') === true) {
      return { status: 'Suspended', message: 'AdvancedCronJob is Paused' };
    }
    const active = dig(obj, 'status', 'active');
    if (!isNil(active) && hasEntries(active)) {
      return {
        status: 'Progressing',
        message: 'AdvancedCronJobs has active jobs',
      };
    }
    return hasRun
      ? { status: 'Healthy', message: 'AdvancedCronJobs has run successfully' }
      : {
          status: 'Degraded',
          message: 'AdvancedCronJobs has not run successfully',
        };
  });
}

/**
 * Argo CD's bundled checks for OpenKruise (`apps.kruise.io`), keyed as its
 * resource_customizations folders are named.
 * @public
 */
export const openKruiseHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'apps.kruise.io/CloneSet': cloneSetHealth,
  'apps.kruise.io/StatefulSet': advancedStatefulSetHealth,
  'apps.kruise.io/DaemonSet': advancedDaemonSetHealth,
  'apps.kruise.io/BroadcastJob': broadcastJobHealth,
  'apps.kruise.io/AdvancedCronJob': advancedCronJobHealth,
};
