import { matchesLabels } from '../api/Selectors';
import { KubeObject, StoreEvent } from '../store/KubeObject';
import { deepEqual } from '../util/objects';
import {
  Controller,
  CONTROLLER_MANAGER,
  ControllerContext,
  controllerRef,
  splitKey,
} from './Controller';
import { templateHash } from './podTemplate';
import { isPodReady } from './podStatus';

function selectorReqs(sel: Record<string, string>) {
  return Object.entries(sel).map(([key, v]) => ({
    op: '=' as const,
    key,
    values: [v],
  }));
}

function targetPort(svcPort: any, pod: KubeObject): number | undefined {
  const tp = svcPort.targetPort ?? svcPort.port;
  if (typeof tp === 'number') return tp;
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === tp) return p.containerPort;
  }
  return undefined;
}

function numericTarget(sp: any): number {
  return typeof sp.targetPort === 'number' ? sp.targetPort : sp.port;
}

/**
 * Service → Endpoints and EndpointSlice: the pods selected by a Service that
 * have an IP, split into ready and not-ready addresses.
 */
export class EndpointsController implements Controller {
  readonly name = 'endpoints';

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    const o = ev.object;
    if (ev.resource === '/services')
      return [`${o.metadata.namespace}/${o.metadata.name}`];
    if (ev.resource !== '/pods') return [];
    return this.ctx.store
      .list('/services', o.metadata.namespace)
      .filter(
        s =>
          s.spec?.selector &&
          (matchesLabels(selectorReqs(s.spec.selector), o.metadata.labels) ||
            (ev.previous &&
              matchesLabels(
                selectorReqs(s.spec.selector),
                ev.previous.metadata.labels,
              ))),
      )
      .map(s => `${s.metadata.namespace}/${s.metadata.name}`);
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const { store, writer, types } = this.ctx;
    const svc = store.get('/services', ns, name);
    if (!svc || !svc.spec?.selector || svc.metadata.deletionTimestamp) return;
    const pods = store
      .list('/pods', ns)
      .filter(
        p =>
          p.status?.podIP &&
          !p.metadata.deletionTimestamp &&
          matchesLabels(selectorReqs(svc.spec.selector), p.metadata.labels),
      );
    const addr = (p: KubeObject) => ({
      ip: p.status!.podIP,
      nodeName: p.spec?.nodeName,
      targetRef: {
        kind: 'Pod',
        namespace: ns,
        name: p.metadata.name,
        uid: p.metadata.uid,
      },
    });
    const ports = (svc.spec.ports ?? []).map((sp: any) => ({
      ...(sp.name ? { name: sp.name } : {}),
      port: pods.length
        ? targetPort(sp, pods[0]) ?? sp.port
        : numericTarget(sp),
      protocol: sp.protocol ?? 'TCP',
    }));
    const ready = pods.filter(isPodReady);
    const notReady = pods.filter(p => !isPodReady(p));
    const subsets = pods.length
      ? [
          {
            ...(ready.length ? { addresses: ready.map(addr) } : {}),
            ...(notReady.length
              ? { notReadyAddresses: notReady.map(addr) }
              : {}),
            ports,
          },
        ]
      : undefined;
    const epType = types.forKind('', 'Endpoints')!;
    const existing = store.get('/endpoints', ns, name);
    const labels = {
      ...(svc.metadata.labels ?? {}),
      'endpoints.kubernetes.io/managed-by': 'endpoint-controller',
    };
    const ep: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace: ns, labels },
      ...(subsets ? { subsets } : {}),
    };
    if (!existing) writer.create(epType, ep, { manager: CONTROLLER_MANAGER });
    else if (
      !deepEqual(existing.subsets, ep.subsets) ||
      !deepEqual(existing.metadata.labels, labels)
    ) {
      writer.update(
        epType,
        { ...existing, metadata: { ...existing.metadata, labels }, subsets },
        { manager: CONTROLLER_MANAGER },
      );
    }
    const sliceName = `${name}-${templateHash(name, 5)}`;
    const slice: KubeObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: sliceName,
        namespace: ns,
        labels: {
          'kubernetes.io/service-name': name,
          'endpointslice.kubernetes.io/managed-by':
            'endpointslice-controller.k8s.io',
        },
        ownerReferences: [controllerRef(svc)],
      },
      addressType: 'IPv4',
      endpoints: pods.map(p => ({
        addresses: [p.status!.podIP],
        conditions: {
          ready: isPodReady(p),
          serving: isPodReady(p),
          terminating: false,
        },
        nodeName: p.spec?.nodeName,
        targetRef: {
          kind: 'Pod',
          namespace: ns,
          name: p.metadata.name,
          uid: p.metadata.uid,
        },
      })),
      ports,
    };
    const sliceType = types.forKind('discovery.k8s.io', 'EndpointSlice')!;
    const oldSlice = store.get(
      'discovery.k8s.io/endpointslices',
      ns,
      sliceName,
    );
    if (!oldSlice)
      writer.create(sliceType, slice, { manager: CONTROLLER_MANAGER });
    else if (
      !deepEqual(oldSlice.endpoints, slice.endpoints) ||
      !deepEqual(oldSlice.ports, slice.ports)
    ) {
      writer.update(
        sliceType,
        { ...oldSlice, endpoints: slice.endpoints, ports: slice.ports },
        { manager: CONTROLLER_MANAGER },
      );
    }
  }
}
