import { isObject } from '../util/objects';
import { defaultPodSpec } from './podSpec';

type Obj = Record<string, any>;

export interface DefaultingContext {
  /** Allocates a ClusterIP for a new Service. */
  allocateClusterIP(): string;
  /** Allocates a node port no other Service holds, none of `alsoTaken`, near `hint`. */
  allocateNodePort(service: Obj, alsoTaken: Set<number>, hint: number): number;
}

export function defaultService(o: Obj, ctx: DefaultingContext) {
  const s = (o.spec ??= {});
  s.type ??= 'ClusterIP';
  s.sessionAffinity ??= 'None';
  if (s.type !== 'ExternalName') {
    if (!s.clusterIP) s.clusterIP = ctx.allocateClusterIP();
    s.clusterIPs ??= s.clusterIP === 'None' ? ['None'] : [s.clusterIP];
    s.ipFamilies ??= ['IPv4'];
    s.ipFamilyPolicy ??= 'SingleStack';
    s.internalTrafficPolicy ??= 'Cluster';
  }
  if (s.type === 'NodePort' || s.type === 'LoadBalancer')
    s.externalTrafficPolicy ??= 'Cluster';
  if (Array.isArray(s.ports)) {
    const hint =
      30000 + (Number(String(s.clusterIP).split('.').pop()) % 2000) * 10;
    const own = new Set<number>(
      s.ports
        .map((p: Obj) => p?.nodePort)
        .filter((n: unknown) => typeof n === 'number'),
    );
    for (const p of s.ports) {
      if (!isObject(p)) continue;
      p.protocol ??= 'TCP';
      if (s.clusterIP !== 'None') p.targetPort ??= p.port;
      if (
        (s.type === 'NodePort' || s.type === 'LoadBalancer') &&
        p.nodePort === undefined
      ) {
        p.nodePort = ctx.allocateNodePort(o, own, hint);
        own.add(p.nodePort);
      }
    }
  }
  if (s.type === 'LoadBalancer') s.allocateLoadBalancerNodePorts ??= true;
  o.status ??= { loadBalancer: {} };
}

export function defaultSecret(o: Obj) {
  o.type ??= 'Opaque';
  if (isObject(o.stringData)) {
    o.data = { ...(o.data ?? {}) };
    for (const [k, v] of Object.entries(o.stringData)) {
      o.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    }
    delete o.stringData;
  }
}

export function defaultNamespace(o: Obj) {
  o.metadata.labels = {
    ...(o.metadata.labels ?? {}),
    'kubernetes.io/metadata.name': o.metadata.name,
  };
  o.spec ??= {};
  o.spec.finalizers ??= ['kubernetes'];
  o.status ??= {};
  o.status.phase ??= 'Active';
}

export function defaultPvc(o: Obj) {
  const s = (o.spec ??= {});
  s.volumeMode ??= 'Filesystem';
  s.storageClassName ??= 'standard';
  o.status ??= {};
  o.status.phase ??= 'Pending';
}

export function defaultPod(o: Obj) {
  const s = (o.spec ??= {});
  defaultPodSpec(s);
  s.enableServiceLinks ??= true;
  s.preemptionPolicy ??= 'PreemptLowerPriority';
  s.priority ??= 0;
  s.tolerations ??= [
    {
      key: 'node.kubernetes.io/not-ready',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    },
    {
      key: 'node.kubernetes.io/unreachable',
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: 300,
    },
  ];
  s.serviceAccountName ??= 'default';
  s.serviceAccount ??= s.serviceAccountName;
  o.status ??= {};
  o.status.phase ??= 'Pending';
  o.status.qosClass ??= 'BestEffort';
}

export function defaultHpa(o: Obj) {
  const s = (o.spec ??= {});
  s.minReplicas ??= 1;
  if (!s.metrics) {
    s.metrics = [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 80 },
        },
      },
    ];
  }
}

export function defaultIngress(o: Obj) {
  const s = (o.spec ??= {});
  if (Array.isArray(s.rules)) {
    for (const r of s.rules) {
      for (const p of r?.http?.paths ?? [])
        if (isObject(p)) p.pathType ??= 'ImplementationSpecific';
    }
  }
  o.status ??= { loadBalancer: {} };
}

export function defaultNetworkPolicy(o: Obj) {
  const s = (o.spec ??= {});
  s.policyTypes ??= s.egress ? ['Ingress', 'Egress'] : ['Ingress'];
  for (const rule of [...(s.ingress ?? []), ...(s.egress ?? [])]) {
    for (const p of rule?.ports ?? []) if (isObject(p)) p.protocol ??= 'TCP';
  }
}
