import {
  formatResourceKey,
  HealthStatus,
  KubeObject,
  resourceKeyOf,
  SyncStatusCode,
} from '@slipway/plugin-slipway-common';
import {
  diffResource,
  IgnoreDifferencesRule,
  IgnoreResourceStatusField,
  isSkipped,
  isSyncHook,
  JqEngine,
  loadJqEngine,
  ResourceHealth,
  stampManaged,
  wantsServerSideDiff,
} from '@slipway/plugin-slipway-node';
import { imagesOf } from './images';
import { applicationHealth, HealthEntry } from './applicationHealth';
import { ApplicationCondition, ResourceStatus } from './types';

/** What a comparison needs; plain data plus the health function. */
export interface CompareInput {
  appName: string;
  /** Rendered manifests, as Git has them. */
  desired: KubeObject[];
  /** Live objects the application manages (tracking label and annotation). */
  live: KubeObject[];
  /** `spec.destination.namespace`, given to namespaced objects without one. */
  destinationNamespace?: string;
  /** Scope of a kind, from the cluster's discovery; undefined when unknown. */
  scopeOf(apiVersion: string, kind: string): 'Namespaced' | 'Cluster' | undefined;
  ignoreDifferences?: IgnoreDifferencesRule[];
  /** Whose `status` is ignored (system-level `slipway.diff`); default every resource's. */
  ignoreResourceStatusField?: IgnoreResourceStatusField;
  ignoreAggregatedRoles?: boolean;
  jq?: JqEngine;
  assessHealth(obj: KubeObject): Promise<ResourceHealth | undefined>;
  /**
   * The object as the API server would store it after Slipway applied
   * `desired` (a server-side-apply dry run), for resources compared by
   * server-side diff (`argocd.argoproj.io/compare-options: ServerSideDiff=true`);
   * without it they are compared by the structured merge computed here.
   */
  predictLive?(desired: KubeObject): Promise<KubeObject>;
}

type DiffInput = Pick<CompareInput, 'ignoreDifferences' | 'ignoreResourceStatusField' | 'ignoreAggregatedRoles' | 'jq'>;

/**
 * The diff options of a comparison's input. Slipway applies with
 * server-side apply, so it compares as Argo CD does for ServerSideApply=true:
 * by the structured merge of Git's object into the live one, which also sees
 * fields Slipway applied before and Git no longer has (they go at the next
 * sync).
 */
function diffOptionsOf(input: DiffInput) {
  return {
    structuredMergeDiff: true,
    ignoreDifferences: input.ignoreDifferences,
    ignoreResourceStatusField: input.ignoreResourceStatusField,
    ignoreAggregatedRoles: input.ignoreAggregatedRoles,
    jq: input.jq,
  };
}

/** The comparison, without the source revisions. */
export interface Comparison {
  syncStatus: SyncStatusCode;
  health: HealthStatus;
  resources: ResourceStatus[];
  images: { desired: ReturnType<typeof imagesOf>; live: ReturnType<typeof imagesOf> };
  conditions: ApplicationCondition[];
  /** Desired objects as they are applied: namespaced and stamped with tracking. */
  normalizedDesired: KubeObject[];
}

/**
 * Prepares a rendered manifest for comparison and apply: namespaced kinds
 * get the destination namespace when they have none (as Argo CD does),
 * cluster-scoped ones lose a namespace, and the tracking label and
 * annotation are stamped.
 */
export function normalizeDesired(
  obj: KubeObject,
  input: Pick<CompareInput, 'appName' | 'destinationNamespace' | 'scopeOf'>,
): KubeObject {
  const scope = input.scopeOf(obj.apiVersion, obj.kind);
  const metadata = { ...obj.metadata };
  if (scope === 'Cluster') {
    delete metadata.namespace;
  } else if (!metadata.namespace && input.destinationNamespace) {
    metadata.namespace = input.destinationNamespace;
  }
  return stampManaged({ ...obj, metadata }, input.appName);
}

/**
 * The jq engine a comparison needs: the given one, else loaded (once per
 * process) when a rule has jqPathExpressions, as Argo CD users write them.
 */
export async function jqFor(rules: IgnoreDifferencesRule[] | undefined, given?: JqEngine): Promise<JqEngine | undefined> {
  if (given || !rules?.some(r => (r.jqPathExpressions ?? []).length > 0)) return given;
  return loadJqEngine();
}

/**
 * How a resource that asks for a server-side diff is compared: with the
 * dry run's result when the caller can run one, else by the structured
 * merge computed here (the merge the API server's dry run performs, without
 * its defaults and admission webhooks).
 */
