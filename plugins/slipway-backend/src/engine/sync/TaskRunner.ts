import {
  KubeObject,
  SLIPWAY_FIELD_MANAGER,
} from '@slipway/plugin-slipway-common';
import {
  SyncOperationSettings,
  SyncTask,
  stampManaged,
} from '@slipway/plugin-slipway-node';
import {
  ClusterClient,
  ClusterError,
  ObjectRef,
  describeRef,
} from '../cluster';

/** The outcome of one write. */
export interface TaskOutcome {
  ok: boolean;
  message: string;
  /** The object as written (with the server's namespace scoping applied). */
  written?: KubeObject;
  /** Nothing had to be written (CreateNamespace for a namespace that exists). */
  unchanged?: boolean;
}

const CRD_READY_TIMEOUT_MS = 3_000;

export function refOfTask(task: SyncTask): ObjectRef {
  const obj = task.target ?? task.live!;
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata?.namespace,
    name: obj.metadata?.name ?? task.key.name,
  };
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Performs single tasks against the cluster: apply (server-side, or replace),
 * prune, hook deletion. Never throws for cluster errors: they become
 * outcomes with the server's message.
 */
export class TaskRunner {
  constructor(
    private readonly client: ClusterClient,
    private readonly appName: string,
    private readonly settings: SyncOperationSettings,
    private readonly fieldManager: string = SLIPWAY_FIELD_MANAGER,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** The target as it will be written: namespace scoped by discovery, tracking stamped. */
  async prepare(task: SyncTask): Promise<KubeObject> {
    const target = task.target!;
    const info = await this.client.resourceFor(target.apiVersion, target.kind);
    let obj = target;
    if (info && !info.namespaced && target.metadata.namespace) {
      obj = { ...target, metadata: { ...target.metadata } };
      delete obj.metadata.namespace;
    }
    // the namespace created by CreateNamespace is not tracked: it is never pruned
    return task.createdNamespace ? obj : stampManaged(obj, this.appName);
  }

  async apply(task: SyncTask, dryRun: boolean): Promise<TaskOutcome> {
    let target: KubeObject;
    try {
      target = await this.prepare(task);
    } catch (e) {
      return { ok: false, message: errorMessage(e) };
    }
    const ref = {
      apiVersion: target.apiVersion,
      kind: target.kind,
      namespace: target.metadata.namespace,
      name: target.metadata.name!,
    };
    const suffix = dryRun ? ' (dry run)' : '';
    const fieldValidation = task.apply.validate
      ? ('Strict' as const)
      : ('Ignore' as const);
    try {
      if (task.createdNamespace) {
        const existing = await this.client.get(ref);
        const wantsMetadata = !!(
          target.metadata.labels || target.metadata.annotations
        );
        if (existing && !wantsMetadata) {
          return {
            ok: true,
            message: `namespace ${ref.name} already exists`,
            written: existing,
            unchanged: true,
          };
        }
      }
      if (task.apply.replace) {
        const live = await this.client.get(ref);
        if (!live) {
          const created = await this.client.create(target, {
            dryRun,
            fieldValidation,
          });
          return {
            ok: true,
            message: `${describeRef(ref)} created${suffix}`,
            written: created,
          };
        }
        const keepsChildren =
          target.kind === 'Namespace' ||
          target.kind === 'CustomResourceDefinition';
        if (task.apply.force && !keepsChildren) {
          // kubectl replace --force: delete, wait until gone, create
          if (!dryRun) {
            await this.client.delete(ref, { propagationPolicy: 'Foreground' });
            await this.waitGone(ref);
          }
          const created = await this.client.create(target, {
            dryRun,
            fieldValidation,
          });
          return {
            ok: true,
            message: `${describeRef(ref)} replaced (recreated)${suffix}`,
            written: created,
          };
        }
        const update = {
          ...target,
          metadata: {
            ...target.metadata,
            resourceVersion: live.metadata.resourceVersion,
          },
        };
        const replaced = await this.client.replace(update, {
          dryRun,
          fieldValidation,
        });
        return {
          ok: true,
          message: `${describeRef(ref)} replaced${suffix}`,
          written: replaced,
        };
      }
      const applied = await this.client.apply(target, {
        fieldManager: this.fieldManager,
        // Slipway owns the fields Git declares, as Argo CD's server-side apply does
        force: true,
        dryRun,
        fieldValidation,
      });
      if (!dryRun && target.kind === 'CustomResourceDefinition')
        await this.waitCrdEstablished(ref);
      return {
        ok: true,
        message: `${describeRef(ref)} ${
          task.live ? 'configured' : 'created'
        }${suffix}`,
        written: applied,
      };
    } catch (e) {
      return { ok: false, message: errorMessage(e) };
    }
  }

  async prune(
    task: SyncTask,
    dryRun: boolean,
  ): Promise<TaskOutcome & { skipped?: boolean }> {
    if (task.pruneSkipReason)
      return { ok: true, skipped: true, message: task.pruneSkipReason };
    if (dryRun) return { ok: true, message: 'pruned (dry run)' };
    const ref = refOfTask(task);
    if (task.live?.metadata.deletionTimestamp)
      return { ok: true, message: 'pruned (already being deleted)' };
    try {
      await this.client.delete(ref, {
        propagationPolicy: this.settings.prunePropagationPolicy,
      });
      return { ok: true, message: 'pruned' };
    } catch (e) {
      return { ok: false, message: errorMessage(e) };
    }
  }

  /** Deletes an object and waits until the server no longer has it (e.g. a hook before re-creation). */
  async deleteAndWait(ref: ObjectRef): Promise<TaskOutcome> {
    try {
      await this.client.delete(ref, { propagationPolicy: 'Foreground' });
      await this.waitGone(ref);
      return { ok: true, message: `${describeRef(ref)} deleted` };
    } catch (e) {
      return {
        ok: false,
        message: `failed to delete ${describeRef(ref)}: ${errorMessage(e)}`,
      };
    }
  }

  async delete(ref: ObjectRef): Promise<void> {
    await this.client.delete(ref, { propagationPolicy: 'Background' });
  }

  private async waitGone(ref: ObjectRef, timeoutMs = 60_000): Promise<void> {
    for (let waited = 0; ; waited += 250) {
      if (!(await this.client.get(ref))) return;
      if (waited >= timeoutMs) {
        throw new ClusterError(
          `${describeRef(ref)} is still present ${
            timeoutMs / 1000
          } s after its deletion`,
          504,
          'Timeout',
        );
      }
      await this.sleep(250);
    }
  }

  private async waitCrdEstablished(ref: ObjectRef): Promise<void> {
    for (let waited = 0; waited < CRD_READY_TIMEOUT_MS; waited += 100) {
      const crd = await this.client.get(ref);
      const conditions =
        (
          crd?.status as {
            conditions?: Array<{ type: string; status: string }>;
          }
        )?.conditions ?? [];
      if (conditions.some(c => c.type === 'Established' && c.status === 'True'))
        break;
      await this.sleep(100);
    }
    // the new kind must be found by the next lookups
    this.client.invalidateDiscovery();
  }
}
