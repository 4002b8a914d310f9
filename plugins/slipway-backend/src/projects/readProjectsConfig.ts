import type { Config } from '@backstage/config';
import { readProjectDestinations } from '@slipway/plugin-slipway-node';
import { Cron } from 'croner';
import { parseWindowDuration } from './syncWindows';
import { DEFAULT_PROJECT, GroupKind, OrphanedResourcesMonitoring, Project, SyncWindow } from './types';

function groupKinds(c: Config, key: string): GroupKind[] | undefined {
  return c.getOptionalConfigArray(key)?.map(gk => ({
    group: gk.getOptionalString('group') ?? '',
    kind: gk.getString('kind'),
  }));
}

function readWindow(c: Config, where: string): SyncWindow {
  const kind = c.getString('kind');
  if (kind !== 'allow' && kind !== 'deny') {
    throw new Error(`${where}: kind '${kind}' is not a sync window kind; use 'allow' or 'deny'`);
  }
  const schedule = c.getString('schedule');
  const timeZone = c.getOptionalString('timeZone');
  try {
    // validates the expression and the time zone
    new Cron(schedule, { paused: true, timezone: timeZone ?? 'UTC' }).stop();
  } catch (e) {
    throw new Error(`${where}: schedule '${schedule}' is not a valid cron expression (${(e as Error).message}); use five fields, e.g. '0 22 * * *'`);
  }
  const duration = c.getString('duration');
  if (parseWindowDuration(duration) === undefined) {
    throw new Error(`${where}: duration '${duration}' is not a duration; use e.g. '1h', '30m' or '1h30m'`);
  }
  return {
    kind,
    schedule,
    duration,
    applications: c.getOptionalStringArray('applications'),
    namespaces: c.getOptionalStringArray('namespaces'),
    clusters: c.getOptionalStringArray('clusters'),
    manualSync: c.getOptionalBoolean('manualSync') ?? false,
    timeZone,
    andOperator: c.getOptionalBoolean('andOperator') ?? false,
    description: c.getOptionalString('description'),
  };
}

/** Argo CD's `orphanedResources`: present, even empty, the monitoring is on and warns unless `warn: false`. */
function readOrphanedResources(c: Config): OrphanedResourcesMonitoring {
  return {
    warn: c.getOptionalBoolean('warn') ?? true,
    ignore: (c.getOptionalConfigArray('ignore') ?? []).map(i => ({
      group: i.getOptionalString('group') ?? '',
      kind: i.getOptionalString('kind') ?? '',
      name: i.getOptionalString('name') ?? '',
    })),
  };
}

/**
 * Reads `slipway.projects`, Argo CD AppProjects in admin configuration. A
 * project named `default` replaces the built-in one, which otherwise permits
 * everything. Invalid entries throw an error naming the project and the key.
 */
export function readProjectsConfig(config: Config): Map<string, Project> {
  const projects = new Map<string, Project>([['default', DEFAULT_PROJECT]]);
  const seen = new Set<string>();
  for (const c of config.getOptionalConfigArray('slipway.projects') ?? []) {
    const name = c.getString('name');
    if (seen.has(name)) {
      throw new Error(`slipway.projects: project '${name}' is configured twice; project names must be unique`);
    }
    seen.add(name);
    const where = `slipway.projects '${name}'`;
    projects.set(name, {
      name,
      description: c.getOptionalString('description'),
      sourceRepos: c.getOptionalStringArray('sourceRepos') ?? [],
      sourceNamespaces: c.getOptionalStringArray('sourceNamespaces'),
      catalogLocations: c.getOptionalStringArray('catalogLocations'),
      destinations: readProjectDestinations(c),
      clusterResourceWhitelist: groupKinds(c, 'clusterResourceWhitelist') ?? [],
      clusterResourceBlacklist: groupKinds(c, 'clusterResourceBlacklist') ?? [],
      namespaceResourceWhitelist: groupKinds(c, 'namespaceResourceWhitelist'),
      namespaceResourceBlacklist: groupKinds(c, 'namespaceResourceBlacklist') ?? [],
      syncWindows: (c.getOptionalConfigArray('syncWindows') ?? []).map((w, i) =>
        readWindow(w, `${where} syncWindows[${i}]`),
      ),
      ...(c.has('orphanedResources') ? { orphanedResources: readOrphanedResources(c.getConfig('orphanedResources')) } : {}),
    });
  }
  return projects;
}
