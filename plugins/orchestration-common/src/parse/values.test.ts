import {
  parseDuration,
  parseInteger,
  parseIpCapacity,
  parseIsoInstant,
  parseKubernetesVersion,
  parseReplicas,
} from './values';

describe('parseDuration', () => {
  it.each([
    ['15m', { ok: true, value: { minutes: 15, text: '15m' } }],
    ['1h', { ok: true, value: { minutes: 60, text: '1h' } }],
    [' 1D ', { ok: true, value: { minutes: 1440, text: '1d' } }],
    [
      '0m',
      {
        ok: false,
        message: '"0m" is a zero duration; write a positive one, e.g. 15m',
      },
    ],
    [
      '15',
      {
        ok: false,
        message:
          '"15" is not a duration; write a whole number followed by m, h or d, e.g. 15m, 1h or 1d',
      },
    ],
    [
      '1.5h',
      {
        ok: false,
        message:
          '"1.5h" is not a duration; write a whole number followed by m, h or d, e.g. 15m, 1h or 1d',
      },
    ],
  ])('%j', (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });
});

describe('parseKubernetesVersion', () => {
  it.each([
    [
      '1.29',
      { ok: true, value: { major: 1, minor: 29, minorVersion: '1.29' } },
    ],
    [
      '1.29.4',
      {
        ok: true,
        value: { major: 1, minor: 29, patch: 4, minorVersion: '1.29' },
      },
    ],
    [
      'v1.30.1',
      {
        ok: true,
        value: { major: 1, minor: 30, patch: 1, minorVersion: '1.30' },
      },
    ],
    [
      '2.1',
      {
        ok: false,
        message:
          '"2.1" has major version 2; Kubernetes versions start with 1., e.g. 1.29',
      },
    ],
    [
      '1.x',
      {
        ok: false,
        message:
          '"1.x" is not a Kubernetes version; write major.minor or major.minor.patch, e.g. 1.29 or 1.29.4',
      },
    ],
  ])('%j', (text, expected) => {
    expect(parseKubernetesVersion(text)).toEqual(expected);
  });
});

describe('parseIpCapacity', () => {
  it.each([
    ['3800/4096', { ok: true, value: { used: 3800, total: 4096 } }],
    ['10 / 20', { ok: true, value: { used: 10, total: 20 } }],
    [
      '5000/4096',
      {
        ok: false,
        message:
          '"5000/4096" uses more than the total (5000 > 4096); write <used>/<total> with used <= total',
      },
    ],
    [
      '1/0',
      {
        ok: false,
        message: '"1/0" has a total of 0; the total must be at least 1',
      },
    ],
    [
      '80%',
      {
        ok: false,
        message:
          '"80%" is not a capacity; write <used>/<total> in whole numbers, e.g. 3800/4096',
      },
    ],
  ])('%j', (text, expected) => {
    expect(parseIpCapacity(text)).toEqual(expected);
  });
});

describe('parseIsoInstant', () => {
  it.each([
    [
      '2026-11-28',
      {
        ok: true,
        value: {
          epochMs: Date.UTC(2026, 10, 28),
          iso: '2026-11-28',
          dateOnly: true,
        },
      },
    ],
    [
      '2026-11-27T23:50:00Z',
      {
        ok: true,
        value: {
          epochMs: Date.UTC(2026, 10, 27, 23, 50),
          iso: '2026-11-27T23:50:00.000Z',
          dateOnly: false,
        },
      },
    ],
    [
      '2026-11-28T01:00:00+01:00',
      {
        ok: true,
        value: {
          epochMs: Date.UTC(2026, 10, 28),
          iso: '2026-11-28T00:00:00.000Z',
          dateOnly: false,
        },
      },
    ],
    [
      '2026-11-28T00:00',
      {
        ok: true,
        value: {
          epochMs: Date.UTC(2026, 10, 28),
          iso: '2026-11-28T00:00:00.000Z',
          dateOnly: false,
        },
      },
    ],
    [
      '2026-02-30',
      {
        ok: false,
        message:
          '"2026-02-30" is not a calendar date; write a real date, e.g. 2026-11-28',
      },
    ],
    [
      '2026-11-28T25:00:00Z',
      {
        ok: false,
        message:
          '"2026-11-28T25:00:00Z" is not a valid timestamp; write e.g. 2026-11-28T10:15:00Z',
      },
    ],
    [
      '28/11/2026',
      {
        ok: false,
        message:
          '"28/11/2026" is not an ISO-8601 date; write YYYY-MM-DD or a timestamp such as 2026-11-28T10:15:00Z',
      },
    ],
  ])('%j', (text, expected) => {
    expect(parseIsoInstant(text)).toEqual(expected);
  });
});

describe('parseInteger', () => {
  it.each([
    ['3', { ok: true, value: 3 }],
    [
      'three',
      {
        ok: false,
        message: '"three" is not a whole number; write digits only, e.g. 3',
      },
    ],
    [
      '-1',
      {
        ok: false,
        message: '"-1" is not a whole number; write digits only, e.g. 3',
      },
    ],
  ])('%j', (text, expected) => {
    expect(parseInteger(text)).toEqual(expected);
  });
});

describe('parseReplicas', () => {
  it.each([
    ['1', { ok: true, value: 1 }],
    [' 40 ', { ok: true, value: 40 }],
    [
      '0',
      {
        ok: false,
        message:
          '"0" copies would serve nothing; write the usual number of running copies, 1 or more, e.g. "3"',
      },
    ],
    [
      '-1',
      {
        ok: false,
        message:
          '"-1" is not a whole number of 1 or more; write the usual number of running copies, e.g. "3"',
      },
    ],
    [
      '1.5',
      {
        ok: false,
        message:
          '"1.5" is not a whole number of 1 or more; write the usual number of running copies, e.g. "3"',
      },
    ],
    [
      'a few',
      {
        ok: false,
        message:
          '"a few" is not a number; write the usual number of running copies, e.g. "3"',
      },
    ],
    [
      '9'.repeat(30),
      {
        ok: false,
        message: `"${'9'.repeat(
          30,
        )}" is too large a number to be meant; check the value`,
      },
    ],
  ])('%j', (text, expected) => {
    expect(parseReplicas(text)).toEqual(expected);
  });
});

describe('bounded messages', () => {
  const long = `${'x'.repeat(3000)}`;
  it.each([
    ['parseDuration', parseDuration],
    ['parseInteger', parseInteger],
    ['parseIpCapacity', parseIpCapacity],
    ['parseIsoInstant', parseIsoInstant],
    ['parseKubernetesVersion', parseKubernetesVersion],
    ['parseReplicas', parseReplicas],
  ])('%s quotes only the start of a long value', (_name, parse) => {
    const result = parse(long);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(/^"x{40}…" /);
    expect(result.ok ? 0 : result.message.length).toBeLessThan(200);
  });

  it.each([
    ['etcd members', parseInteger, '1'.padEnd(400, '0')],
    ['a duration', parseDuration, `${'1'.padEnd(400, '0')}m`],
    ['a capacity', parseIpCapacity, `1/${'1'.padEnd(400, '0')}`],
  ])('refuses %s too large to compute with', (_name, parse, text) => {
    expect(parse(text)).toEqual({
      ok: false,
      message: `"${text.slice(
        0,
        40,
      )}…" is too large a number to be meant; check the value`,
    });
  });
});
