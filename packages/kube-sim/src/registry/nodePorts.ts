import { errors } from '../api/Status';
import type { ObjectStore } from '../store/ObjectStore';
import type { KubeObject } from '../store/KubeObject';

/** The API server's default `--service-node-port-range`. */
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };

/** Node ports a Service holds (set, non-zero numbers). */
export function nodePortsOf(service: KubeObject): number[] {
  const ports = (service as { spec?: { ports?: unknown } }).spec?.ports;
  if (!Array.isArray(ports)) return [];
  return ports
    .map(p => (p as { nodePort?: unknown } | null)?.nodePort)
    .filter((n): n is number => typeof n === 'number' && n !== 0);
}

/** Node ports every other Service of the cluster holds: node ports are cluster-wide. */
export function nodePortsTaken(
  store: ObjectStore,
  namespace: string | undefined,
  name: string | undefined,
): Set<number> {
  const taken = new Set<number>();
  for (const other of store.list('/services')) {
    if (other.metadata.namespace === namespace && other.metadata.name === name)
      continue;
    for (const port of nodePortsOf(other)) taken.add(port);
  }
  return taken;
}

/** The first free node port from `start`, wrapping around the range (the allocator picks any free one). */
export function freeNodePort(
  taken: Set<number>,
  start: number,
): number | undefined {
  const size = NODE_PORT_RANGE.max - NODE_PORT_RANGE.min + 1;
  const from = (((start - NODE_PORT_RANGE.min) % size) + size) % size;
  for (let i = 0; i < size; i++) {
    const port = NODE_PORT_RANGE.min + ((from + i) % size);
    if (!taken.has(port)) return port;
  }
  return undefined;
}

/**
 * Refuses a Service whose node port another Service already holds, as the
 * API server's port allocator does ("provided port is already allocated").
 */
export function checkNodePortsFree(
  service: KubeObject,
  taken: Set<number>,
): void {
  const ports = (
    service as { spec?: { ports?: Array<{ nodePort?: unknown }> } }
  ).spec?.ports;
  if (!Array.isArray(ports)) return;
  const causes = ports.flatMap((p, i) =>
    typeof p?.nodePort === 'number' && taken.has(p.nodePort)
      ? [
          {
            field: `spec.ports[${i}].nodePort`,
            message: `Invalid value: ${p.nodePort}: provided port is already allocated`,
            reason: 'FieldValueInvalid',
          },
        ]
      : [],
  );
  if (causes.length > 0)
    throw errors.invalid('Service', service.metadata.name ?? '', causes);
}
