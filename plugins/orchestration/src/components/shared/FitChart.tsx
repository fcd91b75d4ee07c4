import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PlatformAssessment } from '@orchestration/plugin-orchestration-common';
import { costText, CostDetails } from './CostDetails';
import { platformLabel, VERDICT_LABELS } from './labels';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(12rem, 16rem) 1fr minmax(9rem, auto)',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    marginBottom: theme.spacing(1),
  },
  track: {
    height: 18,
    borderRadius: 4,
    backgroundColor: theme.palette.action.hover,
    overflow: 'hidden',
  },
  bar: { height: '100%' },
  recommended: { backgroundColor: theme.palette.success.main },
  good: { backgroundColor: theme.palette.info.main },
  possible: { backgroundColor: theme.palette.warning.light },
  poor: { backgroundColor: theme.palette.warning.dark },
  blocked: {
    backgroundImage: `repeating-linear-gradient(45deg, ${theme.palette.error.main} 0 6px, transparent 6px 12px)`,
  },
}));

/**
 * The fit of each platform as horizontal bars. Each bar carries its number
 * and verdict in text, so the chart reads without colour; beside it the
 * monthly cost, with the breakdown collapsed below the bars.
 */
export function FitChart(props: {
  platforms: PlatformAssessment[];
  showCost?: boolean;
  /** The size of one task is missing: the cost says which annotation to add. */
  sizeMissing?: boolean;
}) {
  const classes = useStyles();
  const showCost = props.showCost ?? true;
  const sizeMissing = props.sizeMissing ?? false;
  return (
    <>
      <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {props.platforms.map(platform => (
          <li key={platform.id} className={classes.row}>
            <Typography variant="body2" component="span">
              {platformLabel(platform.id)}
            </Typography>
            <div
              className={classes.track}
              role="meter"
              aria-label={`Fit of ${platform.id}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={platform.fit}
              aria-valuetext={`${platform.fit} out of 100, ${
                VERDICT_LABELS[platform.verdict]
              }`}
            >
              <div
                className={`${classes.bar} ${classes[platform.verdict]}`}
                style={{
                  width: `${
                    platform.verdict === 'blocked' ? 100 : platform.fit
                  }%`,
                }}
              />
            </div>
            <Typography variant="body2" component="span">
              <strong>{platform.fit}</strong>/100 ·{' '}
              {VERDICT_LABELS[platform.verdict]}
              {platform.score === platform.fit
                ? null
                : ` (score ${platform.score} before the 0-100 cap)`}
              {showCost ? (
                <span data-testid={`cost-${platform.id}`}>
                  {' '}
                  · {costText(platform, sizeMissing)}
                </span>
              ) : null}
            </Typography>
          </li>
        ))}
      </Box>
      {showCost ? (
        <CostDetails platforms={props.platforms} sizeMissing={sizeMissing} />
      ) : null}
    </>
  );
}
