import { fromDbInteger, fromDbJson, fromDbTime, optional } from './dbValues';
import type {
  Operation,
  OperationKind,
  OperationState,
} from './OperationStore';

/** A row of `slipway_operations` as knex returns it. */
export type OperationRow = Record<string, unknown>;

/** An operation row as the store's API gives it: JSON parsed, times ISO, absent columns left out. */
export function rowToOperation(row: OperationRow): Operation {
  const operation: Operation = {
    id: String(row.id),
    applicationRef: String(row.application_ref),
    kind: row.kind as OperationKind,
    request: fromDbJson(row.request, {}),
    initiator: String(row.initiator),
    phase: row.phase as OperationState,
    attempts: fromDbInteger(row.attempts),
    createdAt: fromDbTime(row.created_at)!,
  };
  const extras: Partial<Operation> = {
    message: optional(row.message as string | null),
    result: fromDbJson(row.result, undefined),
    claimedBy: optional(row.claimed_by as string | null),
    startedAt: fromDbTime(row.started_at),
    finishedAt: fromDbTime(row.finished_at),
    heartbeatAt: fromDbTime(row.heartbeat_at),
  };
  for (const [key, value] of Object.entries(extras)) {
    if (value !== undefined) {
      (operation as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return operation;
}
