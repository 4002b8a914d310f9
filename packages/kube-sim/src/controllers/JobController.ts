import { StoreEvent } from '../store/KubeObject';
import { nowIso } from '../util/objects';
import {
  Controller,
  CONTROLLER_MANAGER,
  ControllerContext,
  isControlledBy,
  ownerKeys,
  splitKey,
} from './Controller';
import { podFromTemplate } from './podTemplate';
import { isPodReady } from './podStatus';

/**
 * Job → Pods: runs up to `parallelism` pods until `completions` succeeded
 * (condition Complete) or more than `backoffLimit` failed (condition Failed,
 * reason BackoffLimitExceeded).
 */
export class JobController implements Controller {
  readonly name = 'job';

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    if (ev.resource === 'batch/jobs')
      return ev.type === 'DELETED'
        ? []
        : [`${ev.object.metadata.namespace}/${ev.object.metadata.name}`];
    if (ev.resource === '/pods') return ownerKeys(ev.object, 'Job');
    return [];
  }

  reconcile(key: string): void {
    const [ns, name] = splitKey(key);
    const { store, writer, types } = this.ctx;
    const job = store.get('batch/jobs', ns, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const conds: any[] = job.status?.conditions ?? [];
    const finished = conds.some(
      c =>
        (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    );
    const pods = store.list('/pods', ns).filter(p => isControlledBy(p, job));
    const succeeded = pods.filter(p => p.status?.phase === 'Succeeded').length;
    const failed = pods.filter(p => p.status?.phase === 'Failed').length;
    let active = pods.filter(
      p =>
        p.status?.phase !== 'Succeeded' &&
        p.status?.phase !== 'Failed' &&
        !p.metadata.deletionTimestamp,
    );
    const completions = job.spec.completions ?? 1;
    const parallelism = job.spec.parallelism ?? 1;
    const backoffLimit = job.spec.backoffLimit ?? 6;
    const now = nowIso();
    const status: Record<string, any> = { ...(job.status ?? {}) };
    status.startTime ??= now;
    if (!finished && !job.spec.suspend) {
      if (failed > backoffLimit) {
        for (const p of active)
          this.ctx.deleter.delete(
            types.forKind('', 'Pod')!,
            ns,
            p.metadata.name!,
            {},
          );
        active = [];
        status.conditions = [
          ...conds,
          {
            type: 'FailureTarget',
            status: 'True',
            reason: 'BackoffLimitExceeded',
            message: 'Job has reached the specified backoff limit',
            lastProbeTime: now,
            lastTransitionTime: now,
          },
          {
            type: 'Failed',
            status: 'True',
            reason: 'BackoffLimitExceeded',
            message: 'Job has reached the specified backoff limit',
            lastProbeTime: now,
            lastTransitionTime: now,
          },
        ];
      } else if (succeeded >= completions) {
        status.completionTime = now;
        status.conditions = [
          ...conds,
          {
            type: 'SuccessCriteriaMet',
            status: 'True',
            reason: 'CompletionsReached',
            message: 'Reached expected number of succeeded pods',
            lastProbeTime: now,
            lastTransitionTime: now,
          },
          {
            type: 'Complete',
            status: 'True',
            reason: 'CompletionsReached',
            message: 'Reached expected number of succeeded pods',
            lastProbeTime: now,
            lastTransitionTime: now,
          },
        ];
      } else {
        const toStart =
          Math.min(parallelism, completions - succeeded) - active.length;
        for (let i = 0; i < toStart; i++) {
          const pod = writer.create(
            types.forKind('', 'Pod')!,
            podFromTemplate(job, job.spec.template, {}),
            { manager: CONTROLLER_MANAGER },
          );
          active.push(pod);
        }
      }
    }
    status.active = active.length || undefined;
    status.ready = active.filter(isPodReady).length;
    status.succeeded = succeeded || undefined;
    status.failed = failed || undefined;
    status.terminating = 0;
    status.uncountedTerminatedPods = {};
    for (const k of Object.keys(status))
      if (status[k] === undefined) delete status[k];
    const fresh = store.get('batch/jobs', ns, name)!;
    writer.update(
      types.forKind('batch', 'Job')!,
      { ...fresh, status },
      { manager: CONTROLLER_MANAGER, subresource: 'status' },
    );
  }
}
