import { SubvalueCell, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { SlipwayApplication } from '@slipway/plugin-slipway-common';
import { isOperationActive } from '../../hooks/useEntityApplications';
import { OperationProgress } from './OperationProgress';
import { RevisionLink } from './RevisionLink';
import { HealthStatusBadge, OperationPhaseBadge, SyncStatusBadge } from './StatusBadges';
import { timeAgo } from './timeAgo';

/** "auto-sync (prune, self-heal)" or "manual sync". */
export function syncPolicyText({ syncPolicy }: SlipwayApplication): string {
  if (!syncPolicy.automated) return 'manual sync';
  const extras = [syncPolicy.prune && 'prune', syncPolicy.selfHeal && 'self-heal'].filter(Boolean);
  return extras.length ? `auto-sync (${extras.join(', ')})` : 'auto-sync';
}

/** The sync-window state, or nothing while windows allow syncs. */
export function syncWindowText({ syncWindow }: SlipwayApplication): string | undefined {
  if (!syncWindow || syncWindow.allowed) return undefined;
  const manual = syncWindow.manualAllowed ? 'manual syncs allowed' : 'manual syncs blocked';
  return `sync window closed${syncWindow.reason ? ` (${syncWindow.reason})` : ''}; ${manual}`;
}

function Secondary({ children }: { children: React.ReactNode }) {
  return (
    <Typography variant="caption" color="textSecondary" display="block">
      {children}
    </Typography>
  );
}

function LastSync({ application }: { application: SlipwayApplication }) {
  const operation = application.operation;
  if (!operation) return <Secondary>never synced by Slipway</Secondary>;
  const when = operation.finishedAt ?? operation.startedAt ?? operation.createdAt;
  const who = operation.initiator === 'automated' ? 'auto-sync' : operation.initiator.replace(/^user:(default\/)?/, '');
  return (
    <>
      <OperationPhaseBadge phase={operation.phase} />
      <Secondary>
        {operation.kind} {timeAgo(when)} by {who}
      </Secondary>
      {operation.message && !isOperationActive(application) && <Secondary>{operation.message}</Secondary>}
      {isOperationActive(application) && <OperationProgress operation={operation} />}
    </>
  );
}

/** Columns of the status card; actions are rendered by the caller. */
export function statusColumns(
  renderActions: (application: SlipwayApplication) => React.ReactNode,
): TableColumn<SlipwayApplication>[] {
  return [
    {
      title: 'Environment',
      field: 'environment',
      render: app => (
        <SubvalueCell
          value={app.environment ?? app.name}
          subvalue={`${app.cluster ?? 'unknown cluster'} / ${app.destinationNamespace ?? 'default namespace'}`}
        />
      ),
    },
    {
      title: 'Sync',
      field: 'sync.status',
      render: app => (
        <>
          <SyncStatusBadge status={app.sync.status} />
          <Secondary>{syncPolicyText(app)}</Secondary>
          {syncWindowText(app) && <Secondary>{syncWindowText(app)}</Secondary>}
          {app.conditions.map(condition => (
            <Typography key={`${condition.type}:${condition.message}`} variant="caption" color="error" display="block">
              {condition.type}: {condition.message}
            </Typography>
          ))}
        </>
      ),
    },
    {
      title: 'Health',
      field: 'health.status',
      render: app => (
        <>
          <HealthStatusBadge status={app.health.status} />
          {app.health.message && <Secondary>{app.health.message}</Secondary>}
        </>
      ),
    },
    {
      title: 'Revision',
      field: 'sync.revision',
      render: app => (
        <>
          <RevisionLink revision={app.commit?.sha ?? app.sync.revision} url={app.commit?.url} />
          {app.commit?.author && <Secondary>{app.commit.author}</Secondary>}
          {app.commit?.message && <Secondary>{app.commit.message.split('\n')[0]}</Secondary>}
        </>
      ),
    },
    { title: 'Last sync', render: app => <LastSync application={app} /> },
    { title: 'Actions', render: renderActions, width: '120px' },
  ];
}
