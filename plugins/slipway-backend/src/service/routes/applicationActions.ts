import { ConflictError, InputError } from '@backstage/errors';
import {
  formatResourceKey,
  OperationAccepted,
  slipwayApplicationActionPermission,
  slipwayApplicationDeletePermission,
  slipwayApplicationRollbackPermission,
  slipwayApplicationSyncPermission,
} from '@slipway/plugin-slipway-common';
import type { Request, Router } from 'express';
import { ApplicationAccess } from '../access/ApplicationAccess';
import { audited } from '../access/audited';
import { conflictMessage, OperationConflictError } from '../errors';
import type { OperationRequestResult } from '../SlipwayEngine';
import { parseRefreshBody, parseResourceActionBody, parseRollbackBody, parseSyncBody } from '../validation/requestBodies';
import { applicationRefOf, propagationPolicyQuery, resourceKeyQuery, single } from '../validation/queryParams';
import type { RouteContext } from './RouteContext';

/** 202 with the new operation, or the error that says why there is none. */
function accepted(action: string, entityRef: string, result: OperationRequestResult): OperationAccepted {
  switch (result.status) {
    case 'created':
      return { operation: result.operation };
    case 'conflict':
      throw new OperationConflictError(conflictMessage(action, entityRef, result.activeOperation), result.activeOperation);
    default:
      throw new ConflictError(`Cannot ${action} ${entityRef} now: ${result.reason}`);
  }
}

/** POST sync, rollback, refresh, resource actions and DELETE resources: each authorized on the Application entity and audited. */
export function registerApplicationActionRoutes(router: Router, ctx: RouteContext): void {
  const { engine, access, auditor } = ctx;
  const entityRefOf = (req: Request) => applicationRefOf(req.params);

  router.post('/applications/:namespace/:name/sync', async (req, res) => {
    const entityRef = entityRefOf(req);
    const body = await audited(
      auditor,
      { eventId: 'application-sync', request: req, meta: { entityRef }, resultMeta: r => ({ operationId: r.operation.id }) },
      async () => {
        const request = parseSyncBody(req.body);
        const app = await access.readable(req, entityRef);
        await access.authorize(app, slipwayApplicationSyncPermission, 'sync');
        const result = await engine.sync(app.entityRef, request, ApplicationAccess.initiatorOf(app.credentials));
        return accepted('sync', app.entityRef, result);
      },
    );
    res.status(202).json(body);
  });

  router.post('/applications/:namespace/:name/rollback', async (req, res) => {
    const entityRef = entityRefOf(req);
    const body = await audited(
      auditor,
      { eventId: 'application-rollback', request: req, meta: { entityRef }, resultMeta: r => ({ operationId: r.operation.id }) },
      async () => {
        const { historyId, ...options } = parseRollbackBody(req.body);
        const app = await access.readable(req, entityRef);
        await access.authorize(app, slipwayApplicationRollbackPermission, 'roll back');
        const result = await engine.rollback(app.entityRef, historyId, options, ApplicationAccess.initiatorOf(app.credentials));
        return accepted('roll back', app.entityRef, result);
      },
    );
    res.status(202).json(body);
  });

  // A refresh changes nothing in the cluster, so reading the application is enough (as in Argo CD).
  router.post('/applications/:namespace/:name/refresh', async (req, res) => {
    const entityRef = entityRefOf(req);
    const body = await audited(
      auditor,
      { eventId: 'application-refresh', request: req, meta: { entityRef }, severityLevel: 'low' },
      async () => {
        const { hard } = parseRefreshBody(req.body);
        const app = await access.readable(req, entityRef);
        await engine.refresh(app.entityRef, { hard });
        return { entityRef: app.entityRef, hard, queued: true };
      },
    );
    res.status(202).json(body);
  });

  router.delete('/applications/:namespace/:name/resources', async (req, res) => {
    const entityRef = entityRefOf(req);
    const body = await audited(
      auditor,
      {
        eventId: 'application-cascade-delete',
        request: req,
        meta: { entityRef },
        severityLevel: 'high',
        resultMeta: r => ({ deleted: r.deleted.map(formatResourceKey) }),
      },
      async () => {
        if (single(req.query, 'cascade') !== 'true') {
          throw new InputError(
            `Deleting the cluster resources of ${entityRef} must be asked for explicitly: send DELETE with ?cascade=true (removing the Application entity alone never deletes resources)`,
          );
        }
        const app = await access.readable(req, entityRef);
        await access.authorize(app, slipwayApplicationDeletePermission, 'delete the resources of');
        return engine.deleteResources(app.entityRef, ApplicationAccess.initiatorOf(app.credentials), {
          confirmed: single(req.query, 'confirmDeletion') === 'true',
        });
      },
    );
    res.json(body);
  });

  // listing what a resource offers changes nothing: reading the application is enough
  router.get('/applications/:namespace/:name/resource/actions', async (req, res) => {
    const app = await access.readable(req, entityRefOf(req));
    res.json(await engine.resourceActions(app.entityRef, resourceKeyQuery(req.query)));
  });

  router.post('/applications/:namespace/:name/resource/actions', async (req, res) => {
    const entityRef = entityRefOf(req);
    const body = await audited(
      auditor,
      {
        eventId: 'application-resource-action',
        request: req,
        meta: { entityRef },
        severityLevel: 'medium',
        resultMeta: r => ({
          action: r.action,
          ...(r.parameters ? { parameters: r.parameters } : {}),
          changes: r.changes.map(c => `${c.operation} ${formatResourceKey(c.resource)}`),
        }),
      },
      async () => {
        const { action, resource, parameters } = parseResourceActionBody(req.body);
        const app = await access.readable(req, entityRef);
        await access.authorize(app, slipwayApplicationActionPermission, `run the action '${action}' on a resource of`);
        return engine.runResourceAction(app.entityRef, resource, action, parameters);
      },
    );
    res.json(body);
  });

  // Argo CD's "Delete" of one resource: a Pod to have it replaced, a left-over, an orphan
  router.delete('/applications/:namespace/:name/resource', async (req, res) => {
    const entityRef = entityRefOf(req);
    const body = await audited(
      auditor,
      {
        eventId: 'application-resource-delete',
        request: req,
        meta: { entityRef },
        severityLevel: 'high',
        resultMeta: r => ({ deleted: formatResourceKey(r.deleted) }),
      },
      async () => {
        const key = resourceKeyQuery(req.query);
        const policy = propagationPolicyQuery(req.query);
        const app = await access.readable(req, entityRef);
        await access.authorize(app, slipwayApplicationDeletePermission, `delete ${key.kind} ${key.name} of`);
        return engine.deleteResource(app.entityRef, key, policy);
      },
    );
    res.json(body);
  });
}
