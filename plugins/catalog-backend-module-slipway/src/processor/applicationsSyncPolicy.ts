import type { Entity } from '@backstage/catalog-model';

/** Argo CD's `spec.syncPolicy.applicationsSync` values. */
export const APPLICATIONS_SYNC_POLICIES = [
  'create-only',
  'create-update',
  'create-delete',
  'sync',
] as const;
export type ApplicationsSyncPolicy =
  (typeof APPLICATIONS_SYNC_POLICIES)[number];

/** The set's policy (default `sync`), or an error naming the field when it is not one of Argo CD's. */
export function applicationsSyncPolicyOf(
  set: Entity,
): ApplicationsSyncPolicy | { error: string } {
  const syncPolicy = (
    set.spec as { syncPolicy?: { applicationsSync?: unknown } } | undefined
  )?.syncPolicy;
  const value = syncPolicy?.applicationsSync;
  if (value === undefined || value === null || value === '') return 'sync';
  if ((APPLICATIONS_SYNC_POLICIES as readonly unknown[]).includes(value))
    return value as ApplicationsSyncPolicy;
  return {
    error: `ApplicationSet "${
      set.metadata.name
    }": spec.syncPolicy.applicationsSync is ${JSON.stringify(
      value,
    )}; use one of ${APPLICATIONS_SYNC_POLICIES.join(', ')}`,
  };
}

const nameOf = (e: Entity) =>
  `${e.metadata.namespace ?? 'default'}/${e.metadata.name}`.toLocaleLowerCase(
    'en-US',
  );

/**
 * The Applications a set emits under its policy, given what it generates now
 * and what it emitted last time, as Argo CD's ApplicationSet controller
 * applies `applicationsSync`: `create-only` neither updates nor deletes,
 * `create-update` never deletes, `create-delete` never updates, `sync` does
 * all three. Keeping an Application means emitting it as last emitted;
 * deleting one means no longer emitting it. Sorted by name. Pure.
 */
export function applyApplicationsSyncPolicy(
  policy: ApplicationsSyncPolicy,
  generated: Entity[],
  previous: Entity[],
): Entity[] {
  if (policy === 'sync') return generated;
  const updates = policy === 'create-update';
  const deletes = policy === 'create-delete';
  const before = new Map(previous.map(e => [nameOf(e), e]));
  const out = new Map<string, Entity>();
  for (const entity of generated) {
    const kept = before.get(nameOf(entity));
    out.set(nameOf(entity), kept && !updates ? kept : entity);
  }
  if (!deletes) {
    for (const [name, entity] of before)
      if (!out.has(name)) out.set(name, entity);
  }
  return [...out.values()].sort((a, b) =>
    nameOf(a) < nameOf(b) ? -1 : Number(nameOf(a) > nameOf(b)),
  );
}
