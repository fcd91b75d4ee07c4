import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonBase from '@material-ui/core/ButtonBase';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ClusterSummary,
  Obligation,
  OBLIGATION_IDS,
  ObligationId,
} from '@orchestration/plugin-orchestration-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { orchestrationApiRef } from '../../api';
import {
  ClusterFactsTable,
  controlPlaneLabel,
  staleFactCount,
  ValidationProblemsList,
} from '../ClusterDetails';
import {
  defaultTexts,
  ErrorState,
  known,
  mostUrgentObligation,
  NamedOptions,
  obligationStatusLabel,
  ObligationList,
  ObligationStatusLabel,
  platformShortLabel,
  ruleLabel,
  Texts,
  useEntityLink,
  useTexts,
  WarningNote,
} from '../shared';
import { orchestrationMessages } from '../../translation';
import { downloadBlob, SnapshotLine } from './ServicesView';

/** The column heading of an obligation in the matrix: `Pod IP capacity`. */
function obligationHeading(
  obligation: Obligation | ObligationId,
  texts: Texts,
) {
  const id = typeof obligation === 'string' ? obligation : obligation.id;
  if (known(id, orchestrationMessages.clustersView.obligations)) {
    return texts.t(`clustersView.obligations.${id}`);
  }
  return typeof obligation === 'string' ? obligation : obligation.title;
}

const useStyles = makeStyles(theme => ({
  table: {
    '& th, & td': { paddingLeft: 8, paddingRight: 8, verticalAlign: 'top' },
  },
  cellButton: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    textAlign: 'left',
    width: '100%',
    padding: theme.spacing(0.5),
    borderRadius: theme.shape.borderRadius,
    '&:hover': { backgroundColor: theme.palette.action.hover },
    '&[aria-expanded="true"]': {
      backgroundColor: theme.palette.action.selected,
    },
  },
  focusVisible: {
    outline: `2px solid ${theme.palette.primary.main}`,
    outlineOffset: 2,
  },
  detail: {
    backgroundColor: theme.palette.background.default,
  },
  link: { fontWeight: theme.typography.fontWeightMedium as number },
}));

/** Which detail of a cluster is open: one obligation, or its services and notes. */
type OpenDetail = ObligationId | 'cluster';

function dueText(obligation: Obligation, texts: Texts): string {
  return obligation.due
    ? texts.t('clustersView.due', { date: texts.fmt.date(obligation.due) })
    : '';
}

/** The most urgent obligation that applies, named: `Kubernetes upgrades: Critical, due 28 Feb 2025`. */
export function mostUrgentText(
  cluster: ClusterSummary,
  texts: Texts = defaultTexts(),
): string {
  const { t } = texts;
  const obligation = mostUrgentObligation(cluster.assessment.obligations);
  if (!obligation) return t('clustersView.noObligation');
  if (obligation.status === 'ok') return t('clustersView.allOk');
  const due = dueText(obligation, texts);
  const values = {
    obligation: obligationHeading(obligation, texts),
    status: obligationStatusLabel(obligation.status, texts),
    due,
  };
  return due
    ? t('clustersView.mostUrgentDue', values)
    : t('clustersView.mostUrgent', values);
}

