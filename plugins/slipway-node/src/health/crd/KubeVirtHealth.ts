import type {
  HealthStatusCode,
  KubeObject,
} from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from '../types';
import { at, isNil, list, record } from '../fields';
import { luaTruthy } from './luaValues';

/** Before the controller writes any status. */
const NO_STATUS: ResourceHealth = {
  status: 'Progressing',
  message: 'No status available',
};

/** A health whose message is kept only when it is text (Lua's nil is none). */
function health(status: HealthStatusCode, message: unknown): ResourceHealth {
  return typeof message === 'string' ? { status, message } : { status };
}

/** The raw `status.conditions` entries, each read as an object. */
const conditions = (status: Record<string, any>) =>
  list(status.conditions).map(record);

/** What a phase says: its health word and whether it settles the verdict. */
type PhaseRule = readonly [status: HealthStatusCode, final: boolean];

/**
 * KubeVirt and CDI both start from `status.phase`: the phase becomes the
 * message, and a phase with a rule sets the status, either settling it or
 * leaving the conditions a chance to refine it. A phase without a rule keeps
 * the object Progressing.
 */
function phaseHealth(
  status: Record<string, any>,
  rules: Readonly<Record<string, PhaseRule>>,
): { health: ResourceHealth; final: boolean } {
  const phase = status.phase;
  if (typeof phase !== 'string') return { health: NO_STATUS, final: false };
  const rule = Object.prototype.hasOwnProperty.call(rules, phase)
    ? rules[phase]
    : undefined;
  return {
    health: { status: rule ? rule[0] : 'Progressing', message: phase },
    final: rule ? rule[1] : false,
  };
}

/**
 * KubeVirt `VirtualMachine` health. A Paused condition wins outright. A
 * Ready condition that is True means Running; otherwise the machine is
 * Starting while an instance exists (`status.created`), else Stopped, which
 * Argo CD shows as Suspended. The last Ready condition in the list decides,
 * and a Starting machine keeps whatever status an earlier one gave it. The
 * controller's own `printableStatus`, when present, replaces the message.
 * @public
 */
export function virtualMachineHealth(obj: KubeObject): ResourceHealth {
  const rawStatus = at(obj, 'status');
  if (isNil(rawStatus)) return NO_STATUS;
  const status = record(rawStatus);
  let result: ResourceHealth = NO_STATUS;
  for (const c of conditions(status)) {
    if (c.type === 'Paused' && c.status === 'True') {
      return { status: 'Suspended', message: 'Paused' };
    }
    if (c.type !== 'Ready') continue;
    if (c.status === 'True') {
      result = { status: 'Healthy', message: 'Running' };
    } else if (luaTruthy(status.created)) {
      result = { status: result.status, message: 'Starting' };
    } else {
      result = { status: 'Suspended', message: 'Stopped' };
    }
  }
  if (typeof status.printableStatus === 'string') {
    return { status: result.status, message: status.printableStatus };
  }
  return result;
}

/** How each `VirtualMachineInstance` phase reads; all of them settle it. */
const VMI_PHASES: Readonly<Record<string, PhaseRule>> = {
  Failed: ['Degraded', true],
  Pending: ['Progressing', true],
  Scheduling: ['Progressing', true],
  Scheduled: ['Progressing', true],
  Succeeded: ['Suspended', true],
  Unknown: ['Unknown', true],
};

/**
 * KubeVirt `VirtualMachineInstance` health. Terminal and pre-start phases
 * decide on their own, with the phase as the message (a Succeeded instance
 * has shut down, so it is Suspended). A running instance is judged by its
 * conditions in order: Ready True is Healthy, any other Ready is Degraded
 * with the condition's message, and a true Paused condition stops the scan
 * as Suspended.
 * @public
 */
export function virtualMachineInstanceHealth(obj: KubeObject): ResourceHealth {
  const rawStatus = at(obj, 'status');
  if (isNil(rawStatus)) return NO_STATUS;
  const status = record(rawStatus);
  const phase = phaseHealth(status, VMI_PHASES);
  if (phase.final) return phase.health;
  let result = phase.health;
  for (const c of conditions(status)) {
    if (c.type === 'Ready') {
      result =
        c.status === 'True'
          ? { status: 'Healthy', message: 'Running' }
          : health('Degraded', c.message);
    } else if (c.type === 'Paused' && c.status === 'True') {
      return health('Suspended', c.message);
    }
  }
  return result;
}

/** How each CDI `DataVolume` phase reads. */
const DATA_VOLUME_PHASES: Readonly<Record<string, PhaseRule>> = {
  Succeeded: ['Healthy', true],
  // Still checked for an importer error, which gives a better message.
  Failed: ['Degraded', false],
  Unknown: ['Degraded', false],
  Paused: ['Suspended', true],
};

/**
 * CDI `DataVolume` health from its phase, which is also the message. Any
 * phase other than Succeeded or Paused is then checked for a failing
 * importer: a `Running` condition that is False for reason `Error` is
 * Degraded with that condition's message (for example, a 404 from the
 * source URL), even while the phase still says ImportInProgress.
 * @public
 */
export function dataVolumeHealth(obj: KubeObject): ResourceHealth {
  const rawStatus = at(obj, 'status');
  if (isNil(rawStatus)) return NO_STATUS;
  const status = record(rawStatus);
  const phase = phaseHealth(status, DATA_VOLUME_PHASES);
  if (phase.final) return phase.health;
  const failing = conditions(status).find(
    c => c.type === 'Running' && c.status === 'False' && c.reason === 'Error',
  );
  return failing ? health('Degraded', failing.message) : phase.health;
}

/**
 * Argo CD's bundled checks for KubeVirt (`kubevirt.io`) and its
 * Containerized Data Importer (`cdi.kubevirt.io`), keyed as its
 * resource_customizations folders are named.
 * @public
 */
export const kubeVirtHealthChecks: Readonly<Record<string, HealthCheck>> = {
  'kubevirt.io/VirtualMachine': virtualMachineHealth,
  'kubevirt.io/VirtualMachineInstance': virtualMachineInstanceHealth,
  'cdi.kubevirt.io/DataVolume': dataVolumeHealth,
};
