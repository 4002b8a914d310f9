import type { SyncOperationSettings, SyncPlanInput } from './types';
import { optionValue } from './syncOptions';

const PROPAGATION: Record<
  string,
  SyncOperationSettings['prunePropagationPolicy']
> = {
  foreground: 'Foreground',
  background: 'Background',
  orphan: 'Orphan',
};

/**
 * Kubernetes' deletion propagation policy named by one of Argo CD's words
 * (`foreground`, `background`, `orphan`, in any case); undefined for any
 * other word.
 * @public
 */
export function propagationPolicyOf(
  word: string,
): SyncOperationSettings['prunePropagationPolicy'] | undefined {
  const key = word.toLowerCase();
  return Object.hasOwn(PROPAGATION, key) ? PROPAGATION[key] : undefined;
}

/**
 * The operation-wide settings of a sync: the request's flags and the sync
 * options of the Application and of the request (`Key=value` strings, as in
 * `spec.syncPolicy.syncOptions`). Returns problems as values.
 * @public
 */
export function syncOperationSettings(input: {
  request?: SyncPlanInput['request'];
  syncOptions?: string[];
}): { settings: SyncOperationSettings; problems: string[] } {
  const request = input.request ?? {};
  // the request's options come first: optionValue returns the first match
  const options = [
    ...(request.syncOptions ?? []),
    ...(input.syncOptions ?? []),
  ];
  const problems: string[] = [];
  const propagation = optionValue(options, 'PrunePropagationPolicy');
  let prunePropagationPolicy: SyncOperationSettings['prunePropagationPolicy'] =
    'Foreground';
  if (propagation !== undefined) {
    const mapped = propagationPolicyOf(propagation);
    if (mapped) prunePropagationPolicy = mapped;
    else {
      problems.push(
        `sync option PrunePropagationPolicy=${propagation} is not one of foreground, background, orphan`,
      );
    }
  }
  const on = (key: string) => {
    const v = optionValue(options, key);
    return v !== undefined && v.toLowerCase() === 'true';
  };
  return {
    settings: {
      prune: request.prune === true,
      dryRun: request.dryRun === true,
      force: request.force === true,
      skipHooks:
        request.strategy === 'apply' || (request.resources?.length ?? 0) > 0,
      pruneLast: on('PruneLast'),
      replace: on('Replace'),
      serverSideApply: on('ServerSideApply'),
      applyOutOfSyncOnly: on('ApplyOutOfSyncOnly'),
      respectIgnoreDifferences: on('RespectIgnoreDifferences'),
      failOnSharedResource: on('FailOnSharedResource'),
      createNamespace: on('CreateNamespace'),
      validate: optionValue(options, 'Validate')?.toLowerCase() !== 'false',
      skipDryRunOnMissingResource: on('SkipDryRunOnMissingResource'),
      prunePropagationPolicy,
      confirmPrune: request.confirmPrune === true,
      syncOptions: options,
    },
    problems,
  };
}
