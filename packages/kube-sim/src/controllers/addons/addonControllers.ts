import { Controller, ControllerContext } from '../Controller';
import { HpaController } from './HpaController';
import { IngressAddonOptions, IngressController } from './IngressController';
import { LoadBalancerController } from './LoadBalancerController';

/**
 * Controllers that are add-ons in a real cluster (not part of the API server
 * or kube-controller-manager's core loops), simulated on request. Without
 * them Ingresses and LoadBalancer Services never get an address and HPAs
 * never report a status, as in a bare cluster. All are off by default.
 */
export interface KubeSimAddons {
  /** An ingress controller: `true` serves every IngressClass. */
  ingress?: boolean | IngressAddonOptions;
  /** The HPA controller with a metrics source that always reads the target. */
  hpa?: boolean;
  /** A cloud load-balancer provider for `type: LoadBalancer` Services. */
  loadBalancer?: boolean;
}

export function addonControllers(
  ctx: ControllerContext,
  addons: KubeSimAddons = {},
): Controller[] {
  const out: Controller[] = [];
  if (addons.ingress)
    out.push(
      new IngressController(ctx, addons.ingress === true ? {} : addons.ingress),
    );
  if (addons.hpa) out.push(new HpaController(ctx));
  if (addons.loadBalancer) out.push(new LoadBalancerController(ctx));
  return out;
}
