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
  known,
  NamedOptions,
  ObligationList,
  ObligationStatusLabel,
  platformLabel,
  platformShortLabel,
  ruleLabel,
  Texts,
  useEntityLink,
  useTexts,
  WarningNote,
} from '../shared';
import { orchestrationMessages } from '../../translation';
import { ClusterFactsTable } from './ClusterFacts';
import { ValidationProblemsList } from './ValidationProblemsList';

/** `Amazon EKS (managed control plane)`; `Control plane not stated`. */
export function controlPlaneLabel(
  controlPlane: string | null | undefined,
  texts: Texts,
): string {
  if (!controlPlane) return texts.t('cluster.controlPlaneNotStated');
  return known(controlPlane, orchestrationMessages.cluster.controlPlanes)
    ? texts.t(`cluster.controlPlanes.${controlPlane}`)
    : controlPlane;
}

/** A cluster's obligations and the services that run on it. */
export function ClusterDetails(props: {
  cluster: ClusterSummary;
  headingLevel?: 'h2' | 'h3';
}) {
  const { cluster } = props;
  const link = useEntityLink();
  const texts = useTexts();
  const { t } = texts;
  const { assessment } = cluster;
  const name = cluster.title ?? cluster.name;
  return (
    <Box data-testid={`cluster-${cluster.name}`}>
      <Typography variant="body1" component="p">
        {t('cluster.summary', {
          controlPlane: controlPlaneLabel(assessment.controlPlane, texts),
          status: <ObligationStatusLabel status={cluster.obligationStatus} />,
        })}
      </Typography>
      {assessment.warnings.map(w => (
        <WarningNote key={w.rule} title={ruleLabel(w.rule, texts)}>
          {w.message}
          <NamedOptions options={w.alternatives} />
        </WarningNote>
      ))}
      <Box mt={2}>
        <Typography variant="h6" component={props.headingLevel ?? 'h3'}>
          {t('cluster.obligations')}
        </Typography>
        <ObligationList
          obligations={assessment.obligations}
          caption={t('cluster.obligationsOf', { cluster: name })}
        />
      </Box>
      <Box mt={2}>
        <Typography variant="h6" component={props.headingLevel ?? 'h3'}>
          {t('clusterFacts.heading')}
        </Typography>
        <ClusterFactsTable
          facts={assessment.facts}
          caption={t('clusterFacts.caption', { cluster: name })}
        />
      </Box>
      {assessment.validation.length > 0 ? (
        <Box mt={2}>
          <Typography variant="h6" component={props.headingLevel ?? 'h3'}>
            {t('cluster.problems')}
          </Typography>
          <ValidationProblemsList problems={assessment.validation} />
        </Box>
      ) : null}
      <Box mt={2}>
        <Typography variant="h6" component={props.headingLevel ?? 'h3'}>
          {t('cluster.servicesHeading', {
            count: cluster.services.length,
            services: texts.fmt.number(cluster.services.length),
          })}
        </Typography>
        {cluster.services.length === 0 ? (
          <Typography variant="body2">
            {t('cluster.noServices', {
              key: <code>orchestration.io/cluster</code>,
            })}
          </Typography>
        ) : (
          <Table
            size="small"
            aria-label={t('cluster.servicesOn', { cluster: name })}
          >
            <TableHead>
              <TableRow>
                <TableCell>{t('cluster.columns.service')}</TableCell>
                <TableCell>{t('cluster.columns.owner')}</TableCell>
                <TableCell>{t('cluster.columns.runsOn')}</TableCell>
                <TableCell>{t('cluster.columns.recommended')}</TableCell>
                <TableCell>{t('cluster.columns.migration')}</TableCell>
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
                  <TableCell>{service.owner ?? t('cluster.noOwner')}</TableCell>
                  <TableCell>
                    {platformLabel(service.currentPlatform, texts)}
                  </TableCell>
                  <TableCell>
                    {platformLabel(service.recommendedPlatform, texts)}
                  </TableCell>
                  <TableCell>
                    {service.migration
                      ? t('cluster.migration', {
                          from: platformShortLabel(
                            service.migration.from,
                            texts,
                          ),
                          to: platformShortLabel(service.migration.to, texts),
                        })
                      : t('common.none')}
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
