import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
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
import { makeStyles } from '@material-ui/core/styles';
import {
  AssessmentFacets,
  AssessmentListQuery,
  AssessmentSummary,
  PLATFORM_IDS,
  SnapshotInfo,
} from '@orchestration/plugin-orchestration-common';
import { Fragment, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { orchestrationApiRef } from '../../api';
import {
  decidingInputCaption,
  decidingInputClauses,
  ErrorState,
  formatDate,
  formatDateTime,
  formatMonthlyUsdShort,
  MIGRATION_EFFORT_LABELS,
  ObligationStatusLabel,
  platformShortLabel,
  useEntityLink,
  VERDICT_LABELS,
  WarningNote,
} from '../shared';
import { Filters } from './Filters';

export function SnapshotLine(props: { snapshot: SnapshotInfo }) {
  const { snapshot } = props;
  return (
    <Box mb={2}>
      <Typography variant="body2" data-testid="snapshot">
        {snapshot.refreshedAt
          ? `Data as of ${formatDateTime(snapshot.refreshedAt)}`
          : 'The data has not been refreshed yet'}{' '}
        · {snapshot.entityCount} services assessed
      </Typography>
      {snapshot.stale ? (
        <WarningNote title="Stale data">
          {snapshot.staleReason ??
            'The snapshot could not be refreshed from the catalog; older data is shown.'}
        </WarningNote>
      ) : null}
    </Box>
  );
}

/** An entity ref as people read it: `web-content` for `group:default/web-content`. */
function shortRef(ref: string, defaultKind: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref;
  }
}

const useStyles = makeStyles({
  // Eleven columns in the card of a 1280 px wide window: narrow gutters,
  // headings wrapped between words, and no word broken in two.
  table: {
    '& th, & td': {
      paddingLeft: 8,
      paddingRight: 8,
      wordBreak: 'normal',
      overflowWrap: 'normal',
    },
    '& th:last-child, & td:last-child': { paddingRight: 8 },
  },
});

