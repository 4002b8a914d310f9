/*
 * A SchedulerService for one process: each task runs on its own timer, one
 * run at a time, like Backstage's scheduler does for `local` tasks. The
 * benchmarks run one replica, so `global` tasks need no database lock.
 */
import type {
  SchedulerService,
  SchedulerServiceTaskDescriptor,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';
import { Duration } from 'luxon';

type Every = SchedulerServiceTaskScheduleDefinition['frequency'] | SchedulerServiceTaskScheduleDefinition['timeout'];

function millisOf(id: string, value: Every): number {
  if (Duration.isDuration(value)) return value.toMillis();
  if ('cron' in value || 'trigger' in value) {
    throw new Error(`task ${id}: the bench scheduler runs tasks on a fixed frequency; cron and manual triggers are not supported`);
  }
  return Duration.fromObject(value as HumanDuration).toMillis();
}

interface Task {
  descriptor: SchedulerServiceTaskDescriptor;
  run(): Promise<void>;
  timer?: NodeJS.Timeout;
}

export class IntervalScheduler implements SchedulerService {
  private readonly tasks = new Map<string, Task>();

  constructor(private readonly onError: (id: string, error: Error) => void) {}

  async scheduleTask(task: SchedulerServiceTaskScheduleDefinition & SchedulerServiceTaskInvocationDefinition): Promise<void> {
    const every = millisOf(task.id, task.frequency);
    let running: Promise<void> | undefined;
    const entry: Task = {
      descriptor: { id: task.id, scope: task.scope ?? 'global', settings: { version: 2 } },
      run: () =>
        (running ??= Promise.resolve()
          .then(() => task.fn(task.signal ?? new AbortController().signal))
          .catch(error => this.onError(task.id, error as Error))
          .finally(() => {
            running = undefined;
          })),
    };
    const tick = () => {
      if (task.signal?.aborted) return;
      entry.run().finally(() => {
        if (!task.signal?.aborted) entry.timer = setTimeout(tick, every).unref();
      });
    };
    entry.timer = setTimeout(tick, task.initialDelay ? millisOf(task.id, task.initialDelay) : every).unref();
    task.signal?.addEventListener('abort', () => clearTimeout(entry.timer));
    this.tasks.set(task.id, entry);
  }

  async triggerTask(id: string): Promise<void> {
    const task = this.tasks.get(id);
    if (!task) throw new Error(`no task ${id} is scheduled`);
    await task.run();
  }

  async cancelTask(id: string): Promise<void> {
    clearTimeout(this.tasks.get(id)?.timer);
    this.tasks.delete(id);
  }

  createScheduledTaskRunner(schedule: SchedulerServiceTaskScheduleDefinition) {
    return {
      run: (invocation: SchedulerServiceTaskInvocationDefinition) => this.scheduleTask({ ...schedule, ...invocation }),
    };
  }

  async getScheduledTasks(): Promise<SchedulerServiceTaskDescriptor[]> {
    return [...this.tasks.values()].map(t => t.descriptor);
  }
}
