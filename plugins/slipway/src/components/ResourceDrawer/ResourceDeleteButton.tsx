import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { ResourceKey } from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../../api';
import { useApplicationPermissions } from '../../hooks/useApplicationPermissions';

type Policy = 'foreground' | 'background' | 'orphan';

const POLICIES: Array<{ value: Policy; label: string }> = [
  {
    value: 'foreground',
    label: 'Foreground: its dependents first, then the resource',
  },
  {
    value: 'background',
    label: 'Background: the resource now, its dependents after',
  },
  { value: 'orphan', label: 'Orphan: the resource only, its dependents stay' },
];

/**
 * Deletes one resource from the cluster, as Argo CD's resource menu does,
 * for users allowed to delete the application's resources: asks first, with
 * the propagation policy, and says what a deletion leads to.
 */
export function ResourceDeleteButton(props: {
  entityRef: string;
  resource: ResourceKey;
  onDone: () => void;
}) {
  const { entityRef, resource, onDone } = props;
  const api = useApi(slipwayApiRef);
  const alertApi = useApi(alertApiRef);
  const { canDelete } = useApplicationPermissions(entityRef);
  const [open, setOpen] = useState(false);
  const [policy, setPolicy] = useState<Policy>('foreground');
  const [running, setRunning] = useState(false);
  if (!canDelete) return null;
  const what = `${resource.kind} ${resource.name}`;

  const remove = async () => {
    setRunning(true);
    try {
      await api.deleteResource(entityRef, resource, policy);
      alertApi.post({
        message: `${what} deleted`,
        severity: 'success',
        display: 'transient',
      });
      setOpen(false);
      onDone();
    } catch (error) {
      alertApi.post({
        message: `Could not delete ${what}: ${(error as Error).message}`,
        severity: 'error',
      });
    } finally {
      setRunning(false);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        size="small"
        onClick={() => setOpen(true)}
        style={{ marginLeft: 8 }}
      >
        Delete
      </Button>
      <Dialog
        open={open}
        onClose={() => !running && setOpen(false)}
        aria-labelledby="slipway-delete-title"
      >
        <DialogTitle id="slipway-delete-title">{`Delete ${what} from the cluster?`}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" paragraph>
            A resource in Git comes back with the next sync (at once with
            self-heal); a Pod is replaced by its owner; anything else is gone.
          </Typography>
          <RadioGroup
            aria-label="Propagation policy"
            value={policy}
            onChange={e => setPolicy(e.target.value as Policy)}
          >
            {POLICIES.map(p => (
              <FormControlLabel
                key={p.value}
                value={p.value}
                control={<Radio size="small" />}
                label={p.label}
              />
            ))}
          </RadioGroup>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={running}>
            Cancel
          </Button>
          <Button
            color="secondary"
            variant="contained"
            disabled={running}
            onClick={remove}
          >
            {`Delete ${resource.kind}`}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
