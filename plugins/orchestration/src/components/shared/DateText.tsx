import { useTexts } from './i18n';

/**
 * A date or instant as the user reads it, in a `<time>` element that keeps
 * the machine-readable value: `28 Nov 2026` (`date`), `28 Nov 2026, 21:31
 * UTC` (`withTime`) or `in 17 days` (`relative`, with the date as its
 * title). An unreadable value is shown as it is.
 */
export function DateText(props: {
  value: string | null | undefined;
  withTime?: boolean;
  relative?: boolean;
}) {
  const { fmt } = useTexts();
  const { value } = props;
  if (!value) return null;
  const exact = props.withTime ? fmt.dateTime(value) : fmt.date(value);
  const shown = props.relative ? fmt.relative(value) || exact : exact;
  return (
    <time dateTime={value} title={shown === exact ? undefined : exact}>
      {shown}
    </time>
  );
}
