import { ChangeEvent } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { HEALTH_ORDER } from '@slipway/plugin-slipway-common';
import { GraphFilters, NO_FILTERS } from './toGraph';

const SYNC_WORDS = ['Synced', 'OutOfSync', 'Unknown'];

function MultiSelect(props: {
  id: string;
  label: string;
  options: readonly string[];
  value: string[];
  onChange: (value: string[]) => void;
}) {
  const { id, label, options, value, onChange } = props;
  return (
    <FormControl size="small" variant="outlined" style={{ minWidth: 160 }}>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        multiple
        label={label}
        value={value}
        onChange={(event: ChangeEvent<{ value: unknown }>) => onChange(event.target.value as string[])}
        renderValue={selected => (selected as string[]).join(', ')}
      >
        {options.map(option => (
          <MenuItem key={option} value={option}>
            <Checkbox size="small" checked={value.includes(option)} />
            <ListItemText primary={option} />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** Kind, health and sync filters of the resource graph, with what they hide. */
export function ResourceGraphFilters(props: {
  kinds: string[];
  filters: GraphFilters;
  onChange: (filters: GraphFilters) => void;
  shown: number;
  total: number;
}) {
  const { kinds, filters, onChange, shown, total } = props;
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
        options={SYNC_WORDS}
        value={filters.sync}
        onChange={value => onChange({ ...filters, sync: value as GraphFilters['sync'] })}
      />
      {active && (
        <Button size="small" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </Button>
      )}
      <Typography variant="body2" color="textSecondary">
        {active ? `Showing ${shown} of ${total} resources` : `${total} resources`}
      </Typography>
    </Box>
  );
}