function ClusterRow(props: {
  cluster: ClusterSummary;
  open: OpenDetail | undefined;
  onToggle: (detail: OpenDetail) => void;
}) {
  const { cluster, open, onToggle } = props;
  const classes = useStyles();
  const link = useEntityLink();
  const texts = useTexts();
  const { t } = texts;
  const name = cluster.title ?? cluster.name;
  const detailId = `cluster-detail-${cluster.entityRef.replace(
    /[^a-z0-9-]/gi,
    '-',
  )}`;
  const { assessment } = cluster;
  const stale = staleFactCount(assessment.facts);
  const notes = [
    stale > 0 ? t('clusterFacts.staleCount', { count: stale }) : '',
    assessment.warnings.length > 0
      ? t('clustersView.warnings', { count: assessment.warnings.length })
      : '',
    assessment.validation.length > 0
      ? t('clustersView.problems', { count: assessment.validation.length })
      : '',
  ]
    .filter(Boolean)
    .join(', ');
  const columns = OBLIGATION_IDS.length + 3;
  const openObligation =
    open && open !== 'cluster'
      ? assessment.obligations.find(o => o.id === open)
      : undefined;
  return (
    <>
      <TableRow data-testid={`cluster-row-${cluster.name}`}>
        <TableCell component="th" scope="row">
          <Link
            to={link(cluster.entityRef)}
            underline="always"
            className={classes.link}
          >
            {name}
          </Link>
          <Typography variant="caption" component="div">
            {controlPlaneLabel(assessment.controlPlane, texts)}
          </Typography>
        </TableCell>
        {OBLIGATION_IDS.map(id => {
          const obligation = assessment.obligations.find(o => o.id === id);
          if (!obligation) {
            return <TableCell key={id}>—</TableCell>;
          }
          const status = obligationStatusLabel(obligation.status, texts);
          const due = dueText(obligation, texts);
          return (
            <TableCell key={id}>
              <ButtonBase
                className={classes.cellButton}
                focusVisibleClassName={classes.focusVisible}
                aria-expanded={open === id}
                aria-controls={open === id ? detailId : undefined}
                aria-label={t(
                  due ? 'clustersView.cellLabelDue' : 'clustersView.cellLabel',
                  {
                    obligation: obligationHeading(id, texts),
                    cluster: name,
                    status,
                    due,
                  },
                )}
                onClick={() => onToggle(id)}
              >
                <ObligationStatusLabel status={obligation.status} />{' '}
                {due ? (
                  <Typography variant="caption" component="span">
                    {due}
                  </Typography>
                ) : null}
              </ButtonBase>
            </TableCell>
          );
        })}
        <TableCell data-testid="most-urgent">
          {mostUrgentText(cluster, texts)}
        </TableCell>
        <TableCell>
          <ButtonBase
            className={classes.cellButton}
            focusVisibleClassName={classes.focusVisible}
            aria-expanded={open === 'cluster'}
            aria-controls={open === 'cluster' ? detailId : undefined}
            onClick={() => onToggle('cluster')}
          >
            <Typography variant="body2" component="span">
              {t('clustersView.services', {
                count: cluster.services.length,
                services: texts.fmt.number(cluster.services.length),
              })}
            </Typography>
            {notes ? (
              <Typography variant="caption" component="span">
                {notes}
              </Typography>
            ) : null}
          </ButtonBase>
        </TableCell>
      </TableRow>
      {open ? (
        <TableRow className={classes.detail}>
          <TableCell colSpan={columns} id={detailId}>
            {openObligation ? (
              <ObligationList
                obligations={[openObligation]}
                caption={t('clustersView.obligationOn', {
                  obligation: obligationHeading(openObligation, texts),
                  cluster: name,
                })}
              />
            ) : (
              <ClusterNotes cluster={cluster} />
            )}
          </TableCell>
        </TableRow>
      ) : null}
    </>
  );
}

/** A cluster's services, warnings and annotation problems. */
function ClusterNotes(props: { cluster: ClusterSummary }) {
  const { cluster } = props;
  const classes = useStyles();
  const link = useEntityLink();
  const texts = useTexts();
  const { t } = texts;
  const { assessment } = cluster;
  return (
    <Box data-testid={`cluster-${cluster.name}`}>
      {assessment.warnings.map(w => (
        <WarningNote key={w.rule} title={ruleLabel(w.rule, texts)}>
          {w.message}
          <NamedOptions options={w.alternatives} />
        </WarningNote>
      ))}
      {assessment.validation.length > 0 ? (
        <Box mb={2}>
          <Typography variant="subtitle2" component="h3">
            {t('cluster.problems')}
          </Typography>
          <ValidationProblemsList problems={assessment.validation} />
        </Box>
      ) : null}
      <Box mb={2}>
        <Typography variant="subtitle2" component="h3">
          {t('clusterFacts.heading')}
        </Typography>
        <ClusterFactsTable
          facts={assessment.facts}
          caption={t('clusterFacts.caption', {
            cluster: cluster.title ?? cluster.name,
          })}
        />
      </Box>
      <Typography variant="subtitle2" component="h3">
        {t('cluster.servicesOn', { cluster: cluster.title ?? cluster.name })}
      </Typography>
      {cluster.services.length === 0 ? (
        <Typography variant="body2">
          {t('cluster.noServices', {
            key: <code>orchestration.io/cluster</code>,
          })}
        </Typography>
      ) : (
        <Box component="ul" pl={2} m={0}>
          {cluster.services.map(service => (
            <li key={service.entityRef}>
              <Typography variant="body2">
                <Link
                  to={link(service.entityRef)}
                  underline="always"
                  className={classes.link}
                >
                  {service.title ?? service.name}
                </Link>
                {service.migration
                  ? t('clustersView.serviceMove', {
                      from: platformShortLabel(service.migration.from, texts),
                      to: platformShortLabel(service.migration.to, texts),
                    })
                  : ''}
              </Typography>
            </li>
          ))}
        </Box>
      )}
    </Box>
  );
}

