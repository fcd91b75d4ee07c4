import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
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
import { ValidationProblemsList } from '../ClusterDetails';
import {
  ErrorState,
  formatDate,
  mostUrgentObligation,
  NamedOptions,
  OBLIGATION_STATUS_LABELS,
  ObligationList,
  ObligationStatusLabel,
  platformShortLabel,
  ruleLabel,
  useEntityLink,
  WarningNote,
} from '../shared';
import { SnapshotLine } from './ServicesView';

/** Column headings of the matrix, in the engine's order of obligations. */
const OBLIGATION_HEADINGS: Record<ObligationId, string> = {
  'kubernetes-upgrades': 'Kubernetes upgrades',
  'etcd-backups': 'etcd backups',
  'certificate-rotation': 'Certificate rotation',
  'cni-ip-capacity': 'Pod IP capacity',
  'control-plane-monitoring': 'Control-plane monitoring',
};

const CONTROL_PLANES: Record<string, string> = {
  'self-managed': 'Self-managed control plane',
  eks: 'Amazon EKS',
  gke: 'Google GKE',
  aks: 'Azure AKS',
};

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

/** `1 warning`, `2 warnings`; empty for none. */
function count(n: number, one: string, many: string): string {
  if (n === 0) return '';
  return `${n} ${n === 1 ? one : many}`;
}

function dueText(obligation: Obligation): string {
  return obligation.due ? `due ${formatDate(obligation.due)}` : '';
}

/** The most urgent obligation that applies, named: `Kubernetes upgrades: Critical, due 28 Feb 2025`. */
export function mostUrgentText(cluster: ClusterSummary): string {
  const obligation = mostUrgentObligation(cluster.assessment.obligations);
  if (!obligation) return 'No obligation applies';
  if (obligation.status === 'ok') return 'Every obligation is OK';
  const due = dueText(obligation);
  return `${OBLIGATION_HEADINGS[obligation.id] ?? obligation.title}: ${
    OBLIGATION_STATUS_LABELS[obligation.status] ?? obligation.status
  }${due ? `, ${due}` : ''}`;
}

function ClusterRow(props: {
  cluster: ClusterSummary;
  open: OpenDetail | undefined;
  onToggle: (detail: OpenDetail) => void;
}) {
  const { cluster, open, onToggle } = props;
  const classes = useStyles();
  const link = useEntityLink();
  const name = cluster.title ?? cluster.name;
  const detailId = `cluster-detail-${cluster.entityRef.replace(
    /[^a-z0-9-]/gi,
    '-',
  )}`;
  const { assessment } = cluster;
  const notes = [
    count(assessment.warnings.length, 'warning', 'warnings'),
    count(
      assessment.validation.length,
      'annotation problem',
      'annotation problems',
    ),
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
            {assessment.controlPlane
              ? CONTROL_PLANES[assessment.controlPlane] ??
                assessment.controlPlane
              : 'Control plane not stated'}
          </Typography>
        </TableCell>
        {OBLIGATION_IDS.map(id => {
          const obligation = assessment.obligations.find(o => o.id === id);
          if (!obligation) {
            return <TableCell key={id}>—</TableCell>;
          }
          const status =
            OBLIGATION_STATUS_LABELS[obligation.status] ?? obligation.status;
          const due = dueText(obligation);
          return (
            <TableCell key={id}>
              <ButtonBase
                className={classes.cellButton}
                focusVisibleClassName={classes.focusVisible}
                aria-expanded={open === id}
                aria-controls={open === id ? detailId : undefined}
                aria-label={`${OBLIGATION_HEADINGS[id]} on ${name}: ${status}${
                  due ? `, ${due}` : ''
                }`}
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
          {mostUrgentText(cluster)}
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
              {cluster.services.length}{' '}
              {cluster.services.length === 1 ? 'service' : 'services'}
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
                caption={`${OBLIGATION_HEADINGS[openObligation.id]} on ${name}`}
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
  const { assessment } = cluster;
  return (
    <Box data-testid={`cluster-${cluster.name}`}>
      {assessment.warnings.map(w => (
        <WarningNote key={w.rule} title={ruleLabel(w.rule)}>
          {w.message}
          <NamedOptions options={w.alternatives} />
        </WarningNote>
      ))}
      {assessment.validation.length > 0 ? (
        <Box mb={2}>
          <Typography variant="subtitle2" component="h3">
            Annotation problems
          </Typography>
          <ValidationProblemsList problems={assessment.validation} />
        </Box>
      ) : null}
      <Typography variant="subtitle2" component="h3">
        Services on {cluster.title ?? cluster.name}
      </Typography>
      {cluster.services.length === 0 ? (
        <Typography variant="body2">
          No Component names this cluster in{' '}
          <code>orchestration.io/cluster</code>.
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
                  ? `: move from ${platformShortLabel(
                      service.migration.from,
                    )} to ${platformShortLabel(service.migration.to)}`
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
  const { value, loading, error } = useAsync(() => api.listClusters(), [api]);
  const [open, setOpen] = useState<Record<string, OpenDetail | undefined>>({});
  if (loading) return <Progress />;
  if (error) return <ErrorState error={error} />;
  if (!value) return null;
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
          Obligations by cluster
        </Typography>
        {value.items.length === 0 ? (
          <Typography variant="body2">
            No Resource of type <code>kubernetes-cluster</code> is in the
            catalog.
          </Typography>
        ) : (
          <>
            <Typography variant="body2" component="p">
              Select a status for the obligation's evidence and what to do, or
              the services for what runs on the cluster.
            </Typography>
            <Table
              size="small"
              aria-labelledby="clusters-heading"
              className={classes.table}
            >
              <TableHead>
                <TableRow>
                  <TableCell>Cluster</TableCell>
                  {OBLIGATION_IDS.map(id => (
                    <TableCell key={id}>{OBLIGATION_HEADINGS[id]}</TableCell>
                  ))}
                  <TableCell>Most urgent</TableCell>
                  <TableCell>Services</TableCell>
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
