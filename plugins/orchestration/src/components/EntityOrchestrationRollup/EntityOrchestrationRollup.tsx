import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ROLLUP_KINDS,
  RollupMigration,
  RollupObligation,
  RollupResponse,
} from '@orchestration/plugin-orchestration-common';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { orchestrationApiRef } from '../../api';
import { PlatformChart } from '../OrchestrationReviewPage/ServicesView';
import { describeDecision } from '../ReviewPanel';
import {
  DateText,
  effortLabel,
  ErrorState,
  obligationStatusLabel,
  platformShortLabel,
  Texts,
  useEntityLink,
  useTexts,
  WarningNote,
} from '../shared';

/**
 * Whether the entity has an Orchestration roll-up: a Group (its services and
 * its sub-groups') or a System (its Components').
 *
 * @public
 */
export function isOrchestrationRollupAvailable(entity: Entity): boolean {
  return (ROLLUP_KINDS as readonly string[]).includes(
    String(entity?.kind ?? '').toLocaleLowerCase('en-US'),
  );
}

const useStyles = makeStyles({
  // Words wrap between them, never inside (the app's tables break words).
  table: {
    '& th, & td': { wordBreak: 'normal', overflowWrap: 'normal' },
  },
});

/** Groups named in the scope line before the rest are counted. */
const SCOPE_NAMES = 5;

function Ref(props: { entityRef: string; defaultKind?: string }) {
  return (
    <EntityRefLink
      entityRef={props.entityRef}
      defaultKind={props.defaultKind ?? 'group'}
      hideIcon
    />
  );
}

/** Whose services are counted: the Group and the Groups below it, or the System. */
function ScopeLine(props: { rollup: RollupResponse }) {
  const { rollup } = props;
  const { t, fmt } = useTexts();
  const self = <Ref entityRef={rollup.entityRef} defaultKind={rollup.kind} />;
  let text: ReactNode;
  if (rollup.kind === 'system') {
    text = t('rollup.scope.system', { system: self });
  } else {
    const below = rollup.scope.entityRefs.filter(r => r !== rollup.entityRef);
    const count = rollup.scope.total - 1;
    if (count <= 0) {
      text = t('rollup.scope.group', { group: self });
    } else {
      // "and 1 more" would take the place of the name it stands for.
      const named = below.slice(
        0,
        count === SCOPE_NAMES + 1 ? count : SCOPE_NAMES,
      );
      const links = named.map((ref, i) => (
        <span key={ref}>
          {i > 0 ? ', ' : ''}
          <Ref entityRef={ref} />
        </span>
      ));
      text = t('rollup.scope.groupWithSubgroups', {
        group: self,
        count,
        groups:
          count > named.length ? (
            t('rollup.scope.groupsMore', {
              groups: <>{links}</>,
              more: fmt.number(count - named.length),
            })
          ) : (
            <>{links}</>
          ),
      });
    }
  }
  return (
    <Typography variant="body2" data-testid="rollup-scope">
      {text}
    </Typography>
  );
}

/** One line each: services, migrations, obligations, coverage. */
function Totals(props: { rollup: RollupResponse }) {
  const { rollup } = props;
  const { t, fmt } = useTexts();
  const decided = rollup.migrations.items.filter(m => m.inForce).length;
  const { coverage } = rollup;
  const lines = [
    t('rollup.totals.services', {
      count: rollup.totalServices,
      services: fmt.number(rollup.totalServices),
    }),
    t('rollup.totals.migrations', {
      count: rollup.migrations.total,
      migrations: fmt.number(rollup.migrations.total),
      decided: fmt.number(decided),
    }),
    t('rollup.totals.obligations', {
      critical: fmt.number(rollup.obligations.byStatus.critical ?? 0),
      warning: fmt.number(rollup.obligations.byStatus.warning ?? 0),
    }),
    coverage
      ? t('rollup.totals.coverage', {
          annotated: fmt.number(coverage.annotated),
          components: fmt.number(coverage.components),
          percent: fmt.number(
            coverage.components
              ? Math.round((coverage.annotated / coverage.components) * 100)
              : 0,
          ),
        })
      : t('rollup.totals.coverageNotCounted'),
  ];
  return (
    <Box component="ul" pl={2} my={1} data-testid="rollup-totals">
      {lines.map(line => (
        <li key={line}>
          <Typography variant="body2">{line}</Typography>
        </li>
      ))}
    </Box>
  );
}

