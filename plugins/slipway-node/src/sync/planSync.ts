import {
  KubeObject,
  ResourceKey,
  SyncPhase,
  formatResourceKey,
  groupOf,
  resourceKeyOf,
} from '@slipway/plugin-slipway-common';
import {
  hookDeletePolicies,
  isSyncHook,
  isSkipped,
  syncPhasesOf,
  syncWaveOf,
} from './hooks';
import { respectIgnoredFields } from './respectIgnoreDifferences';
import { pruneSkipReason } from './pruneOptions';
import { syncOperationSettings } from './settings';
import { hasResourceOption } from './syncOptions';
import { sortTasks } from './taskOrder';
import {
  appNameProblem,
  isManagedBy,
  stampManaged,
  trackedAppOf,
} from './tracking';
import type {
  SyncOperationSettings,
  SyncPlan,
  SyncPlanInput,
  SyncPlanIssue,
  SyncResourceSelector,
  SyncTask,
} from './types';

function describe(obj: KubeObject): string {
  const ns = obj.metadata?.namespace ? `${obj.metadata.namespace}/` : '';
  return `${obj.kind ?? '?'} ${ns}${
    obj.metadata?.name ?? obj.metadata?.generateName ?? '?'
  }`;
}

function shapeProblem(obj: unknown): string | undefined {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    return 'a manifest is not an object';
  }
  const o = obj as Partial<KubeObject>;
  if (typeof o.apiVersion !== 'string' || !o.apiVersion) {
    return 'a manifest has no apiVersion';
  }
  if (typeof o.kind !== 'string' || !o.kind) {
    return `a manifest of apiVersion ${o.apiVersion} has no kind`;
  }
  if (!o.metadata || typeof o.metadata !== 'object') {
    return `a ${o.kind} manifest has no metadata`;
  }
  return undefined;
}

/** Index of live objects by key, with a fallback for cluster-scoped ones. */
class LiveIndex {
  private readonly byKey = new Map<string, KubeObject>();
  constructor(live: readonly KubeObject[]) {
    for (const obj of live)
      this.byKey.set(formatResourceKey(resourceKeyOf(obj)), obj);
  }
  find(key: ResourceKey): KubeObject | undefined {
    return (
      this.byKey.get(formatResourceKey(key)) ??
      // cluster-scoped objects have no namespace, whatever the manifest says
      this.byKey.get(formatResourceKey({ ...key, namespace: '' }))
    );
  }
}

function selectorMatches(s: SyncResourceSelector, key: ResourceKey): boolean {
  return (
    (s.group ?? '') === key.group &&
    s.kind === key.kind &&
    s.name === key.name &&
    (!s.namespace || !key.namespace || s.namespace === key.namespace)
  );
}

function taskId(phase: SyncPhase, key: ResourceKey): string {
  return `${phase}:${formatResourceKey(key)}`;
}

/**
 * How a target is written. Its options are read from Git's object only, as
 * gitops-engine does: the live object still carries the options of the last
 * sync, and `Force=true,Replace=true` removed from Git must not delete and
 * recreate the resource once more.
 */
function applySettingsFor(
  settings: SyncOperationSettings,
  target: KubeObject,
): SyncTask['apply'] {
  return {
    replace: settings.replace || hasResourceOption(target, 'Replace', 'true'),
    force: settings.force || hasResourceOption(target, 'Force', 'true'),
    validate:
      settings.validate && !hasResourceOption(target, 'Validate', 'false'),
  };
}

/**
 * `RespectIgnoreDifferences`: the resource's own sync option (`=true` or
 * `=false`) wins over the Application's.
 */
function respectsIgnoredFields(settings: SyncOperationSettings, target: KubeObject): boolean {
  if (hasResourceOption(target, 'RespectIgnoreDifferences', 'true')) return true;
  if (hasResourceOption(target, 'RespectIgnoreDifferences', 'false')) return false;
  return settings.respectIgnoreDifferences;
}

function skipsDryRunOnMissingResource(
  settings: SyncOperationSettings,
  target: KubeObject,
): { skipDryRunOnMissingResource?: true } {
  return settings.skipDryRunOnMissingResource ||
    hasResourceOption(target, 'SkipDryRunOnMissingResource', 'true')
    ? { skipDryRunOnMissingResource: true }
    : {};
}

