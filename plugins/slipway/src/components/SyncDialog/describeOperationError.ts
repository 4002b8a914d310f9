import type { SlipwayApplication } from '@slipway/plugin-slipway-common';

/**
 * A user-facing sentence for a failed sync, rollback, refresh or terminate:
 * which application, why, and what to do about it.
 */
export function describeOperationError(
  action: 'sync' | 'rollback' | 'refresh' | 'terminate',
  application: Pick<SlipwayApplication, 'name' | 'environment'>,
  error: unknown,
): string {
  const target = application.environment
    ? `${application.name} (${application.environment})`
    : application.name;
  const reason = error instanceof Error ? error.message : String(error);
  const status = (error as { statusCode?: number } | undefined)?.statusCode;
  switch (status) {
    case 409:
      return `Cannot ${action} ${target}: another operation is running (${reason}). Wait for it to finish or terminate it, then try again.`;
    case 403:
      return `Not allowed to ${action} ${target} (${reason}). Ask the application's owners for the permission.`;
    case 404:
      return `Cannot ${action} ${target}: Slipway does not know it (${reason}). Refresh the page; if it persists, check the catalog entity.`;
    default:
      return `Could not ${action} ${target}: ${reason}. Try again; if it keeps failing, check the Slipway backend's logs.`;
  }
}
