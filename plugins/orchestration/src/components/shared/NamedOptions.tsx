import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { NamedOption } from '@orchestration/plugin-orchestration-common';
import { useTexts } from './i18n';

/**
 * Options launched since the 2017 framework that bear on a reason or a
 * warning: `Option since May 2021: ECS Anywhere — summary Limits: ... [S1]`.
 * Everything is rendered as text.
 */
export function NamedOptions(props: {
  options: readonly NamedOption[] | undefined;
}) {
  const options = props.options ?? [];
  const { t, fmt } = useTexts();
  if (options.length === 0) return null;
  return (
    <Box
      component="ul"
      pl={2}
      mt={0.5}
      mb={0}
      aria-label={t('namedOptions.label')}
      data-testid="named-options"
    >
      {options.map(option => (
        <li key={option.id}>
          <Typography variant="body2" component="span">
            {t('namedOptions.option', {
              since: (
                <time dateTime={option.since}>{fmt.date(option.since)}</time>
              ),
              name: <strong>{option.name}</strong>,
              summary: option.summary,
              limits: option.limits,
            })}
            {option.sources.length > 0 ? ` [${option.sources.join(', ')}]` : ''}
            {option.secondary ? ` ${t('namedOptions.secondary')}` : ''}
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
