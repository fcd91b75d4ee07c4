/**
 * Bounds on the work and output of the annotation parser. Annotation values
 * come from users' YAML and may be anything; what we echo back must stay
 * small whatever they wrote, so a huge value costs one short problem.
 */

/**
 * The longest annotation value that is read, in UTF-16 code units. Longer
 * values are reported and not parsed.
 *
 * @public
 */
export const MAX_ANNOTATION_VALUE_LENGTH = 4096;

/** The most characters of a value echoed in a problem's `value` field. */
export const MAX_ECHO_LENGTH = 120;

/** The most characters of one item (a list entry, a sub-key) quoted in a message. */
export const MAX_ITEM_LENGTH = 40;

/** The most offending items named in one problem. */
export const MAX_LISTED_ITEMS = 5;

/** The longest message a problem carries. */
export const MAX_MESSAGE_LENGTH = 400;

/** Cuts `text` to at most `limit` code units without splitting a surrogate pair. */
function cut(text: string, limit: number): string {
  let end = limit;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/**
 * A value as it may be echoed in a problem: unchanged up to
 * {@link MAX_ECHO_LENGTH} characters, else its start, an ellipsis and its
 * length, e.g. `aaaa… (5000 characters)`.
 */
export function echoValue(text: string): string {
  if (text.length <= MAX_ECHO_LENGTH) return text;
  return `${cut(text, MAX_ECHO_LENGTH)}… (${text.length} characters)`;
}

/** One item for a message, cut to {@link MAX_ITEM_LENGTH} characters. */
export function shortItem(text: string): string {
  if (text.length <= MAX_ITEM_LENGTH) return text;
  return `${cut(text, MAX_ITEM_LENGTH)}…`;
}

/** An item in double quotes for a message, cut to {@link MAX_ITEM_LENGTH}. */
export function quoteItem(text: string): string {
  return `"${shortItem(text)}"`;
}

/** A message cut to {@link MAX_MESSAGE_LENGTH} characters. */
export function capMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_LENGTH) return message;
  return `${cut(message, MAX_MESSAGE_LENGTH - 1)}…`;
}

/**
 * Names the first few of `items` (already formatted) and how many more
 * there are: `"a", "b" and 3 more`.
 */
export function listSome(items: readonly string[], total = items.length) {
  const shown = items.slice(0, MAX_LISTED_ITEMS);
  const more = total - shown.length;
  const head = more > 0 ? shown.join(', ') : joinAnd(shown);
  return more > 0 ? `${head} and ${more} more` : head;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** An annotation key for a problem: keys are short, but hostile input need not be. */
export function echoKey(key: string): string {
  if (key.length <= MAX_ECHO_LENGTH) return key;
  return `${cut(key, MAX_ECHO_LENGTH)}…`;
}
