import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  expandApplicationSet,
  type Application,
  type ClusterInfo,
  type ExpansionLimits,
  type GitReader,
  type PluginGeneratorService,
  type ClusterDecisionService,
} from '@slipway/plugin-slipway-node';
import { SLIPWAY_ANNOTATION_COMPONENT } from '@slipway/plugin-slipway-common';
import type { CatalogLookup } from '../catalog/CatalogLookup';
import { rollingSyncAnnotations, rollingSyncStepsOf } from './rollingSync';
import {
  ApplicationEntityContext,
  applicationToEntity,
  GeneratedApplication,
  SLIPWAY_ANNOTATION_APPLICATION_SET,
} from '../mapping/applicationToEntity';
import { validateApplicationSpec } from './validateArgoEntity';

/** What expanding an ApplicationSet entity reads. */
export interface ApplicationSetEntityContext {
  /** Clusters for the clusters generator. */
  clusters: ClusterInfo[];
  /** Git access for the git generators. */
  git?: GitReader;
  /** Plugin services for the plugin generators. */
  plugins?: PluginGeneratorService;
  /** Duck-typed resources for the clusterDecisionResource generators. */
  clusterDecisions?: ClusterDecisionService;
  /** Reads Components (owner, system) and existing Applications (collisions). */
  catalog: CatalogLookup;
  limits?: ExpansionLimits;
}

/**
 * The outcome of expanding an ApplicationSet entity: either the Application
 * entities to emit, or the errors that keep the last good expansion.
 */
export type ApplicationSetEntities =
  | { ok: true; entities: Entity[] }
  | { ok: false; errors: string[] };

const KEEP =
  'the Applications of its last good expansion are kept until this is fixed';

function lower(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/** The ref of an ApplicationSet entity, as generated Applications record it. */
export function applicationSetRef(set: Entity): string {
  return stringifyEntityRef({
    kind: 'ApplicationSet',
    namespace: set.metadata.namespace ?? 'default',
    name: set.metadata.name,
  });
}

/** The Component an Application belongs to: its annotation, the set's, or the set's name. */
function componentRefOf(app: Application, set: Entity): string | undefined {
  const namespace = set.metadata.namespace ?? 'default';
  const value =
    app.metadata.annotations?.[SLIPWAY_ANNOTATION_COMPONENT] ??
    set.metadata.annotations?.[SLIPWAY_ANNOTATION_COMPONENT] ??
    set.metadata.name;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind: 'Component', defaultNamespace: namespace }),
    );
  } catch {
    return undefined;
  }
}

function fullRef(value: unknown, defaultKind: string, defaultNamespace: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  try {
    return stringifyEntityRef(parseEntityRef(value, { defaultKind, defaultNamespace }));
  } catch {
    return undefined;
  }
}

/** Owner and system of each Component that exists, by lower-cased ref. */
async function readComponents(
  refs: string[],
  catalog: CatalogLookup,
): Promise<Map<string, NonNullable<ApplicationEntityContext['component']>>> {
  const found = await catalog.getEntitiesByRefs(refs);
  const out = new Map<string, NonNullable<ApplicationEntityContext['component']>>();
  found.forEach((entity, i) => {
    if (!entity) return;
    const namespace = entity.metadata.namespace ?? 'default';
    const spec = (entity.spec ?? {}) as { owner?: unknown; system?: unknown };
    out.set(lower(refs[i]), {
      ref: stringifyEntityRef(entity),
      owner: fullRef(spec.owner, 'Group', namespace),
      system: fullRef(spec.system, 'System', namespace),
    });
  });
  return out;
}

/**
 * Application entities of the catalog that another ApplicationSet (or a
 * hand-written catalog file) already holds under a name this set generates.
 */
