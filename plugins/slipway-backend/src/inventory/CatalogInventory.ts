import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { applicationFromEntity, InventoryApplication, isApplicationEntity } from './applicationFromEntity';

/** What changed in the inventory since the previous read. */
export interface InventoryChanges {
  added: InventoryApplication[];
  /** Applications whose spec or denormalised fields changed. */
  changed: InventoryApplication[];
  /** Entity refs of Applications no longer in the catalog. */
  removed: string[];
}

/**
 * The Applications to reconcile: the catalog's Application entities, read
 * with the plugin's own credentials. A failed read keeps the last good
 * inventory, so an error never makes applications disappear.
 */
export class CatalogInventory {
  private current = new Map<string, InventoryApplication>();
  private loaded = false;

  constructor(
    private readonly options: {
      catalog: Pick<CatalogService, 'getEntities'>;
      auth: Pick<AuthService, 'getOwnServiceCredentials'>;
      logger: LoggerService;
    },
  ) {}

  /** Whether the catalog has been read once. */
  get ready(): boolean {
    return this.loaded;
  }

  get(entityRef: string): InventoryApplication | undefined {
    return this.current.get(entityRef);
  }

  list(): InventoryApplication[] {
    return [...this.current.values()];
  }

  /** Reads the catalog and returns what changed; on error, logs and reports no change. */
  async refresh(): Promise<InventoryChanges> {
    let entities;
    try {
      const credentials = await this.options.auth.getOwnServiceCredentials();
      const response = await this.options.catalog.getEntities(
        // other kinds named Application exist; the apiVersion is checked below
        { filter: { kind: 'Application' } },
        { credentials },
      );
      entities = response.items.filter(isApplicationEntity);
    } catch (error) {
      this.options.logger.warn(
        `could not read Application entities from the catalog; keeping the ${this.current.size} known applications: ${(error as Error).message}`,
      );
      return { added: [], changed: [], removed: [] };
    }
    const next = new Map<string, InventoryApplication>();
    for (const entity of entities) {
      const item = applicationFromEntity(entity);
      next.set(item.entityRef, item);
    }
    const changes: InventoryChanges = { added: [], changed: [], removed: [] };
    for (const [ref, item] of next) {
      const before = this.current.get(ref);
      if (!before) changes.added.push(item);
      else if (JSON.stringify(before) !== JSON.stringify(item)) changes.changed.push(item);
    }
    for (const ref of this.current.keys()) {
      if (!next.has(ref)) changes.removed.push(ref);
    }
    this.current = next;
    this.loaded = true;
    return changes;
  }
}
