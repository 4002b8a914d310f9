import { formatResourceKey, HealthStatus } from '@slipway/plugin-slipway-common';
import type { Refreshed } from '../engine/app/ApplicationController';
import type { ImageRef } from '../engine/app/types';
import type { InventoryApplication } from '../inventory';
import type {
  ApplicationCondition,
  ApplicationStatusUpdate,
  ImageVersion,
  ResourceSummary,
} from '../store';

function versionOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
}

function health(h: HealthStatus | undefined): ResourceSummary['health'] {
  return h ? { status: h.status, ...(h.message ? { message: h.message } : {}) } : undefined;
}

function image(ref: ImageRef, location: 'desired' | 'live'): ImageVersion {
  const name = `${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
  return { image: name, resource: ref.resource, container: ref.container, location };
}

/** The fields every status write carries: who the application belongs to and where it deploys. */
export function denormalizedFields(item: InventoryApplication): Omit<ApplicationStatusUpdate, 'entityRef'> {
  return {
    componentRef: item.componentRef ?? null,
    project: item.project,
    cluster: item.cluster ?? null,
    namespace: item.namespace ?? null,
    environment: item.environment ?? null,
    owner: item.owner ?? null,
  };
}

/**
 * The stored status of a comparison: sync and health, revision, conditions,
 * the resource tree summary (managed resources with their sync status, and
 * their children) and the image and chart versions of desired and live
 * state. Pure.
 */
export function statusUpdateOf(
  item: InventoryApplication,
  refreshed: Omit<Refreshed, 'desired' | 'live'>,
  extraConditions: ApplicationCondition[],
  reconciledAt: string,
): ApplicationStatusUpdate {
  const resources: ResourceSummary[] = [];
  const seen = new Set<string>();
  for (const r of refreshed.resources) {
    const id = formatResourceKey(r.key);
    seen.add(id);
    resources.push({
      group: r.key.group,
      kind: r.key.kind,
      ...(r.key.namespace ? { namespace: r.key.namespace } : {}),
      name: r.key.name,
      version: versionOf(r.apiVersion),
      status: r.status,
      health: health(r.health),
      managed: true,
      ...(r.requiresPruning ? { message: 'requires pruning' } : {}),
    });
  }
  for (const node of refreshed.tree) {
    const id = formatResourceKey(node.key);
    if (seen.has(id)) continue;
    seen.add(id);
    resources.push({
      group: node.key.group,
      kind: node.key.kind,
      ...(node.key.namespace ? { namespace: node.key.namespace } : {}),
      name: node.key.name,
      version: versionOf(node.apiVersion),
      health: health(node.health),
      managed: node.managed,
      parentRefs: node.parents.map(formatResourceKey),
    });
  }
  return {
    entityRef: item.entityRef,
    ...denormalizedFields(item),
    syncStatus: refreshed.syncStatus,
    healthStatus: refreshed.health.status,
    healthMessage: refreshed.health.message ?? null,
    revision: refreshed.revision ?? null,
    conditions: [...refreshed.conditions, ...extraConditions],
    resources,
    versions: {
      images: [
        ...refreshed.images.desired.map(i => image(i, 'desired')),
        ...refreshed.images.live.map(i => image(i, 'live')),
      ],
      charts: refreshed.charts.map(c => ({ chart: c.chart, version: c.version, repoURL: c.repoURL, location: 'desired' as const })),
    },
    reconciledAt,
  };
}
