import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type of Slipway's permissions: the catalog entity of the Application. @public */
export const SLIPWAY_RESOURCE_TYPE = 'catalog-entity';

/** Start a sync of an application. @public */
export const slipwayApplicationSyncPermission = createPermission({
  name: 'slipway.application.sync',
  attributes: { action: 'update' },
  resourceType: SLIPWAY_RESOURCE_TYPE,
});

/** Roll an application back to an earlier deployment. @public */
export const slipwayApplicationRollbackPermission = createPermission({
  name: 'slipway.application.rollback',
  attributes: { action: 'update' },
  resourceType: SLIPWAY_RESOURCE_TYPE,
});

/** Terminate a running operation. @public */
export const slipwayApplicationTerminatePermission = createPermission({
  name: 'slipway.application.terminate',
  attributes: { action: 'update' },
  resourceType: SLIPWAY_RESOURCE_TYPE,
});

/** Run a resource action (restart, pause, resume, create-job) on a resource of an application. @public */
export const slipwayApplicationActionPermission = createPermission({
  name: 'slipway.application.action',
  attributes: { action: 'update' },
  resourceType: SLIPWAY_RESOURCE_TYPE,
});

/** Delete an application's cluster resources (cascade). @public */
export const slipwayApplicationDeletePermission = createPermission({
  name: 'slipway.application.delete',
  attributes: { action: 'delete' },
  resourceType: SLIPWAY_RESOURCE_TYPE,
});

/** Every Slipway permission, for registration with the permissions registry. @public */
export const slipwayPermissions = [
  slipwayApplicationSyncPermission,
  slipwayApplicationRollbackPermission,
  slipwayApplicationTerminatePermission,
  slipwayApplicationActionPermission,
  slipwayApplicationDeletePermission,
];
