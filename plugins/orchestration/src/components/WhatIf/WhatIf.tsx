import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ANNOTATION_AWS_INTEGRATIONS,
  ANNOTATION_CLUSTER,
  ANNOTATION_CURRENT_PLATFORM,
  ANNOTATION_ECOSYSTEM,
  ANNOTATION_PORTABILITY,
  ANNOTATION_REPLICAS,
  ANNOTATION_RESOURCES,
  ANNOTATION_SCHEDULING,
  ANNOTATION_WORKLOAD_TYPE,
  AWS_INTEGRATIONS,
  Assessment,
  COMPONENT_ANNOTATION_KEYS,
  CURRENT_PLATFORM_VALUES,
  ECOSYSTEM_TOOLS,
  PORTABILITY_VALUES,
  SCHEDULING_NEEDS,
  ValidationProblem,
  WORKLOAD_TYPES,
  validateEntityAnnotations,
} from '@orchestration/plugin-orchestration-common';
import { useMemo, useState } from 'react';
import { orchestrationApiRef } from '../../api';
import { RecommendationSummary } from '../AssessmentView';
import {
  annotationsYaml,
  confidenceLabel,
  correctedAnnotations,
  cutText,
  ErrorState,
  FitChart,
  isOrchestrationKey,
  isSizeMissing,
  misspeltKeys,
  OrchestrationT,
  platformLabel,
  useTexts,
  YamlBlock,
} from '../shared';

type Values = Record<string, string>;

type FieldName =
  | 'workloadType'
  | 'portability'
  | 'currentPlatform'
  | 'scheduling'
  | 'ecosystem'
  | 'awsIntegrations'
  | 'resources'
  | 'replicas'
  | 'cluster';

interface FieldSpec {
  key: string;
  /** The field's name in the messages (`whatIf.fields.<name>`). */
  name: FieldName;
  options: readonly string[];
}

const SINGLE: FieldSpec[] = [
  {
    key: ANNOTATION_WORKLOAD_TYPE,
    name: 'workloadType',
    options: WORKLOAD_TYPES,
  },
  {
    key: ANNOTATION_PORTABILITY,
    name: 'portability',
    options: PORTABILITY_VALUES,
  },
  {
    key: ANNOTATION_CURRENT_PLATFORM,
    name: 'currentPlatform',
    options: CURRENT_PLATFORM_VALUES,
  },
];

const MULTI: FieldSpec[] = [
  {
    key: ANNOTATION_SCHEDULING,
    name: 'scheduling',
    options: SCHEDULING_NEEDS,
  },
  {
    key: ANNOTATION_ECOSYSTEM,
    name: 'ecosystem',
    options: ECOSYSTEM_TOOLS,
  },
  {
    key: ANNOTATION_AWS_INTEGRATIONS,
    name: 'awsIntegrations',
    options: AWS_INTEGRATIONS,
  },
];

const TEXT: { key: string; name: FieldName; example: string }[] = [
  {
    key: ANNOTATION_RESOURCES,
    name: 'resources',
    example: 'cpu=4,memory=8Gi,gpu=1',
  },
  { key: ANNOTATION_REPLICAS, name: 'replicas', example: '3' },
  {
    key: ANNOTATION_CLUSTER,
    name: 'cluster',
    example: 'resource:default/prod-kops',
  },
];

const MULTI_OPTIONS = new Map(MULTI.map(f => [f.key, f.options]));
const SINGLE_KEYS = new Set(SINGLE.map(f => f.key));

/** Problems that mean a value cannot be read at all: it stays out of the block to copy. */
const UNREADABLE = new Set<ValidationProblem['code']>([
  'invalid-value',
  'unknown-value',
  'empty-value',
]);

const useStyles = makeStyles(theme => ({
  changed: {
    borderLeft: `3px solid ${theme.palette.primary.main}`,
    paddingLeft: `${theme.spacing(1)}px !important`,
  },
  helper: { overflowWrap: 'anywhere' },
  // Labels and messages of fields in error in the dark shade of the error
  // colour: the main shade reads at 3.7:1 on white, below the 4.5:1 of text.
  form: {
    '& .MuiFormLabel-root.Mui-error, & .MuiFormHelperText-root.Mui-error': {
      color:
        theme.palette.type === 'dark'
          ? theme.palette.error.light
          : theme.palette.error.dark,
    },
  },
}));

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(item => item.trim().toLocaleLowerCase('en-US'))
    .filter(Boolean);
}

