import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonBase from '@material-ui/core/ButtonBase';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  AssessmentFacets,
  AssessmentListQuery,
  AssessmentSummary,
  PLATFORM_IDS,
  ReviewRecord,
  SnapshotCoverage,
  SnapshotInfo,
} from '@orchestration/plugin-orchestration-common';
import { Fragment, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { OrchestrationApiError, orchestrationApiRef } from '../../api';
import { describeDecision } from '../ReviewPanel';
import {
  DateText,
  decidingInputCaption,
  decidingInputClauses,
  effortLabel,
  ErrorState,
  formatMonthlyUsdShort,
  obligationStatusLabel,
  ObligationStatusLabel,
  OrchestrationT,
  platformShortLabel,
  Texts,
  useEntityLink,
  useTexts,
  verdictLabel,
  WarningNote,
} from '../shared';
import { Filters } from './Filters';

export function SnapshotLine(props: { snapshot: SnapshotInfo }) {
  const { snapshot } = props;
  const { t, fmt } = useTexts();
  return (
    <Box mb={2}>
      <Typography variant="body2" data-testid="snapshot">
        {snapshot.refreshedAt
          ? t('services.dataAsOf', {
              when: <DateText value={snapshot.refreshedAt} withTime />,
            })
          : t('services.notRefreshed')}{' '}
        ·{' '}
        {t('services.assessedCount', {
          count: snapshot.entityCount,
          services: fmt.number(snapshot.entityCount),
        })}
      </Typography>
      {snapshot.stale ? (
        <WarningNote title={t('services.staleTitle')}>
          {snapshot.staleReason ?? t('services.staleReason')}
        </WarningNote>
      ) : null}
    </Box>
  );
}

/** A link to an entity, by its short name; its full ref in the tooltip. */
function RefLink(props: { entityRef: string; defaultKind: string }) {
  return (
    <EntityRefLink
      entityRef={props.entityRef}
      defaultKind={props.defaultKind}
      hideIcon
    />
  );
}

/** A reviewer's name without kind and namespace: `guest` for `user:default/guest`. */
function shortReviewer(reviewer: string): string {
  try {
    return parseEntityRef(reviewer, { defaultKind: 'user' }).name;
  } catch {
    return reviewer;
  }
}

/**
 * The decision in force in one word; the whole decision (a migration's
 * target and date, an exemption's end) in its tooltip and for screen readers.
 */
function DecisionInForce(props: {
  record: ReviewRecord | null | undefined;
  /** The class that hides text from the eye only. */
  srOnly: string;
}) {
  const { record, srOnly } = props;
  const texts = useTexts();
  const { t } = texts;
  if (!record) {
    return (
      <>
        <span aria-hidden>—</span>
        <span className={srOnly}>{t('common.none')}</span>
      </>
    );
  }
  const full = t('services.decisionFull', {
    decision: describeDecision(record, texts),
    reviewer: shortReviewer(record.reviewer),
    date: texts.fmt.date(record.createdAt),
  });
  const kind = record.decision.kind;
  return (
    <span title={full}>
      <span aria-hidden>
        {kind === 'accept' ||
        kind === 'keep-current' ||
        kind === 'migrate' ||
        kind === 'exempt'
          ? t(`services.decisionWords.${kind}`)
          : kind}
      </span>
      <span className={srOnly}>{full}</span>
    </span>
  );
}

/** Annotated Components out of all Components; nothing until counted. */
function coverageTile(
  coverage: SnapshotCoverage | null | undefined,
  texts: Texts,
) {
  if (!coverage) return null;
  const { t, fmt } = texts;
  const { annotated, components } = coverage;
  return {
    value: t('services.coverageValue', {
      annotated: fmt.number(annotated),
      components: fmt.number(components),
    }),
    hint:
      components > 0
        ? t('services.coverageHint', {
            percent: fmt.number(Math.round((annotated / components) * 100)),
          })
        : undefined,
  };
}

/** A keyboard focus that shows: a solid ring in the primary colour. */
const focusRing = (theme: Theme) => ({
  outline: `2px solid ${theme.palette.primary.main}`,
  outlineOffset: 2,
});

const useStyles = makeStyles(theme => ({
  // Twelve columns in the card of a 1280 px wide window: narrow gutters,
  // headings wrapped between words, and no word broken in two.
  table: {
    '& th, & td': {
      paddingLeft: 5,
      paddingRight: 5,
      wordBreak: 'normal',
      overflowWrap: 'normal',
    },
    '& th:last-child, & td:last-child': { paddingRight: 8 },
  },
  sortLabel: {
    borderRadius: 2,
    '&:focus-visible': focusRing(theme),
    '&.Mui-focusVisible': focusRing(theme),
  },
  focusVisible: focusRing(theme),
  card: { padding: 16, height: '100%' },
  tile: {
    height: '100%',
    '&[data-pressed="true"]': {
      borderColor: theme.palette.primary.main,
      boxShadow: `inset 0 0 0 1px ${theme.palette.primary.main}`,
    },
  },
  tileContent: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    justifyContent: 'flex-start',
    textAlign: 'left',
    width: '100%',
    height: '100%',
    padding: 16,
  },
  tileButton: {
    borderRadius: theme.shape.borderRadius,
    '&:hover': { backgroundColor: theme.palette.action.hover },
    '&:focus-visible': focusRing(theme),
  },
  textLink: { textDecoration: 'underline' },
  srOnly: {
    position: 'absolute',
    width: 1,
    height: 1,
    margin: -1,
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
}));

/** Text that may wrap after `=` and `,` as well as at spaces and hyphens. */
function breakable(text: string) {
  return text.split(/(?<=[=,])/).map((part, i) => (
    <Fragment key={i}>
      {i > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}

/**
 * A name that wraps between its words only: `Self-managed` is not broken
 * after its hyphen.
 */
function whole(text: string) {
  return text.split(/(\S+-\S+)/).map((part, i) =>
    i % 2 === 1 ? (
      <span key={i} style={{ whiteSpace: 'nowrap' }}>
        {part}
      </span>
    ) : (
      part
    ),
  );
}

/** The effort of a row's migration; older backends had it on the migration only. */
function effortOf(item: AssessmentSummary) {
  return item.migrationEffort ?? null;
}

/**
 * The recommended platform's monthly cost, with the current platform's in a
 * caption when it differs; a dash without an estimate. Never wraps.
 */
function MonthlyCost(props: { item: AssessmentSummary }) {
  const { recommendedMonthlyUsd: recommended, currentMonthlyUsd: current } =
    props.item;
  const texts = useTexts();
  const { t } = texts;
  const showCurrent = current !== null && current !== recommended;
  return (
    <>
      <span
        title={
          recommended === null
            ? t('services.noEstimate')
            : t('services.costOn', {
                platform: platformShortLabel(
                  props.item.recommendedPlatform,
                  texts,
                ),
              })
        }
      >
        {recommended === null ? '—' : formatMonthlyUsdShort(recommended, texts)}
      </span>
      {showCurrent ? (
        <Typography
          variant="caption"
          component="div"
          title={t('services.costToday', {
            platform: platformShortLabel(props.item.currentPlatform, texts),
          })}
        >
          {t('services.costNow', {
            cost: formatMonthlyUsdShort(current, texts),
          })}
        </Typography>
      ) : null}
    </>
  );
}

/** Low confidence, and the first input that would change the recommendation. */
function LowConfidence(props: { item: AssessmentSummary }) {
  const texts = useTexts();
  const { t } = texts;
  const caption = decidingInputCaption(props.item.decidingInputs, texts);
  const clauses = decidingInputClauses(props.item, texts);
  return (
    <>
      <Typography
        variant="caption"
        component="div"
        title={t('services.lowConfidenceTitle')}
      >
        {t('services.lowConfidence')}
      </Typography>
      {caption ? (
        <Typography
          variant="caption"
          component="div"
          data-testid="deciding-input"
          title={t('services.wouldChange', { clauses: clauses.join('; ') })}
        >
          {breakable(caption.first)}
          {caption.more ? `, ${caption.more}` : ''}
        </Typography>
      ) : null}
    </>
  );
}

/** The label of a count of services: plural while the count is loading. */
function countLabel(
  t: OrchestrationT,
  key:
    | 'services.tiles.assessed'
    | 'services.tiles.matching'
    | 'services.tiles.toMigrate'
    | 'services.tiles.critical'
    | 'services.tiles.warning',
  count: number | undefined,
): string {
  return t(key, { count: count ?? 2 });
}

/**
 * A count and what it counts, read together: "3 services with a critical
 * obligation". With `onClick`, a toggle button that applies the matching
 * filter (pressed while it is applied).
 */
function Tile(props: {
  id: string;
  value: number | string | undefined;
  label: string;
  hint?: string;
  pressed?: boolean;
  onClick?: () => void;
}) {
  const classes = useStyles();
  const { t } = useTexts();
  const { id } = props;
  const content = (
    <>
      <Typography variant="h4" component="span" id={`${id}-value`}>
        {props.value ?? '…'}
      </Typography>{' '}
      <Typography variant="subtitle2" component="span" id={`${id}-label`}>
        {props.label}
      </Typography>
      {/* Spaces between the parts: the name read out is the text shown. */}
      {props.hint ? (
        <>
          {' '}
          <Typography variant="caption" component="span" id={`${id}-hint`}>
            {props.hint}
          </Typography>
        </>
      ) : null}
      {props.pressed ? (
        <>
          {' '}
          <Typography variant="caption" component="span">
            {t('services.filterApplied', {
              applied: <strong>{t('services.filterAppliedLabel')}</strong>,
            })}
          </Typography>
        </>
      ) : null}
    </>
  );
  return (
    <Paper
      variant="outlined"
      className={classes.tile}
      data-testid={id}
      data-pressed={props.pressed ? 'true' : undefined}
    >
      {props.onClick ? (
        <ButtonBase
          className={`${classes.tileContent} ${classes.tileButton}`}
          focusVisibleClassName={classes.focusVisible}
          aria-pressed={props.pressed ?? false}
          onClick={props.onClick}
        >
          {content}
        </ButtonBase>
      ) : (
        <div className={classes.tileContent}>{content}</div>
      )}
    </Paper>
  );
}

/** Services per platform, where they run and where they should: bars with numbers. */
export function PlatformChart(props: { facets: AssessmentFacets }) {
  const { facets } = props;
  const texts = useTexts();
  const { t } = texts;
  const rows = [...PLATFORM_IDS, 'none'].map(id => ({
    id,
    current: facets.currentPlatform[id] ?? 0,
    recommended: facets.recommendedPlatform[id] ?? 0,
  }));
  const max = Math.max(1, ...rows.flatMap(r => [r.current, r.recommended]));
  return (
    <Box
      component="table"
      width="100%"
      aria-label={t('services.chart.label')}
      style={{ borderCollapse: 'collapse' }}
    >
      <thead>
        <tr>
          <Box component="th" textAlign="left" pb={1}>
            {t('services.chart.platform')}
          </Box>
          <Box component="th" textAlign="left" pb={1}>
            {t('services.chart.services')}
          </Box>
        </tr>
      </thead>
      <tbody>
        {rows.map(row => (
          <tr key={row.id}>
            <Box
              component="td"
              pr={2}
              py={0.5}
              style={{ verticalAlign: 'top', width: '14rem' }}
            >
              {platformShortLabel(row.id, texts)}
            </Box>
            <Box component="td" py={0.5}>
              {(['current', 'recommended'] as const).map(kind => (
                <Box
                  key={kind}
                  display="flex"
                  alignItems="center"
                  style={{ gap: 8 }}
                >
                  <Box
                    height={12}
                    width={`${(row[kind] / max) * 70}%`}
                    minWidth={row[kind] > 0 ? 4 : 0}
                    bgcolor={
                      kind === 'current' ? 'text.secondary' : 'primary.main'
                    }
                    borderRadius={2}
                  />
                  <Typography variant="caption">
                    {t(
                      kind === 'current'
                        ? 'services.chart.runsOn'
                        : 'services.chart.recommended',
                      { services: texts.fmt.number(row[kind]) },
                    )}
                  </Typography>
                </Box>
              ))}
            </Box>
          </tr>
        ))}
      </tbody>
    </Box>
  );
}

/** The filters of a query, without its sort and paging. */
export function filtersOf(query: AssessmentListQuery): AssessmentListQuery {
  const filters: AssessmentListQuery = { ...query };
  delete filters.sort;
  delete filters.order;
  delete filters.limit;
  delete filters.cursor;
  return filters;
}

/**
 * The first few services of a list within the dashboard's filters. Without
 * a query the filters leave none of them: `excluded` says so.
 */
function ShortList(props: {
  title: string;
  caption: string;
  query: AssessmentListQuery | null;
  empty: string;
  excluded: string;
  render: (item: AssessmentSummary) => string;
  /** Applies the list's filter to the table; absent while it is applied. */
  onShowAll?: () => void;
}) {
  const classes = useStyles();
  const { t, fmt } = useTexts();
  const api = useApi(orchestrationApiRef);
  const link = useEntityLink();
  const { query } = props;
  const key = JSON.stringify(query);
  const { value, loading, error } = useAsync(
    async () => (query ? api.listAssessments(query) : undefined),
    [api, key],
  );
  return (
    <Paper variant="outlined" className={classes.card}>
      <Typography variant="h6" component="h2">
        {props.title}
      </Typography>
      <Typography variant="caption" component="p" gutterBottom>
        {props.caption}
      </Typography>
      {!query ? (
        <Typography variant="body2">{props.excluded}</Typography>
      ) : null}
      {loading ? <Progress /> : null}
      {error ? <ErrorState error={error} /> : null}
      {value && value.items.length === 0 ? (
        <Typography variant="body2">{props.empty}</Typography>
      ) : null}
      {value && value.items.length > 0 ? (
        <Box component="ul" pl={2} m={0}>
          {value.items.map(item => (
            <li key={item.entityRef}>
              <Typography variant="body2">
                <Link
                  to={link(item.entityRef)}
                  underline="always"
                  className={classes.textLink}
                >
                  {item.title ?? item.name}
                </Link>
                : {props.render(item)}
              </Typography>
            </li>
          ))}
        </Box>
      ) : null}
      {value && value.totalItems > value.items.length && props.onShowAll ? (
        <Box mt={1}>
          <Button
            size="small"
            color="primary"
            onClick={props.onShowAll}
            focusVisibleClassName={classes.focusVisible}
          >
            {t('services.showAll', { total: fmt.number(value.totalItems) })}
          </Button>
        </Box>
      ) : null}
    </Paper>
  );
}

const COLUMNS: {
  /** The column's name in the messages (`services.columns.<name>`). */
  label:
    | 'service'
    | 'owner'
    | 'system'
    | 'runsOn'
    | 'currentVerdict'
    | 'recommended'
    | 'fit'
    | 'monthlyCost'
    | 'migration'
    | 'decision'
    | 'obligations'
    | 'nextDue';
  sort?: NonNullable<AssessmentListQuery['sort']>;
}[] = [
  { label: 'service', sort: 'name' },
  { label: 'owner', sort: 'owner' },
  { label: 'system', sort: 'system' },
  { label: 'runsOn', sort: 'currentPlatform' },
  { label: 'currentVerdict' },
  { label: 'recommended', sort: 'recommendedPlatform' },
  { label: 'fit', sort: 'fit' },
  { label: 'monthlyCost', sort: 'cost' },
  { label: 'migration' },
  { label: 'decision' },
  { label: 'obligations', sort: 'obligationStatus' },
  { label: 'nextDue', sort: 'nextDue' },
];

/** Saves a blob (an export) as a file of the given name. */
export function downloadBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The services view of the dashboard: tiles, chart, the filtered table. */
export function ServicesView(props: {
  params: URLSearchParams;
  query: AssessmentListQuery;
  setParam: (key: string, value: string | null, keepCursor?: boolean) => void;
  /** Changes several parameters at once. */
  setParams: (changes: Record<string, string | null>) => void;
  clear: () => void;
}) {
  const { params, query, setParam } = props;
  const classes = useStyles();
  const texts = useTexts();
  const { t, fmt } = texts;
  const api = useApi(orchestrationApiRef);
  const link = useEntityLink();
  const [cursors, setCursors] = useState<string[]>([]);
  const [exportError, setExportError] = useState<Error | undefined>();
  const [exporting, setExporting] = useState(false);
  const key = JSON.stringify(query);
  const { value, loading, error } = useAsync(
    () => api.listAssessments(query),
    [api, key],
  );
  // A cursor is a 409 once two refreshes replaced the snapshot it pages
  // through: its pages would not add up, so paging starts again.
  // The note says so on that first page only.
  const firstPageKey = JSON.stringify({ ...query, cursor: undefined });
  const [restartedAt, setRestartedAt] = useState<string>();
  const pagingLost =
    !!query.cursor &&
    error instanceof OrchestrationApiError &&
    error.status === 409;
  useEffect(() => {
    if (!pagingLost) return;
    setRestartedAt(firstPageKey);
    setCursors([]);
    setParam('cursor', null, true);
  }, [pagingLost, firstPageKey, setParam]);

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      // The table's order: the list sorts by name when the URL has no sort.
      const blob = await api.exportAssessments({
        ...query,
        sort: query.sort ?? 'name',
        order: query.order ?? 'asc',
      });
      downloadBlob(blob, 'orchestration-assessments.csv');
    } catch (e) {
      setExportError(e as Error);
    } finally {
      setExporting(false);
    }
  };

  const sortBy = (column: NonNullable<AssessmentListQuery['sort']>) => {
    const order =
      query.sort === column && query.order !== 'desc' ? 'desc' : 'asc';
    props.setParams({ sort: column, order });
    setCursors([]);
  };

  const filters = filtersOf(query);
  const filtered = Object.values(filters).some(v => v !== undefined);
  /** Sets one filter, or removes it when it already has that value. */
  const toggleFilter = (name: string, filterValue: string) => {
    setCursors([]);
    setParam(name, params.get(name) === filterValue ? null : filterValue);
  };
  /** Applies one filter; undefined while it is applied. */
  const applyFilter = (name: string, filterValue: string) =>
    params.get(name) === filterValue
      ? undefined
      : () => {
          setCursors([]);
          setParam(name, filterValue);
        };
  const facets = value?.facets;
  const total = value?.totalItems;
  const candidates = facets?.migration.candidates;
  const critical = facets ? facets.obligationStatus.critical ?? 0 : undefined;
  const warning = facets ? facets.obligationStatus.warning ?? 0 : undefined;
  const coverage = coverageTile(value?.snapshot.coverage, texts);

  return (
    <Box>
      {value ? <SnapshotLine snapshot={value.snapshot} /> : null}
      <Grid container spacing={2}>
        <Grid item xs={6} md>
          <Tile
            id="tile-services"
            value={total}
            label={
              filtered
                ? countLabel(t, 'services.tiles.matching', total)
                : countLabel(t, 'services.tiles.assessed', total)
            }
          />
        </Grid>
        <Grid item xs={6} md>
          <Tile
            id="tile-migration"
            value={candidates}
            label={countLabel(t, 'services.tiles.toMigrate', candidates)}
            hint={t('services.tiles.toMigrateHint')}
            pressed={params.get('migration') === 'true'}
            onClick={() => toggleFilter('migration', 'true')}
          />
        </Grid>
        <Grid item xs={6} md>
          <Tile
            id="tile-critical"
            value={critical}
            label={countLabel(t, 'services.tiles.critical', critical)}
            hint={t('services.tiles.criticalHint')}
            pressed={params.get('obligationStatus') === 'critical'}
            onClick={() => toggleFilter('obligationStatus', 'critical')}
          />
        </Grid>
        <Grid item xs={6} md>
          <Tile
            id="tile-warning"
            value={warning}
            label={countLabel(t, 'services.tiles.warning', warning)}
            hint={t('services.tiles.warningHint')}
            pressed={params.get('obligationStatus') === 'warning'}
            onClick={() => toggleFilter('obligationStatus', 'warning')}
          />
        </Grid>
        {coverage ? (
          <Grid item xs={6} md>
            <Tile
              id="tile-coverage"
              value={coverage.value}
              label={t('services.tiles.coverage')}
              hint={coverage.hint}
            />
          </Grid>
        ) : null}
        <Grid item xs={12} md={6}>
          <Paper variant="outlined" className={classes.card}>
            <Typography variant="h6" component="h2">
              {t('services.chart.title')}
            </Typography>
            {value ? <PlatformChart facets={value.facets} /> : <Progress />}
          </Paper>
        </Grid>
        <Grid item xs={12} md={3}>
          <ShortList
            title={t('services.candidates.title')}
            caption={
              filtered
                ? t('services.candidates.captionFiltered')
                : t('services.candidates.caption')
            }
            query={
              query.migration === false
                ? null
                : {
                    ...filters,
                    migration: true,
                    sort: 'fit',
                    order: 'desc',
                    limit: 5,
                  }
            }
            empty={
              filtered
                ? t('services.candidates.emptyFiltered')
                : t('services.candidates.empty')
            }
            excluded={t('services.candidates.excluded')}
            onShowAll={applyFilter('migration', 'true')}
            render={item => {
              if (!item.migration) return '';
              const effort = effortOf(item);
              const values = {
                from: platformShortLabel(item.migration.from, texts),
                to: platformShortLabel(item.migration.to, texts),
                effort: effort ? t(`nextAction.migrate.effort.${effort}`) : '',
              };
              return effort
                ? t('services.candidates.itemWithEffort', values)
                : t('services.candidates.item', values);
            }}
          />
        </Grid>
        <Grid item xs={12} md={3}>
          <ShortList
            title={t('services.overdue.title')}
            caption={
              filtered
                ? t('services.overdue.captionFiltered')
                : t('services.overdue.caption')
            }
            query={
              query.obligationStatus &&
              !query.obligationStatus.includes('critical')
                ? null
                : {
                    ...filters,
                    obligationStatus: ['critical'],
                    sort: 'nextDue',
                    order: 'asc',
                    limit: 5,
                  }
            }
            empty={
              filtered
                ? t('services.overdue.emptyFiltered')
                : t('services.overdue.empty')
            }
            excluded={t('services.overdue.excluded')}
            onShowAll={applyFilter('obligationStatus', 'critical')}
            render={item =>
              item.nextDue
                ? t('services.overdue.itemDue', { due: fmt.date(item.nextDue) })
                : t('services.overdue.item')
            }
          />
        </Grid>
      </Grid>
      <Box mt={3} mb={1}>
        <Typography variant="h6" component="h2">
          {t('services.tableTitle')}
        </Typography>
      </Box>
      <Box mb={2}>
        <Filters
          params={params}
          facets={value?.facets}
          onChange={(k, v) => {
            setCursors([]);
            setParam(k, v);
          }}
          onClear={() => {
            setCursors([]);
            props.clear();
          }}
        />
      </Box>
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 16 }}>
        <Button
          variant="outlined"
          color="primary"
          onClick={exportCsv}
          disabled={exporting}
        >
          {exporting ? t('services.exporting') : t('services.export')}
        </Button>
        <Typography variant="caption">{t('services.exportHint')}</Typography>
      </Box>
      {exportError ? (
        <ErrorState error={exportError} title={t('services.exportFailed')} />
      ) : null}
      {error && !pagingLost ? <ErrorState error={error} /> : null}
      {restartedAt === firstPageKey && !query.cursor ? (
        <Typography variant="body2" role="status">
          {t('services.restartedPaging')}
        </Typography>
      ) : null}
      {loading && !value ? <Progress /> : null}
      {value ? (
        <Paper variant="outlined" style={{ overflowX: 'auto' }}>
          <Table
            size="small"
            aria-label={t('services.tableTitle')}
            className={classes.table}
          >
            <TableHead>
              <TableRow>
                {COLUMNS.map(column => (
                  <TableCell
                    key={column.label}
                    sortDirection={
                      column.sort && query.sort === column.sort
                        ? query.order ?? 'asc'
                        : false
                    }
                  >
                    {column.sort ? (
                      <TableSortLabel
                        className={classes.sortLabel}
                        active={query.sort === column.sort}
                        hideSortIcon
                        direction={
                          query.sort === column.sort
                            ? query.order ?? 'asc'
                            : 'asc'
                        }
                        onClick={() => sortBy(column.sort!)}
                      >
                        {t(`services.columns.${column.label}`)}
                      </TableSortLabel>
                    ) : (
                      t(`services.columns.${column.label}`)
                    )}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {value.items.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={COLUMNS.length}>
                    {t('services.noMatch')}
                  </TableCell>
                </TableRow>
              ) : null}
              {value.items.map(item => (
                <TableRow key={item.entityRef}>
                  <TableCell>
                    <Link to={link(item.entityRef)}>
                      {item.title ?? item.name}
                    </Link>
                  </TableCell>
                  <TableCell>
                    {item.owner ? (
                      <RefLink entityRef={item.owner} defaultKind="group" />
                    ) : (
                      t('services.noOwner')
                    )}
                  </TableCell>
                  <TableCell>
                    {item.system ? (
                      <RefLink entityRef={item.system} defaultKind="system" />
                    ) : (
                      t('common.none')
                    )}
                  </TableCell>
                  <TableCell>
                    {whole(platformShortLabel(item.currentPlatform, texts))}
                  </TableCell>
                  <TableCell>
                    {item.currentVerdict
                      ? verdictLabel(item.currentVerdict, texts)
                      : '—'}
                  </TableCell>
                  <TableCell>
                    {item.recommendationStatus === 'insufficient-data'
                      ? t('services.notEnough')
                      : whole(
                          platformShortLabel(item.recommendedPlatform, texts),
                        )}
                    {item.recommendationStatus !== 'insufficient-data' &&
                    item.confidence === 'low' ? (
                      <LowConfidence item={item} />
                    ) : null}
                  </TableCell>
                  <TableCell>
                    {item.fit === null ? '—' : fmt.number(item.fit)}
                  </TableCell>
                  <TableCell
                    style={{ whiteSpace: 'nowrap' }}
                    data-testid="monthly-cost"
                  >
                    <MonthlyCost item={item} />
                  </TableCell>
                  <TableCell>
                    {item.migration ? (
                      <>
                        {t('cluster.migration', {
                          from: (
                            <>
                              {whole(
                                platformShortLabel(item.migration.from, texts),
                              )}
                            </>
                          ),
                          to: (
                            <>
                              {whole(
                                platformShortLabel(item.migration.to, texts),
                              )}
                            </>
                          ),
                        })}{' '}
                        {effortOf(item) ? (
                          <Chip
                            size="small"
                            variant="outlined"
                            label={effortLabel(effortOf(item)!, texts)}
                            data-testid="migration-effort"
                          />
                        ) : null}
                      </>
                    ) : (
                      t('common.none')
                    )}
                  </TableCell>
                  <TableCell
                    style={{ whiteSpace: 'nowrap' }}
                    data-testid="decision-in-force"
                  >
                    <DecisionInForce
                      record={item.inForce}
                      srOnly={classes.srOnly}
                    />
                  </TableCell>
                  <TableCell>
                    <ObligationStatusLabel status={item.obligationStatus} />
                    {item.obligationStatus ? (
                      // The status label is hidden from screen readers.
                      <span className={classes.srOnly}>
                        {obligationStatusLabel(item.obligationStatus, texts)}
                      </span>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    {item.nextDue ? <DateText value={item.nextDue} /> : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Box
            display="flex"
            alignItems="center"
            justifyContent="flex-end"
            p={1}
            style={{ gap: 8 }}
          >
            <Typography variant="caption">
              {t('services.shown', {
                shown: fmt.number(value.items.length),
                total: fmt.number(value.totalItems),
              })}
            </Typography>
            <Button
              size="small"
              disabled={!query.cursor}
              onClick={() => {
                const previous = cursors.slice(0, -1);
                setCursors(previous);
                setParam('cursor', cursors[cursors.length - 1] ?? null, true);
              }}
            >
              {t('services.previousPage')}
            </Button>
            <Button
              size="small"
              disabled={!value.nextCursor}
              onClick={() => {
                setCursors([...cursors, query.cursor ?? '']);
                setParam('cursor', value.nextCursor, true);
              }}
            >
              {t('services.nextPage')}
            </Button>
          </Box>
        </Paper>
      ) : null}
    </Box>
  );
}
