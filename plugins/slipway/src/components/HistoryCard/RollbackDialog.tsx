import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Alert from '@material-ui/lab/Alert';
import type { OperationSummary } from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../../api';
import type { DeploymentRow } from '../../hooks/useEntityHistory';
import { shortRevision } from '../StatusCard/RevisionLink';
import { timeAgo } from '../StatusCard/timeAgo';
import { describeOperationError } from '../SyncDialog/describeOperationError';

export interface RollbackDialogProps {
  deployment: DeploymentRow;
  onClose: () => void;
  onStarted: (operation: OperationSummary) => void;
}

/** Asks for confirmation, then rolls one application back to an earlier deployment. */
export function RollbackDialog({ deployment, onClose, onStarted }: RollbackDialogProps) {
  const api = useApi(slipwayApiRef);
  const { application, item } = deployment;
  const [prune, setPrune] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const target = application.environment
    ? `${application.name} (${application.environment})`
    : application.name;

  const confirm = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      const { operation } = await api.rollback(application.entityRef, { historyId: item.id, prune });
      onStarted(operation);
      onClose();
    } catch (e) {
      setError(describeOperationError('roll back', application, e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>Roll back {target}?</DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
            {error}
          </Alert>
        )}
        <DialogContentText>
          {target} will run revision <code>{shortRevision(item.revision)}</code>
          {item.commitMessage ? ` ("${item.commitMessage.split('\n')[0]}")` : ''} again, as deployed{' '}
          {timeAgo(item.deployedAt)}. Git stays unchanged, so the application shows OutOfSync until
          the next sync to its target revision.
        </DialogContentText>
        <FormControlLabel
          control={<Checkbox checked={prune} onChange={e => setPrune(e.target.checked)} />}
          label="Prune (delete resources that this revision does not have)"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="secondary" variant="contained" disabled={submitting} onClick={confirm}>
          Roll back
        </Button>
      </DialogActions>
    </Dialog>
  );
}
