import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type {
  ResourceActionSummary,
  ResourceKey,
} from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../../api';
import { useApplicationPermissions } from '../../hooks/useApplicationPermissions';

/** What each built-in action does, for the confirmation. */
const EFFECTS: Record<string, string> = {
  restart: 'replaces every pod, one by one, as kubectl rollout restart does',
  'Deployment/pause':
    'stops rolling out changes of the pod template until it is resumed',
  'Deployment/resume': 'rolls out the pod template again',

  scale: 'sets the number of replicas to the value you enter',
  'create-job': 'starts a Job from the CronJob’s template now',
  'CronJob/suspend': 'stops the CronJob from starting Jobs until it is resumed',
  'CronJob/resume': 'lets the CronJob start Jobs on its schedule again',
  'Job/suspend': 'stops the Job’s pods until it is resumed',
  'Job/resume': 'starts the Job’s pods again',
  'Job/terminate': 'fails the Job now and removes its pods',
  reconcile: 'asks the Flux controller to reconcile it now',
  refresh: 'asks External Secrets to fetch the secret again now',
  push: 'asks External Secrets to push the secret to its stores now',
  'create-workflow': 'submits a Workflow from it now',
  'toggle-auto-sync': 'turns automated sync of the Application on or off',
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

/** Flux's kinds are told apart by their group, as other kinds may suspend too. */
const FLUX_EFFECTS: Record<string, string> = {
  suspend: 'stops the Flux controller from reconciling it until it is resumed',
  resume: 'lets the Flux controller reconcile it again',
};

const own = (texts: Record<string, string>, key: string) =>
  Object.hasOwn(texts, key) ? texts[key] : undefined;

const effectOf = (resource: ResourceKey, action: string): string | undefined =>
  (resource.group?.endsWith('.toolkit.fluxcd.io')
    ? own(FLUX_EFFECTS, action)
    : undefined) ??
  own(EFFECTS, `${resource.kind}/${action}`) ??
  own(EFFECTS, action);

const labelOf = (action: ResourceActionSummary) =>
  action.displayName || action.name;

/** Why the value entered cannot be sent; undefined when it can. A pattern JavaScript cannot read is left to the backend. */
function invalidValue(
  action: ResourceActionSummary,
  value: string,
): string | undefined {
  if (value === '') return 'Enter a value';
  if (!action.regexp) return undefined;
  try {
    return new RegExp(action.regexp).test(value)
      ? undefined
      : action.errorMessage || `The value must match ${action.regexp}`;
  } catch {
    return undefined;
  }
}

/**
 * The Actions button of a resource (Argo CD's resource actions: restart,
 * pause, resume, scale, create-job, and those of Argo Rollouts), for users
 * allowed to run them on the application; each action asks for confirmation
 * first, and one that takes a value (Argo CD's `hasParameters`, e.g. scale)
 * asks for it there, checked against the action's pattern. Renders nothing
 * for resources without actions.
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
  const [chosen, setChosen] = useState<ResourceActionSummary>();
  const [value, setValue] = useState('');
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
  const label = chosen ? labelOf(chosen) : '';
  const effect = chosen && effectOf(resource, chosen.name);
  const invalid = chosen?.hasParameters
    ? invalidValue(chosen, value)
    : undefined;

  const run = async (chosenAction: ResourceActionSummary) => {
    const action = chosenAction.name;
    setRunning(true);
    try {
      const result = await api.runResourceAction(
        entityRef,
        resource,
        action,
        chosenAction.hasParameters ? { [action]: value } : undefined,
      );
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
              setValue(action.defaultValue ?? '');
              setChosen(action);
            }}
          >
            {labelOf(action)}
          </MenuItem>
        ))}
      </Menu>
      <Dialog
        open={Boolean(chosen)}
        onClose={() => !running && setChosen(undefined)}
        aria-labelledby="slipway-action-title"
      >
        <DialogTitle id="slipway-action-title">{`Run ${label} on ${what}?`}</DialogTitle>
        <DialogContent>
          <Typography variant="body2">
            {`${
              effect ? `It ${effect}. ` : ''
            }What it writes is not in Git; a sync keeps it unless Git sets the same fields.`}
          </Typography>
          {chosen?.hasParameters && (
            <TextField
              id="slipway-action-value"
              fullWidth
              margin="normal"
              label={`Value for ${chosen.name}`}
              value={value}
              onChange={event => setValue(event.target.value)}
              error={Boolean(invalid)}
              helperText={invalid ?? ' '}
              disabled={running}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setChosen(undefined)} disabled={running}>
            Cancel
          </Button>
          <Button
            color="primary"
            variant="contained"
            disabled={running || Boolean(invalid)}
            onClick={() => chosen && run(chosen)}
          >
            {`Run ${label}`}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
