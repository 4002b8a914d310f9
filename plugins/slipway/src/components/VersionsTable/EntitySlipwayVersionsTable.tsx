import { InfoCard, SubvalueCell, Table, TableColumn } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useEntityVersions } from '../../hooks/useEntityVersions';
import { cardState } from '../common/CardStates';
import { VersionCellView } from './VersionCellView';
import { VersionMatrix, VersionRow, versionMatrix } from './versionMatrix';

function columnsOf(matrix: VersionMatrix): TableColumn<VersionRow>[] {
  return [
    {
      title: 'Image or chart',
      field: 'name',
      render: row => (
        <SubvalueCell
          value={row.differs ? <strong>{row.name}</strong> : row.name}
          subvalue={`${row.kind === 'image' ? 'container image' : 'Helm chart'}${
            row.differs ? ' · differs between environments' : ''
          }`}
        />
      ),
    },
    ...matrix.columns.map(
      (column): TableColumn<VersionRow> => ({
        title: column.label,
        render: row => <VersionCellView cell={row.cells[column.entityRef]} />,
      }),
    ),
  ];
}

/**
 * Which version runs where: container images and Helm charts by
 * environment, differences highlighted.
 * @public
 */
export function EntitySlipwayVersionsTable() {
  const { entity } = useEntity();
  const { value, error, loading } = useEntityVersions(entity);
  const title = 'Versions by environment';
  const name = entity.metadata.title ?? entity.metadata.name;

  const matrix = versionMatrix(value ?? { items: [] });
  const noApplications = matrix.columns.length === 0;
  const state = cardState({
    title,
    loading,
    error,
    what: `the versions deployed for ${name}`,
    empty:
      noApplications || matrix.rows.length === 0
        ? {
            title: noApplications
              ? `No Applications for ${name}`
              : `No container images or Helm charts found for ${name}`,
            description: noApplications
              ? 'Versions appear here once an ApplicationSet from your GitOps repository generates Applications for this component.'
              : 'Slipway found no images in the rendered manifests or the cluster, and no Helm chart sources. Sync the applications, or check their source paths in Git.',
          }
        : undefined,
  });
  if (state) return state;
  return (
    <InfoCard title={title} noPadding>
      <Table
        options={{ paging: false, search: false, toolbar: false, padding: 'dense' }}
        columns={columnsOf(matrix)}
        data={matrix.rows}
      />
    </InfoCard>
  );
}