async function serverSideDiffOptions(
  desired: KubeObject,
  live: KubeObject | null,
  predictLive: CompareInput['predictLive'],
): Promise<{ predictedLive?: KubeObject }> {
  if (!predictLive || !wantsServerSideDiff(desired, live)) return {};
  return { predictedLive: await predictLive(desired) };
}

/**
 * The readable diff of one resource of a comparison (Secret values masked),
 * rendered when someone looks at it rather than at every comparison. ''
 * when in sync or when the comparison of the resource failed.
 */
export async function resourceDiffText(
  input: DiffInput & { desired?: KubeObject; live?: KubeObject; predictLive?: CompareInput['predictLive'] },
): Promise<string> {
  if (!input.desired && !input.live) return '';
  try {
    const serverSide = input.desired ? await serverSideDiffOptions(input.desired, input.live ?? null, input.predictLive) : {};
    return diffResource(input.desired ?? null, input.live ?? null, { ...diffOptionsOf(input), ...serverSide }).diff;
  } catch {
    return ''; // the comparison reported why as a ComparisonError condition
  }
}

/**
 * Compares desired and live state of one application, resource by resource,
 * with Argo CD's semantics: a resource is OutOfSync when applying it would
 * change the live object, Missing live objects are OutOfSync and Missing,
 * managed live objects no longer in Git require pruning, hooks and objects
 * marked `Skip` (never applied) do not take part, and the application's
 * health is aggregated as {@link applicationHealth} says.
 */
export async function compareApplication(input: CompareInput): Promise<Comparison> {
  const conditions: ApplicationCondition[] = [];
  const diffOptions = { ...diffOptionsOf(input), textDiff: false };
  const liveByKey = new Map<string, KubeObject>();
  for (const obj of input.live) {
    liveByKey.set(formatResourceKey(resourceKeyOf(obj)), obj);
  }
  const normalizedDesired: KubeObject[] = [];
  const resources: ResourceStatus[] = [];
  const healthEntries: HealthEntry[] = [];
  const seen = new Set<string>();

  for (const raw of input.desired) {
    const desired = normalizeDesired(raw, input);
    normalizedDesired.push(desired);
    if (isSyncHook(desired)) continue;
    const key = resourceKeyOf(desired);
    const id = formatResourceKey(key);
    if (isSkipped(desired)) {
      // Never applied, so neither compared nor pruned (as Argo CD leaves it).
      seen.add(id);
      continue;
    }
    if (seen.has(id)) {
      conditions.push({
        type: 'RepeatedResourceWarning',
        message: `${desired.kind} ${key.namespace ? `${key.namespace}/` : ''}${key.name} appears more than once in the manifests; the last one wins`,
      });
    }
    seen.add(id);
    const live = liveByKey.get(id) ?? null;
    let status: SyncStatusCode = 'OutOfSync';
    try {
      status = diffResource(desired, live, {
        ...diffOptions,
        ...(await serverSideDiffOptions(desired, live, input.predictLive)),
      }).status;
    } catch (error) {
      status = 'Unknown';
      conditions.push({ type: 'ComparisonError', message: (error as Error).message });
    }
    const health: HealthStatus | undefined = live
      ? await input.assessHealth(live)
      : { status: 'Missing', message: 'not found in the cluster' };
    const resource: ResourceStatus = { key, apiVersion: desired.apiVersion, status, health, requiresPruning: false };
    resources.push(resource);
    healthEntries.push({ resource, live });
  }

  let extraneousAffectsSync = false;
  for (const [id, live] of liveByKey) {
    if (seen.has(id) || isSyncHook(live)) continue;
    const result = diffResource(null, live, diffOptions);
    if (result.affectsAppSyncStatus) extraneousAffectsSync = true;
    const resource: ResourceStatus = {
      key: resourceKeyOf(live),
      apiVersion: live.apiVersion,
      status: result.affectsAppSyncStatus ? 'OutOfSync' : 'Synced',
      health: await input.assessHealth(live),
      requiresPruning: true,
    };
    resources.push(resource);
    healthEntries.push({ resource, live });
  }

  const inGit = resources.filter(r => !r.requiresPruning);
  let syncStatus: SyncStatusCode = 'Synced';
  if (inGit.some(r => r.status === 'Unknown')) syncStatus = 'Unknown';
  else if (inGit.some(r => r.status === 'OutOfSync') || extraneousAffectsSync) syncStatus = 'OutOfSync';

  return {
    syncStatus,
    health: applicationHealth(healthEntries),
    resources,
    images: { desired: imagesOf(normalizedDesired), live: imagesOf(input.live) },
    conditions,
    normalizedDesired,
  };
}
