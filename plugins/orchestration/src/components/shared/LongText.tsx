import Link from '@material-ui/core/Link';
import { makeStyles } from '@material-ui/core/styles';
import { Fragment, ReactNode, useState } from 'react';
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

/** Where a value may break before it must break anywhere: after these. */
const BREAK_AFTER = /([/.=,:_-])/;

/**
 * The text with a line-break opportunity (`<wbr>`) after each `/ . = , : _ -`,
 * so `orchestration.io/etcd-last-backup=2026-11-28` wraps between its parts
 * before it is cut inside a word.
 */
export function withBreaks(text: string): ReactNode {
  const parts = text.split(BREAK_AFTER);
  if (parts.length === 1) return text;
  const nodes: ReactNode[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const separator = parts[i + 1];
    nodes.push(
      <Fragment key={i}>
        {parts[i]}
        {separator}
        {separator !== undefined && i + 2 < parts.length ? <wbr /> : null}
      </Fragment>,
    );
  }
  return nodes;
}

/**
 * A value rendered as text that wraps inside its card, between its parts
 * ({@link withBreaks}) and, for a part wider than the card, anywhere; past about
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
    <code className={classes.value}>{withBreaks(shown)}</code>
  ) : (
    <span className={classes.value}>{withBreaks(shown)}</span>
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
