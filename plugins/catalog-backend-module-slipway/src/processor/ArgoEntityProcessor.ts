import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  applicationRelations,
  applicationSetRelations,
} from '../mapping/applicationRelations';
import { isArgoEntity, validateArgoEntity } from './validateArgoEntity';

/**
 * Accepts Argo CD `ApplicationSet` and `Application` documents
 * (apiVersion argoproj.io/v1alpha1) as catalog entities, keeping their Argo
 * shape, and rejects malformed ones with per-field messages.
 */
export class ArgoEntityProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'SlipwayArgoEntityProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isArgoEntity(entity)) {
      return false;
    }
    const problems = validateArgoEntity(entity);
    if (problems.length > 0) {
      throw new InputError(
        `${entity.kind} '${entity.metadata?.name ?? '(no name)'}' is not a valid Argo CD ${entity.kind}: ` +
          `${problems.join('; ')}. Fix the YAML file and the catalog will pick it up on its next refresh.`,
      );
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isArgoEntity(entity)) {
      return entity;
    }
    const relations =
      entity.kind === 'Application'
        ? applicationRelations(entity)
        : applicationSetRelations(entity);
    for (const relation of relations) {
      emit(processingResult.relation(relation));
    }
    return entity;
  }
}
