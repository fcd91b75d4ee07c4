/** How many characters of a value the output echoes. */
export const MAX_ECHOED_VALUE = 120;

/** Longest free-text message printed, a guard against runaway output. */
export const MAX_MESSAGE = 1000;

/**
 * Shortens text to at most `max` characters, saying how long it was, so a
 * huge annotation value is never printed in full.
 */
export function clip(text: string, max = MAX_ECHOED_VALUE): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}... (${text.length} characters)`;
}

/**
 * A run of characters without a space too long to be a word: an echoed
 * value. Longer than a clipped value with its quotes and "...", so that a
 * value is not clipped twice.
 */
const LONG_TOKEN = new RegExp(`\\S{${MAX_ECHOED_VALUE + 40},}`, 'g');

/**
 * A message that may quote a value: `value`, when given, and any long run
 * of characters without a space (a value echoed into the text, such as a
 * huge entity ref) are shortened to {@link MAX_ECHOED_VALUE} characters,
 * and the whole message to {@link MAX_MESSAGE}.
 */
export function clipMessage(message: string, value?: string): string {
  let text = message;
  if (typeof value === 'string' && value.length > MAX_ECHOED_VALUE) {
    text = text.split(value).join(clip(value));
  }
  text = text.replace(LONG_TOKEN, token => {
    // Punctuation after the value belongs to the sentence.
    let end = token.length;
    while (token.length - end < 3 && ',.;:!?)"\''.includes(token[end - 1])) {
      end--;
    }
    return `${clip(token.slice(0, end))}${token.slice(end)}`;
  });
  return clip(text, MAX_MESSAGE);
}

/** A value found where a string belongs, described for a message. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `"${clip(value)}"`;
  return `the ${typeof value} ${clip(String(value))}`;
}

/** `1 entity`, `2 entities`. */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
