import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Typography from '@material-ui/core/Typography';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { ResourceKey } from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../../api';
import { useApplicationPermissions } from '../../hooks/useApplicationPermissions';

/** What each built-in action does, for the confirmation. */
const EFFECTS: Record<string, string> = {
  restart: 'replaces every pod, one by one, as kubectl rollout restart does',
  pause: 'stops rolling out changes of the pod template until it is resumed',
  resume: 'rolls out the pod template again',
  'create-job': 'starts a Job from the CronJob’s template now',
  'Rollout/pause': 'stops the rollout at its current step until it is resumed',
  'Rollout/resume': 'lifts the pause and goes on with the rollout',
  'Rollout/abort':
    'scales the new version down and keeps the stable one until the update is retried',
  'Rollout/retry': 'starts the aborted update again',
  'Rollout/promote-full':
    'skips the remaining steps and analyses and promotes the new version',
  'Rollout/skip-current-step': 'goes on to the next canary step',
  'AnalysisRun/terminate': 'stops the analysis now',
};

const effectOf = (kind: string, action: string): string | undefined =>
  EFFECTS[`${kind}/${action}`] ?? EFFECTS[action];

/**
 * The Actions button of a resource (Argo CD's resource actions: restart,
 * pause, resume, create-job, and those of Argo Rollouts), for users allowed to run them on the
 * application; each action asks for confirmation first. Renders nothing for
 * resources without actions.
 */
export function ResourceActionsMenu(props: {
  entityRef: string;
  resource: ResourceKey;
  onDone: () => void;
}) {
  const { entityRef, resource, onDone } = props;
  const api = useApi(slipwayApiRef);
  const alertApi = useApi(alertApiRef);
  const { canRunActions } = useApplicationPermissions(entityRef);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [chosen, setChosen] = useState<string>();
  const [running, setRunning] = useState(false);
  const actions = useAsyncRetry(
    async () =>
      canRunActions
        ? (await api.getResourceActions(entityRef, resource)).actions
        : [],
    [api, entityRef, resource, canRunActions],
  );
  if (!canRunActions || !actions.value?.length) return null;
  const what = `${resource.kind} ${resource.name}`;

  const run = async (action: string) => {
    setRunning(true);
    try {
      const result = await api.runResourceAction(entityRef, resource, action);
      const created = result.changes
        .filter(c => c.operation === 'create')
        .map(c => `${c.resource.kind} ${c.resource.name}`);
      alertApi.post({
        message: `${action} ran on ${what}${
          created.length ? `: created ${created.join(', ')}` : ''
        }`,
        severity: 'success',
        display: 'transient',
      });
      onDone();
    } catch (error) {
      alertApi.post({
        message: `Could not run ${action} on ${what}: ${
          (error as Error).message
        }`,
        severity: 'error',
      });
    } finally {
      setRunning(false);
      setChosen(undefined);
      actions.retry();
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        size="small"
        aria-haspopup="true"
        onClick={event => setAnchor(event.currentTarget)}
      >
        Actions
      </Button>
      <Menu
        anchorEl={anchor}
        keepMounted
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
      >
        {actions.value.map(action => (
          <MenuItem
            key={action.name}
            disabled={action.disabled}
            onClick={() => {
              setAnchor(null);
              setChosen(action.name);
            }}
          >
            {action.name}
          </MenuItem>
        ))}
      </Menu>
      <Dialog
        open={Boolean(chosen)}
        onClose={() => !running && setChosen(undefined)}
        aria-labelledby="slipway-action-title"
      >
        <DialogTitle id="slipway-action-title">{`Run ${chosen} on ${what}?`}</DialogTitle>
        <DialogContent>
          <Typography variant="body2">
            {`${
              chosen && effectOf(resource.kind, chosen)
                ? `It ${effectOf(resource.kind, chosen)}. `
                : ''
            }What it writes is not in Git; a sync keeps it unless Git sets the same fields.`}
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setChosen(undefined)} disabled={running}>
            Cancel
          </Button>
          <Button
            color="primary"
            variant="contained"
            disabled={running}
            onClick={() => chosen && run(chosen)}
          >
            {`Run ${chosen}`}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
