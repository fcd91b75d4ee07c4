import Link from '@material-ui/core/Link';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { useTexts } from './i18n';

/** Values longer than this are cut, with a control to show the rest. */
export const LONG_TEXT_LIMIT = 120;

const useStyles = makeStyles({
  value: { overflowWrap: 'anywhere', wordBreak: 'break-word' },
  toggle: { verticalAlign: 'baseline', marginLeft: 4 },
});

/** `text` cut to about `limit` characters (never inside a surrogate pair). */
export function cutText(text: string, limit = LONG_TEXT_LIMIT): string {
  if (text.length <= limit) return text;
  let end = limit;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * A value rendered as text that wraps anywhere inside its card; past about
 * 120 characters it is cut, with "show more" to see all of it.
 */
export function LongText(props: {
  text: string;
  /** Render inside `<code>`. */
  code?: boolean;
  limit?: number;
}) {
  const { text, code } = props;
  const limit = props.limit ?? LONG_TEXT_LIMIT;
  const classes = useStyles();
  const { t, fmt } = useTexts();
  const [open, setOpen] = useState(false);
  const long = text.length > limit;
  const shown = long && !open ? cutText(text, limit) : text;
  const body = code ? (
    <code className={classes.value}>{shown}</code>
  ) : (
    <span className={classes.value}>{shown}</span>
  );
  if (!long) return body;
  return (
    <>
      {body}
      <Link
        component="button"
        type="button"
        variant="body2"
        className={classes.toggle}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open
          ? t('common.showLess')
          : t('common.showMore', {
              count: text.length,
              characters: fmt.number(text.length),
            })}
      </Link>
    </>
  );
}
