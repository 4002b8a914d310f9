import type { SyncTask } from '@slipway/plugin-slipway-node';
import { crdKindOf } from './servedKinds';

/**
 * Which tasks of a sync the server can dry-run before the first real write:
 * not objects in a namespace this very sync creates, nor objects of a kind
 * whose CRD it creates or applies, nor objects of a kind the server does
 * not serve yet (SkipDryRunOnMissingResource), nor live objects the sync
 * deletes and creates again (hooks, Replace=true with Force=true): a
 * dry-run create of an object that still exists only says it exists, and a
 * dry-run update may be refused for the immutable fields the recreation
 * changes.
 */
export class DryRunScope {
  private readonly pendingNamespaces: Set<string>;
  private readonly pendingKinds: Set<string>;
  /** Kinds of CRDs this sync applies (created or updated): `group/kind`. */
  readonly syncedCrdKinds: Set<string>;
  /** Tasks whose kind the server does not serve yet, allowed to wait for it. */
  private readonly unserved = new Set<string>();

  constructor(tasks: SyncTask[]) {
    const applies = tasks.filter(t => t.action === 'apply');
    this.pendingNamespaces = new Set(
      applies
        .filter(
          t => t.key.kind === 'Namespace' && t.key.group === '' && !t.live,
        )
        .map(t => t.key.name),
    );
    const crds = applies.filter(
      t =>
        t.key.kind === 'CustomResourceDefinition' &&
        t.key.group === 'apiextensions.k8s.io',
    );
    this.pendingKinds = new Set(crds.filter(t => !t.live).map(crdKindOf));
    this.syncedCrdKinds = new Set(crds.map(crdKindOf));
  }

  /** Tasks whose kind is not served yet but may be by the time their wave runs. */
  waitForKinds(taskIds: Iterable<string>): void {
    for (const id of taskIds) this.unserved.add(id);
  }

  /** Why the server cannot check this task beforehand; undefined when it can. */
  reasonNotToValidate(t: SyncTask): string | undefined {
    if (
      t.key.namespace &&
      this.pendingNamespaces.has(t.key.namespace) &&
      t.key.kind !== 'Namespace'
    ) {
      return `namespace ${t.key.namespace} is created by this sync`;
    }
    if (this.pendingKinds.has(`${t.key.group}/${t.key.kind}`)) {
      return `its CustomResourceDefinition is created by this sync`;
    }
    if (this.unserved.has(t.id)) {
      return this.syncedCrdKinds.has(`${t.key.group}/${t.key.kind}`)
        ? `its CustomResourceDefinition is applied by this sync`
        : `the server does not serve ${t.key.kind} in ${t.apiVersion} yet (SkipDryRunOnMissingResource=true)`;
    }
    if (t.live && t.hook) return 'the hook is re-created when the sync runs';
    if (t.live && t.apply.replace && t.apply.force) {
      return 'it is deleted and created again when the sync runs (Replace=true, Force=true)';
    }
    return undefined;
  }
}
