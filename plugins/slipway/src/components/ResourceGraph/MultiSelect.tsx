import { ChangeEvent } from 'react';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';

/** A labelled multiple-choice filter; no choice means "any". */
export function MultiSelect(props: {
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
