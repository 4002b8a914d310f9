import type {
  HealthStatusCode,
  KubeObject,
} from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, list, record } from '../fields';
import { luaToNumber } from './luaNumber';
import { luaText } from './luaValues';

/**
 * What Argo CD shows when its script stops on a Lua error (a missing field
 * it indexes or joins): Unknown, with the cause.
 */
const scriptFailure = (cause: string): ResourceHealth => ({
  status: 'Unknown',
  message: `health check failed: ${cause}`,
});

/** Separates the parts of a Flagger Canary's message. */
const SEP = ' --- ';

/** Flagger's canary phases and the health each one means. */
const CANARY_PHASES: ReadonlyMap<unknown, HealthStatusCode> = new Map<
  unknown,
  HealthStatusCode
>([
  ['Failed', 'Degraded'],
  ['Progressing', 'Progressing'],
  ['Finalising', 'Progressing'],
  ['Promoting', 'Progressing'],
  ['Succeeded', 'Healthy'],
  ['Initialized', 'Healthy'],
]);

/**
 * Flagger `Canary` health from its phase (Failed is Degraded; Progressing,
 * Finalising and Promoting Progressing; Succeeded and Initialized Healthy;
 * any other Unknown). The message is "<phase> --- " followed by the canary
 * weight while traffic is shifted and every condition's message, joined by
 * " --- ". Argo CD's script expects canaryWeight, conditions (each with a
 * message) and phase, and fails without them.
 * @public
 */
export function canaryHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(status)) return { status: 'Unknown', message: 'No status' };
  const weight = at(status, 'canaryWeight');
  const weightNumber = luaToNumber(weight);
  if (weightNumber === undefined) {
    return scriptFailure('the Canary status has no numeric canaryWeight');
  }
  let message = weightNumber > 0 ? `Canary Weight: ${luaText(weight)} %` : '';
  if (isNil(at(status, 'conditions'))) {
    return scriptFailure('the Canary status has no conditions');
  }
  for (const condition of list(at(status, 'conditions')).map(record)) {
    const text = luaText(condition.message);
    if (text === undefined) {
      return scriptFailure('a Canary condition has no message');
    }
    // As upstream: the separator goes only after text already gathered, so
    // an empty message adds no separator of its own.
    message = message === '' ? text : `${message}${SEP}${text}`;
  }
  const phase = luaText(at(status, 'phase'));
  if (phase === undefined)
    return scriptFailure('the Canary status has no phase');
  return {
    status: CANARY_PHASES.get(at(status, 'phase')) ?? 'Unknown',
    message: `${phase}${SEP}${message}`,
  };
}

/**
 * OpenTelemetry Operator `OpenTelemetryCollector` health from the
 * "ready/total" text in `status.scale.statusReplicas`: no replica ready is
 * Degraded (except a DaemonSet with no eligible node, 0/0, which is
 * Healthy), all ready Healthy, some Progressing. A sidecar collector has no
 * scale status of its own and is Healthy.
 * @public
 */
export function openTelemetryCollectorHealth(obj: KubeObject): ResourceHealth {
  const status = at(obj, 'status');
  if (isNil(status)) {
    return {
      status: 'Progressing',
      message: 'Waiting for OpenTelemetry Collector status',
    };
  }
  const replicas = at(status, 'scale', 'statusReplicas');
  if (isNil(replicas)) {
    // Upstream reads spec.mode here without checking that spec exists.
    if (isNil(at(obj, 'spec')))
      return scriptFailure('the collector has no spec');
    return at(obj, 'spec', 'mode') === 'sidecar'
      ? { status: 'Healthy', message: 'Collector is running in sidecar mode' }
      : { status: 'Progressing', message: 'Scale status not available' };
  }
  const text = luaText(replicas);
  if (text === undefined) {
    return scriptFailure('statusReplicas is neither text nor a number');
  }
  // Lua's unanchored "(%d+)/(%d+)": the first digits/digits anywhere.
  const match = /(\d+)\/(\d+)/.exec(text);
  if (!match) {
    return {
      status: 'Progressing',
      message: `Unable to parse replica status: ${text}`,
    };
  }
  const ready = Number(match[1]);
  const total = Number(match[2]);
  if (ready === 0) {
    return at(obj, 'spec', 'mode') === 'daemonset' && total === 0
      ? {
          status: 'Healthy',
          message: 'DaemonSet has no schedulable nodes (0/0)',
        }
      : { status: 'Degraded', message: 'No replicas are ready' };
  }
  return ready === total
    ? { status: 'Healthy', message: 'All replicas are ready' }
    : { status: 'Progressing', message: 'Replicas are starting up' };
}

/**
 * Argo CD's bundled checks for Flagger (`flagger.app`) and the OpenTelemetry
 * Operator (`opentelemetry.io`), keyed as its resource_customizations
 * folders are named.
 * @public
 */
export const deliveryAndTelemetryHealthChecks: Readonly<
  Record<string, HealthCheck>
> = {
  'flagger.app/Canary': canaryHealth,
  'opentelemetry.io/OpenTelemetryCollector': openTelemetryCollectorHealth,
};
