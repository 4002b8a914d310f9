import type { AuthService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The catalog reads the ApplicationSet processor makes: the entities with
 * the given refs, in order, `undefined` for those that do not exist.
 */
export interface CatalogLookup {
  getEntitiesByRefs(entityRefs: string[]): Promise<Array<Entity | undefined>>;
}

/** The fields the processor reads; nothing else is fetched. */
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
];

/**
 * A CatalogLookup over Backstage's catalog service, calling it with the
 * module's own service credentials.
 */
export function catalogServiceLookup(
  catalog: CatalogService,
  auth: AuthService,
): CatalogLookup {
  return {
    async getEntitiesByRefs(entityRefs) {
      if (entityRefs.length === 0) {
        return [];
      }
      const credentials = await auth.getOwnServiceCredentials();
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs, fields: FIELDS },
        { credentials },
      );
      return items.map(item => item ?? undefined);
    },
  };
}
