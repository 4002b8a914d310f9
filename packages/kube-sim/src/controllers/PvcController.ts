import { StoreEvent } from '../store/KubeObject';
import { Controller, ControllerContext, splitKey } from './Controller';

/** PersistentVolumeClaim → Bound: a volume is provisioned at once with the requested size. */
export class PvcController implements Controller {
  readonly name = 'persistentvolume-binder';

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    if (ev.resource !== '/persistentvolumeclaims' || ev.type === 'DELETED')
      return [];
    return [`${ev.object.metadata.namespace}/${ev.object.metadata.name}`];
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const { store, writer, types } = this.ctx;
    const pvc = store.get('/persistentvolumeclaims', ns, name);
    if (!pvc || pvc.metadata.deletionTimestamp || pvc.status?.phase === 'Bound')
      return;
    const t = types.forKind('', 'PersistentVolumeClaim')!;
    const volumeName = pvc.spec?.volumeName ?? `pvc-${pvc.metadata.uid}`;
    const bound = writer.update(
      t,
      {
        ...pvc,
        metadata: {
          ...pvc.metadata,
          annotations: {
            ...(pvc.metadata.annotations ?? {}),
            'pv.kubernetes.io/bind-completed': 'yes',
            'pv.kubernetes.io/bound-by-controller': 'yes',
          },
        },
        spec: { ...pvc.spec, volumeName },
      },
      { manager: 'kube-controller-manager' },
    );
    writer.update(
      t,
      {
        ...bound,
        status: {
          phase: 'Bound',
          accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
          capacity: {
            storage: pvc.spec?.resources?.requests?.storage ?? '1Gi',
          },
        },
      },
      { manager: 'kube-controller-manager', subresource: 'status' },
    );
  }
}
