import type { AuditorService, PermissionsService } from '@backstage/backend-plugin-api';
import { mockErrorHandler, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { createTestStore } from '../../store/__testUtils__/testStore';
import { createRouter } from '../router';
import type { ChartVersionLookup } from '../routes/RouteContext';
import type { SlipwayEngine } from '../SlipwayEngine';

/** An Argo CD Application entity as the catalog module produces it. */
export function applicationEntity(name: string, namespace = 'default'): Entity {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace },
    spec: {
      source: { repoURL: 'https://github.com/acme/gitops.git', path: name, targetRevision: 'main' },
      destination: { name: 'prod', namespace: name },
      syncPolicy: { automated: { prune: true } },
    },
  };
}

/** An engine whose every method is a mock, with harmless defaults. */
export function fakeEngine(): jest.Mocked<SlipwayEngine> {
  return {
    describe: jest.fn<ReturnType<SlipwayEngine['describe']>, Parameters<SlipwayEngine['describe']>>(() => undefined),
    refresh: jest.fn<ReturnType<SlipwayEngine['refresh']>, Parameters<SlipwayEngine['refresh']>>(async () => {}),
    sync: jest.fn<ReturnType<SlipwayEngine['sync']>, Parameters<SlipwayEngine['sync']>>(),
    rollback: jest.fn<ReturnType<SlipwayEngine['rollback']>, Parameters<SlipwayEngine['rollback']>>(),
    terminate: jest.fn<ReturnType<SlipwayEngine['terminate']>, Parameters<SlipwayEngine['terminate']>>(async () => undefined),
    deleteResources: jest.fn<ReturnType<SlipwayEngine['deleteResources']>, Parameters<SlipwayEngine['deleteResources']>>(async () => ({ deleted: [], kept: [] })),
    resourceTree: jest.fn<ReturnType<SlipwayEngine['resourceTree']>, Parameters<SlipwayEngine['resourceTree']>>(async () => undefined),
    resource: jest.fn<ReturnType<SlipwayEngine['resource']>, Parameters<SlipwayEngine['resource']>>(async () => undefined),
    resourceActions: jest.fn<ReturnType<SlipwayEngine['resourceActions']>, Parameters<SlipwayEngine['resourceActions']>>(async () => ({ actions: [] })),
    deleteResource: jest.fn<ReturnType<SlipwayEngine['deleteResource']>, Parameters<SlipwayEngine['deleteResource']>>(),
    runResourceAction: jest.fn<ReturnType<SlipwayEngine['runResourceAction']>, Parameters<SlipwayEngine['runResourceAction']>>(),
    refreshForPush: jest.fn<ReturnType<SlipwayEngine['refreshForPush']>, Parameters<SlipwayEngine['refreshForPush']>>(async () => []),
  };
}

/** One audit event as recorded: what it was about and how it ended. */
export interface RecordedAuditEvent {
  eventId: string;
  meta?: Record<string, unknown>;
  outcome?: 'success' | 'fail';
  error?: string;
  resultMeta?: Record<string, unknown>;
}

/** An auditor that remembers every event and its outcome. */
export function recordingAuditor(): AuditorService & { events: RecordedAuditEvent[] } {
  const events: RecordedAuditEvent[] = [];
  return {
    events,
    async createEvent({ eventId, meta }) {
      const event: RecordedAuditEvent = { eventId, meta: meta as Record<string, unknown> };
      events.push(event);
      return {
        async success(options) {
          event.outcome = 'success';
          event.resultMeta = options?.meta as Record<string, unknown>;
        },
        async fail({ error }) {
          event.outcome = 'fail';
          event.error = error.message;
        },
      };
    },
  };
}

/** Permission decisions by permission name; anything not listed is allowed. */
export function policy(decisions: Record<string, AuthorizeResult.ALLOW | AuthorizeResult.DENY> = {}, catalogRead: AuthorizeResult = AuthorizeResult.ALLOW) {
  const authorize = jest.fn<ReturnType<PermissionsService['authorize']>, Parameters<PermissionsService['authorize']>>(async requests =>
    requests.map(r => ({ result: decisions[r.permission.name] ?? AuthorizeResult.ALLOW })),
  );
  const authorizeConditional = jest.fn(async (requests: Array<{ permission: { name: string } }>) =>
    requests.map(() =>
      catalogRead === AuthorizeResult.CONDITIONAL
        ? { result: AuthorizeResult.CONDITIONAL, pluginId: 'catalog', resourceType: 'catalog-entity', conditions: { rule: 'IS_ENTITY_OWNER', resourceType: 'catalog-entity', params: { claims: [] } } }
        : { result: catalogRead },
    ),
  );
  return { authorize, authorizeConditional } as unknown as PermissionsService & {
    authorize: typeof authorize;
    authorizeConditional: typeof authorizeConditional;
  };
}

/** The router on a real SQLite store, an in-memory catalog and the given engine, policy and config. */
export async function routerFixture(
  databases: TestDatabases,
  options: { entities?: Entity[]; permissions?: PermissionsService; config?: ConstructorParameters<typeof ConfigReader>[0]; engine?: jest.Mocked<SlipwayEngine>; chartVersions?: ChartVersionLookup } = {},
) {
  const { store } = await createTestStore(databases, 'SQLITE_3');
  const engine = options.engine ?? fakeEngine();
  const auditor = recordingAuditor();
  const permissions = options.permissions ?? policy();
  const router = await createRouter({
    logger: mockServices.logger.mock(),
    config: new ConfigReader(options.config ?? {}),
    engine,
    store,
    httpAuth: mockServices.httpAuth(),
    permissions,
    auditor,
    catalog: catalogServiceMock({ entities: options.entities ?? [] }),
    chartVersions: options.chartVersions,
  });
  const app = express().use(router).use(mockErrorHandler());
  return { app, store, engine, auditor, permissions };
}
