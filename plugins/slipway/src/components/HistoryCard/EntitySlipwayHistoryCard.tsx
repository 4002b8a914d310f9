import { InfoCard, SubvalueCell, Table, TableColumn } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { DeploymentRow, useEntityHistory } from '../../hooks/useEntityHistory';
import { RevisionLink } from '../StatusCard/RevisionLink';
import { OperationPhaseBadge } from '../StatusCard/StatusBadges';
import { timeAgo } from '../StatusCard/timeAgo';
import { cardState } from '../common/CardStates';
import { RollbackAction } from './RollbackAction';

const initiatorName = (initiator: string) =>
  initiator === 'automated' ? 'auto-sync' : initiator.replace(/^user:(default\/)?/, '');

function columns(onChanged: () => void): TableColumn<DeploymentRow>[] {
  return [
    {
      title: 'Environment',
      render: ({ application, current }) => (
        <SubvalueCell value={application.environment ?? application.name} subvalue={current ? 'running now' : ''} />
      ),
    },
    {
      title: 'Revision',
      render: ({ item, application }) => (
        <RevisionLink
          revision={item.revision}
          url={application.commit?.sha === item.revision ? application.commit.url : undefined}
        />
      ),
    },
    { title: 'Author', render: ({ item }) => item.commitAuthor ?? '' },
    { title: 'Message', render: ({ item }) => item.commitMessage?.split('\n')[0] ?? '' },
    {
      title: 'Deployed',
      render: ({ item }) => (
        <SubvalueCell value={timeAgo(item.deployedAt)} subvalue={`by ${initiatorName(item.initiator)}`} />
      ),
    },
    {
      title: 'Result',
      render: ({ operation }) =>
        operation ? (
          <>
            <OperationPhaseBadge phase={operation.phase} />
            <Typography variant="caption" display="block" color="textSecondary">
              {operation.kind}
              {operation.message ? `: ${operation.message}` : ''}
            </Typography>
          </>
        ) : (
          <Typography variant="caption" color="textSecondary">
            deployed
          </Typography>
        ),
    },
    { title: '', render: row => <RollbackAction deployment={row} onChanged={onChanged} /> },
  ];
}

/**
 * Deployments of a Component's (or an Application's) applications, newest
 * first, with a confirmed, permission-gated Rollback.
 * @public
 */
export function EntitySlipwayHistoryCard() {
  const { entity } = useEntity();
  const { value, error, loading, reload } = useEntityHistory(entity);
  const title = 'Deployment history';
  const name = entity.metadata.title ?? entity.metadata.name;

  const state = cardState({
    title,
    loading,
    error,
    what: `the deployment history of ${name}`,
    empty:
      !value || value.length === 0
        ? {
            title: `No deployments of ${name} yet`,
            description:
              'Each completed sync of its Applications is recorded here. Sync an Application (or enable auto-sync in its ApplicationSet) to deploy it.',
          }
        : undefined,
  });
  if (state || !value) return state;
  return (
    <InfoCard title={title} noPadding>
      <Table
        options={{ paging: value.length > 10, pageSize: 10, search: false, toolbar: false, padding: 'dense' }}
        columns={columns(reload)}
        data={value}
      />
    </InfoCard>
  );
}
