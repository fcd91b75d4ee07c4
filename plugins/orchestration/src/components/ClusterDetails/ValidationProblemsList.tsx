import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ValidationProblem } from '@orchestration/plugin-orchestration-common';

const SEVERITY: Record<string, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Hint',
};

/** Annotation problems, each with what to write instead. */
export function ValidationProblemsList(props: {
  problems: ValidationProblem[];
}) {
  if (props.problems.length === 0) {
    return (
      <Typography variant="body2">The annotations have no problems.</Typography>
    );
  }
  return (
    <Box component="ul" pl={2} m={0}>
      {props.problems.map((problem, index) => (
        <li key={`${problem.key}-${problem.code}-${index}`}>
          <Typography variant="body2" component="div">
            <strong>{SEVERITY[problem.severity] ?? problem.severity}</strong> on{' '}
            <code>{problem.key}</code>
            {problem.value !== undefined ? (
              <>
                {' '}
                (written <code>{problem.value}</code>)
              </>
            ) : null}
            {problem.entityRef ? <> of {problem.entityRef}</> : null}:{' '}
            {problem.message}
            {problem.suggestion ? (
              <>
                {' '}
                Fix: write <code>{problem.suggestion}</code>.
              </>
            ) : null}
            {problem.allowed ? (
              <> Allowed: {problem.allowed.join(', ')}.</>
            ) : null}
          </Typography>
        </li>
      ))}
    </Box>
  );
}
