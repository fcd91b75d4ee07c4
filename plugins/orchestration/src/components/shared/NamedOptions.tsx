import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { NamedOption } from '@orchestration/plugin-orchestration-common';

/**
 * Options launched since the 2017 framework that bear on a reason or a
 * warning: `Option since 2021-05: ECS Anywhere — summary Limits: ... [S1]`.
 * Everything is rendered as text.
 */
export function NamedOptions(props: {
  options: readonly NamedOption[] | undefined;
}) {
  const options = props.options ?? [];
  if (options.length === 0) return null;
  return (
    <Box
      component="ul"
      pl={2}
      mt={0.5}
      mb={0}
      aria-label="Options since 2017"
      data-testid="named-options"
    >
      {options.map(option => (
        <li key={option.id}>
          <Typography variant="body2" component="span">
            Option since {option.since}: <strong>{option.name}</strong> —{' '}
            {option.summary} Limits: {option.limits}
            {option.sources.length > 0 ? ` [${option.sources.join(', ')}]` : ''}
            {option.secondary ? ' (secondary source)' : ''}
          </Typography>
        </li>
      ))}
    </Box>
  );
}

/** All options of several reasons, once each, in order of appearance. */
export function uniqueOptions(
  lists: (readonly NamedOption[] | undefined)[],
): NamedOption[] {
  const seen = new Map<string, NamedOption>();
  for (const list of lists) {
    for (const option of list ?? []) {
      if (!seen.has(option.id)) seen.set(option.id, option);
    }
  }
  return [...seen.values()];
}
