import { useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { HEALTH_ORDER, SYNC_STATUS_CODES } from '@slipway/plugin-slipway-common';
import { MultiSelect } from '../ResourceGraph/MultiSelect';
import { ApplicationFilters, EMPTY_FILTERS } from './applicationListQuery';

const TEXT_FILTERS = [
  { name: 'project', label: 'Project' },
  { name: 'cluster', label: 'Cluster' },
  { name: 'environment', label: 'Environment' },
  { name: 'owner', label: 'Owner' },
] as const;

/** Typing settles for this long before the listing is asked again. */
const TYPING_DEBOUNCE_MS = 400;

/**
 * The filters of the Slipway page. Text filters match a whole value (the
 * backend filters with equality, so an index serves them at any scale).
 */
export function ApplicationFilterBar(props: {
  filters: ApplicationFilters;
  onChange: (filters: ApplicationFilters) => void;
}) {
  const { filters, onChange } = props;
  const [draft, setDraft] = useState(filters);
  // Follow outside changes (clear, browser navigation) without losing what is being typed.
  useEffect(() => setDraft(filters), [filters]);
  useDebounce(
    () => {
      if (JSON.stringify(draft) !== JSON.stringify(filters)) onChange(draft);
    },
    TYPING_DEBOUNCE_MS,
    [draft],
  );
  const active = JSON.stringify(filters) !== JSON.stringify(EMPTY_FILTERS);

  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 12 }} mb={2}>
      {TEXT_FILTERS.map(({ name, label }) => (
        <TextField
          key={name}
          id={`slipway-apps-${name}`}
          label={label}
          size="small"
          variant="outlined"
          value={draft[name]}
          onChange={event => setDraft({ ...draft, [name]: event.target.value })}
          placeholder="exact value"
        />
      ))}
      <MultiSelect
        id="slipway-apps-sync"
        label="Sync"
        options={SYNC_STATUS_CODES}
        value={filters.sync}
        onChange={value => onChange({ ...draft, sync: value as ApplicationFilters['sync'] })}
      />
      <MultiSelect
        id="slipway-apps-health"
        label="Health"
        options={HEALTH_ORDER}
        value={filters.health}
        onChange={value => onChange({ ...draft, health: value as ApplicationFilters['health'] })}
      />
      {active && (
        <Button size="small" onClick={() => onChange(EMPTY_FILTERS)}>
          Clear filters
        </Button>
      )}
    </Box>
  );
}
