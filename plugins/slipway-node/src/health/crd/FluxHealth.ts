import type { KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthStatusCode } from '@slipway/plugin-slipway-common';
import type { ResourceHealth } from '../types';
import { at, isNil, conditionsOf } from '../fields';

/**
 * How one Flux kind reports progress. Flux controllers follow the kstatus
 * conventions: `Ready` (True/False/Unknown) plus `Reconciling` while work is
 * in flight; source kinds add `ArtifactInStorage`, HelmRelease `Released`
 * and `TestSuccess`.
 */
interface FluxRule {
  /** `spec.suspend: true` makes the object Suspended. */
  suspendable: boolean;
  /** The Ready status that counts as "still reconciling". */
  readyInFlight: 'Unknown' | 'False';
  /** When set, only Reconciling conditions with these reasons count. */
  reconcilingReasons?: string[];
  /** Condition types (status True) that count as success besides Ready. */
  successTypes: string[];
  /** Append the reason of a true `ArtifactOutdated` to the message. */
  reportsOutdatedArtifact: boolean;
  /** Successes needed for Healthy. */
  successNeeded: number;
  /** Status when Ready is in flight and Reconciling is true. */
  inFlight: HealthStatusCode;
}

const SOURCE: FluxRule = {
  suspendable: true,
  readyInFlight: 'Unknown',
  successTypes: ['ArtifactInStorage'],
  reportsOutdatedArtifact: true,
  successNeeded: 2,
  inFlight: 'Progressing',
};

const SIMPLE: FluxRule = {
  suspendable: true,
  readyInFlight: 'Unknown',
  successTypes: [],
  reportsOutdatedArtifact: false,
  successNeeded: 1,
  inFlight: 'Progressing',
};

function fluxHealth(obj: KubeObject, rule: FluxRule): ResourceHealth {
  if (rule.suspendable && at(obj, 'spec', 'suspend') === true) {
    return { status: 'Suspended', message: `${obj.kind} is suspended` };
  }
  const status = at(obj, 'status');
  if (isNil(status) || isNil(at(status, 'conditions'))) {
    return { status: 'Progressing', message: 'Status unknown' };
  }
  let inFlight = 0;
  let succeeded = 0;
  let message = '';
  for (const c of conditionsOf(obj)) {
    if (c.type === 'Ready') {
      if (c.status === 'True') succeeded++;
      else if (c.status === rule.readyInFlight) inFlight++;
      message = c.reason;
    } else if (c.type === 'Reconciling' && c.status === 'True') {
      if (
        !rule.reconcilingReasons ||
        rule.reconcilingReasons.includes(c.reason)
      ) {
        inFlight++;
      }
    } else if (
      rule.reportsOutdatedArtifact &&
      c.type === 'ArtifactOutdated' &&
      c.status === 'True'
    ) {
      message = `${message} ${c.reason}`;
    } else if (rule.successTypes.includes(c.type) && c.status === 'True') {
      succeeded++;
    }
  }
  if (inFlight === 2) return { status: rule.inFlight, message };
  if (succeeded === rule.successNeeded) return { status: 'Healthy', message };
  return { status: 'Degraded', message };
}

/** Flux `HelmRelease`: Ready plus Released (or TestSuccess). @public */
export function helmReleaseHealth(obj: KubeObject): ResourceHealth {
  return fluxHealth(obj, {
    ...SIMPLE,
    successTypes: ['Released', 'TestSuccess'],
    successNeeded: 2,
  });
}

/** Flux `Kustomization`: its Ready condition. @public */
export function kustomizationHealth(obj: KubeObject): ResourceHealth {
  return fluxHealth(obj, SIMPLE);
}

/** Flux sources (GitRepository, HelmChart, Bucket, OCIRepository): Ready plus ArtifactInStorage. @public */
export function fluxSourceHealth(obj: KubeObject): ResourceHealth {
  return fluxHealth(obj, SOURCE);
}

/**
 * Flux `HelmRepository`: like other sources, except that OCI repositories
 * have no status to read and are Healthy.
 * @public
 */
export function helmRepositoryHealth(obj: KubeObject): ResourceHealth {
  if (
    at(obj, 'spec', 'suspend') !== true &&
    at(obj, 'spec', 'type') === 'oci'
  ) {
    return {
      status: 'Healthy',
      message:
        "Helm repositories of type 'oci' do not contain any information in the status.",
    };
  }
  return fluxHealth(obj, SOURCE);
}

/** Flux `ImagePolicy`: Ready, with policy evaluation in flight. @public */
export function imagePolicyHealth(obj: KubeObject): ResourceHealth {
  return fluxHealth(obj, {
    ...SIMPLE,
    suspendable: false,
    readyInFlight: 'False',
    reconcilingReasons: [
      'NewGeneration',
      'AccessingRepository',
      'ApplyingPolicy',
    ],
  });
}

/** Flux `ImageRepository`: Ready, with a scan in flight. @public */
export function imageRepositoryHealth(obj: KubeObject): ResourceHealth {
  return fluxHealth(obj, {
    ...SIMPLE,
    readyInFlight: 'False',
    reconcilingReasons: ['NewGeneration', 'Scanning'],
  });
}

/** Flux `ImageUpdateAutomation`: its Ready condition. @public */
export function imageUpdateAutomationHealth(obj: KubeObject): ResourceHealth {
  return fluxHealth(obj, SIMPLE);
}

/** Flux notification `Receiver`: Ready; failing while reconciling is Degraded. @public */
export function receiverHealth(obj: KubeObject): ResourceHealth {
  return fluxHealth(obj, {
    ...SIMPLE,
    suspendable: false,
    readyInFlight: 'False',
    inFlight: 'Degraded',
  });
}
