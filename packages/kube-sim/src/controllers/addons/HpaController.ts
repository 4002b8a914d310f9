import { KubeObject, StoreEvent } from '../../store/KubeObject';
import { splitApiVersion } from '../../types/ResourceType';
import { deepEqual } from '../../util/objects';
import {
  Controller,
  CONTROLLER_MANAGER,
  ControllerContext,
  splitKey,
} from '../Controller';
import { currentMetrics, metricDescription } from './hpaMetrics';

const HPAS = 'autoscaling/horizontalpodautoscalers';

interface Condition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

/**
 * The horizontal pod autoscaler controller (in a real cluster it needs a
 * metrics add-on such as metrics-server). kube-sim has no load, so every
 * metric reads exactly its target: the recommendation is the target's
 * current replicas, clamped to minReplicas..maxReplicas, and the target is
 * rescaled through its scale subresource when outside that range. The status
 * carries the conditions the real controller reports (AbleToScale,
 * ScalingActive, ScalingLimited); a missing scale target is FailedGetScale.
 */
export class HpaController implements Controller {
  readonly name = 'horizontal-pod-autoscaler';

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    const o = ev.object;
    if (ev.resource === HPAS)
      return ev.type === 'DELETED'
        ? []
        : [`${o.metadata.namespace}/${o.metadata.name}`];
    const { group } = splitApiVersion(o.apiVersion ?? '');
    if (
      !o.metadata.namespace ||
      !this.ctx.types.forKind(group, o.kind)?.scaleSubresource
    )
      return [];
    // A scale target changed: the autoscalers pointing at it re-evaluate.
    return this.ctx.store
      .list(HPAS, o.metadata.namespace)
      .filter(
        h =>
          h.spec?.scaleTargetRef?.kind === o.kind &&
          h.spec?.scaleTargetRef?.name === o.metadata.name,
      )
      .map(h => `${h.metadata.namespace}/${h.metadata.name}`);
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const hpa = this.ctx.store.get(HPAS, ns, name);
    if (!hpa || hpa.metadata.deletionTimestamp) return;
    const target = this.scaleTarget(hpa);
    if (typeof target === 'string') {
      this.writeStatus(hpa, {
        currentReplicas: hpa.status?.currentReplicas ?? 0,
        desiredReplicas: hpa.status?.desiredReplicas ?? 0,
        conditions: [
          {
            type: 'AbleToScale',
            status: 'False',
            reason: 'FailedGetScale',
            message: `the HPA controller was unable to get the target's current scale: ${target}`,
          },
        ],
      });
      return;
    }
    const current: number = target.object.spec?.replicas ?? 0;
    const min: number = hpa.spec?.minReplicas ?? 1;
    const max: number = hpa.spec?.maxReplicas ?? min;
    if (current === 0 && min !== 0) {
      // The real controller leaves a target scaled to zero alone.
      this.writeStatus(hpa, {
        currentReplicas: 0,
        desiredReplicas: 0,
        conditions: [
          ableToScale(
            'SucceededGetScale',
            "the HPA controller was able to get the target's current scale",
          ),
          {
            type: 'ScalingActive',
            status: 'False',
            reason: 'ScalingDisabled',
            message:
              'scaling is disabled since the replica count of the target is zero',
          },
        ],
      });
      return;
    }
    const desired = Math.min(max, Math.max(min, current));
    let lastScaleTime = hpa.status?.lastScaleTime;
    let able = ableToScale(
      'ReadyForNewScale',
      'recommended size matches current size',
    );
    if (desired !== current) {
      this.ctx.writer.update(
        target.type,
        {
          ...target.object,
          spec: { ...target.object.spec, replicas: desired },
        },
        { manager: CONTROLLER_MANAGER, subresource: 'scale' },
      );
      lastScaleTime = new Date(this.ctx.clock.now()).toISOString();
      able = ableToScale(
        'SucceededRescale',
        `the HPA controller was able to update the target scale to ${desired}`,
      );
    }
    this.writeStatus(hpa, {
      ...(lastScaleTime ? { lastScaleTime } : {}),
      currentReplicas: current,
      desiredReplicas: desired,
      currentMetrics: currentMetrics(hpa),
      conditions: [
        able,
        {
          type: 'ScalingActive',
          status: 'True',
          reason: 'ValidMetricFound',
          message: `the HPA was able to successfully calculate a replica count from ${metricDescription(
            hpa,
          )}`,
        },
        limited(current, min, max),
      ],
    });
  }

  /** The scale target, or why it cannot be read (the real controller's wording). */
  private scaleTarget(hpa: KubeObject) {
    const ref = hpa.spec?.scaleTargetRef ?? {};
    const { group, version } = splitApiVersion(ref.apiVersion ?? '');
    const type = this.ctx.types.forKind(group, ref.kind ?? '', version);
    if (!type || !type.scaleSubresource)
      return `no scale subresource for kind ${ref.kind} in ${ref.apiVersion}`;
    const object = this.ctx.store.get(
      this.ctx.types.keyOf(type),
      hpa.metadata.namespace,
      ref.name ?? '',
    );
    const resource = group ? `${type.plural}.${group}` : type.plural;
    if (!object) return `${resource} "${ref.name}" not found`;
    return { type, object };
  }

  private writeStatus(hpa: KubeObject, status: Record<string, any>) {
    const previous: Condition[] = hpa.status?.conditions ?? [];
    const now = new Date(this.ctx.clock.now()).toISOString();
    // A condition keeps its transition time while its status stays the same.
    status.conditions = (status.conditions as Condition[]).map(c => {
      const before = previous.find(p => p.type === c.type);
      return {
        ...c,
        lastTransitionTime:
          before && before.status === c.status
            ? before.lastTransitionTime
            : now,
      };
    });
    if (hpa.metadata.generation !== undefined)
      status.observedGeneration = hpa.metadata.generation;
    if (deepEqual(hpa.status, status)) return;
    this.ctx.writer.update(
      this.ctx.types.forKind('autoscaling', 'HorizontalPodAutoscaler', 'v2')!,
      { ...hpa, status },
      { manager: CONTROLLER_MANAGER, subresource: 'status' },
    );
  }
}

function ableToScale(reason: string, message: string): Condition {
  return { type: 'AbleToScale', status: 'True', reason, message };
}

function limited(current: number, min: number, max: number): Condition {
  if (current > max)
    return {
      type: 'ScalingLimited',
      status: 'True',
      reason: 'TooManyReplicas',
      message:
        'the desired replica count is more than the maximum replica count',
    };
  if (current < min)
    return {
      type: 'ScalingLimited',
      status: 'True',
      reason: 'TooFewReplicas',
      message:
        'the desired replica count is less than the minimum replica count',
    };
  return {
    type: 'ScalingLimited',
    status: 'False',
    reason: 'DesiredWithinRange',
    message: 'the desired count is within the acceptable range',
  };
}
