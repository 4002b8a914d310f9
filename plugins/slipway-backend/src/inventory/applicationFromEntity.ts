import crypto from 'node:crypto';
import { ANNOTATION_ORIGIN_LOCATION, Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ARGOCD_ANNOTATION_MANIFEST_GENERATE_PATHS,
  ARGOCD_ANNOTATION_SKIP_RECONCILE,
  ARGOCD_API_VERSION,
  SLIPWAY_ANNOTATION_APPLICATION_SET,
  SLIPWAY_ANNOTATION_COMPONENT,
  SLIPWAY_ANNOTATION_ROLLING_SYNC_MAX_UPDATE,
  SLIPWAY_ANNOTATION_ROLLING_SYNC_STEP,
  SLIPWAY_ANNOTATION_OWNER,
  SLIPWAY_LABEL_CLUSTER,
  SLIPWAY_LABEL_ENVIRONMENT,
  SLIPWAY_LABEL_NAMESPACE,
} from '@slipway/plugin-slipway-common';
import type { ApplicationSpec, EngineApplication } from '../engine/app/types';
import { withoutDisabledAutomation } from '../engine/app/automatedSync';

/** One Application entity as the reconciler tracks it. */
export interface InventoryApplication {
  /** `application:<namespace>/<name>` */
  entityRef: string;
  /** The engine's view: name (the tracking label value) and Argo CD spec. */
  app: EngineApplication;
  /** Hash of the spec: a change means the desired state may have changed. */
  specHash: string;
  /** `spec.project`, `default` when unset. */
  project: string;
  componentRef?: string;
  owner?: string;
  environment?: string;
  /** Destination cluster (name or server). */
  cluster?: string;
  /** Destination namespace. */
  namespace?: string;
  /** The entity's catalog namespace. */
  entityNamespace: string;
  /** The catalog location the entity came from. */
  originLocation?: string;
  /** Why the spec cannot be reconciled; set for entities the engine must not touch. */
  invalid?: string;
  /**
   * Why the engine leaves the Application alone (Argo CD's skip-reconcile
   * annotation): set, nothing refreshes, syncs or deletes it.
   */
  skipReconcile?: string;
  /** Its place in the RollingSync strategy of the ApplicationSet that generated it. */
  rollingSync?: RollingSyncPlacement;
}

/** Where an Application stands in its ApplicationSet's RollingSync steps (annotations of the catalog module). */
export interface RollingSyncPlacement {
  /** The ApplicationSet's entity ref. */
  set: string;
  /** 0-based step; undefined when no step selects the Application. */
  step?: number;
  /** The step's maxUpdate: an integer or a percentage. */
  maxUpdate?: string;
}

function rollingSyncOf(annotations: Record<string, string>): { rollingSync?: RollingSyncPlacement } {
  const step = annotations[SLIPWAY_ANNOTATION_ROLLING_SYNC_STEP];
  const set = annotations[SLIPWAY_ANNOTATION_APPLICATION_SET];
  if (step === undefined || !set) return {};
  const index = /^\d+$/.test(step) ? Number(step) : undefined;
  const maxUpdate = annotations[SLIPWAY_ANNOTATION_ROLLING_SYNC_MAX_UPDATE];
  return { rollingSync: { set, ...(index !== undefined ? { step: index } : {}), ...(maxUpdate ? { maxUpdate } : {}) } };
}

/** Whether a catalog entity is an Argo CD Application. */
export function isApplicationEntity(entity: Entity): boolean {
  return entity.kind === 'Application' && entity.apiVersion === ARGOCD_API_VERSION;
}

