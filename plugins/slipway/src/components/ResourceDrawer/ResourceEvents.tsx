import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { StatusOK, StatusWarning } from '@backstage/core-components';
import type { ResourceDetailResponse } from '@slipway/plugin-slipway-common';

/** Kubernetes Events about one resource, newest first, as the backend sends them. */
export function ResourceEvents({ events }: { events: ResourceDetailResponse['events'] }) {
  if (events.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No events about this resource. Kubernetes keeps events for about an hour, so a quiet resource has none.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Events">
      <TableHead>
        <TableRow>
          <TableCell>Type</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Message</TableCell>
          <TableCell align="right">Count</TableCell>
          <TableCell>Last seen</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.map((event, index) => (
          <TableRow key={index}>
            <TableCell>
              {event.type === 'Warning' ? (
                <StatusWarning>Warning</StatusWarning>
              ) : (
                <StatusOK>{event.type ?? 'Normal'}</StatusOK>
              )}
            </TableCell>
            <TableCell>{event.reason}</TableCell>
            <TableCell>{event.message}</TableCell>
            <TableCell align="right">{event.count ?? 1}</TableCell>
            <TableCell>{event.lastTimestamp ? new Date(event.lastTimestamp).toLocaleString() : ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
