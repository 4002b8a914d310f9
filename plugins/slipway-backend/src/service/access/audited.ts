import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEventSeverityLevel,
} from '@backstage/backend-plugin-api';
import type { Request } from 'express';

type JsonObject = NonNullable<AuditorServiceCreateEventOptions['meta']>;

/** One mutating call to audit. */
export interface AuditedCall<T> {
  eventId: string;
  request: Request;
  meta: JsonObject;
  severityLevel?: AuditorServiceEventSeverityLevel;
  /** What the outcome adds to the event, e.g. the operation id. */
  resultMeta?: (result: T) => JsonObject;
}

/**
 * Runs a mutating call inside an audit event: the event is created before
 * anything is checked, so refusals (403, 404, 409) are recorded as failures
 * next to the successes.
 */
export async function audited<T>(auditor: AuditorService, call: AuditedCall<T>, run: () => Promise<T>): Promise<T> {
  const event = await auditor.createEvent({
    eventId: call.eventId,
    request: call.request,
    severityLevel: call.severityLevel ?? 'medium',
    meta: call.meta,
  });
  let result: T;
  try {
    result = await run();
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
  await event.success(call.resultMeta ? { meta: call.resultMeta(result) } : undefined);
  return result;
}
