import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import type { OperationSummary } from '@slipway/plugin-slipway-common';

export interface TerminateDialogProps {
  /** The environment or application name the user sees in the row. */
  label: string;
  operation: OperationSummary;
  onCancel: () => void;
  onConfirm: () => void;
}

/**
 * Asks before stopping a running operation, as Argo CD does: what was
 * applied stays applied, what was not reached is not applied, so the
 * application may be left half-way between two revisions.
 */
export function TerminateDialog({ label, operation, onCancel, onConfirm }: TerminateDialogProps) {
  return (
    <Dialog open onClose={onCancel} aria-labelledby="slipway-terminate-title">
      <DialogTitle id="slipway-terminate-title">
        Terminate the running {operation.kind} of {label}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          Resources already applied stay as they are; later waves and hooks are not run. The application may be
          left between two revisions until the next sync.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button color="secondary" variant="contained" onClick={onConfirm}>
          Terminate
        </Button>
      </DialogActions>
    </Dialog>
  );
}
