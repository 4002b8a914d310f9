import { Deleter } from '../registry/Deleter';
import { ObjectWriter } from '../registry/ObjectWriter';
import { KubeObject, StoreEvent } from '../store/KubeObject';
import { ObjectStore } from '../store/ObjectStore';
import { TypeRegistry } from '../types/TypeRegistry';
import { SimClock } from '../util/Clock';

export interface SimulationSettings {
  /** Delay before a started pod's containers run and become Ready. */
  podReadyDelayMs: number;
  /** How long a Job's pod runs before it succeeds (or fails). */
  jobRunMs: number;
  /** Simulated nodes (DaemonSets schedule one pod per node). */
  nodes: string[];
}

export interface ControllerContext {
  store: ObjectStore;
  types: TypeRegistry;
  writer: ObjectWriter;
  deleter: Deleter;
  settings: SimulationSettings;
  /** Time of the simulated controllers (system clock unless a test injects one). */
  clock: SimClock;
  /** Runs `fn` after `ms` (cancelled on shutdown). */
  later(ms: number, fn: () => void): void;
  /** Re-queues a key of a controller. */
  enqueue(controller: string, key: string): void;
  log(message: string): void;
}

/** A simulated controller: maps store events to keys and reconciles a key. */
export interface Controller {
  readonly name: string;
  keysFor(ev: StoreEvent): string[];
  reconcile(key: string): void;
}

export const CONTROLLER_MANAGER = 'kube-controller-manager';
export const KUBELET = 'kubelet';

/** `namespace/name` of an object. */
export function nsName(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i) || undefined, key.slice(i + 1)];
}

export function controllerRef(owner: KubeObject) {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function isControlledBy(o: KubeObject, owner: KubeObject): boolean {
  return (o.metadata.ownerReferences ?? []).some(
    r => r.controller && r.uid === owner.metadata.uid,
  );
}

/** Keys of the controllers (owners) of an object of the given kind. */
export function ownerKeys(o: KubeObject, kind: string): string[] {
  return (o.metadata.ownerReferences ?? [])
    .filter(r => r.controller && r.kind === kind)
    .map(r => `${o.metadata.namespace ?? ''}/${r.name}`);
}
