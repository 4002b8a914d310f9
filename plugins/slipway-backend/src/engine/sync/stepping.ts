import type { SyncTask } from '@slipway/plugin-slipway-node';

/** Consecutive tasks of the same phase and wave. */
export function steps(tasks: SyncTask[]): SyncTask[][] {
  const out: SyncTask[][] = [];
  for (const t of tasks) {
    const last = out[out.length - 1];
    if (last && last[0].phase === t.phase && last[0].wave === t.wave)
      last.push(t);
    else out.push([t]);
  }
  return out;
}

/** Consecutive tasks of the same kind: a kind is applied before the next one starts. */
export function byKind(tasks: SyncTask[]): SyncTask[][] {
  const out: SyncTask[][] = [];
  for (const t of tasks) {
    const last = out[out.length - 1];
    if (last && last[0].key.kind === t.key.kind) last.push(t);
    else out.push([t]);
  }
  return out;
}
