import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  COMPONENT_ANNOTATION_KEYS,
  parseComponentAnnotations,
} from '@orchestration/plugin-orchestration-common';
import {
  AnnotationValues,
  annotationsYaml,
  correctedAnnotations,
  LongText,
  MisspeltKey,
  YamlBlock,
} from '../shared';

/**
 * The misspelt keys in one place: each with the key meant, a block with the
 * owner's own values under the corrected keys to copy, what the parser still
 * finds in that block, and the keys a Component can carry, listed once.
 */
export function MisspeltKeys(props: {
  misspelt: readonly MisspeltKey[];
  annotations: AnnotationValues;
  /** The Component's namespace, for reading the cluster reference. */
  namespace?: string;
}) {
  const { misspelt, annotations } = props;
  if (misspelt.length === 0) return null;
  const corrected = correctedAnnotations(annotations, misspelt);
  const renamed = new Set(misspelt.filter(m => !m.duplicate).map(m => m.key));
  const remaining = parseComponentAnnotations(corrected.annotations, {
    namespace: props.namespace,
  }).problems.filter(p => renamed.has(p.key) && p.severity !== 'info');
  const title = `${misspelt.length} key${
    misspelt.length === 1 ? '' : 's'
  } misspelt`;
  return (
    <InfoCard title={title} titleTypographyProps={{ component: 'h3' }}>
      <Box data-testid="misspelt-keys">
        <Typography variant="body2" component="p">
          These annotations are written but not read, as their keys are
          misspelt:
        </Typography>
        <Box component="ul" pl={2} my={1}>
          {misspelt.map(m => (
            <li key={m.written}>
              <Typography variant="body2" component="span">
                <LongText code text={m.written} /> →{' '}
                {m.duplicate ? (
                  <>
                    remove it: <code>{m.key}</code> is written as well
                  </>
                ) : (
                  <code>{m.key}</code>
                )}
                {m.value !== undefined ? (
                  <>
                    {' '}
                    (value <LongText code text={m.value} />)
                  </>
                ) : null}
              </Typography>
            </li>
          ))}
        </Box>
        <Typography variant="body2" component="p">
          Replace the <code>orchestration.io/</code> annotations in{' '}
          <code>catalog-info.yaml</code> with this block: your own values, under
          the corrected keys.
        </Typography>
        <Box my={1}>
          <YamlBlock
            text={annotationsYaml(corrected.annotations)}
            aria-label="Corrected annotations"
          />
        </Box>
        {corrected.left.length > 0 ? (
          <Typography variant="body2" component="p">
            Left out of the block:{' '}
            {corrected.left.map((key, i) => (
              <span key={key}>
                {i > 0 ? ', ' : ''}
                <LongText code text={key} />
              </span>
            ))}
            .
          </Typography>
        ) : null}
        {remaining.length > 0 ? (
          <Box data-testid="misspelt-remaining">
            <Typography variant="body2" component="p">
              Once renamed, the parser still finds:
            </Typography>
            <Box component="ul" pl={2} my={0.5}>
              {remaining.map((p, i) => (
                <li key={`${p.key}-${i}`}>
                  <Typography variant="body2" component="span">
                    {p.message}
                  </Typography>
                </li>
              ))}
            </Box>
          </Box>
        ) : null}
        <Typography variant="body2" component="p" data-testid="allowed-keys">
          Keys a Component can carry: {COMPONENT_ANNOTATION_KEYS.join(', ')}.
        </Typography>
      </Box>
    </InfoCard>
  );
}
