import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ValidationProblem } from '@orchestration/plugin-orchestration-common';
import { ProblemLine } from '../AssessmentView';
import { useTexts } from '../shared';

/** Annotation problems, each with what to write instead. */
export function ValidationProblemsList(props: {
  problems: ValidationProblem[];
}) {
  const { t } = useTexts();
  if (props.problems.length === 0) {
    return <Typography variant="body2">{t('problems.none')}</Typography>;
  }
  return (
    <Box component="ul" pl={2} m={0}>
      {props.problems.map((problem, index) => (
        <li key={`${problem.key}-${problem.code}-${index}`}>
          <ProblemLine problem={problem} allowedAlways />
        </li>
      ))}
    </Box>
  );
}
