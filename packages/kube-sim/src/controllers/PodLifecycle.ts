import { KubeObject, StoreEvent } from '../store/KubeObject';
import { nowIso } from '../util/objects';
import { Controller, ControllerContext, KUBELET, splitKey } from './Controller';
import { podFault } from './faults';

let ipCounter = 2;

function nextPodIP(): string {
  const n = ipCounter++;
  return `10.244.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
}

function condition(
  type: string,
  status: boolean,
  now: string,
  reason?: string,
) {
  return {
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: now,
    ...(reason ? { reason } : {}),
  };
}

/**
 * The kubelet of the simulation: schedules a pending pod on a node, then
 * after the configured delay runs its containers. Faults (see faults.ts)
 * turn that into CrashLoopBackOff, ImagePullBackOff, never Ready, or a
 * failed run; pods that do not restart (Jobs) succeed after `jobRunMs`.
 */
export class PodLifecycle implements Controller {
  readonly name = 'kubelet';
  private nodeIndex = 0;

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    if (ev.resource !== '/pods' || ev.type !== 'ADDED') return [];
    return [`${ev.object.metadata.namespace}/${ev.object.metadata.name}`];
  }

  private pod(key: string): KubeObject | undefined {
    const [ns, name] = splitKey(key);
    return this.ctx.store.get('/pods', ns, name);
  }

  private writeStatus(pod: KubeObject, status: Record<string, any>): void {
    this.ctx.writer.update(
      this.ctx.types.forKind('', 'Pod')!,
      { ...pod, status },
      { manager: KUBELET, subresource: 'status' },
    );
  }

  reconcile(key: string): void {
    let pod = this.pod(key);
    if (!pod || pod.metadata.deletionTimestamp || pod.status?.startTime) return;
    const nodes = this.ctx.settings.nodes;
    if (!pod.spec?.nodeName) {
      const nodeName = nodes[this.nodeIndex++ % nodes.length];
      pod = this.ctx.writer.update(
        this.ctx.types.forKind('', 'Pod')!,
        { ...pod, spec: { ...pod.spec, nodeName } },
        { manager: 'kube-scheduler' },
      );
    }
    const now = nowIso();
    const containers = (pod.spec?.containers ?? []).map((c: any) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      ready: false,
      restartCount: 0,
      started: false,
      state: { waiting: { reason: 'ContainerCreating' } },
    }));
    this.writeStatus(pod, {
      ...pod.status,
      phase: 'Pending',
      hostIP: '172.18.0.2',
      hostIPs: [{ ip: '172.18.0.2' }],
      startTime: now,
      conditions: [
        condition('PodReadyToStartContainers', false, now),
        condition('Initialized', true, now),
        condition('Ready', false, now, 'ContainersNotReady'),
        condition('ContainersReady', false, now, 'ContainersNotReady'),
        condition('PodScheduled', true, now),
      ],
      containerStatuses: containers,
    });
    this.ctx.later(this.ctx.settings.podReadyDelayMs, () => this.run(key));
  }

  private run(key: string): void {
    const pod = this.pod(key);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const fault = podFault(pod);
    const now = nowIso();
    const restarts = pod.spec?.restartPolicy === 'Always';
    const ip = pod.status?.podIP ?? nextPodIP();
    const base = { ...pod.status, podIP: ip, podIPs: [{ ip }] };
    const statuses = (
      state: (c: any) => Record<string, any>,
      ready: boolean,
      extra: Record<string, any> = {},
    ) =>
      (pod.spec?.containers ?? []).map((c: any) => ({
        name: c.name,
        image: c.image,
        imageID: `docker.io/library/${c.image}@sha256:0000000000000000000000000000000000000000000000000000000000000000`,
        containerID: `containerd://${pod.metadata.uid}-${c.name}`,
        ready,
        restartCount: 0,
        started: ready,
        state: state(c),
        ...extra,
      }));
    const conds = (ready: boolean, reason?: string) => [
      condition('PodReadyToStartContainers', true, now),
      condition('Initialized', true, now),
      condition(
        'Ready',
        ready,
        now,
        ready ? undefined : reason ?? 'ContainersNotReady',
      ),
      condition(
        'ContainersReady',
        ready,
        now,
        ready ? undefined : reason ?? 'ContainersNotReady',
      ),
      condition('PodScheduled', true, now),
    ];
    if (fault === 'imagepull') {
      this.writeStatus(pod, {
        ...base,
        phase: 'Pending',
        conditions: conds(false),
        containerStatuses: statuses(
          c => ({
            waiting: {
              reason: 'ImagePullBackOff',
              message: `Back-off pulling image "${c.image}"`,
            },
          }),
          false,
          { imageID: '', containerID: undefined, started: false },
        ),
      });
      return;
    }
    if (fault === 'crashloop' && restarts) {
      this.writeStatus(pod, {
        ...base,
        phase: 'Running',
        conditions: conds(false),
        containerStatuses: statuses(
          c => ({
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off 10s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
            },
          }),
          false,
          {
            restartCount: 1,
            started: false,
            lastState: {
              terminated: {
                exitCode: 1,
                reason: 'Error',
                startedAt: now,
                finishedAt: now,
              },
            },
          },
        ),
      });
      return;
    }
    if (!restarts && (fault === 'job-fail' || fault === 'crashloop')) {
      this.writeStatus(pod, {
        ...base,
        phase: 'Running',
        conditions: conds(true),
        containerStatuses: statuses(
          () => ({ running: { startedAt: now } }),
          true,
        ),
      });
      this.ctx.later(this.ctx.settings.jobRunMs, () => this.finish(key, 1));
      return;
    }
    const ready = fault !== 'never-ready';
    this.writeStatus(pod, {
      ...base,
      phase: 'Running',
      conditions: conds(ready),
      containerStatuses: statuses(
        () => ({ running: { startedAt: now } }),
        ready,
        { started: true },
      ),
    });
    if (!restarts)
      this.ctx.later(this.ctx.settings.jobRunMs, () => this.finish(key, 0));
  }

  private finish(key: string, exitCode: number): void {
    const pod = this.pod(key);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const now = nowIso();
    const reason = exitCode === 0 ? 'Completed' : 'Error';
    this.writeStatus(pod, {
      ...pod.status,
      phase: exitCode === 0 ? 'Succeeded' : 'Failed',
      conditions: (pod.status?.conditions ?? []).map((c: any) =>
        c.type === 'Ready' || c.type === 'ContainersReady'
          ? {
              ...c,
              status: 'False',
              reason: 'PodCompleted',
              lastTransitionTime: now,
            }
          : c,
      ),
      containerStatuses: (pod.status?.containerStatuses ?? []).map(
        (c: any) => ({
          ...c,
          ready: false,
          started: false,
          state: {
            terminated: {
              exitCode,
              reason,
              startedAt: c.state?.running?.startedAt ?? now,
              finishedAt: now,
              containerID: c.containerID,
            },
          },
        }),
      ),
    });
  }
}
