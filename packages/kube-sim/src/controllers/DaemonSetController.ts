import { StoreEvent } from '../store/KubeObject';
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

/** DaemonSet → one pod per simulated node; a new template replaces pods node by node. */
export class DaemonSetController implements Controller {
  readonly name = 'daemonset';

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    if (ev.resource === 'apps/daemonsets')
      return [`${ev.object.metadata.namespace}/${ev.object.metadata.name}`];
    if (ev.resource === '/pods') return ownerKeys(ev.object, 'DaemonSet');
    return [];
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const { store, writer, types, deleter, settings } = this.ctx;
    const ds = store.get('apps/daemonsets', ns, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const podType = types.forKind('', 'Pod')!;
    const revision = templateHash(ds.spec.template);
    const pods = () =>
      store
        .list('/pods', ns)
        .filter(p => isControlledBy(p, ds) && isPodActive(p));
    const current = pods();
    const allReady =
      current.length === settings.nodes.length && current.every(isPodReady);
    let replaced = false;
    for (const node of settings.nodes) {
      const onNode = current.filter(p => p.spec?.nodeName === node);
      if (onNode.length === 0) {
        writer.create(
          podType,
          podFromTemplate(ds, ds.spec.template, {
            nodeName: node,
            extraLabels: {
              [REV]: revision,
              'pod-template-generation': String(ds.metadata.generation ?? 1),
            },
          }),
          { manager: CONTROLLER_MANAGER },
        );
      } else if (
        onNode[0].metadata.labels?.[REV] !== revision &&
        allReady &&
        !replaced &&
        ds.spec.updateStrategy?.type !== 'OnDelete'
      ) {
        deleter.delete(podType, ns, onNode[0].metadata.name!, {});
        replaced = true;
      }
    }
    const now = pods();
    const ready = now.filter(isPodReady).length;
    const updated = now.filter(
      p => p.metadata.labels?.[REV] === revision,
    ).length;
    const status: Record<string, any> = {
      currentNumberScheduled: now.length,
      desiredNumberScheduled: settings.nodes.length,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready,
      numberUnavailable: settings.nodes.length - ready,
      updatedNumberScheduled: updated,
      observedGeneration: ds.metadata.generation,
    };
    for (const k of [
      'numberAvailable',
      'numberUnavailable',
      'updatedNumberScheduled',
    ])
      if (!status[k]) delete status[k];
    const fresh = store.get('apps/daemonsets', ns, name)!;
    writer.update(
      types.forKind('apps', 'DaemonSet')!,
      { ...fresh, status },
      { manager: CONTROLLER_MANAGER, subresource: 'status' },
    );
  }
}
