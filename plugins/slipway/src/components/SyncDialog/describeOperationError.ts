import type { SlipwayApplication } from '@slipway/plugin-slipway-common';

/** The backend's own reason when the error carries it (a ResponseError's cause), else the message. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { message?: unknown } } | undefined)?.cause;
  if (cause && typeof cause.message === 'string' && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * A user-facing sentence for a failed sync, rollback, refresh or terminate:
 * which application, why, and what to do about it. A conflict (409) is a
 * running operation or a refusal (sync window, auto-sync); the backend's
 * reason says which and what to do.
 */
export function describeOperationError(
  action: 'sync' | 'roll back' | 'refresh' | 'terminate',
  application: Pick<SlipwayApplication, 'name' | 'environment'>,
  error: unknown,
): string {
  const target = application.environment
    ? `${application.name} (${application.environment})`
    : application.name;
  const reason = reasonOf(error);
  const status = (error as { statusCode?: number } | undefined)?.statusCode;
  switch (status) {
    case 409:
      return `Cannot ${action} ${target} now. ${reason}`;
    case 403:
      return `Not allowed to ${action} ${target} (${reason}). Ask the application's owners for the permission.`;
    case 404:
      return `Cannot ${action} ${target}: Slipway does not know it (${reason}). Reload the page; if it persists, check the Application entity in the catalog.`;
    default:
      return `Could not ${action} ${target}: ${reason}. Try again; if it keeps failing, check the Slipway backend's logs.`;
  }
}
