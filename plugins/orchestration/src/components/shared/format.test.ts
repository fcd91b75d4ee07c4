import { createFormatters, resolveLocale } from './format';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

describe('createFormatters', () => {
  it('has one date format and one date-time format per locale', () => {
    const gb = createFormatters('en-GB', { timeZone: 'UTC' });
    const us = createFormatters('en-US', { timeZone: 'UTC' });
    expect(gb.date('2026-11-28T21:31:58.414Z')).toBe('28 Nov 2026');
    expect(us.date('2026-11-28T21:31:58.414Z')).toBe('Nov 28, 2026');
    expect(gb.dateTime('2026-11-28T21:31:58.414Z')).toBe(
      '28 Nov 2026, 21:31 UTC',
    );
    expect(us.dateTime('2026-11-28T21:31:58.414Z')).toBe(
      'Nov 28, 2026, 09:31 PM UTC',
    );
    expect(
      createFormatters('de-DE', { timeZone: 'UTC' }).date('2026-03-01'),
    ).toBe('1. März 2026');
  });

  it('keeps a date-only value on its day in every time zone, and names the zone of an instant', () => {
    const pacific = createFormatters('en-GB', {
      timeZone: 'America/Los_Angeles',
    });
    expect(pacific.date('2026-12-15')).toBe('15 Dec 2026');
    expect(pacific.dateTime('2026-12-15')).toBe('15 Dec 2026');
    // The instant is the evening before in California.
    expect(pacific.date('2026-12-15T02:00:00Z')).toBe('14 Dec 2026');
    expect(pacific.dateTime('2026-12-15T02:00:00Z')).toBe(
      '14 Dec 2026, 18:00 GMT-8',
    );
    expect(pacific.date('2021-05')).toBe('May 2021');
  });

  it('leaves an unreadable value as it is and an empty one empty', () => {
    const fmt = createFormatters('en-GB');
    expect(fmt.date('soon')).toBe('soon');
    expect(fmt.dateTime('<b>x</b>')).toBe('<b>x</b>');
    expect(fmt.date(undefined)).toBe('');
    expect(fmt.relative('soon', NOW)).toBe('');
  });

  it('says how far a date is, in days for a calendar date', () => {
    const fmt = createFormatters('en-GB', { timeZone: 'UTC' });
    expect(fmt.relative('2026-12-15', NOW)).toBe('in 17 days');
    expect(fmt.relative('2026-11-27', NOW)).toBe('yesterday');
    expect(fmt.relative('2026-11-28T09:00:00Z', NOW)).toBe('3 hours ago');
    expect(fmt.relative('2027-06-01', NOW)).toBe('in 6 months');
    expect(createFormatters('de').relative('2026-11-29', NOW)).toBe('morgen');
  });

  it('formats money, numbers, points and lists in the locale', () => {
    const us = createFormatters('en-US');
    expect(us.currency(144.96)).toBe('$145');
    expect(us.currency(1234.5)).toBe('$1,235');
    expect(us.currency(72.08)).toBe('$72.08');
    expect(us.currency(0)).toBe('$0.00');
    expect(createFormatters('de-DE').currency(1234.5)).toBe('1.235\u00a0$');
    expect(us.number(5027)).toBe('5,027');
    expect(us.points(12)).toBe('+12');
    expect(us.points(-5)).toBe('-5');
    expect(us.points(0)).toBe('0');
    expect(us.list(['a', 'b'], 'or')).toBe('a or b');
    expect(us.list(['a', 'b', 'c'])).toBe('a, b, and c');
    expect(createFormatters('en-GB').list(['a', 'b', 'c'])).toBe('a, b and c');
  });
});

describe('resolveLocale', () => {
  it('takes the region from the browser when the app speaks its language', () => {
    expect(resolveLocale('en', ['en-GB', 'de-DE'])).toBe('en-GB');
    expect(resolveLocale('de', ['en-GB', 'de-CH'])).toBe('de-CH');
  });

  it('keeps the app language when the browser does not speak it, and the browser language without an app language', () => {
    expect(resolveLocale('fr', ['en-GB'])).toBe('fr');
    expect(resolveLocale(undefined, ['en-AU'])).toBe('en-AU');
    expect(resolveLocale(undefined, [])).toBe('en');
    expect(resolveLocale(undefined, ['not a tag', 'nl-BE'])).toBe('nl-BE');
  });
});
