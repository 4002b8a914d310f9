import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';
import { ApplicationAccess } from './access/ApplicationAccess';
import { slipwayErrorHandler } from './errors';
import { registerApplicationActionRoutes } from './routes/applicationActions';
import { registerApplicationRoutes } from './routes/applications';
import { registerOperationRoutes } from './routes/operations';
import type { ChartVersionLookup, RouteContext, RouteStore } from './routes/RouteContext';
import { registerVersionRoutes } from './routes/versions';
import { registerChildApplicationRoutes } from './routes/childApplications';
import { registerWebhookRoutes } from './routes/webhooks';
import type { SlipwayEngine } from './SlipwayEngine';
import { readWebhookConfig } from './webhooks/readWebhookConfig';

/** What the router needs from the plugin. */
export interface RouterOptions {
  logger: LoggerService;
  config: Config;
  engine: SlipwayEngine;
  store: RouteStore;
  httpAuth: Pick<HttpAuthService, 'credentials'>;
  permissions: Pick<PermissionsService, 'authorize' | 'authorizeConditional'>;
  auditor: AuditorService;
  catalog: Pick<CatalogService, 'getEntityByRef' | 'getEntitiesByRefs' | 'queryEntities'>;
  /** Tells the versions route when a chart's Helm repository has a newer version. */
  chartVersions?: ChartVersionLookup;
}

/** JSON bodies of the API are small; a sync naming 1000 resources stays far below this. */
const JSON_BODY_LIMIT = 256 * 1024;

/** The REST API under /api/slipway; see src/schema/openapi.yaml. */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const webhooks = readWebhookConfig(options.config);
  const ctx: RouteContext = {
    engine: options.engine,
    store: options.store,
    access: new ApplicationAccess(options),
    auditor: options.auditor,
    logger: options.logger,
    chartVersions: options.chartVersions,
  };
  const router = Router();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // before the JSON parser: signatures are computed over the raw body
  registerWebhookRoutes(router, ctx, webhooks);

  router.use(express.json({ limit: JSON_BODY_LIMIT }));
  registerApplicationRoutes(router, ctx);
  registerApplicationActionRoutes(router, ctx);
  registerOperationRoutes(router, ctx);
  registerVersionRoutes(router, ctx);
  registerChildApplicationRoutes(router, { httpAuth: options.httpAuth, children: options.store });

  router.use(slipwayErrorHandler({ jsonBytes: JSON_BODY_LIMIT, webhookBytes: webhooks.maxBodyBytes }));
  return router;
}
