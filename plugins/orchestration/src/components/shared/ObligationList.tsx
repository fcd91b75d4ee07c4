import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Obligation } from '@orchestration/plugin-orchestration-common';
import { byUrgency, formatDate } from './labels';
import { LongText } from './LongText';
import { ObligationStatusLabel } from './StatusLabel';

/** Obligations, most urgent first: status, due date, evidence, what to do. */
export function ObligationList(props: {
  obligations: Obligation[];
  caption: string;
}) {
  const { obligations, caption } = props;
  if (obligations.length === 0) {
    return <Typography variant="body2">No obligations apply.</Typography>;
  }
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={caption}>
        <TableHead>
          <TableRow>
            <TableCell style={{ width: '27%' }}>Obligation</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Due</TableCell>
            <TableCell style={{ width: '30%', minWidth: 200 }}>
              Evidence
            </TableCell>
            <TableCell style={{ width: '30%' }}>What to do</TableCell>
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
                  {obligation.hypothetical ? ' (hypothetical)' : ''}
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
                {obligation.due ? formatDate(obligation.due) : 'No due date'}
              </TableCell>
              <TableCell
                style={{
                  verticalAlign: 'top',
                  minWidth: 200,
                  overflowWrap: 'anywhere',
                }}
              >
                {obligation.evidence.length === 0 ? (
                  'None recorded'
                ) : (
                  <ul style={{ margin: 0, paddingLeft: 16 }}>
                    {obligation.evidence.map(e => (
                      <li key={`${e.key}=${e.value}`}>
                        <LongText code text={`${e.key}=${e.value}`} />
                      </li>
                    ))}
                  </ul>
                )}
              </TableCell>
              <TableCell
                style={{ verticalAlign: 'top', overflowWrap: 'break-word' }}
              >
                {obligation.actions.length === 0 ? (
                  'Nothing to do'
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
