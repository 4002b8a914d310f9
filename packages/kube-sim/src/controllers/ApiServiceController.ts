import { KubeObject, StoreEvent } from '../store/KubeObject';
import { nowIso } from '../util/objects';
import { Controller, ControllerContext } from './Controller';

const API_SERVICES = 'apiregistration.k8s.io/apiservices';
const SERVICES = '/services';

interface Availability {
  status: 'True' | 'False';
  reason: string;
  message: string;
}

/**
 * APIServices, as kube-aggregator handles them. A local APIService (no
 * `spec.service`) stands for a group version the API server serves itself:
 * Available. One backed by a Service adds its group version to discovery
 * and has its requests proxied to that Service; kube-sim runs no backends,
 * so the group version answers 503 ServiceUnavailable and the APIService is
 * not Available (ServiceNotFound, or FailedDiscoveryCheck once the Service
 * exists): what a cluster shows when an aggregated API's backend is down.
 */
export class ApiServiceController implements Controller {
  readonly name = 'apiservice';
  /** APIService name → the aggregated group version it registered. */
  private readonly registered = new Map<
    string,
    { group: string; version: string }
  >();

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    if (ev.resource === SERVICES) {
      // a Service coming or going changes the condition of the APIServices it backs
      const { namespace, name } = ev.object.metadata;
      return this.ctx.store
        .list(API_SERVICES)
        .filter(
          a =>
            a.spec?.service?.namespace === namespace &&
            a.spec?.service?.name === name,
        )
        .map(a => a.metadata.name!);
    }
    if (ev.resource !== API_SERVICES) return [];
    // registered at once, so that discovery right after the create lists it
    this.register(
      ev.object.metadata.name!,
      ev.type === 'DELETED' ? undefined : ev.object,
    );
    return ev.type === 'DELETED' ? [] : [ev.object.metadata.name!];
  }

  reconcile(name: string): void {
    const { store, types, writer } = this.ctx;
    const apiService = store.get(API_SERVICES, undefined, name);
    if (!apiService || apiService.metadata.deletionTimestamp) return;
    const wanted = this.availability(apiService);
    const current = (apiService.status?.conditions ?? []).find(
      (c: any) => c.type === 'Available',
    );
    if (
      current?.status === wanted.status &&
      current.reason === wanted.reason &&
      current.message === wanted.message
    ) {
      return;
    }
    const lastTransitionTime =
      current?.status === wanted.status ? current.lastTransitionTime : nowIso();
    writer.update(
      types.forKind('apiregistration.k8s.io', 'APIService')!,
      {
        ...apiService,
        status: {
          conditions: [{ type: 'Available', ...wanted, lastTransitionTime }],
        },
      },
      { manager: 'kube-apiserver', subresource: 'status' },
    );
  }

  private register(name: string, apiService: KubeObject | undefined): void {
    const spec = apiService?.spec;
    const wanted = spec?.service
      ? { group: String(spec.group ?? ''), version: String(spec.version) }
      : undefined;
    const before = this.registered.get(name);
    if (before?.group === wanted?.group && before?.version === wanted?.version)
      return;
    if (before) this.ctx.types.removeAggregated(before.group, before.version);
    if (wanted) {
      this.ctx.types.addAggregated(wanted.group, wanted.version);
      this.registered.set(name, wanted);
    } else {
      this.registered.delete(name);
    }
  }

  private availability(apiService: KubeObject): Availability {
    const { service, group, version } = apiService.spec ?? {};
    if (!service) {
      return {
        status: 'True',
        reason: 'Local',
        message: 'Local APIServices are always available',
      };
    }
    if (!this.ctx.store.get(SERVICES, service.namespace, service.name)) {
      return {
        status: 'False',
        reason: 'ServiceNotFound',
        message: `service/${service.name} in "${service.namespace}" is not present`,
      };
    }
    const url = `https://${service.name}.${service.namespace}.svc:${
      service.port ?? 443
    }/apis/${group}/${version}`;
    return {
      status: 'False',
      reason: 'FailedDiscoveryCheck',
      message: `failing or missing response from ${url}: kube-sim runs no API server backends`,
    };
  }
}
