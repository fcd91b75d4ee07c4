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
        commented out, e.g. <code>{line.example}</code>
        <Typography variant="caption" component="div">
          {line.source}
        </Typography>
      </>
    );
  }
  return (
    <Typography variant="caption" component="div">
      not in the block: {line.source}
    </Typography>
  );
}

/** The peers the values came from, in words. */
function peersText(peers: StarterPeers | undefined): string {
  if (!peers) {
    return 'No annotated service shares its System or owner yet, so only spec.type is used.';
  }
  const count = peers.entities.length;
  return `${count} annotated service${count === 1 ? '' : 's'} ${
    peers.by === 'system' ? 'of system' : 'owned by'
  } ${shortName(
    peers.ref,
  )}: where most of them agree, their values are proposed.`;
}

/**
 * The "Get started" view of a Component without orchestration annotations:
 * starter annotations prefilled from the catalog, as YAML to copy, and what
 * each key means.
 */
export function GetStartedContent(props: { entity: Entity; docsUrl?: string }) {
  const { entity } = props;
  const classes = useStyles();
  const peers = usePeers(entity);
  const docsUrl = props.docsUrl ?? ORCHESTRATION_DOCS_URL;
  if (peers.loading) return <Progress />;
  const lines = starterLines(entity, peers.value);
  const text = starterYaml(lines);
  const name = entity.metadata.title ?? entity.metadata.name;
  const { owner, system } = catalogContext(entity);
  const type = typeof entity.spec?.type === 'string' ? entity.spec.type : '';

  return (
    <Box className={classes.root} data-testid="orchestration-get-started">
      <Grid container spacing={3} alignItems="stretch">
        <Grid item xs={12} md={8}>
          <InfoCard
            title="Get started with Orchestration"
            titleTypographyProps={headingProps}
          >
            <Typography variant="body1" component="p" paragraph>
              {name} has no <code>{ORCHESTRATION_ANNOTATION_PREFIX}</code>{' '}
              annotations yet, so it is not assessed. With a few, this tab says
              whether it should run on Amazon ECS or on Kubernetes, why, and
              what running Kubernetes would oblige its team to do.
            </Typography>
            <Typography variant="h6" component="h3" gutterBottom>
              1. Add these lines to its catalog-info.yaml
            </Typography>
            <Typography variant="body2" component="p" paragraph>
              Under <code>metadata</code>, beside any annotations it has. The
              values come from what the catalog knows; lines starting with{' '}
              <code>#</code> are optional: remove the <code>#</code> and write
              the value when you know it.
            </Typography>
            <YamlBlock
              text={text}
              aria-label="Starter annotations for catalog-info.yaml"
            />
            {peers.error ? (
              <Box mt={1}>
                <WarningNote title="Related services could not be read from the catalog">
                  The block uses spec.type only. {peers.error.message}
                </WarningNote>
              </Box>
            ) : null}
            <Typography
              variant="h6"
              component="h3"
              gutterBottom
              style={{ marginTop: 16 }}
            >
              2. Commit it
            </Typography>
            <Typography variant="body2" component="p">
              The assessment appears on this tab once the catalog has read the
              file again. To check the values before, run{' '}
              <code>yarn orchestration-advisor lint catalog-info.yaml</code>.
            </Typography>
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={4}>
          <InfoCard
            title="What the catalog already says"
            titleTypographyProps={headingProps}
          >
            <dl className={classes.terms}>
              <dt>Type</dt>
              <dd>
                {type ? <code>{type}</code> : 'not set'}: the workload type
                proposed comes from it.
              </dd>
              <dt>Owner</dt>
              <dd>
                {owner ? (
                  <EntityRefLink entityRef={owner} defaultKind="group" />
                ) : (
                  'not set'
                )}
                : its size, and whether a platform team exists, weigh in the
                assessment; nothing to annotate.
              </dd>
              <dt>System</dt>
              <dd>
                {system ? (
                  <EntityRefLink entityRef={system} defaultKind="system" />
                ) : (
                  'none'
                )}
              </dd>
              <dt>Related services</dt>
              <dd data-testid="get-started-peers">{peersText(peers.value)}</dd>
            </dl>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title="What each key means"
            titleTypographyProps={headingProps}
          >
            <Table
              size="small"
              aria-label="Orchestration annotation keys"
              className={classes.keys}
            >
              <TableHead>
                <TableRow>
                  <TableCell>Key</TableCell>
                  <TableCell>In the block</TableCell>
                  <TableCell>What it means</TableCell>
                  <TableCell>Values</TableCell>
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
                Values are strings: keep the quotes. Lists are comma-separated.
                Every key and value, and how the engine weighs them:{' '}
                <Link to={docsUrl} underline="always">
                  the annotation reference
                </Link>
                .
              </Typography>
            </Box>
          </InfoCard>
        </Grid>
      </Grid>
    </Box>
  );
}

/**
 * The Orchestration tab of a Component without orchestration annotations:
 * how to get started.
 *
 * @public
 */
export function EntityOrchestrationGetStartedContent(props: {
  /** Where the annotations are documented; default {@link ORCHESTRATION_DOCS_URL}. */
  docsUrl?: string;
}) {
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
  const [workload] = starterLines(entity);
  const name = entity.metadata.title ?? entity.metadata.name;
  return (
    <InfoCard
      title="Orchestration"
      deepLink={{
        title: 'Get started',
        link: link(stringifyEntityRef(entity)),
      }}
    >
      <Typography variant="body1" component="p" paragraph>
        Not assessed yet: {name} has no{' '}
        <code>{ORCHESTRATION_ANNOTATION_PREFIX}</code> annotations.
      </Typography>
      <Typography variant="body2" component="p">
        Start with <code>{workload.key}</code>: <code>{workload.value}</code>.
        The tab has the other keys, prefilled from the catalog.
      </Typography>
    </InfoCard>
  );
}
