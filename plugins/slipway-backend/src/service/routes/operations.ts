import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { slipwayApplicationTerminatePermission } from '@slipway/plugin-slipway-common';
import type { Router } from 'express';
import { FINAL_OPERATION_STATES, FinalOperationState, Operation } from '../../store';
import { ApplicationAccess } from '../access/ApplicationAccess';
import { audited } from '../access/audited';
import { pageSize, single } from '../validation/queryParams';
import type { RouteContext } from './RouteContext';

const OPERATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Operation ids are opaque, but never anything that needs escaping. */
function operationIdOf(params: { id?: string }): string {
  const id = params.id ?? '';
  if (!OPERATION_ID.test(id)) {
    throw new InputError(`'${id.slice(0, 40)}' is not an operation id; use the id of an operation from GET /applications/<namespace>/<name>/operations`);
  }
  return id;
}

/** Events of an operation, and termination. */
export function registerOperationRoutes(router: Router, ctx: RouteContext): void {
  const { store, access, engine, auditor } = ctx;

  /** The operation, when the caller may read its application; 404 otherwise. */
  const readableOperation = async (req: Parameters<ApplicationAccess['readable']>[0], id: string) => {
    const operation = await store.getOperation(id);
    const notFound = () =>
      new NotFoundError(`Operation ${id} was not found: it does not exist, was pruned, or belongs to an application you may not see`);
    if (!operation) throw notFound();
    try {
      return { operation, app: await access.readable(req, operation.applicationRef) };
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') throw notFound();
      throw error;
    }
  };

  router.get('/operations/:id/events', async (req, res) => {
    const id = operationIdOf(req.params);
    const afterText = single(req.query, 'after');
    if (afterText !== undefined && !/^\d+$/.test(afterText)) {
      throw new InputError(`Query parameter 'after' must be a whole number: the nextCursor of a previous page, got '${afterText}'`);
    }
    await readableOperation(req, id);
    const page = await store.listEvents(id, {
      ...(afterText !== undefined ? { after: Number(afterText) } : {}),
      limit: pageSize(req.query, 500, 1000),
    });
    res.json({
      items: page.items.map(e => ({
        id: e.id,
        time: e.time,
        ...(e.phase ? { phase: e.phase } : {}),
        ...(e.wave !== undefined ? { wave: e.wave } : {}),
        ...(e.resourceKey ? { resourceKey: e.resourceKey } : {}),
        status: e.status,
        ...(e.message ? { message: e.message } : {}),
      })),
      ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}),
    });
  });

  router.delete('/operations/:id', async (req, res) => {
    const id = operationIdOf(req.params);
    const summary = await audited(
      auditor,
      { eventId: 'operation-terminate', request: req, meta: { operationId: id }, resultMeta: op => ({ entityRef: op.entityRef, phase: op.phase }) },
      async () => {
        const { operation, app } = await readableOperation(req, id);
        await access.authorize(app, slipwayApplicationTerminatePermission, 'terminate operations of');
        if (isFinal(operation)) {
          throw new ConflictError(`Operation ${id} of ${operation.applicationRef} already ended (${operation.phase}); there is nothing to terminate`);
        }
        const terminated = await engine.terminate(id, ApplicationAccess.initiatorOf(app.credentials));
        if (!terminated) throw new NotFoundError(`Operation ${id} was not found: it was pruned while terminating`);
        return terminated;
      },
    );
    res.json(summary);
  });
}

function isFinal(operation: Operation): boolean {
  return FINAL_OPERATION_STATES.includes(operation.phase as FinalOperationState);
}
