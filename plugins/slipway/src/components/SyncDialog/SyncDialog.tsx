import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  formatResourceKey,
  OperationSummary,
  SlipwayApplication,
  SlipwayResourceNode,
  SyncRequestBody,
} from '@slipway/plugin-slipway-common';
import { slipwayApiRef } from '../../api';
import { ResourcePicker } from './ResourcePicker';
import { describeOperationError } from './describeOperationError';

export interface SyncDialogProps {
  application: SlipwayApplication;
  open: boolean;
  onClose: () => void;
  /** Called with the accepted operation; the dialog closes itself. */
  onStarted: (operation: OperationSummary) => void;
}

/** The body of a sync request: resources only for a selective sync. */
export function syncRequestBody(options: {
  revision: string;
  prune: boolean;
  dryRun: boolean;
  /** Also prune resources marked Prune=confirm; only with prune. */
  confirmPrune?: boolean;
  resources?: SlipwayResourceNode[];
  selected: Set<string>;
}): SyncRequestBody {
  const body: SyncRequestBody = { prune: options.prune, dryRun: options.dryRun };
  if (options.prune && options.confirmPrune) body.confirmPrune = true;
  if (options.revision.trim()) body.revision = options.revision.trim();
  const chosen = (options.resources ?? []).filter(node => options.selected.has(formatResourceKey(node)));
  if (options.resources && chosen.length < options.resources.length) {
    body.resources = chosen.map(({ group, kind, namespace, name }) => ({ group, kind, namespace, name }));
  }
  return body;
}

/** Starts a sync of one application: revision, prune, dry run and which resources. */
export function SyncDialog({ application, open, onClose, onStarted }: SyncDialogProps) {
  const api = useApi(slipwayApiRef);
  const [revision, setRevision] = useState('');
  const [prune, setPrune] = useState(false);
  const [confirmPrune, setConfirmPrune] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [resources, setResources] = useState<SlipwayResourceNode[]>();
  const [treeError, setTreeError] = useState<Error>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!open) return undefined;
    let cancelled = false;
    setResources(undefined);
    setTreeError(undefined);
    setError(undefined);
    api.getResourceTree(application.entityRef).then(
      tree => {
        if (cancelled) return;
        const managed = tree.nodes.filter(node => node.managed);
        setResources(managed);
        setSelected(new Set(managed.map(formatResourceKey)));
      },
      e => !cancelled && setTreeError(e),
    );
    return () => {
      cancelled = true;
    };
  }, [api, application.entityRef, open]);

  const nothingChosen = !!resources && resources.length > 0 && selected.size === 0;

  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      const body = syncRequestBody({ revision, prune, dryRun, confirmPrune, resources, selected });
      const { operation } = await api.sync(application.entityRef, body);
      onStarted(operation);
      onClose();
    } catch (e) {
      setError(describeOperationError('sync', application, e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>Sync {application.environment ?? application.name}</DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" role="alert" style={{ marginBottom: 16 }}>
            {error}
          </Alert>
        )}
        <TextField
          id="slipway-sync-revision"
          label="Revision"
          helperText="Commit, branch or tag; empty syncs the Application's target revision"
          value={revision}
          onChange={e => setRevision(e.target.value)}
          fullWidth
          margin="dense"
        />
        <FormControlLabel
          control={<Checkbox checked={prune} onChange={e => setPrune(e.target.checked)} />}
          label="Prune (delete resources that are no longer in Git)"
        />
        {prune && (
          <FormControlLabel
            style={{ marginLeft: 24 }}
            control={<Checkbox checked={confirmPrune} onChange={e => setConfirmPrune(e.target.checked)} />}
            label="Confirm pruning of resources marked Prune=confirm"
          />
        )}
        <FormControlLabel
          control={<Checkbox checked={dryRun} onChange={e => setDryRun(e.target.checked)} />}
          label="Dry run (validate without changing the cluster)"
        />
        <Typography variant="subtitle2" style={{ marginTop: 8 }}>
          Resources
        </Typography>
        <ResourcePicker
          resources={resources}
          error={treeError}
          selected={selected}
          onChange={setSelected}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={submitting || nothingChosen}
          onClick={submit}
        >
          {dryRun ? 'Dry run' : 'Sync'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
