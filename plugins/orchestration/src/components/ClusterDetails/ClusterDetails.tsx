import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ClusterSummary } from '@orchestration/plugin-orchestration-common';
import {
  NamedOptions,
  ObligationList,
  ObligationStatusLabel,
  platformLabel,
  ruleLabel,
  useEntityLink,
  WarningNote,
} from '../shared';
import { ValidationProblemsList } from './ValidationProblemsList';

const CONTROL_PLANE_LABELS: Record<string, string> = {
  'self-managed': 'Self-managed control plane',
  eks: 'Amazon EKS (managed control plane)',
  gke: 'Google GKE (managed control plane)',
  aks: 'Azure AKS (managed control plane)',
};

/** A cluster's obligations and the services that run on it. */
export function ClusterDetails(props: {
  cluster: ClusterSummary;
  headingLevel?: 'h2' | 'h3';
}) {
  const { cluster } = props;
  const link = useEntityLink();
  const { assessment } = cluster;
  return (
    <Box data-testid={`cluster-${cluster.name}`}>
      <Typography variant="body1" component="p">
        {assessment.controlPlane
          ? CONTROL_PLANE_LABELS[assessment.controlPlane] ??
            assessment.controlPlane
          : 'Control plane not stated'}{' '}
        · Most urgent:{' '}
        <ObligationStatusLabel status={cluster.obligationStatus} />
      </Typography>
      {assessment.warnings.map(w => (
        <WarningNote key={w.rule} title={ruleLabel(w.rule)}>
          {w.message}
          <NamedOptions options={w.alternatives} />
        </WarningNote>
      ))}
      <Box mt={2}>
        <Typography variant="h6" component={props.headingLevel ?? 'h3'}>
          Obligations
        </Typography>
        <ObligationList
          obligations={assessment.obligations}
          caption={`Obligations of ${cluster.name}`}
        />
      </Box>
      {assessment.validation.length > 0 ? (
        <Box mt={2}>
          <Typography variant="h6" component={props.headingLevel ?? 'h3'}>
            Annotation problems
          </Typography>
          <ValidationProblemsList problems={assessment.validation} />
        </Box>
      ) : null}
      <Box mt={2}>
        <Typography variant="h6" component={props.headingLevel ?? 'h3'}>
          Services on this cluster ({cluster.services.length})
        </Typography>
        {cluster.services.length === 0 ? (
          <Typography variant="body2">
            No Component names this cluster in{' '}
            <code>orchestration.io/cluster</code>.
          </Typography>
        ) : (
          <Table size="small" aria-label={`Services on ${cluster.name}`}>
            <TableHead>
              <TableRow>
                <TableCell>Service</TableCell>
                <TableCell>Owner</TableCell>
                <TableCell>Runs on</TableCell>
                <TableCell>Recommended</TableCell>
                <TableCell>Migration</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {cluster.services.map(service => (
                <TableRow key={service.entityRef}>
                  <TableCell>
                    <Link to={link(service.entityRef)}>
                      {service.title ?? service.name}
                    </Link>
                  </TableCell>
                  <TableCell>{service.owner ?? 'No owner'}</TableCell>
                  <TableCell>
                    {platformLabel(service.currentPlatform)}
                  </TableCell>
                  <TableCell>
                    {platformLabel(service.recommendedPlatform)}
                  </TableCell>
                  <TableCell>
                    {service.migration
                      ? `${service.migration.from} → ${service.migration.to}`
                      : 'None'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </Box>
  );
}
