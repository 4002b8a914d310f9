import { Progress } from '@backstage/core-components';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import Typography from '@material-ui/core/Typography';
import type { SlipwayResourceNode } from '@slipway/plugin-slipway-common';
import { formatResourceKey } from '@slipway/plugin-slipway-common';

export interface ResourcePickerProps {
  /** The application's managed resources; undefined while loading. */
  resources?: SlipwayResourceNode[];
  error?: Error;
  /** Keys (`group/kind/namespace/name`) of the chosen resources. */
  selected: Set<string>;
  onChange: (selected: Set<string>) => void;
}

/** Checkboxes for the resources a sync should apply, with select all / none. */
export function ResourcePicker({ resources, error, selected, onChange }: ResourcePickerProps) {
  if (error) {
    return (
      <Typography color="error" variant="body2">
        Could not load the resource tree ({error.message}); the sync will apply all resources.
      </Typography>
    );
  }
  if (!resources) return <Progress />;
  if (resources.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No resources yet: the sync applies everything rendered from Git.
      </Typography>
    );
  }
  const keys = resources.map(formatResourceKey);
  const allSelected = keys.every(key => selected.has(key));
  const toggle = (key: string) => {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    onChange(next);
  };
  return (
    <FormGroup>
      <FormControlLabel
        control={
          <Checkbox
            checked={allSelected}
            indeterminate={!allSelected && selected.size > 0}
            onChange={() => onChange(allSelected ? new Set() : new Set(keys))}
          />
        }
        label="All resources"
      />
      {resources.map((node, index) => (
        <FormControlLabel
          key={keys[index]}
          style={{ marginLeft: 16 }}
          control={
            <Checkbox
              size="small"
              checked={selected.has(keys[index])}
              onChange={() => toggle(keys[index])}
            />
          }
          label={`${node.kind}/${node.name}${node.namespace ? ` (${node.namespace})` : ''}${
            node.syncStatus === 'OutOfSync' ? ' · OutOfSync' : ''
          }`}
        />
      ))}
    </FormGroup>
  );
}
