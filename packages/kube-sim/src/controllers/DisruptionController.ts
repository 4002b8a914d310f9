import { fromLabelSelectorObject, matchesLabels } from '../api/Selectors';
import { KubeObject, StoreEvent } from '../store/KubeObject';
import { deepEqual } from '../util/objects';
import {
  Controller,
  CONTROLLER_MANAGER,
  ControllerContext,
  splitKey,
} from './Controller';
import { isPodReady } from './podStatus';
import { setCondition } from './podTemplate';

const PDBS = 'policy/poddisruptionbudgets';

/** An int-or-percent of `total`, rounded up as the disruption controller rounds. */
function scaled(value: unknown, total: number): number {
  const percent = /^(\d+)%$/.exec(String(value));
  if (percent) return Math.ceil((Number(percent[1]) * total) / 100);
  return Number(value) || 0;
}

/**
 * PodDisruptionBudget status, as kube-controller-manager's disruption
 * controller writes it: the pods the selector matches (a null selector
 * matches none; an empty one, every pod of the namespace), how many are
 * healthy (Ready, not being deleted), how many must stay so
 * (`minAvailable`, or the expected count less `maxUnavailable`), how many
 * may be disrupted, and the `DisruptionAllowed` condition (SufficientPods
 * or InsufficientPods).
 */
export class DisruptionController implements Controller {
  readonly name = 'disruption';

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    const ns = ev.object.metadata.namespace ?? '';
    if (ev.resource === PDBS) return [`${ns}/${ev.object.metadata.name}`];
    if (ev.resource !== '/pods') return [];
    return this.ctx.store
      .list(PDBS, ns)
      .map(pdb => `${ns}/${pdb.metadata.name}`);
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const { store, writer, types } = this.ctx;
    const pdb = store.get(PDBS, ns, name);
    if (!pdb || pdb.metadata.deletionTimestamp) return;
    const selector = pdb.spec?.selector
      ? fromLabelSelectorObject(pdb.spec.selector) ?? []
      : undefined;
    const pods = selector
      ? store
          .list('/pods', ns)
          .filter(p => matchesLabels(selector, p.metadata.labels))
      : [];
    const currentHealthy = pods.filter(
      p => !p.metadata.deletionTimestamp && isPodReady(p),
    ).length;
    const { expectedPods, desiredHealthy } = this.expectation(pdb, pods);
    const allowed = currentHealthy - desiredHealthy;
    const disruptionsAllowed = expectedPods <= 0 || allowed <= 0 ? 0 : allowed;
    const observedGeneration = pdb.metadata.generation ?? 1;
    const status = {
      ...(pdb.status ?? {}),
      observedGeneration,
      disruptionsAllowed,
      currentHealthy,
      desiredHealthy,
      expectedPods,
      conditions: setCondition(
        pdb.status?.conditions,
        {
          type: 'DisruptionAllowed',
          status: disruptionsAllowed > 0 ? 'True' : 'False',
          reason:
            disruptionsAllowed > 0 ? 'SufficientPods' : 'InsufficientPods',
          message: '',
          observedGeneration,
        },
        new Date(this.ctx.clock.now()).toISOString(),
      ),
    };
    if (deepEqual(status, pdb.status)) return;
    writer.update(
      types.forKind('policy', 'PodDisruptionBudget')!,
      { ...pdb, status },
      { manager: CONTROLLER_MANAGER, subresource: 'status' },
    );
  }

  /**
   * How many pods there should be and how many must stay healthy. With an
   * absolute `minAvailable` the count is the pods found; otherwise it is the
   * scale of their controllers.
   */
  private expectation(
    pdb: KubeObject,
    pods: KubeObject[],
  ): { expectedPods: number; desiredHealthy: number } {
    const { maxUnavailable, minAvailable } = pdb.spec ?? {};
    if (maxUnavailable !== undefined && maxUnavailable !== null) {
      const expectedPods = this.controllersScale(pods);
      return {
        expectedPods,
        desiredHealthy: Math.max(
          0,
          expectedPods - scaled(maxUnavailable, expectedPods),
        ),
      };
    }
    if (minAvailable === undefined || minAvailable === null) {
      return { expectedPods: 0, desiredHealthy: 0 };
    }
    if (typeof minAvailable === 'number') {
      return { expectedPods: pods.length, desiredHealthy: minAvailable };
    }
    const expectedPods = this.controllersScale(pods);
    return {
      expectedPods,
      desiredHealthy: scaled(minAvailable, expectedPods),
    };
  }

  /**
   * The replicas the pods' controllers ask for, each controller once: a
   * ReplicaSet's Deployment, a ReplicaSet, a StatefulSet or a
   * ReplicationController. A pod without one of those counts as one.
   */
  private controllersScale(pods: KubeObject[]): number {
    const { store } = this.ctx;
    const counted = new Map<string, number>();
    for (const pod of pods) {
      const ns = pod.metadata.namespace;
      const ref = (pod.metadata.ownerReferences ?? []).find(r => r.controller);
      let owner: KubeObject | undefined;
      if (ref?.kind === 'ReplicaSet') {
        owner = store.get('apps/replicasets', ns, ref.name);
        const deployment = (owner?.metadata.ownerReferences ?? []).find(
          r => r.controller && r.kind === 'Deployment',
        );
        if (deployment)
          owner = store.get('apps/deployments', ns, deployment.name);
      } else if (ref?.kind === 'StatefulSet') {
        owner = store.get('apps/statefulsets', ns, ref.name);
      } else if (ref?.kind === 'ReplicationController') {
        owner = store.get('/replicationcontrollers', ns, ref.name);
      }
      const id = owner
        ? `${owner.kind}/${owner.metadata.uid}`
        : `Pod/${pod.metadata.uid}`;
      counted.set(id, owner ? owner.spec?.replicas ?? 1 : 1);
    }
    return [...counted.values()].reduce((sum, n) => sum + n, 0);
  }
}
