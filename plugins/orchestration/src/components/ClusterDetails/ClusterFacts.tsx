import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ClusterFact } from '@orchestration/plugin-orchestration-common';
import { FactProvenanceText, LongText, useTexts } from '../shared';

const PREFIX = 'orchestration.io/';

/** The name of a fact: its annotation key without `orchestration.io/`. */
export function factName(key: string): string {
  return key.startsWith(PREFIX) ? key.slice(PREFIX.length) : key;
}

/** How many of the facts come from a report past its freshness limit. */
export function staleFactCount(facts: readonly ClusterFact[] | undefined) {
  return (facts ?? []).filter(
    f => f.provenance.kind === 'reported' && f.provenance.stale,
  ).length;
}

/**
 * Every fact of a cluster, declared or reported, with where it comes from
 * and how old a report is; a stale report is highlighted.
 */
export function ClusterFactsTable(props: {
  facts: ClusterFact[] | undefined;
  caption: string;
}) {
  const { facts, caption } = props;
  const { t } = useTexts();
  if (!facts || facts.length === 0) {
    return <Typography variant="body2">{t('clusterFacts.none')}</Typography>;
  }
  return (
    <Table size="small" aria-label={caption}>
      <TableHead>
        <TableRow>
          <TableCell>{t('clusterFacts.columns.fact')}</TableCell>
          <TableCell>{t('clusterFacts.columns.value')}</TableCell>
          <TableCell>{t('clusterFacts.columns.source')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {facts.map(fact => (
          <TableRow
            key={fact.key}
            data-testid={`cluster-fact-${factName(fact.key)}`}
          >
            <TableCell>
              <code>{factName(fact.key)}</code>
            </TableCell>
            <TableCell style={{ overflowWrap: 'anywhere' }}>
              <LongText text={fact.value} />
              {fact.declaredValue !== undefined &&
              fact.declaredValue !== fact.value ? (
                <Typography variant="caption" component="div">
                  {t('clusterFacts.declaredValue', {
                    value: fact.declaredValue,
                  })}
                </Typography>
              ) : null}
            </TableCell>
            <TableCell>
              <FactProvenanceText provenance={fact.provenance} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
