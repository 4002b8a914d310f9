import { usePermission } from '@backstage/plugin-permission-react';
import {
  slipwayApplicationActionPermission,
  slipwayApplicationDeletePermission,
  slipwayApplicationRollbackPermission,
  slipwayApplicationSyncPermission,
  slipwayApplicationTerminatePermission,
} from '@slipway/plugin-slipway-common';

/** What the signed-in user may do with one application (false while unknown). */
export interface ApplicationPermissions {
  canSync: boolean;
  canRollback: boolean;
  canTerminate: boolean;
  /** Resource actions: restart, pause, resume, create-job. */
  canRunActions: boolean;
  /** Deleting resources from the cluster. */
  canDelete: boolean;
}

/**
 * The user's Slipway permissions on one application, decided for its
 * catalog entity so that conditional rules (e.g. "is owner") apply.
 */
export function useApplicationPermissions(entityRef: string): ApplicationPermissions {
  const sync = usePermission({ permission: slipwayApplicationSyncPermission, resourceRef: entityRef });
  const rollback = usePermission({
    permission: slipwayApplicationRollbackPermission,
    resourceRef: entityRef,
  });
  const terminate = usePermission({
    permission: slipwayApplicationTerminatePermission,
    resourceRef: entityRef,
  });
  const action = usePermission({ permission: slipwayApplicationActionPermission, resourceRef: entityRef });
  const remove = usePermission({ permission: slipwayApplicationDeletePermission, resourceRef: entityRef });
  return {
    canSync: !sync.loading && sync.allowed,
    canRollback: !rollback.loading && rollback.allowed,
    canTerminate: !terminate.loading && terminate.allowed,
    canRunActions: !action.loading && action.allowed,
    canDelete: !remove.loading && remove.allowed,
  };
}