/** JSON with object keys sorted, so equal values hash equally. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .filter(k => (value as Record<string, unknown>)[k] !== undefined)
      .map(k => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function specProblem(spec: Partial<ApplicationSpec> | undefined): string | undefined {
  if (!spec || typeof spec !== 'object') return 'it has no spec';
  const destination = spec.destination;
  if (!destination || typeof destination !== 'object' || (!destination.name && !destination.server)) {
    return 'spec.destination needs a name or a server';
  }
  const sources = spec.sources ?? (spec.source ? [spec.source] : []);
  if (!Array.isArray(sources) || sources.length === 0) return 'it has neither spec.source nor spec.sources';
  const bad = sources.findIndex(s => !s || typeof s.repoURL !== 'string' || !s.repoURL);
  if (bad >= 0) return `${spec.sources ? `spec.sources[${bad}]` : 'spec.source'} has no repoURL`;
  return undefined;
}

/** Go's strconv.ParseBool true words: Argo CD reads the annotation with it, and any other value reconciles. */
const GO_TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

function skipReconcileOf(entity: Entity, annotations: Record<string, string>): { skipReconcile?: string } {
  const value = annotations[ARGOCD_ANNOTATION_SKIP_RECONCILE];
  if (value === undefined || !GO_TRUE_WORDS.has(value)) return {};
  return {
    skipReconcile: `Application ${stringifyEntityRef(entity)} is not reconciled: its annotation ${ARGOCD_ANNOTATION_SKIP_RECONCILE} is "${value}"; remove the annotation or set it to "false" in Git to refresh and sync it again`,
  };
}

/**
 * Argo CD's instance name: Applications outside the `default` catalog
 * namespace mark their resources `<namespace>_<name>`, so that same-named
 * Applications of two namespaces never manage each other's resources.
 */
function instanceOf(entity: Entity): { instance?: string } {
  const namespace = entity.metadata.namespace ?? 'default';
  return namespace === 'default' ? {} : { instance: `${namespace}_${entity.metadata.name}` };
}

/**
 * Maps an Application entity to what the reconciler tracks: the engine's
 * application (name and Argo CD spec) and the denormalised fields the store
 * keeps. A spec the engine cannot reconcile is kept with the reason, so that
 * its status can say what to fix. Pure.
 */
export function applicationFromEntity(entity: Entity): InventoryApplication {
  const annotations = entity.metadata.annotations ?? {};
  const labels = entity.metadata.labels ?? {};
  const spec = (entity.spec ?? {}) as unknown as ApplicationSpec;
  const problem = specProblem(spec);
  const destination = spec.destination ?? {};
  return {
    entityRef: stringifyEntityRef(entity),
    app: {
      name: entity.metadata.name,
      ...instanceOf(entity),
      ref: stringifyEntityRef(entity),
      ...(annotations[ARGOCD_ANNOTATION_MANIFEST_GENERATE_PATHS]
        ? { manifestGeneratePaths: annotations[ARGOCD_ANNOTATION_MANIFEST_GENERATE_PATHS] }
        : {}),
      spec: withoutDisabledAutomation(spec),
    },
    specHash: crypto.createHash('sha256').update(stableStringify(spec)).digest('hex'),
    project: spec.project || 'default',
    componentRef: annotations[SLIPWAY_ANNOTATION_COMPONENT],
    owner: annotations[SLIPWAY_ANNOTATION_OWNER],
    environment: annotations[SLIPWAY_LABEL_ENVIRONMENT] ?? labels[SLIPWAY_LABEL_ENVIRONMENT],
    cluster: annotations[SLIPWAY_LABEL_CLUSTER] ?? destination.name ?? destination.server,
    namespace: annotations[SLIPWAY_LABEL_NAMESPACE] ?? destination.namespace,
    entityNamespace: entity.metadata.namespace ?? 'default',
    originLocation: annotations[ANNOTATION_ORIGIN_LOCATION],
    ...rollingSyncOf(annotations),
    ...skipReconcileOf(entity, annotations),
    ...(problem
      ? { invalid: `Application ${stringifyEntityRef(entity)} cannot be reconciled: ${problem}; fix the Application in Git` }
      : {}),
  };
}