/**
 * What to do when there is nothing to roll up: no Component in scope, none
 * annotated, or no snapshot yet. Undefined when there are services.
 */
function emptyState(rollup: RollupResponse, texts: Texts): ReactNode {
  const { t, fmt } = texts;
  if (rollup.totalServices > 0) return undefined;
  if (!rollup.snapshot.refreshedAt) return t('rollup.empty.notRefreshed');
  const components = rollup.coverage?.components ?? 0;
  const entity = <Ref entityRef={rollup.entityRef} defaultKind={rollup.kind} />;
  if (components === 0) {
    return rollup.kind === 'group'
      ? t('rollup.empty.groupNoComponents', { entity })
      : t('rollup.empty.systemNoComponents', { entity });
  }
  return t('rollup.empty.noneAnnotated', {
    count: components,
    components: fmt.number(components),
  });
}

function Caption(props: { children: ReactNode }) {
  return (
    <Typography variant="caption" component="p" gutterBottom>
      {props.children}
    </Typography>
  );
}

function MigrationRoute(props: { item: RollupMigration }) {
  const texts = useTexts();
  const { item } = props;
  const route = `${platformShortLabel(item.from, texts)} → ${platformShortLabel(
    item.to,
    texts,
  )}`;
  return (
    <>
      {route}
      {item.effort ? ` (${effortLabel(item.effort, texts)})` : ''}
    </>
  );
}

function Decision(props: { item: RollupMigration; compact?: boolean }) {
  const texts = useTexts();
  const { inForce } = props.item;
  if (!inForce) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        {texts.t(
          props.compact
            ? 'rollup.migrations.noDecisionShort'
            : 'rollup.migrations.noDecision',
        )}
      </Typography>
    );
  }
  return (
    <>
      {describeDecision(inForce, texts)}{' '}
      <Typography variant="caption" component="span">
        (<Ref entityRef={inForce.reviewer} defaultKind="user" />,{' '}
        <DateText value={inForce.createdAt} />)
      </Typography>
    </>
  );
}

/**
 * The open migrations; `compact` (the card) leaves the owner and fit out and
 * shows the first `limit`.
 */
