import type { Entity } from '@backstage/catalog-model';
import type { CatalogLookup } from './CatalogLookup';

/**
 * A CatalogLookup over entities held in memory, for tests; `calls` records
 * every request.
 */
export function staticCatalogLookup(entities: Entity[]): CatalogLookup & { calls: string[][] } {
  const calls: string[][] = [];
  const key = (kind: string, namespace: string | undefined, name: string) =>
    `${kind}:${namespace ?? 'default'}/${name}`.toLocaleLowerCase('en-US');
  const byRef = new Map(entities.map(e => [key(e.kind, e.metadata.namespace, e.metadata.name), e]));
  return {
    calls,
    async getEntitiesByRefs(entityRefs) {
      calls.push(entityRefs);
      return entityRefs.map(ref => byRef.get(ref.toLocaleLowerCase('en-US')));
    },
  };
}
