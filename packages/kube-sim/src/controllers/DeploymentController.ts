import { KubeObject, StoreEvent } from '../store/KubeObject';
import { deepEqual, nowIso } from '../util/objects';
import {
  Controller,
  CONTROLLER_MANAGER,
  ControllerContext,
  controllerRef,
  isControlledBy,
  ownerKeys,
  splitKey,
} from './Controller';
import { setCondition, templateHash, withoutLabel } from './podTemplate';

const HASH = 'pod-template-hash';
const REVISION = 'deployment.kubernetes.io/revision';

function intOrPercent(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v ?? ''));
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/**
 * Deployment → ReplicaSets: one ReplicaSet per pod template (named with its
 * pod-template-hash), revision annotations, rollout of a new template
 * (old ReplicaSets are scaled to 0 once the new one is available; with the
 * Recreate strategy before it starts), history limit, status and the
 * Progressing/Available conditions, including ProgressDeadlineExceeded.
 */
export class DeploymentController implements Controller {
  readonly name = 'deployment';

  private readonly rechecks = new Map<string, number>();

  constructor(private readonly ctx: ControllerContext) {}

  /** Re-reconciles a deployment when its progress deadline passes. */
  private recheckAt(key: string, at: number) {
    const pending = this.rechecks.get(key);
    if (pending !== undefined && pending <= at) return;
    this.rechecks.set(key, at);
    this.ctx.later(Math.max(0, at - Date.now()) + 5, () => {
      this.rechecks.delete(key);
      this.ctx.enqueue(this.name, key);
    });
  }