/** Text that may wrap after `=` and `,` as well as at spaces and hyphens. */
function breakable(text: string) {
  return text.split(/(?<=[=,])/).map((part, i) => (
    <Fragment key={i}>
      {i > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}

/** The effort of a row's migration; older backends had it on the migration only. */
function effortOf(item: AssessmentSummary) {
  return item.migrationEffort ?? item.migration?.effort ?? null;
}

/**
 * The recommended platform's monthly cost, with the current platform's in a
 * caption when it differs; a dash without an estimate. Never wraps.
 */
function MonthlyCost(props: { item: AssessmentSummary }) {
  const { recommendedMonthlyUsd: recommended, currentMonthlyUsd: current } =
    props.item;
  const showCurrent = current !== null && current !== recommended;
  return (
    <>
      <span
        title={
          recommended === null
            ? 'No estimate: the size is not stated, the platform is blocked, or nothing is recommended'
            : `Estimated monthly cost on ${platformShortLabel(
                props.item.recommendedPlatform,
              )}`
        }
      >
        {recommended === null ? '—' : formatMonthlyUsdShort(recommended)}
      </span>
      {showCurrent ? (
        <Typography
          variant="caption"
          component="div"
          title={`Estimated monthly cost on ${platformShortLabel(
            props.item.currentPlatform,
          )}, where it runs today`}
        >
          now {formatMonthlyUsdShort(current)}
        </Typography>
      ) : null}
    </>
  );
}

/** Low confidence, and the first input that would change the recommendation. */
function LowConfidence(props: { item: AssessmentSummary }) {
  const caption = decidingInputCaption(props.item.decidingInputs);
  const clauses = decidingInputClauses(props.item);
  return (
    <>
      <Typography
        variant="caption"
        component="div"
        title="A missing or invalid annotation could change the recommended platform"
      >
        low confidence
      </Typography>
      {caption ? (
        <Typography
          variant="caption"
          component="div"
          data-testid="deciding-input"
          title={`Would change the recommendation: ${clauses.join('; ')}`}
        >
          {breakable(caption.first)}
          {caption.more ? `, ${caption.more}` : ''}
        </Typography>
      ) : null}
    </>
  );
}

function Tile(props: { label: string; value: number | string; hint?: string }) {
  return (
    <Paper variant="outlined" style={{ padding: 16, height: '100%' }}>
      <Typography variant="h4" component="p">
        {props.value}
      </Typography>
      <Typography variant="subtitle2" component="p">
        {props.label}
      </Typography>
      {props.hint ? (
        <Typography variant="caption">{props.hint}</Typography>
      ) : null}
    </Paper>
  );
}

/** Services per platform, where they run and where they should: bars with numbers. */
export function PlatformChart(props: { facets: AssessmentFacets }) {
  const { facets } = props;
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
      aria-label="Services by current and recommended platform"
      style={{ borderCollapse: 'collapse' }}
    >
      <thead>
        <tr>
          <Box component="th" textAlign="left" pb={1}>
            Platform
          </Box>
          <Box component="th" textAlign="left" pb={1}>
            Services
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
              {platformShortLabel(row.id)}
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
                    {kind === 'current' ? 'runs on' : 'recommended'}:{' '}
                    {row[kind]}
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

function ShortList(props: {
  title: string;
  query: AssessmentListQuery;
  empty: string;
  render: (item: AssessmentSummary) => string;
}) {
  const api = useApi(orchestrationApiRef);
  const link = useEntityLink();
  const key = JSON.stringify(props.query);
  const { value, loading, error } = useAsync(
    () => api.listAssessments(props.query),
    [api, key],
  );
  return (
    <Paper variant="outlined" style={{ padding: 16, height: '100%' }}>
      <Typography variant="h6" component="h3">
        {props.title}
      </Typography>
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
                <Link to={link(item.entityRef)}>{item.title ?? item.name}</Link>
                : {props.render(item)}
              </Typography>
            </li>
          ))}
        </Box>
      ) : null}
    </Paper>
  );
}

