import type { ApplicationSpec, SyncPolicy } from './types';

/**
 * `syncPolicy.automated` when automated sync is on: the block is there and
 * not `enabled: false`, which turns it off while keeping its settings, as in
 * Argo CD.
 */
export function automationOf(policy: Pick<SyncPolicy, 'automated'> | undefined): SyncPolicy['automated'] | undefined {
  const automated = policy?.automated;
  return automated && automated.enabled !== false ? automated : undefined;
}

/** The spec as the engine reads it: a disabled `automated` block left out. */
export function withoutDisabledAutomation(spec: ApplicationSpec): ApplicationSpec {
  const policy = spec.syncPolicy;
  if (!policy?.automated || automationOf(policy)) return spec;
  const { automated: _disabled, ...rest } = policy;
  return { ...spec, syncPolicy: rest };
}
