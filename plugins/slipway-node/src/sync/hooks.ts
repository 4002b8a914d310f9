import {
  ARGOCD_ANNOTATION_HOOK,
  ARGOCD_ANNOTATION_HOOK_DELETE_POLICY,
  ARGOCD_ANNOTATION_SYNC_WAVE,
  KubeObject,
  SyncPhase,
} from '@slipway/plugin-slipway-common';
import { annotationList } from './syncOptions';
import type { HookDeletePolicy, HookType } from './types';

/** Helm's hook annotations, honoured as Argo CD does. @public */
export const HELM_ANNOTATION_HOOK = 'helm.sh/hook';
/** @public */
export const HELM_ANNOTATION_HOOK_WEIGHT = 'helm.sh/hook-weight';
/** @public */
export const HELM_ANNOTATION_HOOK_DELETE_POLICY = 'helm.sh/hook-delete-policy';

const ARGO_HOOK_TYPES: readonly string[] = [
  'PreSync',
  'Sync',
  'PostSync',
  'SyncFail',
  'Skip',
];

// Argo CD maps Helm hooks onto its phases; other Helm hook types are ignored.
const HELM_HOOK_TYPES: Record<string, HookType> = {
  'pre-install': 'PreSync',
  'pre-upgrade': 'PreSync',
  'post-install': 'PostSync',
  'post-upgrade': 'PostSync',
};

const HELM_DELETE_POLICIES: Record<string, HookDeletePolicy> = {
  'before-hook-creation': 'BeforeHookCreation',
  'hook-succeeded': 'HookSucceeded',
  'hook-failed': 'HookFailed',
};

const ARGO_DELETE_POLICIES: readonly string[] = [
  'HookSucceeded',
  'HookFailed',
  'BeforeHookCreation',
];

/**
 * The hook types of an object. Argo CD's annotation wins; Helm's
 * `helm.sh/hook` is read only when there is no Argo CD hook annotation.
 * @public
 */
export function hookTypes(obj: KubeObject): HookType[] {
  const argo = annotationList(obj, ARGOCD_ANNOTATION_HOOK).filter(t =>
    ARGO_HOOK_TYPES.includes(t),
  ) as HookType[];
  if (argo.length > 0) return argo;
  return annotationList(obj, HELM_ANNOTATION_HOOK)
    .map(t => HELM_HOOK_TYPES[t])
    .filter((t): t is HookType => t !== undefined);
}

/** True when only `Skip` is set: the object is never applied. @public */
export function isSkipped(obj: KubeObject): boolean {
  const types = hookTypes(obj);
  return types.length === 1 && types[0] === 'Skip';
}

/**
 * True for hooks: objects with an Argo CD hook annotation (other than a lone
 * `Skip`) or a Helm hook annotation (other than `crd-install`). Hooks are not
 * part of the application's resources and are never pruned.
 * @public
 */
export function isSyncHook(obj: KubeObject): boolean {
  const annotations = obj.metadata?.annotations ?? {};
  if (ARGOCD_ANNOTATION_HOOK in annotations) return !isSkipped(obj);
  const helm = annotations[HELM_ANNOTATION_HOOK];
  return typeof helm === 'string' && helm !== 'crd-install';
}

/** The sync phases an object takes part in. @public */
export function syncPhasesOf(obj: KubeObject): SyncPhase[] {
  if (isSkipped(obj)) return [];
  if (!isSyncHook(obj)) return ['Sync'];
  const phases = new Set<SyncPhase>();
  for (const t of hookTypes(obj)) {
    if (t !== 'Skip') phases.add(t);
  }
  return [...phases];
}

/** Delete policies of a hook; `BeforeHookCreation` when none is set. @public */
export function hookDeletePolicies(obj: KubeObject): HookDeletePolicy[] {
  const policies = new Set<HookDeletePolicy>();
  for (const p of annotationList(obj, ARGOCD_ANNOTATION_HOOK_DELETE_POLICY)) {
    if (ARGO_DELETE_POLICIES.includes(p)) policies.add(p as HookDeletePolicy);
  }
  for (const p of annotationList(obj, HELM_ANNOTATION_HOOK_DELETE_POLICY)) {
    const mapped = HELM_DELETE_POLICIES[p];
    if (mapped) policies.add(mapped);
  }
  if (policies.size === 0) policies.add('BeforeHookCreation');
  return [...policies];
}

/** A wave, or the reason the annotation cannot be read. @public */
export type WaveResult = { wave: number } | { error: string };

function parseInteger(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * The sync wave of an object: `argocd.argoproj.io/sync-wave`, else Helm's
 * `helm.sh/hook-weight`, else 0; an empty value counts as none. A value
 * that is not an integer is an error (Argo CD would silently use 0, which
 * hides typos that reorder a rollout).
 * @public
 */
export function syncWaveOf(obj: KubeObject): WaveResult {
  const annotations = obj.metadata?.annotations ?? {};
  for (const name of [
    ARGOCD_ANNOTATION_SYNC_WAVE,
    HELM_ANNOTATION_HOOK_WEIGHT,
  ]) {
    const text = annotations[name];
    // An empty value (a chart templating an unset wave) is no wave, as Go's Atoi fails it quietly.
    if (typeof text === 'string' && text.trim() !== '') {
      const wave = parseInteger(text);
      if (wave === undefined) {
        return {
          error: `annotation ${name}: "${text}" is not an integer; write a whole number such as "-1", "0" or "5"`,
        };
      }
      return { wave };
    }
  }
  return { wave: 0 };
}
