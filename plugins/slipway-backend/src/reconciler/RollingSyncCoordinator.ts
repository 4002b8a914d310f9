import type { InventoryApplication } from '../inventory';
import {
  rollingSyncGate,
  RollingSyncGate,
  RollingSyncMember,
} from './rollingSync';

/**
 * Runs the RollingSync rollouts of ApplicationSets: which Applications of a
 * set may sync now (rollingSyncGate over what the reconciler last saw of
 * the set's members), which of them the rollout started, and, when a
 * member's status changes, which waiting members to look at again.
 */
export class RollingSyncCoordinator {
  /** Members whose sync the rollout started and that have not been Synced and Healthy since. */
  private readonly updating = new Set<string>();

  constructor(
    private readonly options: {
      inventory: { list(): InventoryApplication[] };
      state(entityRef: string): { sync?: string; health?: string } | undefined;
    },
  ) {}

  private members(
    set: string,
  ): Array<RollingSyncMember & { item: InventoryApplication }> {
    return this.options.inventory
      .list()
      .filter(item => item.rollingSync?.set === set)
      .map(item => {
        const state = this.options.state(item.entityRef);
        return {
          item,
          entityRef: item.entityRef,
          step: item.rollingSync?.step,
          sync: state?.sync,
          health: state?.health,
          updating: this.updating.has(item.entityRef),
        };
      });
  }

  /** Whether the OutOfSync application may sync now; undefined when it is in no rollout. */
  gate(item: InventoryApplication): RollingSyncGate | undefined {
    if (!item.rollingSync) return undefined;
    return rollingSyncGate(
      { ...item.rollingSync, entityRef: item.entityRef },
      this.members(item.rollingSync.set),
    );
  }

  /** The rollout started a sync of the application. */
  started(entityRef: string): void {
    this.updating.add(entityRef);
  }

  /**
   * The application's sync or health changed: it stops updating once Synced
   * and Healthy, and the other OutOfSync members of its set are returned to
   * be looked at again (a step may have completed, or a slot freed).
   */
  observed(
    item: InventoryApplication,
    sync?: string,
    health?: string,
  ): string[] {
    if (sync === 'Synced' && health === 'Healthy')
      this.updating.delete(item.entityRef);
    if (!item.rollingSync) return [];
    return this.members(item.rollingSync.set)
      .filter(m => m.entityRef !== item.entityRef && m.sync === 'OutOfSync')
      .map(m => m.entityRef);
  }
}
