import { groupOf, KubeObject } from '@slipway/plugin-slipway-common';
import type { HealthCheck, ResourceHealth } from './types';
import { getBuiltinHealthCheck, pendingDeletionHealth } from './builtinHealth';
import { getCrdHealthCheck } from './crd/crdHealth';

/** Which layer produced a health. @public */
export type HealthLayer = 'deletion' | 'builtin' | 'crd' | 'lua';

/** Options of {@link assessHealth}. @public */
export interface AssessHealthOptions {
  /** Use Slipway's ports of gitops-engine's Go checks of core kinds (default true). */
  builtinChecks?: boolean;
  /** Use Slipway's ports of Argo CD's bundled scripts, for popular custom resources and CronJobs (default true). */
  crdChecks?: boolean;
  /**
   * Judge an object being deleted Progressing before any check of its kind
   * (default true, as Argo CD's controller does). False runs the kind's own
   * check on it, as Argo CD's tests of a bundled health script do.
   */
  pendingDeletion?: boolean;
}

/** A health with the layer that produced it. @public */
export interface LayeredHealth {
  health: ResourceHealth;
  layer: HealthLayer;
}

function describe(obj: KubeObject): string {
  const name = obj.metadata?.name ?? '<unnamed>';
  const ns = obj.metadata?.namespace ? `${obj.metadata.namespace}/` : '';
  return `${obj.kind} ${ns}${name}`;
}

/** Checks the shape every object needs before any health check can read it. */
export function invalidObjectHealth(obj: unknown): ResourceHealth | undefined {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    return {
      status: 'Unknown',
      message:
        'Cannot assess health: the resource is not an object. Pass a parsed Kubernetes manifest.',
    };
  }
  const o = obj as Partial<KubeObject>;
  if (typeof o.kind !== 'string' || typeof o.apiVersion !== 'string') {
    return {
      status: 'Unknown',
      message: `Cannot assess health of ${JSON.stringify(
        (o.metadata as any)?.name ?? '<unnamed>',
      )}: apiVersion and kind must be strings. Fix the manifest.`,
    };
  }
  return undefined;
}

function runCheck(
  check: HealthCheck,
  obj: KubeObject,
): ResourceHealth | undefined {
  try {
    return check(obj);
  } catch (e) {
    return {
      status: 'Unknown',
      message: `Health check of ${describe(obj)} failed: ${
        (e as Error).message
      }`,
    };
  }
}

/**
 * The synchronous layers of health assessment, in order: an object being
 * deleted is Progressing; then the built-in check for its kind; then
 * Slipway's own check for popular custom resources. Undefined when no layer
 * knows the kind (Lua scripts, which are asynchronous, come after: see
 * `HealthAssessor`).
 * @public
 */
export function assessHealthLayered(
  obj: KubeObject,
  options: AssessHealthOptions = {},
): LayeredHealth | undefined {
  const invalid = invalidObjectHealth(obj);
  if (invalid) return { health: invalid, layer: 'builtin' };
  const deleting =
    options.pendingDeletion === false ? undefined : pendingDeletionHealth(obj);
  if (deleting) return { health: deleting, layer: 'deletion' };
  const group = groupOf(obj.apiVersion);
  const builtin =
    options.builtinChecks === false
      ? undefined
      : getBuiltinHealthCheck(group, obj.kind);
  if (builtin) {
    const health = runCheck(builtin, obj);
    return health ? { health, layer: 'builtin' } : undefined;
  }
  if (options.crdChecks !== false) {
    const crd = getCrdHealthCheck(group, obj.kind);
    if (crd) {
      const health = runCheck(crd, obj);
      return health ? { health, layer: 'crd' } : undefined;
    }
  }
  return undefined;
}

/**
 * The health of one object from the built-in and CRD checks, or undefined
 * when Slipway has no check for its kind. Pure and synchronous.
 * @public
 */
export function assessHealth(
  obj: KubeObject,
  options: AssessHealthOptions = {},
): ResourceHealth | undefined {
  return assessHealthLayered(obj, options)?.health;
}
