import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { FactProvenance } from '@orchestration/plugin-orchestration-common';
import { Texts, useTexts } from './i18n';

const useStyles = makeStyles(theme => ({
  stale: {
    color: theme.palette.error.main,
    fontWeight: theme.typography.fontWeightBold as number,
  },
}));

/** A freshness limit in words: `1 day`, `6 hours`, `90 minutes`. */
export function freshnessLimitText(
  maxAgeSeconds: number,
  texts: Texts,
): string {
  const { t, fmt } = texts;
  const minutes = Math.round(maxAgeSeconds / 60);
  if (minutes > 0 && minutes % 1440 === 0) {
    const count = minutes / 1440;
    return t('clusterFacts.limitDays', { count, days: fmt.number(count) });
  }
  if (minutes > 0 && minutes % 60 === 0) {
    const count = minutes / 60;
    return t('clusterFacts.limitHours', { count, hours: fmt.number(count) });
  }
  return t('clusterFacts.limitMinutes', {
    count: minutes,
    minutes: fmt.number(minutes),
  });
}

/** How long ago a report was observed: `just now` within a minute, else `5 minutes ago`. */
function observedWhen(observedAt: string, texts: Texts, now = Date.now()) {
  const at = Date.parse(observedAt);
  if (Number.isFinite(at) && Math.abs(now - at) < 60_000) {
    return texts.t('clusterFacts.justNow');
  }
  return texts.fmt.relative(observedAt, now);
}

/**
 * Where a cluster fact came from: `declared`, or `reported by etcd-backup
 * 5 minutes ago` with the exact instant kept in a `<time>` element; a stale
 * report is highlighted and says it is not used.
 */
export function FactProvenanceText(props: {
  provenance: FactProvenance | undefined;
}) {
  const { provenance } = props;
  const texts = useTexts();
  const classes = useStyles();
  const { t } = texts;
  if (!provenance) return null;
  if (provenance.kind === 'declared') {
    return (
      <Typography
        variant="caption"
        component="span"
        title={t('clusterFacts.declaredTitle')}
        data-provenance="declared"
      >
        {t('clusterFacts.declared')}
      </Typography>
    );
  }
  const when = (
    <time
      dateTime={provenance.observedAt}
      title={texts.fmt.dateTime(provenance.observedAt)}
    >
      {observedWhen(provenance.observedAt, texts)}
    </time>
  );
  return (
    <Typography
      variant="caption"
      component="span"
      data-provenance={provenance.stale ? 'stale' : 'reported'}
    >
      {t('clusterFacts.reported', { source: provenance.source, when })}
      {provenance.stale ? (
        <>
          {' · '}
          <span className={classes.stale}>
            {t('clusterFacts.stale', {
              limit: freshnessLimitText(provenance.maxAgeSeconds, texts),
            })}
          </span>
        </>
      ) : null}
    </Typography>
  );
}
