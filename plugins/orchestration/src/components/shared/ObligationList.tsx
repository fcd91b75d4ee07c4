import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Obligation } from '@orchestration/plugin-orchestration-common';
import { DateText } from './DateText';
import { FactProvenanceText } from './FactProvenance';
import { useTexts } from './i18n';
import { byUrgency } from './labels';
import { LongText } from './LongText';
import { ObligationStatusLabel } from './StatusLabel';

/** Obligations, most urgent first: status, due date, evidence, what to do. */
export function ObligationList(props: {
  obligations: Obligation[];
  caption: string;
}) {
  const { obligations, caption } = props;
  const { t } = useTexts();
  if (obligations.length === 0) {
    return <Typography variant="body2">{t('obligations.none')}</Typography>;
  }
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={caption}>
        <TableHead>
          <TableRow>
            <TableCell style={{ width: '27%' }}>
              {t('obligations.columns.obligation')}
            </TableCell>
            <TableCell>{t('obligations.columns.status')}</TableCell>
            <TableCell>{t('obligations.columns.due')}</TableCell>
            <TableCell style={{ width: '30%', minWidth: 200 }}>
              {t('obligations.columns.evidence')}
            </TableCell>
            <TableCell style={{ width: '30%' }}>
              {t('obligations.columns.actions')}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {byUrgency(obligations).map(obligation => (
            <TableRow
              key={obligation.id}
              data-testid={`obligation-${obligation.id}`}
            >
              <TableCell style={{ verticalAlign: 'top' }}>
                <Typography variant="subtitle2" component="p">
                  {obligation.title}
                  {obligation.hypothetical
                    ? ` ${t('obligations.hypothetical')}`
                    : ''}
                </Typography>
                <Typography
                  variant="body2"
                  style={{ overflowWrap: 'break-word' }}
                >
                  {obligation.summary}
                </Typography>
              </TableCell>
              <TableCell style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                <ObligationStatusLabel status={obligation.status} />
              </TableCell>
              <TableCell style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                {obligation.due ? (
                  <>
                    <DateText value={obligation.due} />
                    <Typography
                      variant="caption"
                      component="span"
                      display="block"
                    >
                      <DateText value={obligation.due} relative />
                    </Typography>
                  </>
                ) : (
                  t('obligations.noDue')
                )}
              </TableCell>
              <TableCell
                style={{
                  verticalAlign: 'top',
                  minWidth: 200,
                  overflowWrap: 'anywhere',
                }}
              >
                {obligation.evidence.length === 0 ? (
                  t('obligations.noEvidence')
                ) : (
                  <ul style={{ margin: 0, paddingLeft: 16 }}>
                    {obligation.evidence.map(e => (
                      <li key={`${e.key}=${e.value}`}>
                        <LongText code text={`${e.key}=${e.value}`} />
                        {e.provenance ? (
                          <>
                            {' '}
                            <FactProvenanceText provenance={e.provenance} />
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </TableCell>
              <TableCell
                style={{ verticalAlign: 'top', overflowWrap: 'break-word' }}
              >
                {obligation.actions.length === 0 ? (
                  t('obligations.nothingToDo')
                ) : (
                  <ul style={{ margin: 0, paddingLeft: 16 }}>
                    {obligation.actions.map(action => (
                      <li key={action}>{action}</li>
                    ))}
                  </ul>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