const COLUMNS: {
  label: string;
  sort?: NonNullable<AssessmentListQuery['sort']>;
}[] = [
  { label: 'Service', sort: 'name' },
  { label: 'Owner', sort: 'owner' },
  { label: 'System', sort: 'system' },
  { label: 'Runs on', sort: 'currentPlatform' },
  { label: 'Verdict of current' },
  { label: 'Recommended', sort: 'recommendedPlatform' },
  { label: 'Fit', sort: 'fit' },
  { label: 'Monthly cost', sort: 'cost' },
  { label: 'Migration' },
  { label: 'Obligations', sort: 'obligationStatus' },
  { label: 'Next due', sort: 'nextDue' },
];

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

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      const blob = await api.exportAssessments(query);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = 'orchestration-assessments.csv';
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
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

  return (
    <Box>
      {value ? <SnapshotLine snapshot={value.snapshot} /> : null}
      <Grid container spacing={2}>
        <Grid item xs={6} md={3}>
          <Tile label="Services matching" value={value?.totalItems ?? '…'} />
        </Grid>
        <Grid item xs={6} md={3}>
          <Tile
            label="Migration candidates"
            value={value?.facets.migration.candidates ?? '…'}
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <Tile
            label="Critical obligations"
            value={value?.facets.obligationStatus.critical ?? '…'}
            hint="overdue or about to be"
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <Tile
            label="Obligations with warnings"
            value={value?.facets.obligationStatus.warning ?? '…'}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <Paper variant="outlined" style={{ padding: 16, height: '100%' }}>
            <Typography variant="h6" component="h3">
              Where services run and where they should
            </Typography>
            {value ? <PlatformChart facets={value.facets} /> : <Progress />}
          </Paper>
        </Grid>
        <Grid item xs={12} md={3}>
          <ShortList
            title="Migration candidates"
            query={{ migration: true, sort: 'fit', order: 'desc', limit: 5 }}
            empty="No service runs on the wrong platform."
            render={item =>
              item.migration
                ? `${item.migration.from} → ${item.migration.to}${
                    effortOf(item) ? ` (${effortOf(item)} effort)` : ''
                  }`
                : ''
            }
          />
        </Grid>
        <Grid item xs={12} md={3}>
          <ShortList
            title="Overdue obligations"
            query={{
              obligationStatus: ['critical'],
              sort: 'nextDue',
              order: 'asc',
              limit: 5,
            }}
            empty="No critical obligation."
            render={item =>
              `critical${
                item.nextDue ? `, due ${formatDate(item.nextDue)}` : ''
              }`
            }
          />
        </Grid>
      </Grid>
      <Box mt={3} mb={2}>
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
          {exporting ? 'Exporting…' : 'Export CSV'}
        </Button>
        <Typography variant="caption">
          The export has the same filters as the table.
        </Typography>
      </Box>
      {exportError ? (
        <ErrorState error={exportError} title="The export failed" />
      ) : null}
      {error ? <ErrorState error={error} /> : null}
      {loading && !value ? <Progress /> : null}
      {value ? (
        <Paper variant="outlined" style={{ overflowX: 'auto' }}>
          <Table
            size="small"
            aria-label="Assessed services"
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
                        active={query.sort === column.sort}
                        hideSortIcon
                        direction={
                          query.sort === column.sort
                            ? query.order ?? 'asc'
                            : 'asc'
                        }
                        onClick={() => sortBy(column.sort!)}
                      >
                        {column.label}
                      </TableSortLabel>
                    ) : (
                      column.label
                    )}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {value.items.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={COLUMNS.length}>
                    No service matches these filters.
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
                  <TableCell title={item.owner ?? undefined}>
                    {item.owner ? shortRef(item.owner, 'group') : 'No owner'}
                  </TableCell>
                  <TableCell title={item.system ?? undefined}>
                    {item.system ? shortRef(item.system, 'system') : 'None'}
                  </TableCell>
                  <TableCell>
                    {platformShortLabel(item.currentPlatform)}
                  </TableCell>
                  <TableCell>
                    {item.currentVerdict
                      ? VERDICT_LABELS[item.currentVerdict]
                      : '—'}
                  </TableCell>
                  <TableCell>
                    {item.recommendationStatus === 'insufficient-data'
                      ? 'Not enough information'
                      : platformShortLabel(item.recommendedPlatform)}
                    {item.recommendationStatus !== 'insufficient-data' &&
                    item.confidence === 'low' ? (
                      <LowConfidence item={item} />
                    ) : null}
                  </TableCell>
                  <TableCell>{item.fit ?? '—'}</TableCell>
                  <TableCell
                    style={{ whiteSpace: 'nowrap' }}
                    data-testid="monthly-cost"
                  >
                    <MonthlyCost item={item} />
                  </TableCell>
                  <TableCell>
                    {item.migration ? (
                      <>
                        {platformShortLabel(item.migration.from)} →{' '}
                        {platformShortLabel(item.migration.to)}{' '}
                        {effortOf(item) ? (
                          <Chip
                            size="small"
                            variant="outlined"
                            label={MIGRATION_EFFORT_LABELS[effortOf(item)!]}
                            data-testid="migration-effort"
                          />
                        ) : null}
                      </>
                    ) : (
                      'None'
                    )}
                  </TableCell>
                  <TableCell>
                    <ObligationStatusLabel status={item.obligationStatus} />
                  </TableCell>
                  <TableCell>
                    {item.nextDue ? formatDate(item.nextDue) : '—'}
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
              {value.items.length} of {value.totalItems} shown
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
              Previous page
            </Button>
            <Button
              size="small"
              disabled={!value.nextCursor}
              onClick={() => {
                setCursors([...cursors, query.cursor ?? '']);
                setParam('cursor', value.nextCursor, true);
              }}
            >
              Next page
            </Button>
          </Box>
        </Paper>
      ) : null}
    </Box>
  );
}
