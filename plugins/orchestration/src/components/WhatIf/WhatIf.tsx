import { CodeSnippet } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_AWS_INTEGRATIONS,
  ANNOTATION_CLUSTER,
  ANNOTATION_CURRENT_PLATFORM,
  ANNOTATION_ECOSYSTEM,
  ANNOTATION_PORTABILITY,
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
  WORKLOAD_TYPES,
} from '@orchestration/plugin-orchestration-common';
import { useState } from 'react';
import { orchestrationApiRef } from '../../api';
import { RecommendationSummary } from '../AssessmentView';
import {
  annotationsYaml,
  CONFIDENCE_LABELS,
  ErrorState,
  FitChart,
  isSizeMissing,
  platformLabel,
} from '../shared';

type Values = Record<string, string>;

const SINGLE: { key: string; label: string; options: readonly string[] }[] = [
  {
    key: ANNOTATION_WORKLOAD_TYPE,
    label: 'Workload type',
    options: WORKLOAD_TYPES,
  },
  {
    key: ANNOTATION_PORTABILITY,
    label: 'Portability',
    options: PORTABILITY_VALUES,
  },
  {
    key: ANNOTATION_CURRENT_PLATFORM,
    label: 'Current platform',
    options: CURRENT_PLATFORM_VALUES,
  },
];

const MULTI: { key: string; label: string; options: readonly string[] }[] = [
  {
    key: ANNOTATION_SCHEDULING,
    label: 'Scheduling needs',
    options: SCHEDULING_NEEDS,
  },
  {
    key: ANNOTATION_ECOSYSTEM,
    label: 'Kubernetes ecosystem',
    options: ECOSYSTEM_TOOLS,
  },
  {
    key: ANNOTATION_AWS_INTEGRATIONS,
    label: 'AWS integrations',
    options: AWS_INTEGRATIONS,
  },
];

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(item => item.trim().toLocaleLowerCase('en-US'))
    .filter(Boolean);
}

function initialValues(entity: Entity): Values {
  const annotations = entity.metadata.annotations ?? {};
  const values: Values = {};
  for (const key of COMPONENT_ANNOTATION_KEYS) {
    if (annotations[key] !== undefined) values[key] = annotations[key];
  }
  return values;
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

/** The entity with its orchestration annotations replaced by `values`. */
export function withAnnotations(entity: Entity, values: Values): Entity {
  const others = Object.fromEntries(
    Object.entries(entity.metadata.annotations ?? {}).filter(
      ([key]) =>
        !(COMPONENT_ANNOTATION_KEYS as readonly string[]).includes(key),
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

/**
 * Change the annotation values, assess the changed entity on the backend and
 * copy the resulting annotations.
 */
export function WhatIf(props: { entity: Entity; current: Assessment }) {
  const { entity, current } = props;
  const api = useApi(orchestrationApiRef);
  const [values, setValues] = useState<Values>(() => initialValues(entity));
  const [result, setResult] = useState<Assessment | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [loading, setLoading] = useState(false);

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
    try {
      const response = await api.evaluate({
        entity: withAnnotations(entity, values),
      });
      setResult(response.assessment);
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

  return (
    <Box>
      <Typography variant="body2" paragraph>
        Change the annotations and evaluate: nothing is saved. Copy the result
        into <code>catalog-info.yaml</code> to make it real.
      </Typography>
      <Grid container spacing={2}>
        {SINGLE.map(field => (
          <Grid item xs={12} sm={4} key={field.key}>
            <TextField
              select
              fullWidth
              id={`what-if-${field.key.replace(/\W/g, '-')}`}
              label={field.label}
              helperText={field.key}
              value={values[field.key]?.trim().toLocaleLowerCase('en-US') ?? ''}
              onChange={e => set(field.key, e.target.value)}
              SelectProps={{ native: true }}
              InputLabelProps={{ shrink: true }}
            >
              <option value="">(not set)</option>
              {field.options.map(option => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </TextField>
          </Grid>
        ))}
        {MULTI.map(field => (
          <Grid item xs={12} md={4} key={field.key}>
            <FormControl component="fieldset">
              <FormLabel component="legend">
                {field.label} ({field.key})
              </FormLabel>
              <FormGroup>
                {field.options.map(option => (
                  <FormControlLabel
                    key={option}
                    label={option}
                    control={
                      <Checkbox
                        size="small"
                        checked={listOf(values[field.key]).includes(option)}
                        onChange={e =>
                          toggle(field.key, option, e.target.checked)
                        }
                      />
                    }
                  />
                ))}
              </FormGroup>
            </FormControl>
          </Grid>
        ))}
        <Grid item xs={12} sm={6}>
          <TextField
            fullWidth
            id="what-if-resources"
            label="Resources"
            helperText={`${ANNOTATION_RESOURCES}, e.g. cpu=4,memory=8Gi,gpu=1`}
            value={values[ANNOTATION_RESOURCES] ?? ''}
            onChange={e => set(ANNOTATION_RESOURCES, e.target.value)}
          />
        </Grid>
        <Grid item xs={12} sm={6}>
          <TextField
            fullWidth
            id="what-if-cluster"
            label="Cluster"
            helperText={`${ANNOTATION_CLUSTER}, e.g. resource:default/prod-kops`}
            value={values[ANNOTATION_CLUSTER] ?? ''}
            onChange={e => set(ANNOTATION_CLUSTER, e.target.value)}
          />
        </Grid>
      </Grid>
      <Box mt={2} display="flex" style={{ gap: 8 }}>
        <Button
          variant="contained"
          color="primary"
          onClick={evaluate}
          disabled={loading}
        >
          {loading ? 'Evaluating…' : 'Evaluate'}
        </Button>
        <Button variant="outlined" onClick={reset}>
          Reset to the catalog values
        </Button>
      </Box>
      {error ? (
        <Box mt={2}>
          <ErrorState error={error} title="The what-if evaluation failed" />
        </Box>
      ) : null}
      {result ? (
        <Box mt={2} data-testid="what-if-result" aria-live="polite">
          <Typography variant="h6" component="h3">
            With these annotations
          </Typography>
          <Typography variant="body2" paragraph>
            Today: {platformLabel(current.recommendation.platform)} (
            {CONFIDENCE_LABELS[current.recommendation.confidence]}). What-if:{' '}
            {platformLabel(result.recommendation.platform)} (
            {CONFIDENCE_LABELS[result.recommendation.confidence]}).
          </Typography>
          <RecommendationSummary assessment={result} />
          <Box mt={2}>
            <FitChart
              platforms={result.platforms}
              sizeMissing={isSizeMissing(result)}
            />
          </Box>
          <Typography variant="subtitle2" component="p">
            The annotations to copy
          </Typography>
          <CodeSnippet
            text={annotationsYaml(whatIfAnnotations(values))}
            language="yaml"
            showCopyCodeButton
          />
        </Box>
      ) : null}
    </Box>
  );
}
