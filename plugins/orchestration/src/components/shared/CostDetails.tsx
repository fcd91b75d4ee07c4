import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ANNOTATION_RESOURCES,
  Assessment,
  PlatformAssessment,
} from '@orchestration/plugin-orchestration-common';
import { formatMonthlyUsd, formatUsd, platformLabel } from './labels';

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
): string {
  if (platform.cost) return formatMonthlyUsd(platform.cost.monthlyUsd);
  if (platform.verdict === 'blocked') return 'cost: blocked';
  return sizeMissing
    ? `cost unknown: add ${ANNOTATION_RESOURCES}`
    : 'cost unknown';
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
  const priced = props.platforms.filter(p => p.cost);
  if (priced.length === 0) return null;
  return (
    <details className={classes.details} data-testid="cost-details">
      <summary>Monthly cost details</summary>
      {props.platforms.map(platform => {
        const { cost } = platform;
        return (
          <Box key={platform.id} mt={1}>
            <Typography variant="subtitle2" component="h4">
              {platformLabel(platform.id)}:{' '}
              {costText(platform, props.sizeMissing)}
            </Typography>
            {cost ? (
              <>
                <table
                  className={classes.table}
                  aria-label={`Cost of ${platform.id}`}
                >
                  <thead>
                    <tr>
                      <th>Item</th>
                      <th className="amount">Per month</th>
                      <th>Source</th>
                    </tr>
                  </thead>
                  <tbody>
                    {cost.lines.map((line, i) => (
                      <tr key={`${line.item}-${i}`}>
                        <td>{line.item}</td>
                        <td className="amount">
                          {formatUsd(line.monthlyUsd, { cents: true })}
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
                      Assumptions:
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
