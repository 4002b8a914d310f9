import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { useApplicationPermissions } from '../../hooks/useApplicationPermissions';
import { isOperationActive } from '../../hooks/useEntityApplications';
import type { DeploymentRow } from '../../hooks/useEntityHistory';
import { RollbackDialog } from './RollbackDialog';

/** Why a rollback to this deployment cannot start now, if it cannot. */
export function rollbackBlocker(deployment: DeploymentRow): string | undefined {
  const { application } = deployment;
  if (deployment.current) return 'This deployment is running now.';
  if (application.syncPolicy.automated) {
    return 'Auto-sync would undo a rollback at once: remove syncPolicy.automated from the Application in Git first.';
  }
  if (isOperationActive(application)) return 'An operation is running; wait for it or terminate it.';
  return undefined;
}

/** Rollback button of one deployment, only for users allowed to roll the application back. */
export function RollbackAction({ deployment, onChanged }: { deployment: DeploymentRow; onChanged: () => void }) {
  const { canRollback } = useApplicationPermissions(deployment.application.entityRef);
  const alertApi = useApi(alertApiRef);
  const [open, setOpen] = useState(false);
  if (!canRollback) return null;
  const blocker = rollbackBlocker(deployment);
  const label = deployment.application.environment ?? deployment.application.name;
  return (
    <>
      <Tooltip title={blocker ?? `Roll ${label} back to this deployment`}>
        <span>
          <Button
            size="small"
            variant="outlined"
            disabled={!!blocker}
            aria-label={`Roll back ${label} to deployment ${deployment.item.id}`}
            onClick={() => setOpen(true)}
          >
            Rollback
          </Button>
        </span>
      </Tooltip>
      {open && (
        <RollbackDialog
          deployment={deployment}
          onClose={() => setOpen(false)}
          onStarted={() => {
            alertApi.post({ message: `Rollback of ${label} started`, severity: 'info', display: 'transient' });
            onChanged();
          }}
        />
      )}
    </>
  );
}
