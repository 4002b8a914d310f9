import { useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import IconButton from '@material-ui/core/IconButton';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Tooltip from '@material-ui/core/Tooltip';
import ArrowDropDownIcon from '@material-ui/icons/ArrowDropDown';
import RefreshIcon from '@material-ui/icons/Refresh';
import StopIcon from '@material-ui/icons/Stop';
import SyncIcon from '@material-ui/icons/Sync';
import type { SlipwayApplication } from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../../api';
import { useApplicationPermissions } from '../../hooks/useApplicationPermissions';
import { isOperationActive } from '../../hooks/useEntityApplications';
import { SyncDialog } from '../SyncDialog/SyncDialog';
import { describeOperationError } from '../SyncDialog/describeOperationError';
import { TerminateDialog } from './TerminateDialog';

export interface ApplicationActionsProps {
  application: SlipwayApplication;
  /** Called after an action changed something, so the card reloads at once. */
  onChanged: () => void;
}

/**
 * Row actions of one application. Sync and Terminate appear only when the
 * user holds the permission on this application; Refresh only re-reads Git
 * and the cluster, which anyone who can see the application may ask for.
 */
export function ApplicationActions({ application, onChanged }: ApplicationActionsProps) {
  const api = useApi(slipwayApiRef);
  const alertApi = useApi(alertApiRef);
  const { canSync, canTerminate } = useApplicationPermissions(application.entityRef);
  const [syncOpen, setSyncOpen] = useState(false);
  const [terminateOpen, setTerminateOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refreshMenu, setRefreshMenu] = useState<HTMLElement | null>(null);
  const label = application.environment ?? application.name;
  const running = isOperationActive(application);
  const windowClosed = application.syncWindow ? !application.syncWindow.manualAllowed : false;

  const act = async (action: 'refresh' | 'terminate', call: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await call();
      alertApi.post({ message: done, severity: 'success', display: 'transient' });
      onChanged();
    } catch (e) {
      alertApi.post({ message: describeOperationError(action, application, e), severity: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {canSync && (
        <Tooltip
          title={
            windowClosed
              ? `Sync windows forbid manual syncs of ${label} now${application.syncWindow?.reason ? `: ${application.syncWindow.reason}` : ''}`
              : `Sync ${label}`
          }
        >
          <span>
            <IconButton
              aria-label={`Sync ${label}`}
              size="small"
              disabled={busy || running || windowClosed}
              onClick={() => setSyncOpen(true)}
            >
              <SyncIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
      )}
      <Tooltip title={`Refresh ${label} from Git and the cluster`}>
        <span>
          <IconButton
            aria-label={`Refresh ${label}`}
            size="small"
            disabled={busy}
            onClick={() =>
              act('refresh', () => api.refresh(application.entityRef), `Refresh of ${label} queued`)
            }
          >
            <RefreshIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      <Tooltip title={`More ways to refresh ${label}`}>
        <span>
          <IconButton
            aria-label={`Refresh options of ${label}`}
            size="small"
            disabled={busy}
            onClick={event => setRefreshMenu(event.currentTarget)}
          >
            <ArrowDropDownIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      <Menu anchorEl={refreshMenu} open={Boolean(refreshMenu)} onClose={() => setRefreshMenu(null)}>
        {/* Argo CD's hard refresh: what the commit does not pin (remote value files, bases) is read again */}
        <MenuItem
          onClick={() => {
            setRefreshMenu(null);
            act(
              'refresh',
              () => api.refresh(application.entityRef, { hard: true }),
              `Hard refresh of ${label} queued`,
            );
          }}
        >
          Hard refresh: render the manifests again
        </MenuItem>
      </Menu>
      {canTerminate && running && application.operation && (
        <Tooltip title={`Terminate the running ${application.operation.kind} of ${label}`}>
          <span>
            <IconButton
              aria-label={`Terminate operation of ${label}`}
              size="small"
              disabled={busy || application.operation.phase === 'Terminating'}
              onClick={() => setTerminateOpen(true)}
            >
              <StopIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
      )}
      {canTerminate && terminateOpen && application.operation && (
        <TerminateDialog
          label={label}
          operation={application.operation}
          onCancel={() => setTerminateOpen(false)}
          onConfirm={() => {
            setTerminateOpen(false);
            act(
              'terminate',
              () => api.terminateOperation(application.operation!.id),
              `Termination of the ${application.operation!.kind} of ${label} requested`,
            );
          }}
        />
      )}
      {canSync && syncOpen && (
        <SyncDialog
          application={application}
          open={syncOpen}
          onClose={() => setSyncOpen(false)}
          onStarted={operation => {
            alertApi.post({
              message: `${operation.request.dryRun ? 'Dry run' : 'Sync'} of ${label} started`,
              severity: 'info',
              display: 'transient',
            });
            onChanged();
          }}
        />
      )}
    </>
  );
}
