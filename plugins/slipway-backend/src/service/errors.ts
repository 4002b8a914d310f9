import { ConflictError, CustomErrorBase, InputError, serializeError } from '@backstage/errors';
import type { OperationSummary } from '@slipway/plugin-slipway-common';
import type { ErrorRequestHandler } from 'express';

/** 409: another operation of the application is queued or running; the body names it. */
export class OperationConflictError extends ConflictError {
  constructor(message: string, readonly operation: OperationSummary) {
    super(message);
  }
}

/** 413: a request body above the route's limit. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}

/** Describes the active operation in a 409, with what to do about it. */
export function conflictMessage(action: string, entityRef: string, active: OperationSummary): string {
  return (
    `Cannot ${action} ${entityRef}: operation ${active.id} (${active.kind} by ${active.initiator}) is ${active.phase.toLowerCase()}; ` +
    `wait for it to finish, or terminate it with DELETE /operations/${active.id}`
  );
}

/**
 * Renders the errors the Backstage error handler would not explain: an
 * operation conflict gets the running operation in the body next to the
 * usual error, and body parser failures become 400/413 with a message that
 * says what to send.
 */
export function slipwayErrorHandler(limits: { jsonBytes: number; webhookBytes: number }): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (error instanceof OperationConflictError) {
      res.status(409).json({
        error: serializeError(error),
        request: { method: req.method, url: req.url },
        response: { statusCode: 409 },
        operation: error.operation,
      });
      return;
    }
    const type = (error as { type?: unknown })?.type;
    if (type === 'entity.too.large') {
      const limit = req.path.startsWith('/webhooks/') ? limits.webhookBytes : limits.jsonBytes;
      next(new PayloadTooLargeError(`The request body is larger than the limit of ${limit} bytes; send a smaller body`));
      return;
    }
    if (type === 'entity.parse.failed') {
      // the parser's message quotes the body, which may hold secrets: not repeated
      next(new InputError('The request body is not valid JSON; send a JSON object with Content-Type: application/json'));
      return;
    }
    next(error);
  };
}
