import { StoreEvent } from '../../store/KubeObject';
import { deepEqual } from '../../util/objects';
import { Controller, ControllerContext, splitKey } from '../Controller';
import { addressFor } from './addresses';

const INGRESSES = 'networking.k8s.io/ingresses';
const INGRESS_CLASSES = 'networking.k8s.io/ingressclasses';
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/** What the simulated ingress controller serves. */
export interface IngressAddonOptions {
  /**
   * IngressClass names it serves (an Ingress without a class counts as the
   * default IngressClass, or as class `""` when there is none); default all.
   */
  classNames?: string[];
  /**
   * Hostname published instead of an IP for the Ingresses of a class, as
   * cloud load balancers do (e.g. `{ alb: 'k8s-alb.elb.example.com' }`).
   */
  hostnames?: Record<string, string>;
}

/**
 * An ingress controller (an add-on in a real cluster, such as ingress-nginx):
 * it publishes the address of its load balancer in
 * `status.loadBalancer.ingress` of every Ingress of its classes. All Ingresses
 * of one class share an address, deterministic in 10.10.0.0/16.
 */
export class IngressController implements Controller {
  readonly name = 'ingress-controller';
  private readonly classNames?: Set<string>;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly options: IngressAddonOptions = {},
  ) {
    if (options.classNames) this.classNames = new Set(options.classNames);
  }

  keysFor(ev: StoreEvent): string[] {
    if (ev.resource === INGRESSES && ev.type !== 'DELETED')
      return [`${ev.object.metadata.namespace}/${ev.object.metadata.name}`];
    // A new default IngressClass adopts the Ingresses that name no class.
    if (ev.resource === INGRESS_CLASSES)
      return this.ctx.store
        .list(INGRESSES)
        .map(i => `${i.metadata.namespace}/${i.metadata.name}`);
    return [];
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const { store, writer, types } = this.ctx;
    const ingress = store.get(INGRESSES, ns, name);
    if (!ingress || ingress.metadata.deletionTimestamp) return;
    const className =
      ingress.spec?.ingressClassName ??
      ingress.metadata.annotations?.[CLASS_ANNOTATION] ??
      this.defaultClass() ??
      '';
    if (this.classNames && !this.classNames.has(className)) return;
    const hostname = this.options.hostnames?.[className];
    const point = hostname ? { hostname } : { ip: addressFor(10, className) };
    const loadBalancer = { ingress: [point] };
    if (deepEqual(ingress.status?.loadBalancer, loadBalancer)) return;
    writer.update(
      types.forKind('networking.k8s.io', 'Ingress')!,
      { ...ingress, status: { ...ingress.status, loadBalancer } },
      { manager: this.name, subresource: 'status' },
    );
  }

  private defaultClass(): string | undefined {
    return this.ctx.store
      .list(INGRESS_CLASSES)
      .find(c => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true')
      ?.metadata.name;
  }
}
