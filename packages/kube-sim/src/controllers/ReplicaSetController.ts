import { fromLabelSelectorObject, matchesLabels } from '../api/Selectors';
import { KubeObject, StoreEvent } from '../store/KubeObject';
import {
  Controller,
  CONTROLLER_MANAGER,
  ControllerContext,
  isControlledBy,
  ownerKeys,
  splitKey,
} from './Controller';
import { podFromTemplate } from './podTemplate';
import { isPodActive, isPodReady } from './podStatus';

/** ReplicaSet → Pods: keeps `spec.replicas` active pods and reports their readiness. */
export class ReplicaSetController implements Controller {
  readonly name = 'replicaset';

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    if (ev.resource === 'apps/replicasets')
      return [`${ev.object.metadata.namespace}/${ev.object.metadata.name}`];
    if (ev.resource === '/pods') return ownerKeys(ev.object, 'ReplicaSet');
    return [];
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const { store, writer, types } = this.ctx;
    const rs = store.get('apps/replicasets', ns, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const sel = fromLabelSelectorObject(rs.spec?.selector) ?? [];
    const pods = store
      .list('/pods', ns)
      .filter(
        p => isControlledBy(p, rs) && matchesLabels(sel, p.metadata.labels),
      );
    const active = pods.filter(isPodActive);
    const want = rs.spec?.replicas ?? 1;
    const podType = types.forKind('', 'Pod')!;
    if (active.length < want) {
      for (let i = active.length; i < want; i++) {
        writer.create(podType, podFromTemplate(rs, rs.spec.template, {}), {
          manager: CONTROLLER_MANAGER,
        });
      }
    } else if (active.length > want) {
      const victims = [...active]
        .sort(deletionOrder)
        .slice(0, active.length - want);
      for (const p of victims)
        this.ctx.deleter.delete(podType, ns, p.metadata.name!, {});
    }
    const now = store
      .list('/pods', ns)
      .filter(p => isControlledBy(p, rs) && isPodActive(p));
    const ready = now.filter(isPodReady).length;
    const labeled = now.filter(p =>
      matchesLabels(
        fromLabelSelectorObject({
          matchLabels: rs.spec?.template?.metadata?.labels ?? {},
        }) ?? [],
        p.metadata.labels,
      ),
    ).length;
    const status: Record<string, any> = {
      replicas: now.length,
      fullyLabeledReplicas: labeled,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation,
    };
    for (const k of [
      'fullyLabeledReplicas',
      'readyReplicas',
      'availableReplicas',
    ])
      if (!status[k]) delete status[k];
    const fresh = store.get('apps/replicasets', ns, name) as KubeObject;
    writer.update(
      types.forKind('apps', 'ReplicaSet')!,
      { ...fresh, status },
      { manager: CONTROLLER_MANAGER, subresource: 'status' },
    );
  }
}

/** Pods to delete first: not ready before ready, then the newest. */
function deletionOrder(a: KubeObject, b: KubeObject): number {
  const ra = isPodReady(a) ? 1 : 0;
  const rb = isPodReady(b) ? 1 : 0;
  if (ra !== rb) return ra - rb;
  return String(b.metadata.creationTimestamp).localeCompare(
    String(a.metadata.creationTimestamp),
  );
}