async function findCollisions(
  set: Entity,
  entities: Entity[],
  catalog: CatalogLookup,
): Promise<string[]> {
  const own = lower(applicationSetRef(set));
  const refs = entities.map(e => stringifyEntityRef(e));
  const existing = await catalog.getEntitiesByRefs(refs);
  const errors: string[] = [];
  existing.forEach((entity, i) => {
    if (!entity) return;
    const holder = entity.metadata.annotations?.[SLIPWAY_ANNOTATION_APPLICATION_SET];
    if (holder && lower(holder) === own) return;
    const by = holder
      ? `ApplicationSet ${holder}`
      : `a catalog file (${entity.metadata.annotations?.['backstage.io/managed-by-location'] ?? 'unknown location'})`;
    errors.push(
      `ApplicationSet "${set.metadata.name}": spec.template.metadata.name: generates Application ${refs[i]}, ` +
        `which ${by} already defines; Application names must be unique in a catalog namespace, ` +
        `so change the template's name (e.g. prefix it with the set's name) in one of them; ${KEEP}`,
    );
  });
  return errors;
}

/**
 * Expands an ApplicationSet entity into its Application entities: expansion,
 * a check of every generated spec, owner and system inherited from the
 * Component, and a check that no other set already holds a generated name.
 * Any problem fails the whole set, so the caller emits no entities and the
 * catalog keeps the last good ones. Never throws.
 */
export async function applicationSetEntities(
  set: Entity,
  context: ApplicationSetEntityContext,
): Promise<ApplicationSetEntities> {
  const name = set.metadata.name;
  const expansion = await expandApplicationSet(set, {
    clusters: context.clusters,
    git: context.git,
    plugins: context.plugins,
    clusterDecisions: context.clusterDecisions,
    limits: context.limits,
  });
  if (expansion.errors.length > 0) {
    return { ok: false, errors: expansion.errors.map(e => `${e.message}; ${KEEP}`) };
  }

  const steps = rollingSyncStepsOf(name, set.spec);
  if (steps && !Array.isArray(steps)) {
    return { ok: false, errors: [`${steps.error}; ${KEEP}`] };
  }

  const errors: string[] = [];
  for (const app of expansion.applications) {
    const problems = validateApplicationSpec(app.spec);
    if (problems.length > 0) {
      errors.push(
        `ApplicationSet "${name}": spec.template: generated Application "${app.metadata.name}" is not valid: ` +
          `${problems.join('; ')}. Fix spec.template (or templatePatch); ${KEEP}`,
      );
    }
  }
  if (errors.length > 0) {
    return { ok: false, errors };
  }

  let components;
  try {
    const refs = [
      ...new Set(expansion.applications.map(app => componentRefOf(app, set)).filter((r): r is string => !!r)),
    ];
    components = await readComponents(refs, context.catalog);
  } catch (e) {
    return {
      ok: false,
      errors: [
        `ApplicationSet "${name}": could not read its Component from the catalog (${(e as Error).message}); ` +
          `it is tried again on the next refresh, and ${KEEP}`,
      ],
    };
  }

  const entities: Entity[] = [];
  for (const app of expansion.applications) {
    const ref = componentRefOf(app, set);
    try {
      const entity = applicationToEntity(app as GeneratedApplication, {
        applicationSet: set,
        component: ref ? components.get(lower(ref)) : undefined,
      });
      if (steps) {
        const labels = (app.metadata.labels ?? {}) as Record<string, string>;
        entity.metadata.annotations = { ...entity.metadata.annotations, ...rollingSyncAnnotations(labels, steps) };
      }
      entities.push(entity);
    } catch (e) {
      errors.push(`${(e as Error).message}; ${KEEP}`);
    }
  }
  if (errors.length > 0) {
    return { ok: false, errors };
  }

  try {
    errors.push(...(await findCollisions(set, entities, context.catalog)));
  } catch (e) {
    errors.push(
      `ApplicationSet "${name}": could not check the catalog for Applications of the same name ` +
        `(${(e as Error).message}); it is tried again on the next refresh, and ${KEEP}`,
    );
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entities };
}
