import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ANNOTATION_RESOURCES,
  Assessment,
  PlatformAssessment,
} from '@orchestration/plugin-orchestration-common';
import { defaultTexts, Texts, useTexts } from './i18n';
import { formatMonthlyUsd, platformLabel } from './labels';

const useStyles = makeStyles(theme => ({
  details: {
    marginTop: theme.spacing(1),
    '& > summary': {
      cursor: 'pointer',
      ...theme.typography.body2,
      color: theme.palette.primary.main,
    },
  },
  table: {
    borderCollapse: 'collapse',
    margin: theme.spacing(0.5, 0, 1),
    '& td, & th': {
      ...theme.typography.body2,
      padding: theme.spacing(0.25, 1.5, 0.25, 0),
      textAlign: 'left',
      verticalAlign: 'top',
    },
    '& td.amount, & th.amount': { textAlign: 'right', whiteSpace: 'nowrap' },
  },
}));

/** Whether the size of one task is missing or unreadable, so no cost can be given. */
export function isSizeMissing(assessment: Pick<Assessment, 'missing'>) {
  return assessment.missing.some(m => m.key === ANNOTATION_RESOURCES);
}

/**
 * The monthly cost of one platform in a few words, or why there is none:
 * blocked, or the size is missing (`sizeMissing`), or no price fits it.
 */
export function costText(
  platform: PlatformAssessment,
  sizeMissing: boolean,
  texts: Texts = defaultTexts(),
): string {
  const { t } = texts;
  if (platform.cost) return formatMonthlyUsd(platform.cost.monthlyUsd, texts);
  if (platform.verdict === 'blocked') return t('costDetails.blocked');
  return sizeMissing
    ? t('costDetails.unknownAddSize', { key: ANNOTATION_RESOURCES })
    : t('costDetails.unknown');
}

/** Whether a cost line's source is a secondary one. */
function isSecondary(source: string): boolean {
  return /\(secondary\)/i.test(source);
}

/**
 * The cost breakdown of every platform, collapsed by default: each line with
 * the source keys of its price, and the assumptions behind the figure.
 */
export function CostDetails(props: {
  platforms: PlatformAssessment[];
  sizeMissing: boolean;
}) {
  const classes = useStyles();
  const texts = useTexts();
  const { t, fmt } = texts;
  const priced = props.platforms.filter(p => p.cost);
  if (priced.length === 0) return null;
  return (
    <details className={classes.details} data-testid="cost-details">
      <summary>{t('costDetails.summary')}</summary>
      {props.platforms.map(platform => {
        const { cost } = platform;
        return (
          <Box key={platform.id} mt={1}>
            <Typography variant="subtitle2" component="h4">
              {t('costDetails.heading', {
                platform: platformLabel(platform.id, texts),
                cost: costText(platform, props.sizeMissing, texts),
              })}
            </Typography>
            {cost ? (
              <>
                <table
                  className={classes.table}
                  aria-label={t('costDetails.tableLabel', {
                    platform: platform.id,
                  })}
                >
                  <thead>
                    <tr>
                      <th>{t('costDetails.item')}</th>
                      <th className="amount">{t('costDetails.perMonth')}</th>
                      <th>{t('costDetails.source')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {cost.lines.map((line, i) => (
                      <tr key={`${line.item}-${i}`}>
                        <td>{line.item}</td>
                        <td className="amount">
                          {fmt.currency(line.monthlyUsd)}
                        </td>
                        <td>
                          {isSecondary(line.source) ? (
                            <em>{line.source}</em>
                          ) : (
                            line.source
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {cost.assumptions.length > 0 ? (
                  <>
                    <Typography variant="body2" component="p">
                      {t('costDetails.assumptions')}
                    </Typography>
                    <Box component="ul" pl={2} my={0}>
                      {cost.assumptions.map(assumption => (
                        <li key={assumption}>
                          <Typography variant="body2" component="span">
                            {assumption}
                          </Typography>
                        </li>
                      ))}
                    </Box>
                  </>
                ) : null}
              </>
            ) : null}
          </Box>
        );
      })}
    </details>
  );
}
