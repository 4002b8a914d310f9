import { StoreEvent } from '../store/KubeObject';
import {
  Controller,
  CONTROLLER_MANAGER,
  ControllerContext,
  controllerRef,
  isControlledBy,
  splitKey,
} from './Controller';
import { nextRun, parseCron } from './cron';

/**
 * CronJob → Jobs at the scheduled minutes (UTC): `concurrencyPolicy`,
 * `suspend`, history limits, `lastScheduleTime`, `active` references.
 */
export class CronJobController implements Controller {
  readonly name = 'cronjob';
  private readonly scheduled = new Map<string, number>();

  constructor(private readonly ctx: ControllerContext) {}

  keysFor(ev: StoreEvent): string[] {
    if (ev.resource === 'batch/cronjobs')
      return ev.type === 'DELETED'
        ? []
        : [`${ev.object.metadata.namespace}/${ev.object.metadata.name}`];
    if (ev.resource === 'batch/jobs') {
      return (ev.object.metadata.ownerReferences ?? [])
        .filter(r => r.kind === 'CronJob')
        .map(r => `${ev.object.metadata.namespace}/${r.name}`);
    }
    return [];
  }

  /** @param fireAt - the scheduled instant (ms) when a schedule fired */
  reconcile(key: string, fireAt?: number): void {
    const [ns, name] = splitKey(key);
    const { store, writer, types, deleter } = this.ctx;
    const cj = store.get('batch/cronjobs', ns, name);
    if (!cj || cj.metadata.deletionTimestamp) return;
    let schedule;
    try {
      schedule = parseCron(cj.spec.schedule);
    } catch (e) {
      this.ctx.log(`CronJob ${key}: ${(e as Error).message}`);
      return;
    }
    const jobType = types.forKind('batch', 'Job')!;
    const jobs = store
      .list('batch/jobs', ns)
      .filter(j => isControlledBy(j, cj));
    const isDone = (j: any, type: string) =>
      (j.status?.conditions ?? []).some(
        (c: any) => c.type === type && c.status === 'True',
      );
    const running = jobs.filter(
      j => !isDone(j, 'Complete') && !isDone(j, 'Failed'),
    );
    const status: Record<string, any> = { ...(cj.status ?? {}) };
    if (fireAt !== undefined && !cj.spec.suspend) {
      const policy = cj.spec.concurrencyPolicy ?? 'Allow';
      if (!(policy === 'Forbid' && running.length > 0)) {
        if (policy === 'Replace')
          for (const j of running)
            deleter.delete(jobType, ns, j.metadata.name!, {
              propagationPolicy: 'Background',
            });
        const scheduledAt = new Date(Math.floor(fireAt / 60000) * 60000);
        const scheduledIso = `${scheduledAt.toISOString().slice(0, 19)}Z`;
        const minute = scheduledAt.getTime() / 60000;
        const jobName = `${name}-${minute}`;
        if (!store.get('batch/jobs', ns, jobName)) {
          const tpl = cj.spec.jobTemplate ?? {};
          writer.create(
            jobType,
            {
              apiVersion: 'batch/v1',
              kind: 'Job',
              metadata: {
                name: jobName,
                namespace: ns,
                labels: tpl.metadata?.labels,
                annotations: {
                  ...(tpl.metadata?.annotations ?? {}),
                  'batch.kubernetes.io/cronjob-scheduled-timestamp':
                    scheduledIso,
                },
                ownerReferences: [controllerRef(cj)],
              },
              spec: tpl.spec ?? {},
            },
            { manager: CONTROLLER_MANAGER },
          );
          status.lastScheduleTime = scheduledIso;
        }
      }
    }
    const prune = (list: any[], limit: number) =>
      list
        .sort((a, b) =>
          String(a.metadata.creationTimestamp).localeCompare(
            String(b.metadata.creationTimestamp),
          ),
        )
        .slice(0, Math.max(0, list.length - limit))
        .forEach(j =>
          deleter.delete(jobType, ns, j.metadata.name, {
            propagationPolicy: 'Background',
          }),
        );
    prune(
      jobs.filter(j => isDone(j, 'Complete')),
      cj.spec.successfulJobsHistoryLimit ?? 3,
    );
    prune(
      jobs.filter(j => isDone(j, 'Failed')),
      cj.spec.failedJobsHistoryLimit ?? 1,
    );
    const active = store
      .list('batch/jobs', ns)
      .filter(
        j =>
          isControlledBy(j, cj) &&
          !isDone(j, 'Complete') &&
          !isDone(j, 'Failed'),
      );
    status.active = active.length
      ? active.map(j => ({
          kind: 'Job',
          namespace: ns,
          name: j.metadata.name,
          uid: j.metadata.uid,
          apiVersion: 'batch/v1',
          resourceVersion: j.metadata.resourceVersion,
        }))
      : undefined;
    const last = store
      .list('batch/jobs', ns)
      .filter(j => isControlledBy(j, cj) && isDone(j, 'Complete'))
      .map(j => j.status?.completionTime)
      .sort()
      .pop();
    if (last) status.lastSuccessfulTime = last;
    for (const k of Object.keys(status))
      if (status[k] === undefined) delete status[k];
    writer.update(
      types.forKind('batch', 'CronJob')!,
      { ...store.get('batch/cronjobs', ns, name)!, status },
      { manager: CONTROLLER_MANAGER, subresource: 'status' },
    );
    this.schedule(key, schedule);
  }

  private schedule(key: string, schedule: ReturnType<typeof parseCron>) {
    const now = this.ctx.clock.now();
    const next = nextRun(schedule, new Date(now));
    if (!next || this.scheduled.get(key) === next.getTime()) return;
    this.scheduled.set(key, next.getTime());
    this.ctx.later(next.getTime() - now, () => {
      this.scheduled.delete(key);
      this.reconcile(key, next.getTime());
    });
  }
}