  keysFor(ev: StoreEvent): string[] {
    if (ev.resource === 'apps/deployments')
      return [`${ev.object.metadata.namespace}/${ev.object.metadata.name}`];
    if (ev.resource === 'apps/replicasets')
      return ownerKeys(ev.object, 'Deployment');
    return [];
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const { store, writer, types } = this.ctx;
    const rsType = types.forKind('apps', 'ReplicaSet')!;
    const d = store.get('apps/deployments', ns, name);
    if (!d || d.metadata.deletionTimestamp) return;
    const owned = store
      .list('apps/replicasets', ns)
      .filter(rs => isControlledBy(rs, d));
    const hash = templateHash(d.spec.template);
    const desired = d.spec.replicas ?? 1;
    let newRS = owned.find(rs =>
      deepEqual(withoutLabel(rs.spec?.template, HASH), d.spec.template),
    );
    const maxRevision = Math.max(
      0,
      ...owned.map(rs => Number(rs.metadata.annotations?.[REVISION] ?? 0)),
    );
    const olds = owned.filter(rs => rs !== newRS);
    const oldActive = olds.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);
    const recreate = d.spec.strategy?.type === 'Recreate';
    const revision =
      newRS?.metadata.annotations?.[REVISION] &&
      Number(newRS.metadata.annotations[REVISION]) === maxRevision
        ? maxRevision
        : maxRevision + 1;
    const annotations = (rs?: KubeObject) => ({
      ...(rs?.metadata.annotations ?? {}),
      'deployment.kubernetes.io/desired-replicas': String(desired),
      'deployment.kubernetes.io/max-replicas': String(
        desired +
          intOrPercent(d.spec.strategy?.rollingUpdate?.maxSurge, desired, true),
      ),
      [REVISION]: String(revision),
    });
    let targetNew = recreate && oldActive > 0 ? 0 : desired;
    if (d.spec.paused) targetNew = newRS?.spec?.replicas ?? 0;
    if (!newRS) {
      const labels = {
        ...(d.spec.template?.metadata?.labels ?? {}),
        [HASH]: hash,
      };
      newRS = writer.create(
        rsType,
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: {
            name: `${d.metadata.name}-${hash}`,
            namespace: ns,
            labels,
            annotations: annotations(),
            ownerReferences: [controllerRef(d)],
          },
          spec: {
            replicas: targetNew,
            minReadySeconds: d.spec.minReadySeconds ?? 0,
            selector: {
              ...d.spec.selector,
              matchLabels: {
                ...(d.spec.selector?.matchLabels ?? {}),
                [HASH]: hash,
              },
            },
            template: {
              ...d.spec.template,
              metadata: { ...d.spec.template.metadata, labels },
            },
          },
        },
        { manager: CONTROLLER_MANAGER },
      );
    } else if (
      newRS.spec.replicas !== targetNew ||
      !deepEqual(newRS.metadata.annotations, annotations(newRS))
    ) {
      newRS = writer.update(
        rsType,
        {
          ...newRS,
          metadata: { ...newRS.metadata, annotations: annotations(newRS) },
          spec: { ...newRS.spec, replicas: targetNew },
        },
        { manager: CONTROLLER_MANAGER },
      );
    }
    const newAvailable = newRS.status?.availableReplicas ?? 0;
    const newDone =
      newRS.spec.replicas === desired &&
      newAvailable >= desired &&
      (newRS.status?.replicas ?? 0) === desired;
    if (!d.spec.paused && (recreate || newDone)) {
      for (const rs of olds) {
        if (rs.spec?.replicas !== 0)
          writer.update(
            rsType,
            { ...rs, spec: { ...rs.spec, replicas: 0 } },
            { manager: CONTROLLER_MANAGER },
          );
      }
    }
    this.cleanup(d, olds);
    this.updateStatus(d, newRS, revision);
  }

  private cleanup(d: KubeObject, olds: KubeObject[]) {
    const limit = d.spec.revisionHistoryLimit ?? 10;
    const idle = olds
      .filter(
        rs =>
          (rs.spec?.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0,
      )
      .sort(
        (a, b) =>
          Number(a.metadata.annotations?.[REVISION] ?? 0) -
          Number(b.metadata.annotations?.[REVISION] ?? 0),
      );
    const rsType = this.ctx.types.forKind('apps', 'ReplicaSet')!;
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      this.ctx.deleter.delete(
        rsType,
        rs.metadata.namespace,
        rs.metadata.name!,
        {},
      );
    }
  }

  private updateStatus(d: KubeObject, newRS: KubeObject, revision: number) {
    const { store, writer, types } = this.ctx;
    const ns = d.metadata.namespace;
    const all = store
      .list('apps/replicasets', ns)
      .filter(rs => isControlledBy(rs, d));
    const sum = (f: (rs: KubeObject) => number) =>
      all.reduce((n, rs) => n + f(rs), 0);
    const desired = d.spec.replicas ?? 1;
    const replicas = sum(rs => rs.status?.replicas ?? 0);
    const updated = newRS.status?.replicas ?? 0;
    const ready = sum(rs => rs.status?.readyReplicas ?? 0);
    const available = sum(rs => rs.status?.availableReplicas ?? 0);
    const maxUnavailable =
      d.spec.strategy?.type === 'Recreate'
        ? 0
        : intOrPercent(
            d.spec.strategy?.rollingUpdate?.maxUnavailable,
            desired,
            false,
          );
    const now = nowIso();
    const fresh = store.get('apps/deployments', ns, d.metadata.name!)!;
    let conditions = fresh.status?.conditions;
    const minAvailable = available >= desired - maxUnavailable;
    conditions = setCondition(
      conditions,
      {
        type: 'Available',
        status: minAvailable ? 'True' : 'False',
        reason: minAvailable
          ? 'MinimumReplicasAvailable'
          : 'MinimumReplicasUnavailable',
        message: minAvailable
          ? 'Deployment has minimum availability.'
          : 'Deployment does not have minimum availability.',
        lastUpdateTime: now,
      },
      now,
    );
    const complete =
      updated === desired &&
      replicas === desired &&
      available >= desired &&
      newRS.spec.replicas === desired;
    const prev = (fresh.status?.conditions ?? []).find(
      (c: any) => c.type === 'Progressing',
    );
    const rsName = newRS.metadata.name;
    let progressing: Record<string, any>;
    if (d.spec.paused) {
      progressing = {
        type: 'Progressing',
        status: 'Unknown',
        reason: 'DeploymentPaused',
        message: 'Deployment is paused',
      };
    } else if (complete) {
      progressing = {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${rsName}" has successfully progressed.`,
      };
    } else {
      const deadline = (d.spec.progressDeadlineSeconds ?? 600) * 1000;
      const since =
        prev &&
        prev.reason !== 'NewReplicaSetAvailable' &&
        prev.status === 'True' &&
        fresh.status?.observedGeneration === fresh.metadata.generation
          ? Date.parse(prev.lastUpdateTime)
          : Date.now();
      const exceeded =
        (prev?.reason === 'ProgressDeadlineExceeded' &&
          fresh.status?.observedGeneration === fresh.metadata.generation) ||
        Date.now() - since >= deadline;
      progressing = exceeded
        ? {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: `ReplicaSet "${rsName}" has timed out progressing.`,
          }
        : {
            type: 'Progressing',
            status: 'True',
            reason: 'ReplicaSetUpdated',
            message: `ReplicaSet "${rsName}" is progressing.`,
          };
      if (!exceeded)
        this.recheckAt(`${ns}/${d.metadata.name}`, since + deadline);
    }
    const keepTime =
      prev &&
      prev.status === progressing.status &&
      prev.reason === progressing.reason;
    conditions = setCondition(
      conditions,
      { ...progressing, lastUpdateTime: keepTime ? prev.lastUpdateTime : now },
      now,
    );
    conditions = [...conditions].sort(
      (a: any, b: any) =>
        Number(b.type === 'Available') - Number(a.type === 'Available'),
    );
    const status: Record<string, any> = {
      observedGeneration: d.metadata.generation,
      replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      unavailableReplicas: Math.max(0, desired - available),
      conditions,
    };
    for (const k of [
      'replicas',
      'updatedReplicas',
      'readyReplicas',
      'availableReplicas',
      'unavailableReplicas',
    ])
      if (!status[k]) delete status[k];
    const annotations = {
      ...(fresh.metadata.annotations ?? {}),
      [REVISION]: String(revision),
    };
    let current = fresh;
    if (fresh.metadata.annotations?.[REVISION] !== String(revision)) {
      current = writer.update(
        types.forKind('apps', 'Deployment')!,
        { ...fresh, metadata: { ...fresh.metadata, annotations } },
        { manager: CONTROLLER_MANAGER },
      );
    }
    writer.update(
      types.forKind('apps', 'Deployment')!,
      { ...current, status },
      { manager: CONTROLLER_MANAGER, subresource: 'status' },
    );
  }
}
