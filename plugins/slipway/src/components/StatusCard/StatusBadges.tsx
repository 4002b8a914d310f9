import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import type {
  HealthStatusCode,
  OperationState,
  SyncStatusCode,
} from '@slipway/plugin-slipway-common';

/** Sync status in Argo CD's words, coloured by what it asks of the user. */
export function SyncStatusBadge({ status }: { status: SyncStatusCode }) {
  switch (status) {
    case 'Synced':
      return <StatusOK>Synced</StatusOK>;
    case 'OutOfSync':
      return <StatusWarning>OutOfSync</StatusWarning>;
    default:
      return <StatusPending>{status}</StatusPending>;
  }
}

/** Health in Argo CD's words. */
export function HealthStatusBadge({ status }: { status: HealthStatusCode }) {
  switch (status) {
    case 'Healthy':
      return <StatusOK>Healthy</StatusOK>;
    case 'Progressing':
      return <StatusRunning>Progressing</StatusRunning>;
    case 'Degraded':
      return <StatusError>Degraded</StatusError>;
    case 'Missing':
      return <StatusWarning>Missing</StatusWarning>;
    case 'Suspended':
      return <StatusAborted>Suspended</StatusAborted>;
    default:
      return <StatusPending>{status}</StatusPending>;
  }
}

/** The phase of a sync or rollback operation. */
export function OperationPhaseBadge({ phase }: { phase: OperationState }) {
  switch (phase) {
    case 'Succeeded':
      return <StatusOK>Succeeded</StatusOK>;
    case 'Running':
    case 'Terminating':
      return <StatusRunning>{phase}</StatusRunning>;
    case 'Queued':
      return <StatusPending>Queued</StatusPending>;
    case 'Terminated':
      return <StatusAborted>Terminated</StatusAborted>;
    default:
      return <StatusError>{phase}</StatusError>;
  }
}