/** A value compared across edits: lists as sets, fixed values in lower case. */
function normalised(key: string, value: string | undefined): string {
  if (MULTI_OPTIONS.has(key)) return [...new Set(listOf(value))].sort().join();
  const trimmed = (value ?? '').trim();
  return SINGLE_KEYS.has(key) ? trimmed.toLocaleLowerCase('en-US') : trimmed;
}

/** The Component annotations as the catalog has them. */
function catalogValues(entity: Entity): Values {
  const annotations = entity.metadata.annotations ?? {};
  const values: Values = {};
  for (const key of COMPONENT_ANNOTATION_KEYS) {
    if (typeof annotations[key] === 'string') values[key] = annotations[key];
  }
  return values;
}

/**
 * Where the form starts: the catalog values, with the values of misspelt
 * keys under the keys they were meant for.
 */
function initialValues(entity: Entity): Values {
  const annotations = entity.metadata.annotations ?? {};
  const misspelt = misspeltKeys(validateEntityAnnotations(entity), annotations);
  if (misspelt.length === 0) return catalogValues(entity);
  return correctedAnnotations(annotations, misspelt).annotations;
}

/** The orchestration annotations as they would be written, empty ones left out. */
export function whatIfAnnotations(values: Values): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of COMPONENT_ANNOTATION_KEYS) {
    const value = values[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/**
 * The entity with its orchestration annotations replaced by `values`: every
 * other `orchestration.io/` key (misspelt ones included) is dropped, so the
 * form is the whole of what is assessed.
 */
export function withAnnotations(entity: Entity, values: Values): Entity {
  const others = Object.fromEntries(
    Object.entries(entity.metadata.annotations ?? {}).filter(
      ([key]) => !isOrchestrationKey(key),
    ),
  );
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: { ...others, ...whatIfAnnotations(values) },
    },
  };
}

/** Problems of the what-if annotations, by key, from the catalog's own parser. */
export function whatIfProblems(
  entity: Entity,
  values: Values,
): Map<string, ValidationProblem[]> {
  const byKey = new Map<string, ValidationProblem[]>();
  for (const problem of validateEntityAnnotations(
    withAnnotations(entity, values),
  )) {
    byKey.set(problem.key, [...(byKey.get(problem.key) ?? []), problem]);
  }
  return byKey;
}

/**
 * The annotations to copy: only what the parser can read. A fixed value
 * that cannot be read is left out, a list keeps its valid items; `left`
 * says what was left out and why.
 */
export function copyableAnnotations(
  values: Values,
  problems: Map<string, ValidationProblem[]>,
): {
  annotations: Record<string, string>;
  left: { key: string; message: string }[];
} {
  const annotations: Record<string, string> = {};
  const left: { key: string; message: string }[] = [];
  for (const [key, value] of Object.entries(whatIfAnnotations(values))) {
    const unreadable = (problems.get(key) ?? []).find(
      p => p.severity === 'error' && UNREADABLE.has(p.code),
    );
    if (!unreadable) {
      annotations[key] = value;
      continue;
    }
    left.push({ key, message: unreadable.message });
    const options = MULTI_OPTIONS.get(key);
    if (options) {
      const valid = [...new Set(listOf(value))].filter(item =>
        options.includes(item),
      );
      if (valid.length > 0) annotations[key] = valid.join(', ');
    }
  }
  return { annotations, left };
}

/** The parser's messages for one field, beside it. */
function FieldProblems(props: { problems: ValidationProblem[] }) {
  const { t } = useTexts();
  if (props.problems.length === 0) return null;
  return (
    <>
      {props.problems.map((p, i) => (
        <span key={i} style={{ display: 'block' }}>
          {p.severity === 'error'
            ? p.message
            : t('whatIf.note', { message: p.message })}
        </span>
      ))}
    </>
  );
}

/** `Changed: was aws-only.` */
function changeText(was: string | undefined, t: OrchestrationT): string {
  const before = was?.trim();
  return before
    ? t('whatIf.changedFrom', { value: cutText(before, 60) })
    : t('whatIf.changedFromNothing');
}

