import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
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
import { ORCHESTRATION_ANNOTATION_PREFIX } from '@orchestration/plugin-orchestration-common';
import { useEntityLink, WarningNote, YamlBlock } from '../shared';
import { Texts, useTexts } from '../shared/i18n';
import {
  catalogContext,
  shortName,
  StarterLine,
  starterLines,
  StarterPeers,
  starterYaml,
} from './starter';
import { ORCHESTRATION_DOCS_URL } from './conditions';
import { usePeers } from './usePeers';

const useStyles = makeStyles(theme => ({
  root: { overflowWrap: 'break-word', minWidth: 0 },
  terms: {
    margin: 0,
    '& dt': { fontWeight: theme.typography.fontWeightBold, marginTop: 8 },
    '& dd': { margin: 0 },
  },
  keys: {
    '& th, & td': { verticalAlign: 'top', paddingLeft: 8, paddingRight: 8 },
  },
  // Keys break after the prefix, never inside a word.
  code: { overflowWrap: 'normal', wordBreak: 'normal' },
}));

const headingProps = { component: 'h2' } as const;

/** `orchestration.io/` then a chance to break, then the rest of the key. */
function breakAfterPrefix(key: string) {
  if (!key.startsWith(ORCHESTRATION_ANNOTATION_PREFIX)) return key;
  return (
    <>
      {ORCHESTRATION_ANNOTATION_PREFIX}
      <wbr />
      {key.slice(ORCHESTRATION_ANNOTATION_PREFIX.length)}
    </>
  );
}

/** What the block says about a key: the value and where it comes from, or the example. */
function InBlock(props: { line: StarterLine }) {
  const { line } = props;
  const { t } = useTexts();
  if (line.value !== undefined) {
    return (
      <>
        <code>{line.value}</code>
        <Typography variant="caption" component="div">
          {line.source}
        </Typography>
      </>
    );
  }
  if (line.example !== undefined) {
    return (
      <>
        {t('getStarted.keys.commentedOut', {
          example: <code>{line.example}</code>,
        })}
        <Typography variant="caption" component="div">
          {line.source}
        </Typography>
      </>
    );
  }
  return (
    <Typography variant="caption" component="div">
      {t('getStarted.keys.notInBlock', { source: line.source })}
    </Typography>
  );
}

/** The peers the values came from, in words. */
function peersText(peers: StarterPeers | undefined, { t, fmt }: Texts): string {
  if (!peers) return t('getStarted.catalog.noPeers');
  const count = peers.entities.length;
  const values = {
    count,
    services: fmt.number(count),
    ref: shortName(peers.ref),
  };
  return peers.by === 'system'
    ? t('getStarted.catalog.peersOfSystem', values)
    : t('getStarted.catalog.peersOfOwner', values);
}

/**
 * The "Get started" view of a Component without orchestration annotations:
 * starter annotations prefilled from the catalog, as YAML to copy, and what
 * each key means.
 */
