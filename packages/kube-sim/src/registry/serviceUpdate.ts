/*
 * What kube-apiserver's Service strategy does to an update before it
 * validates it (PrepareForUpdate: patchAllocatedValues, NormalizeClusterIPs,
 * dropTypeDependentFields), and the update validation of the allocated
 * addresses (validateUpgradeDowngradeClusterIPs): a PUT that leaves out the
 * cluster IP or node ports keeps the allocated ones, and an allocated cluster
 * IP never changes.
 */
import type { StatusCause } from '../api/Status';
import type { KubeObject } from '../store/KubeObject';
import { deepEqual, isObject } from '../util/objects';
import { dropServiceTypeDependentFields } from './validate';

type ServiceSpec = Record<string, any>;

const needsClusterIP = (spec: ServiceSpec) =>
  (spec.type ?? 'ClusterIP') !== 'ExternalName';
const needsNodePorts = (spec: ServiceSpec) =>
  spec.type === 'NodePort' ||
  (spec.type === 'LoadBalancer' &&
    spec.allocateLoadBalancerNodePorts !== false);
const needsHealthCheckNodePort = (spec: ServiceSpec) =>
  spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
const isHeadless = (spec: ServiceSpec) =>
  Array.isArray(spec.clusterIPs) &&
  spec.clusterIPs.length === 1 &&
  spec.clusterIPs[0] === 'None';

function nodePortsUsed(spec: ServiceSpec): Set<number> {
  const ports: unknown[] = Array.isArray(spec.ports) ? spec.ports : [];
  return new Set(
    ports
      .map(p => (isObject(p) ? p.nodePort : undefined))
      .filter((n): n is number => typeof n === 'number' && n !== 0),
  );
}

/** patchAllocatedValues: addresses and ports the update left out keep their allocated values. */
function patchAllocatedValues(before: ServiceSpec, after: ServiceSpec) {
  if (needsClusterIP(before) && needsClusterIP(after)) {
    if (!after.clusterIP) after.clusterIP = before.clusterIP;
    const beforeIPs: unknown[] = before.clusterIPs ?? [];
    if ((after.clusterIPs ?? []).length === 0 && beforeIPs.length > 0) {
      if (after.clusterIP === before.clusterIP)
        after.clusterIPs = [...beforeIPs];
    }
  }
  if (
    needsNodePorts(before) &&
    needsNodePorts(after) &&
    Array.isArray(after.ports)
  ) {
    // ports are matched by name; a node port the update uses elsewhere is not patched in
    const used = nodePortsUsed(after);
    const byName = new Map<string, number>();
    for (const p of Array.isArray(before.ports) ? before.ports : []) {
      if (isObject(p) && typeof p.nodePort === 'number')
        byName.set(String(p.name ?? ''), p.nodePort);
    }
    after.ports = after.ports.map((p: unknown) => {
      if (!isObject(p) || (p.nodePort !== undefined && p.nodePort !== 0))
        return p;
      const old = byName.get(String(p.name ?? ''));
      return old !== undefined && !used.has(old) ? { ...p, nodePort: old } : p;
    });
  }
  if (
    needsHealthCheckNodePort(before) &&
    needsHealthCheckNodePort(after) &&
    !after.healthCheckNodePort
  ) {
    after.healthCheckNodePort = before.healthCheckNodePort;
  }
}

const sameIPs = (a: ServiceSpec, b: ServiceSpec) =>
  deepEqual(a.clusterIPs ?? [], b.clusterIPs ?? []);

/** NormalizeClusterIPs: reads a change of the singular field as meant for the plural one. */
function normalizeClusterIPs(before: ServiceSpec, after: ServiceSpec) {
  if (
    (before.clusterIPs ?? []).length > 0 &&
    (after.clusterIPs ?? []).length === 0 &&
    before.clusterIP === after.clusterIP
  ) {
    after.clusterIPs = [...before.clusterIPs];
  }
  if ((before.clusterIP ?? '') === (after.clusterIP ?? '')) return;
  if (before.clusterIP && !after.clusterIP) {
    if (sameIPs(before, after)) delete after.clusterIPs;
  } else if (sameIPs(before, after)) {
    after.clusterIPs = [after.clusterIP];
  }
}

/** dropTypeDependentFields for a Service becoming ExternalName: the addresses it left as they were go. */
function dropAddressesForExternalName(before: ServiceSpec, after: ServiceSpec) {
  if (!needsClusterIP(before) || needsClusterIP(after)) return;
  if (sameIPs(before, after) && before.clusterIP === after.clusterIP) {
    delete after.clusterIP;
    delete after.clusterIPs;
  }
  for (const field of [
    'ipFamilies',
    'ipFamilyPolicy',
    'internalTrafficPolicy',
  ]) {
    if (deepEqual(before[field], after[field])) delete after[field];
  }
}

/** Prepares a Service update as the API server's strategy does, before defaults and validation. */
export function prepareServiceUpdate(old: KubeObject, next: KubeObject): void {
  const before = old.spec;
  if (!isObject(before) || !isObject(next.spec)) return;
  const after: ServiceSpec = { ...next.spec };
  next.spec = after;
  patchAllocatedValues(before, after);
  normalizeClusterIPs(before, after);
  dropAddressesForExternalName(before, after);
  dropServiceTypeDependentFields(old, next);
}

/** Go's %#v of a []string, as the API server prints the value it refuses. */
const goStrings = (values: unknown[]) =>
  values.length === 0
    ? '[]string(nil)'
    : `[]string{${values.map(v => JSON.stringify(String(v))).join(', ')}}`;

const mayNotChange = (index: number, ips: unknown[]): StatusCause => ({
  field: `spec.clusterIPs[${index}]`,
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${goStrings(ips)}: may not change once set`,
});

/** validateUpgradeDowngradeClusterIPs: a primary cluster IP, once set, stays. */
export function serviceUpdateCauses(
  old: KubeObject,
  next: KubeObject,
): StatusCause[] {
  const before: ServiceSpec = old.spec ?? {};
  const after: ServiceSpec = next.spec ?? {};
  if (!needsClusterIP(before) || !needsClusterIP(after)) return [];
  if (isHeadless(before) && isHeadless(after)) return [];
  const oldIPs: unknown[] = before.clusterIPs ?? [];
  const newIPs: unknown[] = after.clusterIPs ?? [];
  if (oldIPs.length === newIPs.length) {
    return oldIPs.flatMap((ip, i) =>
      ip !== newIPs[i] ? [mayNotChange(i, newIPs)] : [],
    );
  }
  if (oldIPs.length > newIPs.length && newIPs.length === 0) {
    return [
      {
        field: 'spec.clusterIPs[0]',
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${goStrings(
          newIPs,
        )}: primary clusterIP can not be unset`,
      },
    ];
  }
  return oldIPs.length > 0 && newIPs[0] !== oldIPs[0]
    ? [mayNotChange(0, newIPs)]
    : [];
}
