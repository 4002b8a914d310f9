import { InfoCard, Table } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useEntityApplications } from '../../hooks/useEntityApplications';
import { cardState } from '../common/CardStates';
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

  const state = cardState({
    title,
    loading,
    error,
    what: `the Slipway applications of ${name}`,
    empty:
      !value || value.length === 0
        ? {
            title: `No Applications for ${name}`,
            description: `Slipway has no Applications for this component yet. Register an ApplicationSet named ${entity.metadata.name} (or annotated slipway.io/component: ${entity.metadata.name}) from your GitOps repository in the catalog; its Applications appear here once the catalog has processed it.`,
          }
        : undefined,
  });
  if (state || !value) return state;
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
