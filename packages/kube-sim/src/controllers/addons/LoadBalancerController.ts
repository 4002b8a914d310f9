import { StoreEvent } from '../../store/KubeObject';
import { deepEqual } from '../../util/objects';
import { Controller, ControllerContext, splitKey } from '../Controller';
import { addressFor } from './addresses';

const SERVICES = '/services';

/**
 * The service controller of a cloud provider (part of the cloud controller
 * manager, or MetalLB on bare metal; not in a bare cluster): a
 * `type: LoadBalancer` Service gets an external address in
 * `status.loadBalancer.ingress`, deterministic in 10.20.0.0/16; a Service that
 * stops being a LoadBalancer loses it.
 */
export class LoadBalancerController implements Controller {
  readonly name = 'service-lb-controller';

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    if (ev.resource !== SERVICES || ev.type === 'DELETED') return [];
    return [`${ev.object.metadata.namespace}/${ev.object.metadata.name}`];
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const { store, writer, types } = this.ctx;
    const svc = store.get(SERVICES, ns, name);
    if (!svc || svc.metadata.deletionTimestamp) return;
    const loadBalancer =
      svc.spec?.type === 'LoadBalancer'
        ? { ingress: [{ ip: addressFor(20, key), ipMode: 'VIP' }] }
        : {};
    const current = svc.status?.loadBalancer ?? {};
    if (deepEqual(current, loadBalancer)) return;
    writer.update(
      types.forKind('', 'Service')!,
      { ...svc, status: { ...svc.status, loadBalancer } },
      { manager: this.name, subresource: 'status' },
    );
  }
}
