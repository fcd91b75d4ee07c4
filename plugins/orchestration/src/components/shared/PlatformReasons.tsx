import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  PlatformAssessment,
  Reason,
} from '@orchestration/plugin-orchestration-common';
import { useState } from 'react';
import { Texts, useTexts } from './i18n';
import { ruleLabel } from './labels';
import { LongText } from './LongText';
import { NamedOptions } from './NamedOptions';

const useStyles = makeStyles(theme => ({
  panel: {
    padding: theme.spacing(0.5, 1.5),
    borderLeft: `3px solid ${theme.palette.divider}`,
    margin: theme.spacing(0.5, 0, 1),
  },
  evidence: {
    '& > summary': {
      cursor: 'pointer',
      ...theme.typography.body2,
      color: theme.palette.text.secondary,
    },
  },
  list: { margin: theme.spacing(0.5, 0, 0.5), paddingLeft: theme.spacing(2) },
  item: { marginBottom: theme.spacing(0.75) },
}));

let panels = 0;

/** The reasons of one platform, split by what they do to it. */
export function splitReasons(platform: PlatformAssessment): {
  blocks: Reason[];
  favours: Reason[];
  disfavours: Reason[];
} {
  const by = (effect: Reason['effect']) =>
    platform.reasons.filter(r => r.effect === effect);
  return {
    blocks: by('blocks'),
    favours: by('favours'),
    disfavours: by('disfavours'),
  };
}

const sum = (reasons: Reason[]) => reasons.reduce((n, r) => n + r.points, 0);

/**
 * One line for a platform's reasons: `Why: 4 for (+35), 1 against (-10)`,
 * with `blocked by 1 rule` first when a hard constraint rules it out.
 */
export function reasonsSummary(
  platform: PlatformAssessment,
  texts: Texts,
): string {
  const { t, fmt } = texts;
  const { blocks, favours, disfavours } = splitReasons(platform);
  const forText =
    favours.length === 0
      ? t('reasons.noneFor')
      : t('reasons.for', {
          count: favours.length,
          points: fmt.points(sum(favours)),
        });
  const againstText =
    disfavours.length === 0
      ? t('reasons.noneAgainst')
      : t('reasons.against', {
          count: disfavours.length,
          points: fmt.points(sum(disfavours)),
        });
  if (platform.reasons.length === 0) return t('reasons.noRule');
  return blocks.length > 0
    ? t('reasons.summaryBlocked', {
        blocks: t('reasons.blockedBy', { count: blocks.length }),
        for: forText,
        against: againstText,
      })
    : t('reasons.summary', { for: forText, against: againstText });
}

function pointsText(reason: Reason, texts: Texts): string {
  const { t, fmt } = texts;
  const points = t('reasons.points', {
    count: reason.points,
    points: fmt.points(reason.points),
  });
  return reason.countedBy
    ? t('reasons.countedBy', {
        points,
        rule: ruleLabel(reason.countedBy, texts),
      })
    : points;
}

/** One rule that fired: its name, points, explanation, and evidence (collapsed). */
function ReasonItem(props: { reason: Reason }) {
  const { reason } = props;
  const classes = useStyles();
  const texts = useTexts();
  const { t } = texts;
  const blocks = reason.effect === 'blocks';
  return (
    <li
      className={classes.item}
      data-testid={`${blocks ? 'block' : 'rule'}-${reason.rule}`}
    >
      <Typography variant="body2" component="div">
        <strong>{ruleLabel(reason.rule, texts)}</strong>
        {blocks ? ': ' : ` (${pointsText(reason, texts)}): `}
        {reason.explanation}
      </Typography>
      {reason.evidence.length > 0 ? (
        <details className={classes.evidence}>
          <summary>
            {t('reasons.evidence', { count: reason.evidence.length })}
          </summary>
          <Box component="ul" className={classes.list}>
            {reason.evidence.map(e => (
              <li key={`${e.key}=${e.value}`}>
                <Typography variant="body2" component="span">
                  <LongText code text={`${e.key}=${e.value}`} />
                </Typography>
              </li>
            ))}
          </Box>
        </details>
      ) : null}
      <NamedOptions options={reason.alternatives} />
    </li>
  );
}

function ReasonGroup(props: { title: string; reasons: Reason[] }) {
  const classes = useStyles();
  if (props.reasons.length === 0) return null;
  return (
    <Box mt={0.5}>
      <Typography variant="subtitle2" component="p">
        {props.title}
      </Typography>
      <ul className={classes.list}>
        {props.reasons.map(reason => (
          <ReasonItem key={reason.rule} reason={reason} />
        ))}
      </ul>
    </Box>
  );
}

/**
 * Why a platform got its fit, collapsed to one line: the rules for it and
 * against it with their points; open, each rule with its explanation and
 * its evidence (collapsed again), and the options since 2017 that bear on
 * it. A blocking rule comes first. Renders two elements, the line and the
 * panel, so that a grid can give the panel the full width; the panel stays
 * in the page, hidden, while closed.
 */
export function PlatformReasons(props: {
  platform: PlatformAssessment;
  /** Class names of the line and of the panel, to place them in a grid. */
  classes?: { line?: string; panel?: string };
}) {
  const { platform } = props;
  const classes = useStyles();
  const texts = useTexts();
  const { t } = texts;
  const [open, setOpen] = useState(false);
  const [panelId] = useState(() => `reasons-panel-${(panels += 1)}`);
  const { blocks, favours, disfavours } = splitReasons(platform);
  if (platform.reasons.length === 0) {
    return (
      <Typography
        variant="body2"
        component="p"
        className={props.classes?.line}
        data-testid={`reasons-toggle-${platform.id}`}
      >
        {t('reasons.noRule')}
      </Typography>
    );
  }
  const summary = reasonsSummary(platform, texts);
  return (
    <>
      <Typography variant="body2" component="p" className={props.classes?.line}>
        <Link
          component="button"
          type="button"
          variant="body2"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
          style={{ textAlign: 'left' }}
          data-testid={`reasons-toggle-${platform.id}`}
        >
          {open
            ? t('common.hideSummary', { summary })
            : t('common.showSummary', { summary })}
        </Link>
      </Typography>
      <div
        id={panelId}
        hidden={!open}
        className={`${classes.panel} ${props.classes?.panel ?? ''}`}
        data-testid={`reasons-${platform.id}`}
      >
        <ReasonGroup title={t('reasons.blocksTitle')} reasons={blocks} />
        <ReasonGroup title={t('reasons.forTitle')} reasons={favours} />
        <ReasonGroup title={t('reasons.againstTitle')} reasons={disfavours} />
      </div>
    </>
  );
}
