import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import Button from '@material-ui/core/Button';
import { Content, EmptyState, Header, Page, ResponseErrorPanel } from '@backstage/core-components';
import { ApplicationFilterBar } from './ApplicationFilterBar';
import {
  ApplicationFilters,
  EMPTY_FILTERS,
  filtersFromSearchParams,
  filtersToSearchParams,
} from './applicationListQuery';
import { ApplicationsTable } from './ApplicationsTable';
import { BulkSyncDialog } from './BulkSyncDialog';
import { useApplicationList } from './useApplicationList';

/**
 * The Slipway page: every application, filtered and paged by the backend,
 * with a bulk sync of the selected ones. The filters live in the URL so
 * that a view ("everything OutOfSync in prod") can be shared.
 */
export function SlipwayPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  const filters = useMemo(() => filtersFromSearchParams(new URLSearchParams(search)), [search]);
  const setFilters = (next: ApplicationFilters) => setSearchParams(filtersToSearchParams(next), { replace: true });
  const list = useApplicationList(filters);
  const [syncing, setSyncing] = useState<Array<{ entityRef: string; name: string }>>();
  const filtered = JSON.stringify(filters) !== JSON.stringify(EMPTY_FILTERS);

  const emptyContent = filtered ? (
    <EmptyState
      missing="data"
      title="No application matches these filters"
      description="Text filters match whole values (project 'shop', not 'sho'). Change the filters or clear them to see every application."
      action={<Button variant="outlined" onClick={() => setFilters(EMPTY_FILTERS)}>Clear filters</Button>}
    />
  ) : (
    <EmptyState
      missing="info"
      title="Slipway has no applications yet"
      description="Register a Git repository with ApplicationSets or Applications in the catalog; Slipway reconciles each Application entity and lists it here within a minute."
    />
  );

  return (
    <Page themeId="tool">
      <Header title="Slipway" subtitle="Every GitOps application: where it runs, whether it is in sync and healthy" />
      <Content>
        <ApplicationFilterBar filters={filters} onChange={setFilters} />
        {list.error && (
          <>
            <ResponseErrorPanel
              title="Could not list the applications; check that the Slipway backend is reachable, then retry"
              error={list.error}
            />
            <Button variant="outlined" onClick={list.reload} style={{ margin: '8px 0 16px' }}>
              Retry
            </Button>
          </>
        )}
        <ApplicationsTable list={list} emptyContent={emptyContent} onSync={setSyncing} />
        {syncing && (
          <BulkSyncDialog
            apps={syncing}
            onClose={synced => {
              setSyncing(undefined);
              if (synced) list.reload();
            }}
          />
        )}
      </Content>
    </Page>
  );
}
