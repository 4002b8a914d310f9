import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useEntityApplications } from '../../hooks/useEntityApplications';
import { ApplicationActions } from './ApplicationActions';
import { statusColumns } from './statusColumns';

/**
 * The status of a service in every environment: one row per Slipway
 * application, with live sync progress and the actions the user may take.
 * @public
 */
export function EntitySlipwayStatusCard() {
  const { entity } = useEntity();
  const { value, error, loading, reload } = useEntityApplications(entity);
  const title = 'Deployments';
  const name = entity.metadata.title ?? entity.metadata.name;

  if (loading) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return (
      <InfoCard title={title}>
        <Typography variant="body2" paragraph>
          Could not load the Slipway applications of {name}. Check that the Slipway backend is
          running and reachable, then reload the page.
        </Typography>
        <ResponseErrorPanel error={error} />
      </InfoCard>
    );
  }
  if (!value || value.length === 0) {
    return (
      <InfoCard title={title}>
        <EmptyState
          missing="data"
          title={`No Applications for ${name}`}
          description={`Slipway has no Applications for this component yet. Register an ApplicationSet named ${entity.metadata.name} (or annotated slipway.io/component: ${entity.metadata.name}) from your GitOps repository in the catalog; its Applications appear here once the catalog has processed it.`}
        />
      </InfoCard>
    );
  }
  return (
    <InfoCard title={title} noPadding>
      <Table
        options={{ paging: false, search: false, toolbar: false, padding: 'dense' }}
        columns={statusColumns(application => (
          <ApplicationActions application={application} onChanged={reload} />
        ))}
        data={value}
      />
    </InfoCard>
  );
}
