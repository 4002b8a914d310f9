import type { PortalApi } from './PortalApi';
import { waitUntil } from './portalPage';

/** The end of a scaffolder task, as the portal's task page shows it. */
export interface FinishedTask {
  id: string;
  status: 'completed' | 'failed' | 'cancelled';
  /** The template's `output` (links and text), when it completed. */
  output?: {
    links?: Array<{ title?: string; url?: string; entityRef?: string }>;
    text?: Array<{ title?: string; content?: string }>;
  };
  /** Why it failed. */
  error?: { name: string; message: string };
  /** The log lines of its steps, in order. */
  log: string[];
}

interface TaskEvent {
  type: string;
  body: { message?: string; output?: FinishedTask['output']; error?: FinishedTask['error'] };
}

const OPEN = ['open', 'processing'];

/**
 * Runs a template through the scaffolder's REST API as the user `api`
 * signed in as (what the portal's "Create" form does) and waits until the
 * task ends. Does not fail when the task fails: the caller checks the result.
 */
export async function runTemplate(
  api: PortalApi,
  templateRef: string,
  values: Record<string, unknown>,
  options: { timeoutMs?: number } = {},
): Promise<FinishedTask> {
  const { id } = await api.post<{ id: string }>('/api/scaffolder/v2/tasks', { templateRef, values });
  const path = `/api/scaffolder/v2/tasks/${encodeURIComponent(id)}`;
  const events = async () => (await api.get<TaskEvent[]>(`${path}/events`)) ?? [];
  const log = async () => (await events()).map(e => e.body.message ?? '').join('\n');

  const status = await waitUntil(
    `scaffolder task ${id} of ${templateRef} ends`,
    async () => {
      const task = await api.get<{ status: string }>(path);
      return task && !OPEN.includes(task.status) ? (task.status as FinishedTask['status']) : undefined;
    },
    { timeoutMs: options.timeoutMs ?? 600_000, intervalMs: 2_000, seen: log },
  );
  const all = await events();
  const completion = all.find(e => e.type === 'completion');
  return {
    id,
    status,
    output: completion?.body.output,
    error: completion?.body.error,
    log: all.filter(e => e.type === 'log').map(e => e.body.message ?? ''),
  };
}
