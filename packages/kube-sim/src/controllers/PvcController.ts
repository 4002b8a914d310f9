import { KubeObject, StoreEvent } from '../store/KubeObject';
import { Controller, ControllerContext, splitKey } from './Controller';

const PROVISIONER = 'kube-sim.slipway.io/hostpath';

/**
 * PersistentVolumeClaim → Bound, as dynamic provisioning does: a
 * PersistentVolume of the requested size is created for the claim (reclaim
 * policy Delete, claimRef to the claim), both become Bound, and the volume
 * is deleted with its claim.
 */
export class PvcController implements Controller {
  readonly name = 'persistentvolume-binder';

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    if (ev.resource !== '/persistentvolumeclaims') return [];
    const key = `${ev.object.metadata.namespace}/${ev.object.metadata.name}`;
    if (ev.type !== 'DELETED') return [key];
    const volume = ev.object.spec?.volumeName;
    return volume ? [`released|${volume}|${ev.object.metadata.uid}`] : [];
  }

  reconcile(key: string): void {
    if (key.startsWith('released|')) {
      const [, volume, uid] = key.split('|');
      this.release(volume, uid);
      return;
    }
    const [ns, name] = splitKey(key);
    const { store, writer, types } = this.ctx;
    const pvc = store.get('/persistentvolumeclaims', ns, name);
    if (!pvc || pvc.metadata.deletionTimestamp || pvc.status?.phase === 'Bound')
      return;
    const t = types.forKind('', 'PersistentVolumeClaim')!;
    const volumeName = pvc.spec?.volumeName ?? `pvc-${pvc.metadata.uid}`;
    const accessModes = pvc.spec?.accessModes ?? ['ReadWriteOnce'];
    const storage = pvc.spec?.resources?.requests?.storage ?? '1Gi';
    this.provision(pvc, volumeName, accessModes, storage);
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
            'volume.kubernetes.io/storage-provisioner': PROVISIONER,
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
        status: { phase: 'Bound', accessModes, capacity: { storage } },
      },
      { manager: 'kube-controller-manager', subresource: 'status' },
    );
  }

  /** Creates the volume for a claim (unless it exists) and marks it Bound. */
  private provision(
    pvc: KubeObject,
    volumeName: string,
    accessModes: string[],
    storage: string,
  ) {
    const { store, writer, types } = this.ctx;
    const pvType = types.forKind('', 'PersistentVolume')!;
    let pv = store.get('/persistentvolumes', undefined, volumeName);
    if (!pv) {
      pv = writer.create(
        pvType,
        {
          apiVersion: 'v1',
          kind: 'PersistentVolume',
          metadata: {
            name: volumeName,
            annotations: { 'pv.kubernetes.io/provisioned-by': PROVISIONER },
            finalizers: ['kubernetes.io/pv-protection'],
          },
          spec: {
            capacity: { storage },
            accessModes,
            persistentVolumeReclaimPolicy: 'Delete',
            storageClassName: pvc.spec?.storageClassName ?? 'standard',
            volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
            hostPath: {
              path: `/var/lib/kube-sim/volumes/${volumeName}`,
              type: '',
            },
            claimRef: {
              kind: 'PersistentVolumeClaim',
              apiVersion: 'v1',
              namespace: pvc.metadata.namespace,
              name: pvc.metadata.name,
              uid: pvc.metadata.uid,
              resourceVersion: pvc.metadata.resourceVersion,
            },
          },
        },
        { manager: 'kube-controller-manager' },
      );
    }
    if (pv.status?.phase !== 'Bound') {
      writer.update(
        pvType,
        { ...pv, status: { phase: 'Bound' } },
        { manager: 'kube-controller-manager', subresource: 'status' },
      );
    }
  }

  /** The claim is gone: a provisioned volume (reclaim policy Delete) goes too. */
  private release(volumeName: string, claimUid: string) {
    const { store, writer, types } = this.ctx;
    const pvType = types.forKind('', 'PersistentVolume')!;
    const pv = store.get('/persistentvolumes', undefined, volumeName);
    if (!pv || pv.spec?.claimRef?.uid !== claimUid) return;
    if (pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') {
      writer.update(
        pvType,
        { ...pv, status: { phase: 'Released' } },
        { manager: 'kube-controller-manager', subresource: 'status' },
      );
      return;
    }
    const finalizers = (pv.metadata.finalizers ?? []).filter(
      f => f !== 'kubernetes.io/pv-protection',
    );
    if (finalizers.length !== (pv.metadata.finalizers ?? []).length) {
      writer.update(
        pvType,
        { ...pv, metadata: { ...pv.metadata, finalizers } },
        { manager: 'kube-controller-manager' },
      );
    }
    this.ctx.deleter.delete(pvType, undefined, volumeName, {});
  }
}
