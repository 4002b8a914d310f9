import { KubeObject, StoreEvent } from '../store/KubeObject';
import {
  Controller,
  CONTROLLER_MANAGER,
  ControllerContext,
  isControlledBy,
  ownerKeys,
  splitKey,
} from './Controller';
import { podFromTemplate, templateHash } from './podTemplate';
import { isPodActive, isPodReady } from './podStatus';

const REV = 'controller-revision-hash';

/**
 * StatefulSet → Pods `<name>-<ordinal>` with PVCs from volumeClaimTemplates.
 * OrderedReady creates one pod at a time, each after the previous is Ready;
 * a new template rolls pods from the highest ordinal down.
 */
export class StatefulSetController implements Controller {
  readonly name = 'statefulset';

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    if (ev.resource === 'apps/statefulsets')
      return [`${ev.object.metadata.namespace}/${ev.object.metadata.name}`];
    if (ev.resource === '/pods') return ownerKeys(ev.object, 'StatefulSet');
    return [];
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const { store, writer, types, deleter } = this.ctx;
    const sts = store.get('apps/statefulsets', ns, name);
    if (!sts || sts.metadata.deletionTimestamp) return;
    const podType = types.forKind('', 'Pod')!;
    const revision = `${name}-${templateHash(sts.spec.template)}`;
    const want = sts.spec.replicas ?? 1;
    const ordered =
      (sts.spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
    const pods = () =>
      store.list('/pods', ns).filter(p => isControlledBy(p, sts));
    const byOrdinal = new Map<number, KubeObject>();
    for (const p of pods())
      byOrdinal.set(Number(p.metadata.name!.slice(name!.length + 1)), p);
    for (let i = 0; i < want; i++) {
      const p = byOrdinal.get(i);
      if (!p) {
        for (const vct of sts.spec.volumeClaimTemplates ?? [])
          this.ensurePvc(sts, vct, i);
        const volumes = (sts.spec.volumeClaimTemplates ?? []).map(
          (vct: any) => ({
            name: vct.metadata?.name,
            persistentVolumeClaim: {
              claimName: `${vct.metadata?.name}-${name}-${i}`,
            },
          }),
        );
        const template = {
          ...sts.spec.template,
          spec: {
            ...sts.spec.template.spec,
            volumes: [...(sts.spec.template.spec?.volumes ?? []), ...volumes],
          },
        };
        writer.create(
          podType,
          podFromTemplate(sts, template, {
            name: `${name}-${i}`,
            hostname: `${name}-${i}`,
            subdomain: sts.spec.serviceName,
            extraLabels: {
              [REV]: revision,
              'statefulset.kubernetes.io/pod-name': `${name}-${i}`,
              'apps.kubernetes.io/pod-index': String(i),
            },
          }),
          { manager: CONTROLLER_MANAGER },
        );
        if (ordered) break;
        continue;
      }
      if (ordered && !isPodReady(p)) break;
    }
    for (const [i, p] of byOrdinal) {
      if (i >= want && !p.metadata.deletionTimestamp)
        deleter.delete(podType, ns, p.metadata.name!, {});
    }
    const current = pods().filter(
      p => Number(p.metadata.name!.slice(name!.length + 1)) < want,
    );
    const allReady = current.length === want && current.every(isPodReady);
    const stale = current
      .filter(p => p.metadata.labels?.[REV] !== revision)
      .sort((a, b) =>
        b.metadata.name!.localeCompare(a.metadata.name!, undefined, {
          numeric: true,
        }),
      );
    if (
      stale.length &&
      (allReady || !ordered) &&
      sts.spec.updateStrategy?.type !== 'OnDelete'
    ) {
      const partition = sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
      const victim = stale.find(
        p => Number(p.metadata.name!.slice(name!.length + 1)) >= partition,
      );
      if (victim) deleter.delete(podType, ns, victim.metadata.name!, {});
    }
    const now = pods().filter(
      p =>
        isPodActive(p) &&
        Number(p.metadata.name!.slice(name!.length + 1)) < want,
    );
    const updated = now.filter(
      p => p.metadata.labels?.[REV] === revision,
    ).length;
    const ready = now.filter(isPodReady).length;
    const fresh = store.get('apps/statefulsets', ns, name)!;
    const done = updated === want && now.length === want;
    const status: Record<string, any> = {
      observedGeneration: sts.metadata.generation,
      replicas: now.length,
      readyReplicas: ready,
      currentReplicas: done ? updated : now.length - updated,
      updatedReplicas: updated,
      currentRevision: done
        ? revision
        : fresh.status?.currentRevision ?? revision,
      updateRevision: revision,
      collisionCount: 0,
      availableReplicas: ready,
    };
    for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas'])
      if (!status[k]) delete status[k];
    writer.update(
      types.forKind('apps', 'StatefulSet')!,
      { ...fresh, status },
      { manager: CONTROLLER_MANAGER, subresource: 'status' },
    );
  }

  private ensurePvc(sts: KubeObject, vct: any, i: number) {
    const claim = `${vct.metadata?.name}-${sts.metadata.name}-${i}`;
    if (
      this.ctx.store.get(
        '/persistentvolumeclaims',
        sts.metadata.namespace,
        claim,
      )
    )
      return;
    this.ctx.writer.create(
      this.ctx.types.forKind('', 'PersistentVolumeClaim')!,
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name: claim,
          namespace: sts.metadata.namespace,
          labels: {
            ...(sts.spec.selector?.matchLabels ?? {}),
            ...(vct.metadata?.labels ?? {}),
          },
        },
        spec: vct.spec ?? {},
      },
      { manager: CONTROLLER_MANAGER },
    );
  }
}
