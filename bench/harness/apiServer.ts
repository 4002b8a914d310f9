/*
 * The plugin's REST router (createRouter, as plugin.ts mounts it) on a
 * local HTTP server at /api/slipway, over a runtime's engine and store.
 * Callers are one signed-in user; the permission policy allows everything
 * (the demo's allow-all policy); audit events are dropped. Extra routes
 * (e.g. a page) can be added beside the API.
 */
import http from 'node:http';
import type { AuditorService, BackstageCredentials, BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { createRouter } from '../../plugins/slipway-backend/src/service/router';
import type { SlipwayEngine } from '../../plugins/slipway-backend/src/service/SlipwayEngine';
import type { SlipwayStore } from '../../plugins/slipway-backend/src/store';
import { quietLogger } from './EngineHarness';

const user = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: 'user:default/bench' },
} as BackstageCredentials<BackstageUserPrincipal>;

const silentAuditor: AuditorService = {
  async createEvent() {
    return { async success() {}, async fail() {} };
  },
};

export async function startApiServer(options: {
  engine: SlipwayEngine;
  store: SlipwayStore;
  entities: Entity[];
  /** `slipway` configuration the router reads (webhook secrets). */
  slipway?: Record<string, any>;
  /** Routes and middleware added before the API's. */
  extraRoutes?: (app: express.Express) => void;
  /**
   * `allow` (default): every request is allowed, as the demo's policy does.
   * `conditional`: reading catalog entities is allowed under conditions, as
   * policies that restrict the catalog answer, so the API asks the catalog
   * which Applications the caller may see.
   */
  policy?: 'allow' | 'conditional';
}) {
  const byRef = new Map(options.entities.map(e => [stringifyEntityRef(e), e]));
  const router = await createRouter({
    logger: quietLogger(),
    config: new ConfigReader({ slipway: options.slipway ?? {} }),
    engine: options.engine,
    store: options.store,
    httpAuth: { credentials: async () => user as any },
    permissions: {
      authorize: async requests => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      authorizeConditional: async requests =>
        requests.map(() =>
          options.policy === 'conditional'
            ? {
                result: AuthorizeResult.CONDITIONAL,
                pluginId: 'catalog',
                resourceType: 'catalog-entity',
                conditions: { rule: 'IS_ENTITY_OWNER', resourceType: 'catalog-entity', params: { claims: ['user:default/bench'] } },
              }
            : { result: AuthorizeResult.ALLOW },
        ) as any,
    },
    auditor: silentAuditor,
    catalog: {
      getEntityByRef: async ref => byRef.get(typeof ref === 'string' ? ref : stringifyEntityRef(ref)),
      getEntitiesByRefs: async request => ({ items: request.entityRefs.map(ref => byRef.get(ref)) }),
      queryEntities: async () => ({ items: options.entities, totalItems: options.entities.length, pageInfo: {} }),
    },
  });
  const app = express();
  options.extraRoutes?.(app);
  app.use('/api/slipway', router);
  const server = http.createServer(app);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