function MigrationsTable(props: {
  rollup: RollupResponse;
  limit?: number;
  compact?: boolean;
}) {
  const { t, fmt } = useTexts();
  const classes = useStyles();
  const { compact } = props;
  const { total } = props.rollup.migrations;
  const items = props.rollup.migrations.items.slice(0, props.limit);
  if (total === 0) {
    return (
      <Typography variant="body2" data-testid="rollup-no-migrations">
        {t('rollup.migrations.empty')}
      </Typography>
    );
  }
  return (
    <>
      <Caption>
        {total > items.length
          ? t('rollup.migrations.captionMore', {
              shown: fmt.number(items.length),
              total: fmt.number(total),
            })
          : t('rollup.migrations.caption')}
      </Caption>
      <Table
        size="small"
        className={classes.table}
        aria-label={t('rollup.migrations.tableLabel')}
      >
        <TableHead>
          <TableRow>
            <TableCell>{t('rollup.migrations.service')}</TableCell>
            {compact ? null : (
              <TableCell>{t('rollup.migrations.owner')}</TableCell>
            )}
            <TableCell>{t('rollup.migrations.route')}</TableCell>
            {compact ? null : (
              <TableCell align="right">{t('rollup.migrations.fit')}</TableCell>
            )}
            <TableCell>{t('rollup.migrations.decision')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(item => (
            <TableRow key={item.entityRef} data-testid="rollup-migration">
              <TableCell>
                <EntityRefLink
                  entityRef={item.entityRef}
                  title={item.title ?? item.name}
                  hideIcon
                />
              </TableCell>
              {compact ? null : (
                <TableCell>
                  {item.owner ? <Ref entityRef={item.owner} /> : '—'}
                </TableCell>
              )}
              <TableCell>
                <MigrationRoute item={item} />
              </TableCell>
              {compact ? null : (
                <TableCell align="right">
                  {item.fit === null ? '—' : fmt.number(item.fit)}
                </TableCell>
              )}
              <TableCell>
                <Decision item={item} compact={compact} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/** `Critical: Kubernetes upgrades`, the status in words first. */
function ObligationText(props: { item: RollupObligation }) {
  const texts = useTexts();
  const { item } = props;
  const status = obligationStatusLabel(item.status, texts);
  return item.obligation ? (
    <>
      <strong>{status}:</strong> {item.obligation.title}
    </>
  ) : (
    <strong>{status}</strong>
  );
}

/** When the snapshot was made, and why it is stale when it is. */
function SnapshotLine(props: { snapshot: RollupResponse['snapshot'] }) {
  const { snapshot } = props;
  const { t } = useTexts();
  return (
    <Box mb={1}>
      <Typography variant="body2" data-testid="rollup-snapshot">
        {snapshot.refreshedAt
          ? t('services.dataAsOf', {
              when: <DateText value={snapshot.refreshedAt} withTime />,
            })
          : t('services.notRefreshed')}
      </Typography>
      {snapshot.stale ? (
        <WarningNote title={t('services.staleTitle')}>
          {snapshot.staleReason ?? t('services.staleReason')}
        </WarningNote>
      ) : null}
    </Box>
  );
}

/** The services with the most urgent obligations; `compact` (the card) leaves the owner out. */
function ObligationsTable(props: {
  rollup: RollupResponse;
  limit?: number;
  compact?: boolean;
}) {
  const { t, fmt } = useTexts();
  const classes = useStyles();
  const { compact } = props;
  const { byStatus } = props.rollup.obligations;
  const total = (byStatus.critical ?? 0) + (byStatus.warning ?? 0);
  const items = props.rollup.obligations.items.slice(0, props.limit);
  if (items.length === 0) {
    return (
      <Typography variant="body2" data-testid="rollup-no-obligations">
        {t('rollup.obligations.empty')}
      </Typography>
    );
  }
  return (
    <>
      <Caption>
        {total > items.length
          ? t('rollup.obligations.captionMore', {
              shown: fmt.number(items.length),
              total: fmt.number(total),
            })
          : t('rollup.obligations.caption')}
      </Caption>
      <Table
        size="small"
        className={classes.table}
        aria-label={t('rollup.obligations.tableLabel')}
      >
        <TableHead>
          <TableRow>
            <TableCell>{t('rollup.obligations.service')}</TableCell>
            {compact ? null : (
              <TableCell>{t('rollup.obligations.owner')}</TableCell>
            )}
            <TableCell>{t('rollup.obligations.obligation')}</TableCell>
            <TableCell>{t('rollup.obligations.due')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(item => {
            const due = item.obligation?.due ?? item.nextDue;
            return (
              <TableRow key={item.entityRef} data-testid="rollup-obligation">
                <TableCell>
                  <EntityRefLink
                    entityRef={item.entityRef}
                    title={item.title ?? item.name}
                    hideIcon
                  />
                </TableCell>
                {compact ? null : (
                  <TableCell>
                    {item.owner ? <Ref entityRef={item.owner} /> : '—'}
                  </TableCell>
                )}
                <TableCell>
                  <ObligationText item={item} />
                </TableCell>
                <TableCell>
                  {due ? (
                    <DateText value={due} />
                  ) : (
                    t('rollup.obligations.noDue')
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}

/** Components in scope without annotations: not counted, and where to start. */
function NotAnnotatedNote(props: { rollup: RollupResponse }) {
  const { t, fmt } = useTexts();
  const { coverage } = props.rollup;
  const missing = coverage ? coverage.components - coverage.annotated : 0;
  if (missing <= 0 || props.rollup.totalServices === 0) return null;
  return (
    <Typography variant="body2" data-testid="rollup-not-annotated">
      {t('rollup.empty.notAnnotated', {
        count: missing,
        missing: fmt.number(missing),
      })}
    </Typography>
  );
}

/** The roll-up of the entity of the page, as the API gives it. */
function useRollup(entity: Entity) {
  const api = useApi(orchestrationApiRef);
  const ref = getCompoundEntityRef(entity);
  return useAsync(
    () => api.getRollup(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
}

/**
 * The Orchestration roll-up of a Group or System, for its Orchestration tab:
 * whose services are counted, the services by current and recommended
 * platform, the open migrations with the decision in force on each, the
 * most urgent obligations, and how many Components are annotated.
 *
 * @public
 */
export function EntityOrchestrationRollupContent() {
  const { entity } = useEntity();
  const texts = useTexts();
  const { t } = texts;
  const { value, loading, error } = useRollup(entity);
  if (loading) return <Progress />;
  if (error) return <ErrorState error={error} />;
  if (!value) return null;
  const empty = emptyState(value, texts);
  return (
    <Grid container spacing={3} data-testid="rollup-content">
      <Grid item xs={12} md={empty ? 12 : 4}>
        <InfoCard title={t('rollup.tabTitle')}>
          <SnapshotLine snapshot={value.snapshot} />
          <ScopeLine rollup={value} />
          {empty ? (
            <Box mt={2}>
              <Typography variant="body1" data-testid="rollup-empty">
                {empty}
              </Typography>
            </Box>
          ) : (
            <>
              <Totals rollup={value} />
              <NotAnnotatedNote rollup={value} />
            </>
          )}
        </InfoCard>
      </Grid>
      {empty ? null : (
        <>
          <Grid item xs={12} md={8}>
            <InfoCard title={t('rollup.platforms.title')}>
              <PlatformChart
                facets={{
                  currentPlatform: value.byCurrentPlatform,
                  recommendedPlatform: value.byRecommendedPlatform,
                  currentVerdict: {},
                  obligationStatus: value.obligations.byStatus,
                  migration: { candidates: value.migrations.total, none: 0 },
                }}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard title={t('rollup.obligations.title')}>
              <ObligationsTable rollup={value} />
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard title={t('rollup.migrations.title')}>
              <MigrationsTable rollup={value} />
            </InfoCard>
          </Grid>
        </>
      )}
    </Grid>
  );
}

/** Migrations and obligations shown on the card; the tab has up to ten. */
const CARD_ITEMS = 3;

/**
 * The Orchestration card of a Group or System page: the totals, the first
 * open migrations and the most urgent obligations, and a link to the tab.
 *
 * @public
 */
export function EntityOrchestrationRollupCard() {
  const { entity } = useEntity();
  const texts = useTexts();
  const { t } = texts;
  const link = useEntityLink();
  const { value, loading, error } = useRollup(entity);
  let body: ReactNode = null;
  if (loading) body = <Progress />;
  else if (error) body = <ErrorState error={error} />;
  else if (value) {
    const empty = emptyState(value, texts);
    body = (
      <Box data-testid="rollup-card">
        <ScopeLine rollup={value} />
        {empty ? (
          <Box mt={1}>
            <Typography variant="body2" data-testid="rollup-empty">
              {empty}
            </Typography>
          </Box>
        ) : (
          <>
            <Totals rollup={value} />
            <Box mt={2}>
              <Typography variant="subtitle2" component="h3">
                {t('rollup.obligations.title')}
              </Typography>
              <ObligationsTable rollup={value} limit={CARD_ITEMS} compact />
            </Box>
            <Box mt={2}>
              <Typography variant="subtitle2" component="h3">
                {t('rollup.migrations.title')}
              </Typography>
              <MigrationsTable rollup={value} limit={CARD_ITEMS} compact />
            </Box>
          </>
        )}
      </Box>
    );
  }
  return (
    <InfoCard
      title={t('rollup.cardTitle')}
      deepLink={{
        title: t('rollup.deepLink'),
        link: link(stringifyEntityRef(entity)),
      }}
    >
      {body}
    </InfoCard>
  );
}
