import { parseEntityRef } from '@backstage/catalog-model';
import type { OperationSummary, SlipwayApplication } from '@slipway/plugin-slipway-common';
import { commitUrl } from '@slipway/plugin-slipway-node';
import type { ApplicationStatus, ApplicationStatusField } from '../store';
import type { ApplicationDescription } from './SlipwayEngine';

/** Top-level fields of an application in the API, as `fields=` names them. */
export const APPLICATION_FIELDS = [
  'entityRef',
  'name',
  'componentRef',
  'project',
  'cluster',
  'destinationNamespace',
  'environment',
  'owner',
  'sync',
  'health',
  'commit',
  'conditions',
  'operation',
  'syncPolicy',
  'syncWindow',
  'reconciledAt',
] as const;

export type ApplicationField = (typeof APPLICATION_FIELDS)[number];

/** The stored columns each API field is made of; the resource tree and versions are never listed. */
const STORE_FIELDS: Record<ApplicationField, ApplicationStatusField[]> = {
  entityRef: ['entityRef'],
  name: [],
  componentRef: ['componentRef'],
  project: ['project'],
  cluster: ['cluster'],
  destinationNamespace: ['namespace'],
  environment: ['environment'],
  owner: ['owner'],
  sync: ['syncStatus', 'syncChangedAt', 'revision'],
  health: ['healthStatus', 'healthMessage', 'healthChangedAt'],
  commit: ['revision', 'commit'],
  conditions: ['conditions'],
  operation: [],
  syncPolicy: [],
  syncWindow: [],
  reconciledAt: ['reconciledAt'],
};

/** The store fields to read for the requested API fields (all of them when none are requested). */
export function storeFieldsFor(fields: readonly ApplicationField[] | undefined): ApplicationStatusField[] {
  const wanted = fields ?? APPLICATION_FIELDS;
  return Array.from(new Set(['entityRef' as const, ...wanted.flatMap(f => STORE_FIELDS[f])]));
}

/** What an application is shown from: its stored status and what the engine and the operation store add. */
export interface ApplicationParts {
  status: Partial<ApplicationStatus> & { entityRef: string };
  description?: ApplicationDescription;
  operation?: OperationSummary;
}

/**
 * An application as the API returns it, with only the requested top-level
 * fields (all when `fields` is undefined; `entityRef` always). Pure.
 */
export function toApiApplication(parts: ApplicationParts, fields?: readonly ApplicationField[]): Partial<SlipwayApplication> {
  const { status, description, operation } = parts;
  const want = (field: ApplicationField) => !fields || fields.includes(field);
  const app: Partial<SlipwayApplication> = { entityRef: status.entityRef };
  if (want('name')) app.name = description?.name ?? parseEntityRef(status.entityRef).name;
  if (want('componentRef') && status.componentRef) app.componentRef = status.componentRef;
  if (want('project') && status.project) app.project = status.project;
  if (want('cluster') && status.cluster) app.cluster = status.cluster;
  if (want('destinationNamespace') && status.namespace) app.destinationNamespace = status.namespace;
  if (want('environment') && status.environment) app.environment = status.environment;
  if (want('owner') && status.owner) app.owner = status.owner;
  if (want('sync')) {
    app.sync = {
      status: status.syncStatus ?? 'Unknown',
      ...(status.revision ? { revision: status.revision } : {}),
      ...(status.syncChangedAt ? { changedAt: status.syncChangedAt } : {}),
    };
  }
  if (want('health')) {
    app.health = {
      status: status.healthStatus ?? 'Unknown',
      ...(status.healthMessage ? { message: status.healthMessage } : {}),
      ...(status.healthChangedAt ? { changedAt: status.healthChangedAt } : {}),
    };
  }
  if (want('commit') && status.revision) {
    const url = commitUrl(description?.repoURL, status.revision);
    app.commit = {
      sha: status.revision,
      ...(status.commit?.author ? { author: status.commit.author } : {}),
      ...(status.commit?.message ? { message: status.commit.message } : {}),
      ...(status.commit?.date ? { date: status.commit.date } : {}),
      ...(url ? { url } : {}),
    };
  }
  if (want('conditions')) app.conditions = status.conditions ?? [];
  if (want('operation') && operation) app.operation = operation;
  if (want('syncPolicy')) {
    app.syncPolicy = description?.syncPolicy ?? { automated: false, prune: false, selfHeal: false };
  }
  if (want('syncWindow') && description?.syncWindow) app.syncWindow = description.syncWindow;
  if (want('reconciledAt') && status.reconciledAt) app.reconciledAt = status.reconciledAt;
  return app;
}
