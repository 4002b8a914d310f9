import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  applicationEntity,
  policy,
  routerFixture,
} from './__testUtils__/routerFixture';

jest.setTimeout(60_000);

const A = 'application:default/alpha';
const DEPLOYMENT = {
  group: 'apps',
  kind: 'Deployment',
  namespace: 'alpha',
  name: 'web',
};

describe('the REST API: resource actions', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const entities = [applicationEntity('alpha')];

  it('lists the actions of a resource for a reader of the application', async () => {
    const { app, engine } = await routerFixture(databases, { entities });
    engine.resourceActions.mockResolvedValue({
      actions: [{ name: 'restart', disabled: false }],
    });
    const response = await request(app).get(
      '/applications/default/alpha/resource/actions?group=apps&kind=Deployment&namespace=alpha&name=web',
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      actions: [{ name: 'restart', disabled: false }],
    });
    expect(engine.resourceActions).toHaveBeenCalledWith(A, DEPLOYMENT);
  });

  it('runs an action as asked, with the action permission on the entity, and audits what it changed', async () => {
    const { app, engine, auditor, permissions } = await routerFixture(
      databases,
      { entities },
    );
    engine.runResourceAction.mockResolvedValue({
      action: 'restart',
      changes: [{ operation: 'patch', resource: DEPLOYMENT }],
    });
    const response = await request(app)
      .post('/applications/default/alpha/resource/actions')
      .send({ action: 'restart', resource: DEPLOYMENT });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      action: 'restart',
      changes: [{ operation: 'patch', resource: DEPLOYMENT }],
    });
    expect(engine.runResourceAction).toHaveBeenCalledWith(
      A,
      DEPLOYMENT,
      'restart',
      {},
    );
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'slipway.application.action',
          }),
          resourceRef: A,
        },
      ],
      expect.anything(),
    );
    expect(auditor.events).toEqual([
      {
        eventId: 'application-resource-action',
        meta: { entityRef: A },
        outcome: 'success',
        resultMeta: {
          action: 'restart',
          changes: ['patch apps/Deployment/alpha/web'],
        },
      },
    ]);
  });

  it('answers 403 when the policy denies actions, runs nothing and audits the refusal', async () => {
    const { app, engine, auditor } = await routerFixture(databases, {
      entities,
      permissions: policy({
        'slipway.application.action': AuthorizeResult.DENY,
      }),
    });
    const response = await request(app)
      .post('/applications/default/alpha/resource/actions')
      .send({ action: 'restart', resource: DEPLOYMENT });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe(
      "user:default/mock may not run the action 'restart' on a resource of application:default/alpha: the permission policy denies 'slipway.application.action'; ask the owners of the application or an administrator to grant it",
    );
    expect(engine.runResourceAction).not.toHaveBeenCalled();
    expect(auditor.events).toEqual([
      expect.objectContaining({
        eventId: 'application-resource-action',
        outcome: 'fail',
      }),
    ]);
  });

  it('hands the values sent for an action to the engine by name, and audits them', async () => {
    const { app, engine, auditor } = await routerFixture(databases, {
      entities,
    });
    engine.runResourceAction.mockResolvedValue({
      action: 'scale',
      parameters: { scale: '4' },
      changes: [{ operation: 'patch', resource: DEPLOYMENT }],
    });
    const response = await request(app)
      .post('/applications/default/alpha/resource/actions')
      .send({
        action: 'scale',
        resource: DEPLOYMENT,
        // a number is taken as its text, as a form would send it
        parameters: [{ name: 'scale', value: 4 }],
      });
    expect(response.status).toBe(200);
    expect(engine.runResourceAction).toHaveBeenCalledWith(
      A,
      DEPLOYMENT,
      'scale',
      { scale: '4' },
    );
    expect(auditor.events[0].resultMeta).toEqual({
      action: 'scale',
      parameters: { scale: '4' },
      changes: ['patch apps/Deployment/alpha/web'],
    });
  });

  it('passes on why an action cannot run', async () => {
    const { app, engine } = await routerFixture(databases, { entities });
    engine.runResourceAction.mockRejectedValue(
      new ConflictError(
        "action 'resume' does not apply to Deployment alpha/web: it is not paused",
      ),
    );
    const response = await request(app)
      .post('/applications/default/alpha/resource/actions')
      .send({ action: 'resume', resource: DEPLOYMENT });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toBe(
      "action 'resume' does not apply to Deployment alpha/web: it is not paused",
    );
  });

  it.each([
    [{}, "needs 'action' and 'resource'"],
    [{ action: 'restart' }, "needs 'action' and 'resource'"],
    [
      { action: 'restart', resource: { kind: 'Deployment' } },
      "Field 'resource' of a resource action request needs kind and name",
    ],
    [
      { action: 'restart', resource: DEPLOYMENT, force: true },
      'unknown field(s) force; the fields are action, resource, parameters',
    ],
    [
      { action: 'scale', resource: DEPLOYMENT, parameters: { scale: '3' } },
      'Field \'parameters\' of a resource action request must be a list, such as "parameters": [{"name": "scale", "value": "3"}]',
    ],
    [
      {
        action: 'scale',
        resource: DEPLOYMENT,
        parameters: [{ name: 'scale' }],
      },
      "parameters[0] of a resource action request needs a 'name' and a string 'value'",
    ],
    [
      {
        action: 'scale',
        resource: DEPLOYMENT,
        parameters: [
          { name: 'scale', value: '1' },
          { name: 'scale', value: '2' },
        ],
      },
      "name 'scale' twice; send each parameter once",
    ],
    [
      { action: 'restart', resource: { ...DEPLOYMENT, uid: 'x' } },
      'unknown field(s) uid',
    ],
  ])('refuses the body %j with 400: %s', async (body, message) => {
    const { app, engine } = await routerFixture(databases, { entities });
    const response = await request(app)
      .post('/applications/default/alpha/resource/actions')
      .send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(message);
    expect(engine.runResourceAction).not.toHaveBeenCalled();
  });

  describe('DELETE /applications/:namespace/:name/resource', () => {
    it('deletes one resource with the delete permission, foreground unless asked otherwise, and audits it', async () => {
      const { app, engine, auditor, permissions } = await routerFixture(
        databases,
        { entities },
      );
      engine.deleteResource.mockResolvedValue({ deleted: DEPLOYMENT });
      const path =
        '/applications/default/alpha/resource?group=apps&kind=Deployment&namespace=alpha&name=web';
      const response = await request(app).delete(path);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ deleted: DEPLOYMENT });
      expect(engine.deleteResource).toHaveBeenCalledWith(
        A,
        DEPLOYMENT,
        'Foreground',
      );
      expect(permissions.authorize).toHaveBeenCalledWith(
        [
          {
            permission: expect.objectContaining({
              name: 'slipway.application.delete',
            }),
            resourceRef: A,
          },
        ],
        expect.anything(),
      );
      expect(auditor.events).toEqual([
        {
          eventId: 'application-resource-delete',
          meta: { entityRef: A },
          outcome: 'success',
          resultMeta: { deleted: 'apps/Deployment/alpha/web' },
        },
      ]);
      await request(app).delete(`${path}&propagationPolicy=Background`);
      expect(engine.deleteResource).toHaveBeenLastCalledWith(
        A,
        DEPLOYMENT,
        'Background',
      );
      const bad = await request(app).delete(`${path}&propagationPolicy=later`);
      expect(bad.status).toBe(400);
      expect(
        (await request(app).delete(`${path}&propagationPolicy=constructor`))
          .status,
      ).toBe(400);
      expect(bad.body.error.message).toBe(
        "Query parameter 'propagationPolicy' must be foreground, background or orphan, got 'later'",
      );
    });

    it('answers 403 when the policy denies deleting, and deletes nothing', async () => {
      const { app, engine } = await routerFixture(databases, {
        entities,
        permissions: policy({
          'slipway.application.delete': AuthorizeResult.DENY,
        }),
      });
      const response = await request(app).delete(
        '/applications/default/alpha/resource?group=apps&kind=Deployment&namespace=alpha&name=web',
      );
      expect(response.status).toBe(403);
      expect(response.body.error.message).toContain(
        'may not delete Deployment web of application:default/alpha',
      );
      expect(engine.deleteResource).not.toHaveBeenCalled();
    });
  });
});
