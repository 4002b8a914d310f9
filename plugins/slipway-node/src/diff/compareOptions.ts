/**
 * Per-resource compare options, from the annotation
 * `argocd.argoproj.io/compare-options` (comma-separated, e.g.
 * `IgnoreExtraneous`, `ServerSideDiff=true`, `IncludeMutationWebhook=true`),
 * and the `ServerSideApply=true` sync option.
 */
import type { KubeObject } from '@slipway/plugin-slipway-common';
import {
  ARGOCD_ANNOTATION_COMPARE_OPTIONS,
  ARGOCD_ANNOTATION_SYNC_OPTIONS,
} from '@slipway/plugin-slipway-common';

/** Compare options of one resource. @public */
export interface CompareOptions {
  ignoreExtraneous: boolean;
  /** undefined when the resource does not say. */
  serverSideDiff?: boolean;
  includeMutationWebhook: boolean;
}

function options(obj: KubeObject | null, annotation: string): string[] {
  const value = obj?.metadata?.annotations?.[annotation];
  return typeof value === 'string' ? value.split(',').map(o => o.trim()).filter(Boolean) : [];
}

/** The compare options of a resource (desired object first, then live). @public */
export function compareOptionsOf(desired: KubeObject | null, live: KubeObject | null): CompareOptions {
  const all = [...options(desired, ARGOCD_ANNOTATION_COMPARE_OPTIONS), ...options(live, ARGOCD_ANNOTATION_COMPARE_OPTIONS)];
  const has = (o: string) => all.includes(o);
  let serverSideDiff: boolean | undefined;
  if (has('ServerSideDiff=true')) serverSideDiff = true;
  else if (has('ServerSideDiff=false')) serverSideDiff = false;
  return {
    ignoreExtraneous: has('IgnoreExtraneous'),
    serverSideDiff,
    includeMutationWebhook: has('IncludeMutationWebhook=true'),
  };
}

/** True when the desired object asks for server-side apply. @public */
export function usesServerSideApply(desired: KubeObject | null): boolean {
  return options(desired, ARGOCD_ANNOTATION_SYNC_OPTIONS).includes('ServerSideApply=true');
}

/**
 * Whether the resource is compared with a server-side diff (so the caller
 * must run a server-side-apply dry run first): the resource's
 * `ServerSideDiff=true|false` compare option wins over the application's.
 * @public
 */
export function wantsServerSideDiff(desired: KubeObject | null, live: KubeObject | null, appLevel = false): boolean {
  if (!desired || !live) return false;
  return compareOptionsOf(desired, live).serverSideDiff ?? appLevel;
}
