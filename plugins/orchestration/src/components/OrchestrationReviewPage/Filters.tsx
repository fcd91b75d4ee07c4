import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import {
  AssessmentFacets,
  PLATFORM_IDS,
} from '@orchestration/plugin-orchestration-common';
import { useEffect, useState } from 'react';
import {
  OBLIGATION_STATUS_LABELS,
  OBLIGATION_STATUSES_BY_URGENCY,
  VERDICT_LABELS,
  platformShortLabel,
} from '../shared';

const PLATFORM_OPTIONS = [...PLATFORM_IDS, 'none'];
const VERDICTS = Object.keys(VERDICT_LABELS);
const STATUSES = [...OBLIGATION_STATUSES_BY_URGENCY];

// The labels sit above the fields on the page background: in the primary
// text colour they read at well over 4.5:1 (the secondary colour does not).
// Doubled class selectors outrank the label's own styles whatever the order
// of the style sheets; focus and error keep their colours.
const useLabelStyles = makeStyles(theme => ({
  label: {
    '&&': { color: theme.palette.text.primary },
    '&&.Mui-focused': { color: theme.palette.primary.main },
    '&&.Mui-error': { color: theme.palette.error.main },
  },
}));

/** Props of every filter's label: always above the field, readable. */
function useLabelProps() {
  const classes = useLabelStyles();
  return { shrink: true, className: classes.label };
}

function MultiSelect(props: {
  id: string;
  label: string;
  options: string[];
  value: string[];
  labelOf: (value: string) => string;
  counts?: Record<string, number>;
  onChange: (value: string[]) => void;
}) {
  const labelProps = useLabelProps();
  return (
    <TextField
      select
      id={props.id}
      label={props.label}
      value={props.value}
      style={{ minWidth: 190 }}
      SelectProps={{
        multiple: true,
        renderValue: selected =>
          (selected as string[]).map(props.labelOf).join(', '),
      }}
      InputLabelProps={labelProps}
      onChange={e => props.onChange(e.target.value as unknown as string[])}
    >
      {props.options.map(option => (
        <MenuItem key={option} value={option}>
          {props.labelOf(option)}
          {props.counts?.[option] !== undefined
            ? ` (${props.counts[option]})`
            : ''}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** A text filter applied when the user stops typing or presses Enter. */
function TextFilter(props: {
  label: string;
  value: string;
  placeholder?: string;
  onChange: (value: string) => void;
}) {
  const labelProps = useLabelProps();
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const { onChange, value } = props;
  useEffect(() => {
    if (text === value) return undefined;
    const timer = setTimeout(() => onChange(text), 400);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <TextField
      id={`filter-${props.label.toLocaleLowerCase('en-US')}`}
      label={props.label}
      value={text}
      placeholder={props.placeholder}
      InputLabelProps={labelProps}
      onChange={e => setText(e.target.value)}
      onKeyDown={e => {
        if (e.key === 'Enter') onChange(text);
      }}
    />
  );
}

export interface FilterValues {
  get(key: string): string | null;
}

/** The dashboard's filters; every change goes to the URL. */
export function Filters(props: {
  params: URLSearchParams;
  facets?: AssessmentFacets;
  onChange: (key: string, value: string | null) => void;
  onClear: () => void;
}) {
  const { params, facets, onChange } = props;
  const labelProps = useLabelProps();
  const listValue = (key: string) =>
    (params.get(key) ?? '').split(',').filter(Boolean);
  const setList = (key: string) => (value: string[]) =>
    onChange(key, value.length > 0 ? value.join(',') : null);
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      role="search"
      aria-label="Filter services"
      style={{ gap: 16 }}
    >
      <TextFilter
        label="Search"
        placeholder="name, title, owner, system"
        value={params.get('q') ?? ''}
        onChange={value => onChange('q', value || null)}
      />
      <TextFilter
        label="Owner"
        placeholder="group:default/web-content"
        value={params.get('owner') ?? ''}
        onChange={value => onChange('owner', value || null)}
      />
      <TextFilter
        label="System"
        placeholder="system:default/content"
        value={params.get('system') ?? ''}
        onChange={value => onChange('system', value || null)}
      />
      <MultiSelect
        id="filter-current-platform"
        label="Runs on"
        options={PLATFORM_OPTIONS}
        value={listValue('currentPlatform')}
        labelOf={platformShortLabel}
        counts={facets?.currentPlatform}
        onChange={setList('currentPlatform')}
      />
      <MultiSelect
        id="filter-recommended-platform"
        label="Recommended"
        options={[...PLATFORM_IDS]}
        value={listValue('recommendedPlatform')}
        labelOf={platformShortLabel}
        counts={facets?.recommendedPlatform}
        onChange={setList('recommendedPlatform')}
      />
      <MultiSelect
        id="filter-current-verdict"
        label="Verdict of current platform"
        options={VERDICTS}
        value={listValue('currentVerdict')}
        labelOf={v => VERDICT_LABELS[v as keyof typeof VERDICT_LABELS] ?? v}
        counts={facets?.currentVerdict}
        onChange={setList('currentVerdict')}
      />
      <MultiSelect
        id="filter-obligation-status"
        label="Obligation status"
        options={STATUSES}
        value={listValue('obligationStatus')}
        labelOf={v =>
          OBLIGATION_STATUS_LABELS[
            v as keyof typeof OBLIGATION_STATUS_LABELS
          ] ?? v
        }
        counts={facets?.obligationStatus}
        onChange={setList('obligationStatus')}
      />
      <TextField
        select
        id="filter-migration"
        label="Migration"
        value={params.get('migration') ?? ''}
        style={{ minWidth: 170 }}
        SelectProps={{ native: true }}
        InputLabelProps={labelProps}
        onChange={e => onChange('migration', e.target.value || null)}
      >
        <option value="">All services</option>
        <option value="true">Migration candidates</option>
        <option value="false">No migration</option>
      </TextField>
      <Button variant="outlined" onClick={props.onClear}>
        Clear filters
      </Button>
    </Box>
  );
}
