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
  useTexts,
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
  const { t } = useTexts();
  if (misspelt.length === 0) return null;
  const corrected = correctedAnnotations(annotations, misspelt);
  const renamed = new Set(misspelt.filter(m => !m.duplicate).map(m => m.key));
  const remaining = parseComponentAnnotations(corrected.annotations, {
    namespace: props.namespace,
  }).problems.filter(p => renamed.has(p.key) && p.severity !== 'info');
  const title = t('misspelt.title', { count: misspelt.length });
  return (
    <InfoCard title={title} titleTypographyProps={{ component: 'h3' }}>
      <Box data-testid="misspelt-keys">
        <Typography variant="body2" component="p">
          {t('misspelt.intro')}
        </Typography>
        <Box component="ul" pl={2} my={1}>
          {misspelt.map(m => (
            <li key={m.written}>
              <Typography variant="body2" component="span">
                {t('misspelt.rename', {
                  written: <LongText code text={m.written} />,
                  fix: m.duplicate ? (
                    t('misspelt.remove', { key: <code>{m.key}</code> })
                  ) : (
                    <code>{m.key}</code>
                  ),
                })}
                {m.value !== undefined ? (
                  <>
                    {' '}
                    {t('misspelt.value', {
                      value: <LongText code text={m.value} />,
                    })}
                  </>
                ) : null}
              </Typography>
            </li>
          ))}
        </Box>
        <Typography variant="body2" component="p">
          {t('misspelt.replace', {
            prefix: <code>orchestration.io/</code>,
            file: <code>catalog-info.yaml</code>,
          })}
        </Typography>
        <Box my={1}>
          <YamlBlock
            text={annotationsYaml(corrected.annotations)}
            aria-label={t('misspelt.blockLabel')}
          />
        </Box>
        {corrected.left.length > 0 ? (
          <Typography variant="body2" component="p">
            {t('misspelt.leftOut', {
              keys: (
                <>
                  {corrected.left.map((key, i) => (
                    <span key={key}>
                      {i > 0 ? ', ' : ''}
                      <LongText code text={key} />
                    </span>
                  ))}
                </>
              ),
            })}
          </Typography>
        ) : null}
        {remaining.length > 0 ? (
          <Box data-testid="misspelt-remaining">
            <Typography variant="body2" component="p">
              {t('misspelt.stillFinds')}
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
          {t('problems.allowedKeys', {
            keys: COMPONENT_ANNOTATION_KEYS.join(', '),
          })}
        </Typography>
      </Box>
    </InfoCard>
  );
}