/**
 * Change the annotations, check them with the catalog's own parser as they
 * are typed, assess the changed entity on the backend and copy the
 * resulting annotations. Values the parser cannot read are shown beside
 * their field and kept out of the block to copy.
 */
export function WhatIf(props: { entity: Entity; current: Assessment }) {
  const { entity, current } = props;
  const api = useApi(orchestrationApiRef);
  const classes = useStyles();
  const texts = useTexts();
  const { t } = texts;
  const catalog = useMemo(() => catalogValues(entity), [entity]);
  const [values, setValues] = useState<Values>(() => initialValues(entity));
  const [result, setResult] = useState<
    { assessment: Assessment; annotations: Record<string, string> } | undefined
  >();
  const [error, setError] = useState<Error | undefined>();
  const [loading, setLoading] = useState(false);

  const problems = useMemo(
    () => whatIfProblems(entity, values),
    [entity, values],
  );
  const copyable = useMemo(
    () => copyableAnnotations(values, problems),
    [values, problems],
  );
  const changed = (key: string) =>
    normalised(key, values[key]) !== normalised(key, catalog[key]);
  const changedKeys = COMPONENT_ANNOTATION_KEYS.filter(changed);

  const set = (key: string, value: string) =>
    setValues(previous => ({ ...previous, [key]: value }));

  const toggle = (key: string, option: string, checked: boolean) => {
    const items = listOf(values[key]).filter(item => item !== option);
    if (checked) items.push(option);
    set(key, items.join(', '));
  };

  const evaluate = async () => {
    setLoading(true);
    setError(undefined);
    const annotations = copyable.annotations;
    try {
      const response = await api.evaluate({
        entity: withAnnotations(entity, annotations),
      });
      setResult({ assessment: response.assessment, annotations });
    } catch (e) {
      setError(e as Error);
      setResult(undefined);
    } finally {
      setLoading(false);
    }
  };

  const reset = () => {
    setValues(initialValues(entity));
    setResult(undefined);
    setError(undefined);
  };

  const helper = (key: string, extra?: string) => {
    const fieldProblems = problems.get(key) ?? [];
    return (
      <span className={classes.helper}>
        <span style={{ display: 'block' }}>
          {extra ? t('whatIf.keyWithExample', { key, example: extra }) : key}
        </span>
        <FieldProblems problems={fieldProblems} />
        {changed(key) ? (
          <span style={{ display: 'block' }} data-testid={`changed-${key}`}>
            {changeText(catalog[key], t)}
          </span>
        ) : null}
      </span>
    );
  };
  const hasError = (key: string) =>
    (problems.get(key) ?? []).some(
      p => p.severity === 'error' && UNREADABLE.has(p.code),
    );
  const fieldId = (key: string) => `what-if-${key.replace(/\W/g, '-')}`;

  return (
    <Box className={classes.form}>
      <Typography variant="body2" paragraph>
        {t('whatIf.intro', { file: <code>catalog-info.yaml</code> })}
      </Typography>
      <Grid container spacing={2}>
        {SINGLE.map(field => {
          const value =
            values[field.key]?.trim().toLocaleLowerCase('en-US') ?? '';
          const unknown = value !== '' && !field.options.includes(value);
          return (
            <Grid
              item
              xs={12}
              sm={4}
              key={field.key}
              className={changed(field.key) ? classes.changed : undefined}
            >
              <TextField
                select
                fullWidth
                id={fieldId(field.key)}
                label={t(`whatIf.fields.${field.name}`)}
                helperText={helper(field.key)}
                error={hasError(field.key)}
                value={value}
                onChange={e => set(field.key, e.target.value)}
                SelectProps={{ native: true }}
                InputLabelProps={{ shrink: true }}
              >
                <option value="">{t('whatIf.notSet')}</option>
                {unknown ? (
                  <option value={value}>
                    {t('whatIf.unreadableOption', {
                      value: cutText(value, 40),
                    })}
                  </option>
                ) : null}
                {field.options.map(option => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </TextField>
            </Grid>
          );
        })}
        {MULTI.map(field => {
          const items = listOf(values[field.key]);
          const fieldProblems = problems.get(field.key) ?? [];
          return (
            <Grid
              item
              xs={12}
              md={4}
              key={field.key}
              className={changed(field.key) ? classes.changed : undefined}
            >
              <FormControl component="fieldset" error={hasError(field.key)}>
                <FormLabel component="legend">
                  {t('common.nameWithId', {
                    name: t(`whatIf.fields.${field.name}`),
                    id: field.key,
                  })}
                </FormLabel>
                <FormGroup>
                  {field.options.map(option => (
                    <FormControlLabel
                      key={option}
                      label={option}
                      control={
                        <Checkbox
                          size="small"
                          checked={items.includes(option)}
                          onChange={e =>
                            toggle(field.key, option, e.target.checked)
                          }
                        />
                      }
                    />
                  ))}
                </FormGroup>
                {fieldProblems.length > 0 ? (
                  <FormHelperText className={classes.helper}>
                    <FieldProblems problems={fieldProblems} />
                  </FormHelperText>
                ) : null}
                {changed(field.key) ? (
                  <FormHelperText
                    error={false}
                    data-testid={`changed-${field.key}`}
                  >
                    {changeText(catalog[field.key], t)}
                  </FormHelperText>
                ) : null}
              </FormControl>
            </Grid>
          );
        })}
        {TEXT.map(field => (
          <Grid
            item
            xs={12}
            sm={4}
            key={field.key}
            className={changed(field.key) ? classes.changed : undefined}
          >
            <TextField
              fullWidth
              id={fieldId(field.key)}
              label={t(`whatIf.fields.${field.name}`)}
              helperText={helper(field.key, field.example)}
              error={hasError(field.key)}
              value={values[field.key] ?? ''}
              onChange={e => set(field.key, e.target.value)}
            />
          </Grid>
        ))}
      </Grid>
      <Box
        mt={2}
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 8 }}
      >
        <Button
          variant="contained"
          color="primary"
          onClick={evaluate}
          disabled={loading}
        >
          {loading ? t('whatIf.evaluating') : t('whatIf.evaluate')}
        </Button>
        <Button variant="outlined" onClick={reset}>
          {t('whatIf.reset')}
        </Button>
        <Typography
          variant="body2"
          component="span"
          data-testid="what-if-summary"
        >
          {changedKeys.length === 0
            ? t('whatIf.nothingChanged')
            : t('whatIf.changedCount', { count: changedKeys.length })}
          {copyable.left.length > 0
            ? ` ${t('whatIf.leftOutCount', { count: copyable.left.length })}`
            : ''}
        </Typography>
      </Box>
      {error ? (
        <Box mt={2}>
          <ErrorState error={error} title={t('whatIf.failed')} />
        </Box>
      ) : null}
      {result ? (
        <Box mt={2} data-testid="what-if-result" aria-live="polite">
          <Typography variant="h6" component="h3">
            {t('whatIf.resultTitle')}
          </Typography>
          <Typography variant="body2" paragraph>
            {t('whatIf.comparison', {
              now: platformLabel(current.recommendation.platform, texts),
              nowConfidence: confidenceLabel(
                current.recommendation.confidence,
                texts,
              ),
              whatIf: platformLabel(
                result.assessment.recommendation.platform,
                texts,
              ),
              whatIfConfidence: confidenceLabel(
                result.assessment.recommendation.confidence,
                texts,
              ),
            })}
          </Typography>
          <RecommendationSummary assessment={result.assessment} />
          <Box mt={2}>
            <FitChart
              platforms={result.assessment.platforms}
              sizeMissing={isSizeMissing(result.assessment)}
              current={result.annotations[
                ANNOTATION_CURRENT_PLATFORM
              ]?.trim().toLocaleLowerCase('en-US')}
            />
          </Box>
          <Typography variant="subtitle2" component="p">
            {t('whatIf.toCopy')}
          </Typography>
          <YamlBlock
            text={annotationsYaml(result.annotations)}
            aria-label={t('whatIf.toCopy')}
          />
        </Box>
      ) : null}
      {copyable.left.length > 0 ? (
        <Box mt={1} data-testid="what-if-left-out">
          <Typography variant="body2" component="p">
            {t('whatIf.leftOut')}
          </Typography>
          <Box component="ul" pl={2} my={0.5}>
            {copyable.left.map(item => (
              <li key={item.key}>
                <Typography variant="body2" component="span">
                  <code>{item.key}</code>: {item.message}
                </Typography>
              </li>
            ))}
          </Box>
        </Box>
      ) : null}
    </Box>
  );
}
