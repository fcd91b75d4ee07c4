import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import BlockIcon from '@material-ui/icons/Block';
import { PlatformAssessment } from '@orchestration/plugin-orchestration-common';
import { costText, CostDetails } from './CostDetails';
import { useTexts } from './i18n';
import { platformLabel, verdictLabel } from './labels';
import { blockText } from './nextAction';
import { PlatformReasons } from './PlatformReasons';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    // Fixed bounds, so the bars of every row share one scale.
    gridTemplateColumns: 'minmax(7rem, 13rem) minmax(0, 1fr)',
    alignItems: 'center',
    columnGap: theme.spacing(1.5),
    rowGap: theme.spacing(0.25),
    marginBottom: theme.spacing(1.25),
    '& > *': { minWidth: 0, overflowWrap: 'anywhere' },
  },
  blockedLine: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  label: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.75),
  },
  today: {
    ...theme.typography.caption,
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1.4,
    padding: theme.spacing(0, 0.75),
    borderRadius: 4,
    border: `1px solid ${theme.palette.text.primary}`,
    whiteSpace: 'nowrap',
  },
  track: {
    height: 14,
    marginBottom: 2,
    borderRadius: 4,
    backgroundColor: theme.palette.action.hover,
    overflow: 'hidden',
  },
  bar: { height: '100%' },
  reasonsLine: { gridColumn: 2, margin: 0 },
  reasonsPanel: { gridColumn: '1 / -1' },
  recommended: { backgroundColor: theme.palette.success.main },
  good: { backgroundColor: theme.palette.info.main },
  possible: { backgroundColor: theme.palette.warning.light },
  poor: { backgroundColor: theme.palette.warning.dark },
  blocked: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    ...theme.typography.caption,
    fontWeight: theme.typography.fontWeightBold as number,
    color: theme.palette.error.main,
    border: `1px solid ${theme.palette.error.main}`,
    borderRadius: 4,
    padding: theme.spacing(0, 0.75),
    whiteSpace: 'nowrap',
    '& svg': { fontSize: 14 },
  },
}));

/**
 * The fit of each platform as horizontal bars, all on one scale. Under each
 * bar its number, verdict and monthly cost in text, so the chart reads
 * without colour; the cost breakdown is collapsed below the bars. A blocked
 * platform gets a short "Blocked" label and the rule that blocks it, not a
 * bar; the platform it runs on today is marked "today". With `reasons`, each
 * platform has one line under its bar for the rules for and against it,
 * which opens.
 */
export function FitChart(props: {
  platforms: PlatformAssessment[];
  showCost?: boolean;
  /** The size of one task is missing: the cost says which annotation to add. */
  sizeMissing?: boolean;
  /** Where the service runs today (a platform id), marked in the chart. */
  current?: string | null;
  /** Under each platform, the rules for and against it (collapsed). */
  reasons?: boolean;
}) {
  const classes = useStyles();
  const texts = useTexts();
  const { t } = texts;
  const showCost = props.showCost ?? true;
  const sizeMissing = props.sizeMissing ?? false;
  return (
    <>
      <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {props.platforms.map(platform => {
          const today = platform.id === props.current;
          const blocked = platform.verdict === 'blocked';
          return (
            <li
              key={platform.id}
              className={classes.row}
              data-testid={`fit-${platform.id}`}
            >
              <span className={classes.label}>
                <Typography variant="body2" component="span">
                  {platformLabel(platform.id, texts)}
                </Typography>
                {today ? (
                  <span
                    className={classes.today}
                    title={t('fitChart.todayTitle')}
                    data-testid="today-marker"
                  >
                    {t('fitChart.today')}
                  </span>
                ) : null}
              </span>
              {blocked ? (
                <span className={classes.blockedLine}>
                  <span className={classes.blocked}>
                    <BlockIcon aria-hidden />
                    {t('fitChart.blocked')}
                  </span>
                  <Typography variant="body2" component="span">
                    {blockText(platform, texts)}
                  </Typography>
                </span>
              ) : (
                <div>
                  <div
                    className={classes.track}
                    role="meter"
                    aria-label={t('fitChart.meterLabel', {
                      platform: platform.id,
                    })}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={platform.fit}
                    aria-valuetext={t('fitChart.meterValue', {
                      fit: texts.fmt.number(platform.fit),
                      verdict: verdictLabel(platform.verdict, texts),
                    })}
                  >
                    <div
                      className={`${classes.bar} ${classes[platform.verdict]}`}
                      style={{ width: `${platform.fit}%` }}
                    />
                  </div>
                  <Typography variant="body2" component="span">
                    {t('fitChart.fit', {
                      fit: <strong>{texts.fmt.number(platform.fit)}</strong>,
                      verdict: verdictLabel(platform.verdict, texts),
                    })}
                    {platform.score === platform.fit
                      ? null
                      : ` ${t('fitChart.uncapped', {
                          score: texts.fmt.number(platform.score),
                        })}`}
                    {showCost ? (
                      <span data-testid={`cost-${platform.id}`}>
                        {' '}
                        · {costText(platform, sizeMissing, texts)}
                      </span>
                    ) : null}
                  </Typography>
                </div>
              )}
              {props.reasons ? (
                <PlatformReasons
                  platform={platform}
                  classes={{
                    line: classes.reasonsLine,
                    panel: classes.reasonsPanel,
                  }}
                />
              ) : null}
            </li>
          );
        })}
      </Box>
      {showCost ? (
        <CostDetails platforms={props.platforms} sizeMissing={sizeMissing} />
      ) : null}
    </>
  );
}