export function GetStartedContent(props: { entity: Entity; docsUrl?: string }) {
  const { entity } = props;
  const classes = useStyles();
  const texts = useTexts();
  const { t } = texts;
  const peers = usePeers(entity);
  const docsUrl = props.docsUrl ?? ORCHESTRATION_DOCS_URL;
  if (peers.loading) return <Progress />;
  const lines = starterLines(entity, peers.value, texts);
  const text = starterYaml(lines);
  const name = entity.metadata.title ?? entity.metadata.name;
  const { owner, system } = catalogContext(entity);
  const type = typeof entity.spec?.type === 'string' ? entity.spec.type : '';

  return (
    <Box className={classes.root} data-testid="orchestration-get-started">
      <Grid container spacing={3} alignItems="stretch">
        <Grid item xs={12} md={8}>
          <InfoCard
            title={t('getStarted.title')}
            titleTypographyProps={headingProps}
          >
            <Typography variant="body1" component="p" paragraph>
              {t('getStarted.intro', {
                name,
                prefix: <code>{ORCHESTRATION_ANNOTATION_PREFIX}</code>,
              })}
            </Typography>
            <Typography variant="h6" component="h3" gutterBottom>
              {t('getStarted.addTitle', { file: 'catalog-info.yaml' })}
            </Typography>
            <Typography variant="body2" component="p" paragraph>
              {t('getStarted.addHint', {
                metadata: <code>metadata</code>,
                hash: <code>#</code>,
              })}
            </Typography>
            <YamlBlock text={text} aria-label={t('getStarted.blockLabel')} />
            {peers.error ? (
              <Box mt={1}>
                <WarningNote title={t('getStarted.peersFailed')}>
                  {t('getStarted.peersFailedDetail', {
                    message: peers.error.message,
                  })}
                </WarningNote>
              </Box>
            ) : null}
            <Typography
              variant="h6"
              component="h3"
              gutterBottom
              style={{ marginTop: 16 }}
            >
              {t('getStarted.commitTitle')}
            </Typography>
            <Typography variant="body2" component="p">
              {t('getStarted.commitHint', {
                command: (
                  <code>yarn orchestration-advisor lint catalog-info.yaml</code>
                ),
              })}
            </Typography>
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={4}>
          <InfoCard
            title={t('getStarted.catalog.title')}
            titleTypographyProps={headingProps}
          >
            <dl className={classes.terms}>
              <dt>{t('getStarted.catalog.type')}</dt>
              <dd>
                {t('getStarted.catalog.typeDetail', {
                  type: type ? (
                    <code>{type}</code>
                  ) : (
                    <>{t('getStarted.catalog.notSet')}</>
                  ),
                })}
              </dd>
              <dt>{t('getStarted.catalog.owner')}</dt>
              <dd>
                {t('getStarted.catalog.ownerDetail', {
                  owner: owner ? (
                    <EntityRefLink entityRef={owner} defaultKind="group" />
                  ) : (
                    <>{t('getStarted.catalog.notSet')}</>
                  ),
                })}
              </dd>
              <dt>{t('getStarted.catalog.system')}</dt>
              <dd>
                {system ? (
                  <EntityRefLink entityRef={system} defaultKind="system" />
                ) : (
                  t('getStarted.catalog.none')
                )}
              </dd>
              <dt>{t('getStarted.catalog.peers')}</dt>
              <dd data-testid="get-started-peers">
                {peersText(peers.value, texts)}
              </dd>
            </dl>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title={t('getStarted.keys.title')}
            titleTypographyProps={headingProps}
          >
            <Table
              size="small"
              aria-label={t('getStarted.keys.tableLabel')}
              className={classes.keys}
            >
              <TableHead>
                <TableRow>
                  <TableCell>{t('getStarted.keys.columns.key')}</TableCell>
                  <TableCell>{t('getStarted.keys.columns.inBlock')}</TableCell>
                  <TableCell>{t('getStarted.keys.columns.meaning')}</TableCell>
                  <TableCell>{t('getStarted.keys.columns.values')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {lines.map(line => (
                  <TableRow key={line.key}>
                    <TableCell component="th" scope="row" role="rowheader">
                      <code className={classes.code}>
                        {breakAfterPrefix(line.key)}
                      </code>
                    </TableCell>
                    <TableCell>
                      <InBlock line={line} />
                    </TableCell>
                    <TableCell>{line.meaning}</TableCell>
                    <TableCell>{line.allowed}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Box mt={2}>
              <Typography variant="body2" component="p">
                {t('getStarted.keys.footer', {
                  reference: (
                    <Link to={docsUrl} underline="always">
                      {t('getStarted.keys.reference')}
                    </Link>
                  ),
                })}
              </Typography>
            </Box>
          </InfoCard>
        </Grid>
      </Grid>
    </Box>
  );
}

/**
 * Props of {@link EntityOrchestrationGetStartedContent}.
 *
 * @public
 */
export interface EntityOrchestrationGetStartedContentProps {
  /** Where the annotations are documented; default {@link ORCHESTRATION_DOCS_URL}. */
  docsUrl?: string;
}

/**
 * The Orchestration tab of a Component without orchestration annotations:
 * how to get started.
 *
 * @public
 */
export function EntityOrchestrationGetStartedContent(
  props: EntityOrchestrationGetStartedContentProps,
) {
  const { entity } = useEntity();
  return <GetStartedContent entity={entity} docsUrl={props.docsUrl} />;
}

/**
 * The overview card of a Component without orchestration annotations: that
 * it is not assessed, the first annotation to add, and a link to the tab.
 *
 * @public
 */
export function EntityOrchestrationGetStartedCard() {
  const { entity } = useEntity();
  const link = useEntityLink();
  const texts = useTexts();
  const { t } = texts;
  const [workload] = starterLines(entity, undefined, texts);
  const name = entity.metadata.title ?? entity.metadata.name;
  return (
    <InfoCard
      title={t('getStarted.card.title')}
      deepLink={{
        title: t('getStarted.card.deepLink'),
        link: link(stringifyEntityRef(entity)),
      }}
    >
      <Typography variant="body1" component="p" paragraph>
        {t('getStarted.card.notAssessed', {
          name,
          prefix: <code>{ORCHESTRATION_ANNOTATION_PREFIX}</code>,
        })}
      </Typography>
      <Typography variant="body2" component="p">
        {t('getStarted.card.startWith', {
          key: <code>{workload.key}</code>,
          value: <code>{workload.value}</code>,
        })}
      </Typography>
    </InfoCard>
  );
}
