import { coreApis, useApiHolder } from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';

/**
 * Dates, numbers and money in the user's locale, one format per kind: every
 * view formats through these, so a page never shows two formats of a date.
 */
export interface Formatters {
  /** The BCP 47 locale the values are formatted in, e.g. `en-GB`. */
  readonly locale: string;
  /**
   * A calendar date: `28 Nov 2026` (en-GB), `Nov 28, 2026` (en-US). A
   * date-only value (`2026-11-28`) is that day wherever the user is; a
   * timestamp is the day in the user's time zone; a month (`2021-05`) is
   * `May 2021`. An unreadable value is returned as it is.
   */
  date(value: string | Date | null | undefined): string;
  /**
   * An instant, to the minute, in the user's time zone, which is named:
   * `28 Nov 2026, 21:31 UTC`. An unreadable value is returned as it is.
   */
  dateTime(value: string | Date | null | undefined): string;
  /**
   * How far a date or instant is from `now`: `in 17 days`, `yesterday`,
   * `3 hours ago`. A date-only value counts whole days. Empty when
   * unreadable.
   */
  relative(
    value: string | Date | null | undefined,
    now?: Date | number,
  ): string;
  /**
   * An amount in US dollars: whole dollars from 100 up (`$145`, `$1,235`),
   * cents below (`$72.08`, `$0.00`).
   */
  currency(usd: number): string;
  /** A number with the locale's grouping: `1,234`. */
  number(value: number): string;
  /** Points with their sign: `+12`, `-5`, `0`. */
  points(value: number): string;
  /** `a, b and c` (`and`) or `a, b or c` (`or`), in the locale's words. */
  list(items: readonly string[], type?: 'and' | 'or'): string;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_ONLY = /^(\d{4})-(\d{2})$/;

/** A date-only value as midnight UTC of that day, to be formatted in UTC. */
function parse(
  value: string | Date,
): { date: Date; dateOnly: boolean } | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? undefined
      : { date: value, dateOnly: false };
  }
  const trimmed = value.trim();
  const only = DATE_ONLY.exec(trimmed);
  if (only) {
    const date = new Date(
      Date.UTC(Number(only[1]), Number(only[2]) - 1, Number(only[3])),
    );
    return Number.isNaN(date.getTime()) ? undefined : { date, dateOnly: true };
  }
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? undefined : { date, dateOnly: false };
}

/** The first locale `Intl` supports of those given, else `en`. */
function supported(locales: readonly (string | undefined)[]): string {
  for (const locale of locales) {
    if (!locale) continue;
    try {
      const [found] = Intl.DateTimeFormat.supportedLocalesOf([locale]);
      if (found) return found;
    } catch {
      // An invalid tag: try the next one.
    }
  }
  return 'en';
}

const primary = (tag: string) => tag.split(/[-_]/)[0].toLocaleLowerCase('en');

/**
 * The locale to format in: the browser's language when it is a variant of
 * the app's language (`en-GB` for an app in `en`), else the app's language;
 * the browser's first language when the app does not say.
 */
export function resolveLocale(
  appLanguage: string | undefined,
  browserLanguages: readonly string[] = browserLocales(),
): string {
  if (!appLanguage) return supported(browserLanguages);
  const variant = browserLanguages.find(
    tag => primary(tag) === primary(appLanguage),
  );
  return supported([variant, appLanguage]);
}

function browserLocales(): string[] {
  if (typeof navigator === 'undefined') return [];
  const languages = navigator.languages?.length ? [...navigator.languages] : [];
  return navigator.language ? [...languages, navigator.language] : languages;
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

const DAY_MS = 86_400_000;

/**
 * The formatters of one locale. `timeZone` is the user's by default; tests
 * and servers may fix it.
 */
export function createFormatters(
  locale: string,
  options?: { timeZone?: string },
): Formatters {
  const timeZone = options?.timeZone;
  const dateFields: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  };
  const calendarDate = new Intl.DateTimeFormat(locale, {
    ...dateFields,
    timeZone: 'UTC',
  });
  const localDate = new Intl.DateTimeFormat(locale, {
    ...dateFields,
    timeZone,
  });
  const month = new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const dateTime = new Intl.DateTimeFormat(locale, {
    ...dateFields,
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const money = (digits: number) =>
    new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  const dollars = money(0);
  const cents = money(2);
  const numbers = new Intl.NumberFormat(locale);
  const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' });
  const lists = {
    and: new Intl.ListFormat(locale, { type: 'conjunction' }),
    or: new Intl.ListFormat(locale, { type: 'disjunction' }),
  };

  return {
    locale,
    date(value) {
      if (value === null || value === undefined || value === '') return '';
      const monthOnly =
        typeof value === 'string' ? MONTH_ONLY.exec(value.trim()) : null;
      if (monthOnly) {
        const m = Number(monthOnly[2]);
        if (m >= 1 && m <= 12) {
          return month.format(
            new Date(Date.UTC(Number(monthOnly[1]), m - 1, 1)),
          );
        }
      }
      const parsed = parse(value);
      if (!parsed) return String(value);
      return (parsed.dateOnly ? calendarDate : localDate).format(parsed.date);
    },
    dateTime(value) {
      if (value === null || value === undefined || value === '') return '';
      const parsed = parse(value);
      if (!parsed) return String(value);
      if (parsed.dateOnly) return calendarDate.format(parsed.date);
      return dateTime.format(parsed.date);
    },
    relative(value, now = Date.now()) {
      if (value === null || value === undefined || value === '') return '';
      const parsed = parse(value);
      if (!parsed) return '';
      const reference = typeof now === 'number' ? now : now.getTime();
      if (parsed.dateOnly) {
        const today = new Date(reference);
        const todayUtc = Date.UTC(
          today.getFullYear(),
          today.getMonth(),
          today.getDate(),
        );
        const days = Math.round((parsed.date.getTime() - todayUtc) / DAY_MS);
        if (Math.abs(days) < 30) return relative.format(days, 'day');
      }
      let amount = (parsed.date.getTime() - reference) / 1000;
      for (const [unit, size] of RELATIVE_STEPS) {
        if (Math.abs(amount) < size) {
          return relative.format(Math.round(amount), unit);
        }
        amount /= size;
      }
      return relative.format(Math.round(amount), 'year');
    },
    currency(usd) {
      return (Math.abs(usd) < 100 ? cents : dollars).format(usd);
    },
    number(value) {
      return numbers.format(value);
    },
    points(value) {
      return signed.format(value);
    },
    list(items, type = 'and') {
      return lists[type].format(items);
    },
  };
}

const cache = new Map<string, Formatters>();

/** The formatters of a locale, built once. */
export function formattersFor(locale: string): Formatters {
  let formatters = cache.get(locale);
  if (!formatters) {
    formatters = createFormatters(locale);
    cache.set(locale, formatters);
  }
  return formatters;
}

/** The formatters of the browser's locale, for code outside React. */
export function browserFormatters(): Formatters {
  return formattersFor(resolveLocale(undefined));
}

/**
 * The formatters of the user's locale: the app's language (when the app
 * offers a language API) refined by the browser's region.
 */
export function useFormatters(): Formatters {
  const apis = useApiHolder();
  const language = apis.get(coreApis.appLanguage)?.getLanguage().language;
  return useMemo(() => formattersFor(resolveLocale(language)), [language]);
}
