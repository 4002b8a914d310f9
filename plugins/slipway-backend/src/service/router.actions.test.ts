import { TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { OperationSummary } from '@slipway/plugin-slipway-common';
import request from 'supertest';
import { applicationEntity, policy, routerFixture } from './__testUtils__/routerFixture';

jest.setTimeout(60_000);

const A = 'application:default/alpha';
const USER = 'user:default/mock';

const operation = (id: string, phase: OperationSummary['phase'] = 'Queued'): OperationSummary => ({
  id,
  entityRef: A,
  kind: 'sync',
  phase,
  initiator: 'user:default/ada',
  request: {},
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('the REST API: changing applications', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const entities = [applicationEntity('alpha')];
  const deny = (name: string) => policy({ [name]: AuthorizeResult.DENY });

  describe('POST /applications/:namespace/:name/sync', () => {
    it('queues a sync as the caller and answers 202 with the operation; the audit event records it', async () => {
      const { app, engine, auditor, permissions } = await routerFixture(databases, { entities });
      engine.sync.mockResolvedValue({ status: 'created', operation: operation('op-1') });
      const response = await request(app).post('/applications/default/alpha/sync').send({ prune: true, revision: 'main', resources: [{ kind: 'ConfigMap', namespace: 'alpha', name: 'cfg' }] });
      expect(response.status).toBe(202);
      expect(response.body).toEqual({ operation: operation('op-1') });
      expect(engine.sync).toHaveBeenCalledWith(A, { prune: true, revision: 'main', resources: [{ kind: 'ConfigMap', namespace: 'alpha', name: 'cfg' }] }, USER);
      expect(permissions.authorize).toHaveBeenCalledWith([{ permission: expect.objectContaining({ name: 'slipway.application.sync' }), resourceRef: A }], expect.anything());
      expect(auditor.events).toEqual([{ eventId: 'application-sync', meta: { entityRef: A }, outcome: 'success', resultMeta: { operationId: 'op-1' } }]);
    });

    it('answers 409 naming the running operation, in the message and the body', async () => {
      const { app, engine, auditor } = await routerFixture(databases, { entities });
      engine.sync.mockResolvedValue({ status: 'conflict', activeOperation: operation('op-running', 'Running') });
      const response = await request(app).post('/applications/default/alpha/sync').send({});
      expect(response.status).toBe(409);
      expect(response.body.error.message).toBe(
        'Cannot sync application:default/alpha: operation op-running (sync by user:default/ada) is running; wait for it to finish, or terminate it with DELETE /operations/op-running',
      );
      expect(response.body.operation).toMatchObject({ id: 'op-running', phase: 'Running' });
      expect(auditor.events[0]).toMatchObject({ outcome: 'fail', error: expect.stringContaining('op-running') });
    });

    it('answers 409 with the reason when the engine refuses (sync window, project)', async () => {
      const { app, engine } = await routerFixture(databases, { entities });
      engine.sync.mockResolvedValue({ status: 'refused', reason: 'a sync window blocks syncs of alpha' });
      const response = await request(app).post('/applications/default/alpha/sync').send({});
      expect(response.status).toBe(409);
      expect(response.body.error.message).toBe('Cannot sync application:default/alpha now: a sync window blocks syncs of alpha');
    });

    it('answers 403 when the policy denies sync, runs nothing and audits the refusal', async () => {
      const { app, engine, auditor } = await routerFixture(databases, { entities, permissions: deny('slipway.application.sync') });
      const response = await request(app).post('/applications/default/alpha/sync').send({});
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(
        "user:default/mock may not sync application:default/alpha: the permission policy denies 'slipway.application.sync'; ask the owners of the application or an administrator to grant it",
      );
      expect(engine.sync).not.toHaveBeenCalled();
      expect(auditor.events).toEqual([expect.objectContaining({ eventId: 'application-sync', outcome: 'fail' })]);
    });

    it('answers 404 for an application the caller cannot see, and runs nothing', async () => {
      const { app, engine } = await routerFixture(databases, { entities: [] });
      const response = await request(app).post('/applications/default/alpha/sync').send({});
      expect(response.status).toBe(404);
      expect(engine.sync).not.toHaveBeenCalled();
    });

    it.each([
      [{ prune: 'yes' }, "Field 'prune' of a sync request must be true or false"],
      [{ prun: true }, 'unknown field(s) prun; the fields are revision, prune, dryRun, resources, force, confirmPrune'],
      [{ resources: [{ kind: 'ConfigMap' }] }, "Field 'resources[0]' of a sync request needs kind and name"],
      [[1, 2], 'must be a JSON object'],
    ])('answers 400 for the body %j, saying what to send', async (body, message) => {
      const { app, engine } = await routerFixture(databases, { entities });
      const response = await request(app).post('/applications/default/alpha/sync').send(body as object);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain(message);
      expect(engine.sync).not.toHaveBeenCalled();
    });

    it('answers 400 for a body that is not JSON without repeating it, and 413 for an oversized body', async () => {
      const { app } = await routerFixture(databases, { entities });
      const broken = await request(app).post('/applications/default/alpha/sync').set('content-type', 'application/json').send('{"token": "hunter2"');
      expect(broken.status).toBe(400);
      expect(JSON.stringify(broken.body)).not.toContain('hunter2');
      const huge = await request(app).post('/applications/default/alpha/sync').send({ revision: 'x'.repeat(300 * 1024) });
      expect(huge.status).toBe(413);
      expect(huge.body.error.message).toContain('larger than the limit');
    });
  });

  describe('POST rollback and refresh', () => {
    it('queues a rollback to a history entry; 400 without historyId; 403 when denied', async () => {
      const { app, engine } = await routerFixture(databases, { entities });
      engine.rollback.mockResolvedValue({ status: 'created', operation: { ...operation('op-2'), kind: 'rollback' } });
      const response = await request(app).post('/applications/default/alpha/rollback').send({ historyId: 3, prune: true });
      expect(response.status).toBe(202);
      expect(engine.rollback).toHaveBeenCalledWith(A, 3, { prune: true }, USER);

      const missing = await request(app).post('/applications/default/alpha/rollback').send({});
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toContain("Field 'historyId' of a rollback request is required");

      const denied = await routerFixture(databases, { entities, permissions: deny('slipway.application.rollback') });
      expect((await request(denied.app).post('/applications/default/alpha/rollback').send({ historyId: 3 })).status).toBe(403);
      expect(denied.engine.rollback).not.toHaveBeenCalled();
    });

    it('queues a hard refresh and answers 202', async () => {
      const { app, engine, auditor } = await routerFixture(databases, { entities });
      const response = await request(app).post('/applications/default/alpha/refresh').send({ hard: true });
      expect(response.status).toBe(202);
      expect(response.body).toEqual({ entityRef: A, hard: true, queued: true });
      expect(engine.refresh).toHaveBeenCalledWith(A, { hard: true });
      expect(auditor.events).toEqual([expect.objectContaining({ eventId: 'application-refresh', outcome: 'success' })]);
    });
  });

  describe('DELETE /applications/:namespace/:name/resources', () => {
    it('deletes only when cascade=true is explicit, with delete permission', async () => {
      const { app, engine, auditor } = await routerFixture(databases, { entities });
      const implicit = await request(app).delete('/applications/default/alpha/resources');
      expect(implicit.status).toBe(400);
      expect(implicit.body.error.message).toContain('send DELETE with ?cascade=true');
      expect(engine.deleteResources).not.toHaveBeenCalled();

      const kept = [{ resource: { group: '', kind: 'Namespace', namespace: '', name: 'alpha' }, reason: 'kept (Delete=confirm: delete again with the deletion confirmed)' }];
      engine.deleteResources.mockResolvedValue({ deleted: [{ group: '', kind: 'ConfigMap', namespace: 'alpha', name: 'cfg' }], kept });
      const response = await request(app).delete('/applications/default/alpha/resources?cascade=true');
      expect(response.status).toBe(200);
      expect(response.body.kept).toEqual(kept);
      expect(engine.deleteResources).toHaveBeenCalledWith(A, USER, { confirmed: false });
      expect(auditor.events[1]).toMatchObject({ eventId: 'application-cascade-delete', outcome: 'success', resultMeta: { deleted: ['/ConfigMap/alpha/cfg'] } });

      await request(app).delete('/applications/default/alpha/resources?cascade=true&confirmDeletion=true');
      expect(engine.deleteResources).toHaveBeenLastCalledWith(A, USER, { confirmed: true });

      const denied = await routerFixture(databases, { entities, permissions: deny('slipway.application.delete') });
      expect((await request(denied.app).delete('/applications/default/alpha/resources?cascade=true')).status).toBe(403);
      expect(denied.engine.deleteResources).not.toHaveBeenCalled();
    });
  });

  describe('DELETE /operations/:id', () => {
    it('terminates an active operation of a visible application with terminate permission', async () => {
      const { app, engine, store, auditor } = await routerFixture(databases, { entities });
      const queued = await store.enqueue({ applicationRef: A, kind: 'sync', request: {}, initiator: 'automated' });
      if (queued.status !== 'created') throw new Error('expected a new operation');
      const id = queued.operation.id;
      engine.terminate.mockResolvedValue(operation(id, 'Terminated'));
      const response = await request(app).delete(`/operations/${id}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id, phase: 'Terminated' });
      expect(engine.terminate).toHaveBeenCalledWith(id, USER);
      expect(auditor.events).toEqual([expect.objectContaining({ eventId: 'operation-terminate', meta: { operationId: id }, outcome: 'success' })]);
    });

    it('answers 403 without terminating when denied, 409 for an operation that ended, 404 for an unknown one', async () => {
      const denied = await routerFixture(databases, { entities, permissions: deny('slipway.application.terminate') });
      const queued = await denied.store.enqueue({ applicationRef: A, kind: 'sync', request: {}, initiator: 'automated' });
      if (queued.status !== 'created') throw new Error('expected a new operation');
      expect((await request(denied.app).delete(`/operations/${queued.operation.id}`)).status).toBe(403);
      expect(denied.engine.terminate).not.toHaveBeenCalled();

      const { app, store, engine } = await routerFixture(databases, { entities });
      const done = await store.enqueue({ applicationRef: A, kind: 'sync', request: {}, initiator: 'automated' });
      if (done.status !== 'created') throw new Error('expected a new operation');
      await store.requestTermination(done.operation.id);
      const ended = await request(app).delete(`/operations/${done.operation.id}`);
      expect(ended.status).toBe(409);
      expect(ended.body.error.message).toContain('already ended (Terminated); there is nothing to terminate');
      expect((await request(app).delete('/operations/unknown-op')).status).toBe(404);
      expect((await request(app).delete('/operations/bad%20id')).status).toBe(400);
      expect(engine.terminate).not.toHaveBeenCalled();
    });
  });
});
