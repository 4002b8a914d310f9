import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import { CodeSnippet, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { ResourceDetailResponse, ResourceKey } from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../../api';
import { manifestYaml } from './manifestYaml';
import { ResourceActionsMenu } from './ResourceActionsMenu';
import { ResourceDeleteButton } from './ResourceDeleteButton';
import { ResourceEvents } from './ResourceEvents';

type TabId = 'live' | 'desired' | 'diff' | 'events';

function Note({ children }: { children: string }) {
  return (
    <Typography variant="body2" color="textSecondary" paragraph>
      {children}
    </Typography>
  );
}

function TabContent({ tab, detail }: { tab: TabId; detail: ResourceDetailResponse }) {
  const { kind, name } = detail.key;
  switch (tab) {
    case 'live':
      return detail.live ? (
        <CodeSnippet language="yaml" text={manifestYaml(detail.live)} showCopyCodeButton />
      ) : (
        <Note>{`${kind} ${name} does not exist in the cluster. Sync the application to create it.`}</Note>
      );
    case 'desired':
      return detail.desired ? (
        <CodeSnippet language="yaml" text={manifestYaml(detail.desired)} showCopyCodeButton />
      ) : (
        <Note>{`${kind} ${name} is not in Git: it is owned by another resource (like a Pod of a ReplicaSet) or it is left over and can be pruned with a sync.`}</Note>
      );
    case 'diff':
      return detail.diff ? (
        <CodeSnippet language="diff" text={detail.diff} />
      ) : (
        <Note>{`No difference: the live ${kind} matches Git.`}</Note>
      );
    default:
      return <ResourceEvents events={detail.events} />;
  }
}

/**
 * A side panel with one resource of an application: the live manifest, the
 * desired manifest from Git, their diff and the resource's events, with
 * the resource's actions and a Delete button for users allowed to use them. Secret values
 * arrive masked from the backend and are shown as they came.
 */
export function ResourceDrawer(props: {
  entityRef: string;
  /** The resource to show; the drawer is closed while undefined. */
  resource?: ResourceKey;
  onClose: () => void;
}) {
  const { entityRef, resource, onClose } = props;
  const api = useApi(slipwayApiRef);
  const [tab, setTab] = useState<TabId>('live');
  const detail = useAsyncRetry(
    async () => (resource ? api.getResource(entityRef, resource) : undefined),
    [api, entityRef, resource],
  );
  const title = resource ? `${resource.kind} ${resource.name}` : '';

  return (
    <Drawer anchor="right" open={Boolean(resource)} onClose={onClose}>
      <Box width={{ xs: '100vw', md: '50vw' }} p={2} role="region" aria-label={title}>
        <Box display="flex" alignItems="center">
          <Box flexGrow={1}>
            <Typography variant="h5">{title}</Typography>
            <Typography variant="body2" color="textSecondary">
              {resource?.namespace ? `namespace ${resource.namespace}` : 'cluster-scoped'}
              {resource?.group ? ` · ${resource.group}` : ''}
            </Typography>
          </Box>
          {resource && <ResourceActionsMenu entityRef={entityRef} resource={resource} onDone={detail.retry} />}
          {resource && <ResourceDeleteButton entityRef={entityRef} resource={resource} onDone={detail.retry} />}
          <IconButton aria-label="Close" onClick={onClose}>
            <CloseIcon />
          </IconButton>
        </Box>
        <Tabs value={tab} onChange={(_, value: TabId) => setTab(value)} indicatorColor="primary">
          <Tab value="live" label="Live manifest" />
          <Tab value="desired" label="Desired manifest" />
          <Tab value="diff" label="Diff" />
          <Tab value="events" label="Events" />
        </Tabs>
        <Box mt={2}>
          {detail.loading && <Progress />}
          {detail.error && (
            <>
              <ResponseErrorPanel
                title={`Could not load ${title}; it may have been deleted since the graph was drawn. Retry, or close and reopen the graph`}
                error={detail.error}
              />
              <Button variant="outlined" onClick={detail.retry} style={{ marginTop: 8 }}>
                Retry
              </Button>
            </>
          )}
          {!detail.loading && detail.value && (
            <>
              {resource?.kind === 'Secret' && resource.group === '' && (
                <Note>Secret values are masked: Slipway never sends them to the browser.</Note>
              )}
              <TabContent tab={tab} detail={detail.value} />
            </>
          )}
        </Box>
      </Box>
    </Drawer>
  );
}