function hookName(
  obj: KubeObject,
  phase: SyncPhase,
  input: SyncPlanInput,
): string {
  const revision = (input.revision ?? '').slice(0, 7);
  const seconds = Math.floor((input.startedAt ?? 0) / 1000);
  return `${obj.metadata.generateName}${revision}-${phase}-${seconds}`.toLowerCase();
}

/**
 * Plans a sync, after Argo CD's gitops-engine: an ordered list of tasks
 * (phase, wave, kind, name) for resources, hooks and prunes, with the sync
 * options applied. Pure: no I/O, the inputs are not modified, problems are
 * returned in `issues` (a plan with issues must not be executed).
 * @public
 */
export function planSync(input: SyncPlanInput): SyncPlan {
  const issues: SyncPlanIssue[] = [];
  const { settings, problems } = syncOperationSettings(input);
  issues.push(...problems.map(message => ({ message })));
  const appProblem = appNameProblem(input.appName);
  if (appProblem) issues.push({ message: appProblem });

  const destNs = input.namespace ?? '';
  const selectors = input.request?.resources ?? [];
  const selected = (key: ResourceKey) =>
    selectors.length === 0 || selectors.some(s => selectorMatches(s, key));
  const live = new LiveIndex(input.live);
  const tasks: SyncTask[] = [];
  const skipped: ResourceKey[] = [];
  const desiredKeys = new Set<string>();
  const hooks: KubeObject[] = [];
  const resources: KubeObject[] = [];

  const normalise = (obj: KubeObject): KubeObject => {
    const scope = input.scopeOf?.(obj.apiVersion, obj.kind);
    const copy: KubeObject = { ...obj, metadata: { ...obj.metadata } };
    if (scope === 'Cluster') delete copy.metadata.namespace;
    else if (!copy.metadata.namespace && destNs)
      copy.metadata.namespace = destNs;
    return copy;
  };

  for (const raw of input.desired) {
    const problem = shapeProblem(raw);
    if (problem) {
      issues.push({ message: `${problem}; fix the manifest in Git` });
      continue;
    }
    const obj = normalise(raw);
    if (isSyncHook(obj)) {
      if (!obj.metadata.name && !obj.metadata.generateName) {
        issues.push({
          message: `hook ${obj.kind} has neither metadata.name nor metadata.generateName; set one of them`,
        });
        continue;
      }
      hooks.push(obj);
      if (obj.metadata.name)
        desiredKeys.add(formatResourceKey(resourceKeyOf(obj)));
      continue;
    }
    if (!obj.metadata.name) {
      issues.push({
        message: `${obj.kind} (apiVersion ${obj.apiVersion}) has no metadata.name; only hooks may use generateName`,
      });
      continue;
    }
    const k = formatResourceKey(resourceKeyOf(obj));
    if (desiredKeys.has(k)) {
      issues.push({
        key: resourceKeyOf(obj),
        message: `${describe(
          obj,
        )} appears more than once in the manifests; keep one definition`,
      });
      continue;
    }
    desiredKeys.add(k);
    if (!isSkipped(obj)) resources.push(obj);
  }

  for (const target of resources) {
    const key = resourceKeyOf(target);
    if (!selected(key)) continue;
    const liveObj = live.find(key);
    if (liveObj && settings.failOnSharedResource) {
      const owner = trackedAppOf(liveObj);
      if (owner && owner !== input.appName) {
        issues.push({
          key,
          message: `${describe(
            target,
          )} is already managed by application "${owner}" (FailOnSharedResource=true); remove it from one of the applications`,
        });
        continue;
      }
    }
    if (
      settings.applyOutOfSyncOnly &&
      liveObj &&
      input.modified?.[formatResourceKey(key)] === false
    ) {
      skipped.push(key);
      continue;
    }
    const wave = syncWaveOf(target);
    if ('error' in wave) {
      issues.push({ key, message: `${describe(target)}: ${wave.error}` });
      continue;
    }
    let desired = target;
    if (respectsIgnoredFields(settings, target) && liveObj && input.ignoreDifferences?.length) {
      try {
        desired = respectIgnoredFields(target, liveObj, input.ignoreDifferences, input.jq);
      } catch (error) {
        issues.push({
          key,
          message: `${describe(target)}: RespectIgnoreDifferences=true could not apply ignoreDifferences: ${
            (error as Error).message
          }`,
        });
        continue;
      }
    }
    tasks.push({
      id: taskId('Sync', key),
      key,
      apiVersion: target.apiVersion,
      phase: 'Sync',
      wave: wave.wave,
      action: 'apply',
      target: stampManaged(desired, input.appName),
      live: liveObj,
      apply: applySettingsFor(settings, target),
      ...skipsDryRunOnMissingResource(settings, target),
    });
  }

  for (const liveObj of input.live) {
    if (!isManagedBy(liveObj, input.appName) || isSyncHook(liveObj)) continue;
    const key = resourceKeyOf(liveObj);
    if (desiredKeys.has(formatResourceKey(key))) continue;
    if (desiredKeys.has(formatResourceKey({ ...key, namespace: destNs })))
      continue;
    if (!selected(key)) continue;
    const wave = syncWaveOf(liveObj);
    tasks.push({
      id: taskId('Sync', key),
      key,
      apiVersion: liveObj.apiVersion,
      phase: 'Sync',
      wave: 'error' in wave ? 0 : wave.wave,
      action: 'prune',
      live: liveObj,
      apply: { replace: false, force: false, validate: settings.validate },
      pruneSkipReason: pruneSkipReason(liveObj, settings),
    });
  }

  if (!settings.skipHooks) {
    for (const hook of hooks) {
      const wave = syncWaveOf(hook);
      if ('error' in wave) {
        issues.push({ message: `${describe(hook)}: ${wave.error}` });
        continue;
      }
      for (const phase of syncPhasesOf(hook)) {
        const target: KubeObject = { ...hook, metadata: { ...hook.metadata } };
        if (!target.metadata.name) {
          target.metadata.name = hookName(hook, phase, input);
          delete target.metadata.generateName;
        }
        const key = resourceKeyOf(target);
        const liveObj = live.find(key);
        tasks.push({
          id: taskId(phase, key),
          key,
          apiVersion: target.apiVersion,
          phase,
          wave: wave.wave,
          action: 'apply',
          target: stampManaged(target, input.appName),
          live: liveObj,
          hook: { type: phase, deletePolicies: hookDeletePolicies(hook) },
          apply: applySettingsFor(settings, target),
          ...skipsDryRunOnMissingResource(settings, target),
        });
      }
    }
  }

  if (settings.createNamespace && destNs) {
    const declared = [...resources, ...hooks].some(
      o =>
        o.kind === 'Namespace' &&
        groupOf(o.apiVersion) === '' &&
        o.metadata.name === destNs,
    );
    if (!declared) {
      const meta = input.managedNamespaceMetadata;
      const ns: KubeObject = {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: destNs,
          ...(meta?.labels ? { labels: { ...meta.labels } } : {}),
          ...(meta?.annotations
            ? { annotations: { ...meta.annotations } }
            : {}),
        },
      };
      const key = resourceKeyOf(ns);
      // created before anything else, as Argo CD does before its first wave
      const firstWave = Math.min(
        0,
        ...tasks.filter(t => t.phase === 'PreSync').map(t => t.wave),
      );
      tasks.push({
        id: taskId('PreSync', key),
        key,
        apiVersion: 'v1',
        phase: 'PreSync',
        wave: firstWave,
        action: 'apply',
        target: ns,
        live: live.find(key),
        apply: { replace: false, force: false, validate: settings.validate },
        createdNamespace: true,
      });
    }
  }

  reorderPruneWaves(tasks, settings);
  sortTasks(tasks);
  return { appName: input.appName, settings, tasks, skipped, issues };
}

/**
 * Prunes run in the reverse order of creation: prune waves are mirrored
 * (the first wave deleted last); PruneLast prunes after the last sync wave.
 */
function reorderPruneWaves(
  tasks: SyncTask[],
  settings: SyncOperationSettings,
): void {
  const prunes = tasks.filter(t => t.action === 'prune');
  const waves = [...new Set(prunes.map(t => t.wave))].sort((a, b) => a - b);
  const mirrored = new Map<number, number>();
  waves.forEach((w, i) => mirrored.set(w, waves[waves.length - 1 - i]));
  for (const t of prunes) t.wave = mirrored.get(t.wave) ?? t.wave;

  const lastSyncWave = Math.max(
    0,
    ...tasks.filter(t => t.phase === 'Sync').map(t => t.wave),
  );
  for (const t of prunes) {
    if (settings.pruneLast || hasResourceOption(t.live, 'PruneLast', 'true')) {
      t.wave = lastSyncWave + 1;
    }
  }
}
