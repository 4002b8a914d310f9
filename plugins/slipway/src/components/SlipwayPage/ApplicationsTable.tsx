import { useMemo } from 'react';
import Box from '@material-ui/core/Box';
import TablePagination from '@material-ui/core/TablePagination';
import Typography from '@material-ui/core/Typography';
import SyncIcon from '@material-ui/icons/Sync';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { SlipwayApplication } from '@slipway/plugin-slipway-common';
import { HealthStatusBadge, SyncStatusBadge } from '../StatusCard/StatusBadges';
import { PAGE_SIZE } from './applicationListQuery';
import type { ApplicationListPage } from './useApplicationList';

/**
 * A row as the listing sends it (only the fields the table asked for),
 * with the `id` by which the table carries a row's selection over to new
 * data: a live refresh of the page keeps what the user selected.
 */
type Row = Partial<SlipwayApplication> & { entityRef: string; id: string };

const columns: TableColumn<Row>[] = [
  {
    title: 'Application',
    field: 'name',
    render: row => <EntityRefLink entityRef={row.entityRef} title={row.name} />,
  },
  { title: 'Environment', field: 'environment' },
  { title: 'Project', field: 'project' },
  {
    title: 'Cluster / namespace',
    field: 'cluster',
    render: row => [row.cluster, row.destinationNamespace].filter(Boolean).join(' / '),
  },
  { title: 'Owner', field: 'owner' },
  {
    title: 'Sync',
    field: 'sync',
    render: row => (row.sync ? <SyncStatusBadge status={row.sync.status} /> : null),
  },
  {
    title: 'Health',
    field: 'health',
    render: row =>
      row.health ? (
        <>
          <HealthStatusBadge status={row.health.status} />
          {row.health.message && (
            <Typography variant="caption" color="textSecondary" display="block">
              {row.health.message}
            </Typography>
          )}
        </>
      ) : null,
  },
];

/**
 * One server-side page of applications, selectable for a bulk sync. The
 * table neither sorts nor searches on its own: it shows what the backend
 * answered for the filters, so that it behaves the same at any size.
 */
export function ApplicationsTable(props: {
  list: ApplicationListPage;
  emptyContent: JSX.Element;
  onSync: (apps: Array<{ entityRef: string; name: string }>) => void;
}) {
  const { list, emptyContent, onSync } = props;
  const items = list.value?.items;
  const rows = useMemo<Row[]>(() => (items ?? []).map(item => ({ ...item, id: item.entityRef })), [items]);
  const total = list.value?.totalCount ?? 0;

  return (
    <Box>
      <Table<Row>
        title={`Applications (${total.toLocaleString('en-US')})`}
        columns={columns}
        data={rows}
        isLoading={list.loading}
        emptyContent={emptyContent}
        options={{ selection: true, paging: false, search: false, sorting: false, padding: 'dense', draggable: false }}
        actions={[
          {
            icon: () => <SyncIcon />,
            tooltip: 'Sync the selected applications',
            onClick: (_event, selected) => {
              const chosen = (Array.isArray(selected) ? selected : [selected]) as Row[];
              onSync(chosen.map(row => ({ entityRef: row.entityRef, name: row.name ?? row.entityRef })));
            },
          },
        ]}
      />
      <TablePagination
        component="div"
        count={total}
        page={list.page}
        rowsPerPage={PAGE_SIZE}
        rowsPerPageOptions={[]}
        onPageChange={(_event, page) => (page > list.page ? list.next() : list.previous())}
        backIconButtonProps={{ disabled: list.loading || list.page === 0, 'aria-label': 'Previous page' }}
        nextIconButtonProps={{ disabled: list.loading || !list.hasNext, 'aria-label': 'Next page' }}
      />
    </Box>
  );
}
