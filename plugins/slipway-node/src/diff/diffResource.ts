/**
 * Compares one desired object with its live counterpart, after Argo CD /
 * gitops-engine semantics, and reports a structured, Secret-safe result.
 */
import type { KubeObject } from '@slipway/plugin-slipway-common';
import { SLIPWAY_FIELD_MANAGER } from '@slipway/plugin-slipway-common';
import type { DiffMode, DiffOptions, DiffTextOptions, ResourceDiffResult, ResourceIgnoreDifferences } from './types';
import { compareOptionsOf, usesServerSideApply, wantsServerSideDiff } from './compareOptions';
import { applyIgnoreDifferences, ignoreRulesFor, normalizeTrustedManagers } from './ignoreDifferences';
import { LAST_APPLIED_ANNOTATION, maskSecrets } from './maskSecrets';
import { normalizeObject, withoutNoisyFields } from './normalize';
import { isObject, jsonEqual, JsonObject, removePath } from './objects';
import { predictLiveStructuredMerge, removeWebhookMutation } from './serverSideDiff';
import { predictLiveClientSide } from './threeWayDiff';
import { unifiedDiff } from './unifiedDiff';

/** Status handling, after Argo CD's `resource.compareoptions.ignoreResourceStatusField`. @public */
export type IgnoreResourceStatusField = 'all' | 'crd' | 'off';

/** Options of {@link diffResource} beyond the common {@link DiffOptions}. @public */
export interface DiffResourceOptions extends DiffOptions, DiffTextOptions {
  /** Which resources' `status` is ignored: all (default), CRDs only, or none. */
  ignoreResourceStatusField?: IgnoreResourceStatusField;
}

function checkObject(obj: unknown, role: string): void {
  if (obj === null || obj === undefined) return;
  if (!isObject(obj) || typeof obj.kind !== 'string' || typeof obj.apiVersion !== 'string' || !isObject(obj.metadata)) {
    throw new Error(
      `diffResource: the ${role} object is not a Kubernetes object (it needs apiVersion, kind and metadata); pass the parsed manifest or null`,
    );
  }
}

function statusRules(mode: IgnoreResourceStatusField): ResourceIgnoreDifferences[] {
  if (mode === 'off') return [];
  if (mode === 'crd') {
    return [{ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', jsonPointers: ['/status'] }];
  }
  return [{ group: '*', kind: '*', jsonPointers: ['/status'] }];
}

function lastAppliedOf(live: KubeObject): JsonObject | undefined {
  const raw = live.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed = JSON.parse(raw);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined; // unreadable: fall back to a two-way diff, like gitops-engine
  }
}

function chooseMode(desired: KubeObject | null, live: KubeObject | null, options: DiffOptions): DiffMode {
  if (wantsServerSideDiff(desired, live, options.serverSideDiff ?? false)) {
    // Without a dry-run result, a caller that diffs by structured merge falls back to it.
    if (options.predictedLive === undefined && options.structuredMergeDiff) return 'structured-merge';
    return 'server-side';
  }
  if (options.structuredMergeDiff || usesServerSideApply(desired)) return 'structured-merge';
  return 'client-side';
}

/**
 * Diffs a desired object (from Git; null when it is no longer desired) with
 * the live object (null when missing). Pure: a server-side diff needs the
 * dry-run result in `options.predictedLive`; jq rules need `options.jq`.
 * Throws a descriptive Error for malformed input or options.
 * @public
 */
export function diffResource(
  desired: KubeObject | null,
  live: KubeObject | null,
  options: DiffResourceOptions = {},
): ResourceDiffResult {
  checkObject(desired, 'desired');
  checkObject(live, 'live');
  if (!desired && !live) throw new Error('diffResource: both the desired and the live object are missing; pass at least one');
  const compare = compareOptionsOf(desired, live);
  const manager = options.manager ?? SLIPWAY_FIELD_MANAGER;
  const rules = [...(options.ignoreDifferences ?? []), ...statusRules(options.ignoreResourceStatusField ?? 'all')];
  const mode = chooseMode(desired, live, options);
  const normalizeOpts = { ignoreAggregatedRoles: options.ignoreAggregatedRoles };
  const full = (o: KubeObject) => applyIgnoreDifferences(normalizeObject(o, normalizeOpts), rules, options.jq);

  let d = desired;
  let l = live;
  if (d && l) {
    const managers = ignoreRulesFor(d, rules).flatMap(r => r.managedFieldsManagers ?? []);
    ({ live: l, desired: d } = normalizeTrustedManagers(l, d, managers));
  }

  let predicted: KubeObject | null;
  let normalizedLive: KubeObject | null;
  if (!d || !l) {
    predicted = d ? full(d) : null;
    normalizedLive = l ? full(l) : null;
  } else if (mode === 'server-side') {
    checkObject(options.predictedLive, 'predicted live (server-side-apply dry run)');
    if (!options.predictedLive) {
      throw new Error(
        `diffResource: server-side diff of ${d.kind}/${d.metadata?.name ?? ''} needs options.predictedLive, the result of a server-side-apply dry run`,
      );
    }
    const liveNorm = normalizeObject(l, normalizeOpts);
    let pl = normalizeObject(options.predictedLive, normalizeOpts);
    const ignoreWebhook = (options.ignoreMutationWebhook ?? true) && !compare.includeMutationWebhook;
    if (ignoreWebhook) pl = removeWebhookMutation(pl, liveNorm, manager) as KubeObject;
    predicted = full(pl);
    normalizedLive = full(liveNorm);
    for (const o of [predicted, normalizedLive]) {
      removePath(o, ['metadata', 'managedFields']);
      removePath(o, ['metadata', 'resourceVersion']);
    }
  } else if (mode === 'structured-merge') {
    normalizedLive = full(l);
    predicted = predictLiveStructuredMerge(full(d), normalizedLive, manager) as KubeObject;
    for (const o of [predicted, normalizedLive]) {
      removePath(o, ['metadata', 'annotations', LAST_APPLIED_ANNOTATION]);
    }
  } else {
    normalizedLive = full(l);
    const lastApplied = lastAppliedOf(l);
    const orig = lastApplied && isObject(lastApplied.metadata) ? full(lastApplied as KubeObject) : undefined;
    predicted = predictLiveClientSide(full(d), normalizedLive, orig) as KubeObject;
  }

  const modified = d !== null && (l === null || !jsonEqual(predicted, normalizedLive));
  const [maskedPredicted, maskedLive] = maskSecrets([predicted, normalizedLive], options.hideAnnotations);
  const keepStatus = (options.ignoreResourceStatusField ?? 'all') !== 'all';
  const shown = (o: KubeObject | null) => (o ? withoutNoisyFields(o, { keepStatus }) : null);
  const shownPredicted = shown(maskedPredicted);
  const shownLive = shown(maskedLive);
  const requiresPruning = desired === null && live !== null;
  return {
    modified,
    mode,
    status: modified || requiresPruning ? 'OutOfSync' : 'Synced',
    requiresPruning,
    affectsAppSyncStatus: !(requiresPruning && compare.ignoreExtraneous),
    normalizedLive: shownLive,
    predictedLive: shownPredicted,
    diff: options.textDiff === false ? '' : unifiedDiff(shownLive, shownPredicted),
  };
}
