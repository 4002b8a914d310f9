import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Progress, ResponseErrorPanel, StatusError, StatusOK, StatusWarning } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { slipwayApiRef } from '../../api';
import { authorizeSync, BulkSyncResult, runBulkSync } from './bulkSync';

function OutcomeBadge({ outcome }: { outcome: BulkSyncResult['outcome'] }) {
  switch (outcome) {
    case 'started':
      return <StatusOK>Started</StatusOK>;
    case 'conflict':
      return <StatusWarning>Already running</StatusWarning>;
    case 'denied':
      return <StatusWarning>Not permitted</StatusWarning>;
    default:
      return <StatusError>Failed</StatusError>;
  }
}

function Results({ results }: { results: BulkSyncResult[] }) {
  return (
    <Table size="small" aria-label="Sync results">
      <TableHead>
        <TableRow>
          <TableCell>Application</TableCell>
          <TableCell>Result</TableCell>
          <TableCell>Details</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {results.map(result => (
          <TableRow key={result.entityRef}>
            <TableCell>{result.name}</TableCell>
            <TableCell>
              <OutcomeBadge outcome={result.outcome} />
            </TableCell>
            <TableCell>{result.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * Syncs the selected applications: asks which of them the user may sync,
 * then starts those syncs and reports each application's result.
 */
export function BulkSyncDialog(props: {
  apps: Array<{ entityRef: string; name: string }>;
  onClose: (synced: boolean) => void;
}) {
  const { apps, onClose } = props;
  const permissionApi = useApi(permissionApiRef);
  const slipwayApi = useApi(slipwayApiRef);
  const [prune, setPrune] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [results, setResults] = useState<BulkSyncResult[]>();
  const [done, setDone] = useState(0);
  const [running, setRunning] = useState(false);

  const permissions = useAsync(
    () => authorizeSync(permissionApi, apps.map(app => app.entityRef)),
    [permissionApi, apps],
  );
  const allowedCount = permissions.value ? apps.filter(app => permissions.value!.get(app.entityRef)).length : 0;
  const denied = permissions.value ? apps.filter(app => !permissions.value!.get(app.entityRef)) : [];

  const start = async () => {
    setRunning(true);
    const all = await runBulkSync({
      slipwayApi,
      apps,
      allowed: permissions.value!,
      request: { prune, dryRun },
      onResult: () => setDone(count => count + 1),
    });
    setResults(all);
    setRunning(false);
  };

  return (
    <Dialog open onClose={() => !running && onClose(Boolean(results))} maxWidth="md" fullWidth>
      <DialogTitle>{`Sync ${apps.length} application${apps.length === 1 ? '' : 's'}`}</DialogTitle>
      <DialogContent>
        {permissions.loading && <Progress />}
        {permissions.error && (
          <ResponseErrorPanel
            title="Could not check your sync permissions; nothing was synced. Close and try again"
            error={permissions.error}
          />
        )}
        {permissions.value && !results && !running && (
          <>
            <Typography paragraph>
              {allowedCount === apps.length
                ? `You may sync all ${apps.length} selected applications.`
                : `You may sync ${allowedCount} of the ${apps.length} selected applications.`}
            </Typography>
            {denied.length > 0 && (
              <Typography paragraph color="textSecondary">
                {`Not permitted, will be skipped: ${denied.map(app => app.name).join(', ')}.`}
              </Typography>
            )}
            <FormControlLabel
              control={<Checkbox checked={prune} onChange={e => setPrune(e.target.checked)} />}
              label="Prune resources that are no longer in Git"
            />
            <FormControlLabel
              control={<Checkbox checked={dryRun} onChange={e => setDryRun(e.target.checked)} />}
              label="Dry run (change nothing in the clusters)"
            />
          </>
        )}
        {running && (
          <>
            <Typography paragraph>{`Starting syncs: ${done} of ${apps.length} answered…`}</Typography>
            <LinearProgress variant="determinate" value={(100 * done) / apps.length} />
          </>
        )}
        {results && <Results results={results} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(Boolean(results))} disabled={running}>
          {results ? 'Close' : 'Cancel'}
        </Button>
        {!results && (
          <Button color="primary" variant="contained" disabled={!permissions.value || allowedCount === 0 || running} onClick={start}>
            {`Sync ${allowedCount} application${allowedCount === 1 ? '' : 's'}`}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
