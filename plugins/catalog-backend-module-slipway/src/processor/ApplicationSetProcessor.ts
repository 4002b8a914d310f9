import { Entity } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  applicationSetEntities,
  applicationSetRef,
  ApplicationSetEntityContext,
} from './applicationSetEntities';
import { applicationsSyncPolicyOf, applyApplicationsSyncPolicy } from './applicationsSyncPolicy';
import { isArgoEntity } from './validateArgoEntity';

/**
 * The location key of the Applications one ApplicationSet generates. It is
 * per set (not per file), so the catalog never lets one set overwrite an
 * Application another set already emitted: the first holder keeps it, and
 * the second set reports the collision as an error.
 */
export function applicationSetLocationKey(set: Entity): string {
  return `slipway-applicationset:${applicationSetRef(set).toLocaleLowerCase('en-US')}`;
}

/** Options of an ApplicationSetProcessor. */
export interface ApplicationSetProcessorOptions extends ApplicationSetEntityContext {
  logger?: LoggerService;
}

const EXPANDED = 'expanded';
/** The Applications emitted last time, kept for the applicationsSync policies other than `sync`. */
const EMITTED = 'emitted';

/**
 * Plays the ApplicationSet controller for the catalog: each ApplicationSet
 * entity emits one Application entity per generated Application. When the
 * expansion fails (a generator, a template, Git, a name collision) the set
 * gets the errors and emits nothing, and Backstage's processing engine keeps
 * the Applications of the last good expansion: a failed processing run
 * leaves the previously emitted children and relations in place.
 *
 * A failed processing run also leaves the entity itself as it was, so a set
 * whose very first expansion fails would never appear in the catalog and
 * its error could not be shown on it. Such a set (not in the catalog yet, no
 * good expansion remembered) is stored once without Applications — it has
 * none to keep — and from the next run on its errors show on it.
 *
 * `spec.syncPolicy.applicationsSync` (create-only, create-update,
 * create-delete) keeps Applications as last emitted instead of updating
 * them, or keeps emitting those no longer generated instead of deleting
 * them, from what the processor remembers of its last run.
 */
export class ApplicationSetProcessor implements CatalogProcessor {
  constructor(private readonly options: ApplicationSetProcessorOptions) {}

  getProcessorName(): string {
    return 'SlipwayApplicationSetProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    cache?: CatalogProcessorCache,
  ): Promise<Entity> {
    if (!isArgoEntity(entity) || entity.kind !== 'ApplicationSet') {
      return entity;
    }
    const policy = applicationsSyncPolicyOf(entity);
    const result =
      typeof policy === 'object'
        ? ({ ok: false, errors: [policy.error] } as const)
        : await applicationSetEntities(entity, this.options);
    if (!result.ok) {
      if (await this.isKnown(entity, cache)) {
        for (const message of result.errors) {
          emit(processingResult.generalError(location, message));
        }
      } else {
        this.options.logger?.warn(
          `${result.errors.join('\n')}\n(ApplicationSet ${applicationSetRef(entity)} is added to the catalog without ` +
            'Applications; the error shows on it from the next refresh on)',
        );
      }
      return entity;
    }
    await cache?.set(EXPANDED, true);
    let entities = result.entities;
    if (typeof policy === 'string' && policy !== 'sync') {
      const previous = (await cache?.get<Entity[]>(EMITTED)) ?? [];
      entities = applyApplicationsSyncPolicy(policy, entities, previous);
      // the cache holds plain JSON
      await cache?.set(EMITTED, JSON.parse(JSON.stringify(entities)));
    }
    const locationKey = applicationSetLocationKey(entity);
    for (const application of entities) {
      emit(processingResult.entity(location, application, { locationKey }));
    }
    return entity;
  }

  /** Whether the set has been stored before, so that failing keeps its state rather than hiding it. */
  private async isKnown(set: Entity, cache?: CatalogProcessorCache): Promise<boolean> {
    if (await cache?.get<boolean>(EXPANDED)) {
      return true;
    }
    try {
      const [stored] = await this.options.catalog.getEntitiesByRefs([applicationSetRef(set)]);
      return stored !== undefined;
    } catch {
      return true; // unsure: failing is the safe side
    }
  }
}
