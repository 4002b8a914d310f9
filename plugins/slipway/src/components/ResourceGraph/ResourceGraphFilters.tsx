import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import { HEALTH_ORDER, SYNC_STATUS_CODES } from '@slipway/plugin-slipway-common';
import { MultiSelect } from './MultiSelect';
import { GraphFilters, NO_FILTERS } from './toGraph';


/** Kind, health and sync filters of the resource graph, with what they hide, and the orphaned resources' switch. */
export function ResourceGraphFilters(props: {
  kinds: string[];
  filters: GraphFilters;
  onChange: (filters: GraphFilters) => void;
  shown: number;
  total: number;
  /** Orphaned resources in the tree; the switch shows when there are any. */
  orphans: number;
}) {
  const { kinds, filters, onChange, shown, total, orphans } = props;
  const active = filters.kinds.length + filters.health.length + filters.sync.length > 0;
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 12 }} mb={2}>
      <MultiSelect
        id="slipway-filter-kind"
        label="Kind"
        options={kinds}
        value={filters.kinds}
        onChange={value => onChange({ ...filters, kinds: value })}
      />
      <MultiSelect
        id="slipway-filter-health"
        label="Health"
        options={HEALTH_ORDER}
        value={filters.health}
        onChange={value => onChange({ ...filters, health: value as GraphFilters['health'] })}
      />
      <MultiSelect
        id="slipway-filter-sync"
        label="Sync"
        options={SYNC_STATUS_CODES}
        value={filters.sync}
        onChange={value => onChange({ ...filters, sync: value as GraphFilters['sync'] })}
      />
      {active && (
        <Button size="small" onClick={() => onChange({ ...NO_FILTERS, orphaned: filters.orphaned })}>
          Clear filters
        </Button>
      )}
      {orphans > 0 && (
        <FormControlLabel
          control={
            <Checkbox
              size="small"
              checked={filters.orphaned}
              onChange={event => onChange({ ...filters, orphaned: event.target.checked })}
            />
          }
          label={`Orphaned resources (${orphans})`}
        />
      )}
      <Typography variant="body2" color="textSecondary">
        {active ? `Showing ${shown} of ${total} resources` : `${total} resources`}
      </Typography>
    </Box>
  );
}
