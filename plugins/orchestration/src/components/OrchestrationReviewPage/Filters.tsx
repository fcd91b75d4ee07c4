import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import {
  AssessmentFacets,
  ObligationStatus,
  PLATFORM_IDS,
  PLATFORM_VERDICTS,
  PlatformVerdict,
} from '@orchestration/plugin-orchestration-common';
import { useEffect, useState } from 'react';
import {
  OBLIGATION_STATUSES_BY_URGENCY,
  obligationStatusLabel,
  platformShortLabel,
  useTexts,
  verdictLabel,
} from '../shared';

const PLATFORM_OPTIONS = [...PLATFORM_IDS, 'none'];
const VERDICTS = [...PLATFORM_VERDICTS];
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
  id: string;
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
      id={props.id}
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
  const texts = useTexts();
  const { t } = texts;
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
      aria-label={t('filters.label')}
      style={{ gap: 16 }}
    >
      <TextFilter
        id="filter-search"
        label={t('filters.search')}
        placeholder={t('filters.searchPlaceholder')}
        value={params.get('q') ?? ''}
        onChange={value => onChange('q', value || null)}
      />
      <TextFilter
        id="filter-owner"
        label={t('filters.owner')}
        placeholder="group:default/web-content"
        value={params.get('owner') ?? ''}
        onChange={value => onChange('owner', value || null)}
      />
      <TextFilter
        id="filter-system"
        label={t('filters.system')}
        placeholder="system:default/content"
        value={params.get('system') ?? ''}
        onChange={value => onChange('system', value || null)}
      />
      <MultiSelect
        id="filter-current-platform"
        label={t('filters.runsOn')}
        options={PLATFORM_OPTIONS}
        value={listValue('currentPlatform')}
        labelOf={id => platformShortLabel(id, texts)}
        counts={facets?.currentPlatform}
        onChange={setList('currentPlatform')}
      />
      <MultiSelect
        id="filter-recommended-platform"
        label={t('filters.recommended')}
        options={[...PLATFORM_IDS]}
        value={listValue('recommendedPlatform')}
        labelOf={id => platformShortLabel(id, texts)}
        counts={facets?.recommendedPlatform}
        onChange={setList('recommendedPlatform')}
      />
      <MultiSelect
        id="filter-current-verdict"
        label={t('filters.currentVerdict')}
        options={VERDICTS}
        value={listValue('currentVerdict')}
        labelOf={v => verdictLabel(v as PlatformVerdict, texts)}
        counts={facets?.currentVerdict}
        onChange={setList('currentVerdict')}
      />
      <MultiSelect
        id="filter-obligation-status"
        label={t('filters.obligationStatus')}
        options={STATUSES}
        value={listValue('obligationStatus')}
        labelOf={v => obligationStatusLabel(v as ObligationStatus, texts)}
        counts={facets?.obligationStatus}
        onChange={setList('obligationStatus')}
      />
      <TextField
        select
        id="filter-migration"
        label={t('filters.migration')}
        value={params.get('migration') ?? ''}
        style={{ minWidth: 170 }}
        SelectProps={{ native: true }}
        InputLabelProps={labelProps}
        onChange={e => onChange('migration', e.target.value || null)}
      >
        <option value="">{t('filters.migrationAll')}</option>
        <option value="true">{t('filters.migrationCandidates')}</option>
        <option value="false">{t('filters.migrationNone')}</option>
      </TextField>
      <Button variant="outlined" onClick={props.onClear}>
        {t('filters.clear')}
      </Button>
    </Box>
  );
}