/**
 * Every kubernetes-cluster Resource: a matrix of clusters and their five
 * obligations, each cell opening that obligation's detail.
 */
export function ClustersView() {
  const api = useApi(orchestrationApiRef);
  const classes = useStyles();
  const texts = useTexts();
  const { t } = texts;
  const { value, loading, error } = useAsync(() => api.listClusters(), [api]);
  const [open, setOpen] = useState<Record<string, OpenDetail | undefined>>({});
  const [exportError, setExportError] = useState<Error | undefined>();
  const [exporting, setExporting] = useState(false);
  if (loading) return <Progress />;
  if (error) return <ErrorState error={error} />;
  if (!value) return null;
  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      downloadBlob(
        await api.exportClusters(),
        'orchestration-cluster-facts.csv',
      );
    } catch (e) {
      setExportError(e as Error);
    } finally {
      setExporting(false);
    }
  };
  const toggle = (cluster: string) => (detail: OpenDetail) =>
    setOpen(previous => ({
      ...previous,
      [cluster]: previous[cluster] === detail ? undefined : detail,
    }));
  return (
    <Box>
      <SnapshotLine snapshot={value.snapshot} />
      <Paper variant="outlined" style={{ padding: 16, overflowX: 'auto' }}>
        <Typography variant="h6" component="h2" id="clusters-heading">
          {t('clustersView.title')}
        </Typography>
        {value.items.length === 0 ? (
          <Typography variant="body2">
            {t('clustersView.none', { type: <code>kubernetes-cluster</code> })}
          </Typography>
        ) : (
          <>
            <Typography variant="body2" component="p">
              {t('clustersView.intro')}
            </Typography>
            <Box display="flex" alignItems="center" my={1} style={{ gap: 16 }}>
              <Button
                variant="outlined"
                color="primary"
                onClick={exportCsv}
                disabled={exporting}
              >
                {exporting
                  ? t('clustersView.exporting')
                  : t('clustersView.export')}
              </Button>
              <Typography variant="caption">
                {t('clustersView.exportHint')}
              </Typography>
            </Box>
            {exportError ? (
              <ErrorState
                error={exportError}
                title={t('clustersView.exportFailed')}
              />
            ) : null}
            <Table
              size="small"
              aria-labelledby="clusters-heading"
              className={classes.table}
            >
              <TableHead>
                <TableRow>
                  <TableCell>{t('clustersView.columns.cluster')}</TableCell>
                  {OBLIGATION_IDS.map(id => (
                    <TableCell key={id}>
                      {obligationHeading(id, texts)}
                    </TableCell>
                  ))}
                  <TableCell>{t('clustersView.columns.mostUrgent')}</TableCell>
                  <TableCell>{t('clustersView.columns.services')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {value.items.map(cluster => (
                  <ClusterRow
                    key={cluster.entityRef}
                    cluster={cluster}
                    open={open[cluster.entityRef]}
                    onToggle={toggle(cluster.entityRef)}
                  />
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </Paper>
    </Box>
  );
}
