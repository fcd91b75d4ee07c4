/**
 * Parsers for the value formats used by Orchestration annotations. Each
 * returns a result object instead of throwing, with a message that says what
 * to write instead. Messages quote at most a short start of the text.
 */
import { quoteItem } from './text';

export type {
  ResourceRequirements,
  ResourcesParseResult,
  ResourceProblem,
} from './resources';
export { formatResources, parseResources } from './resources';

/**
 * The outcome of parsing one value.
 *
 * @public
 */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; message: string };

/**
 * A Kubernetes version such as `1.29` or `1.29.4`.
 *
 * @public
 */
export interface KubernetesVersion {
  major: number;
  minor: number;
  patch?: number;
  /** `major.minor`, the key used by the release calendars. */
  minorVersion: string;
}

/**
 * A duration such as `15m`, in minutes.
 *
 * @public
 */
export interface Duration {
  minutes: number;
  text: string;
}

/**
 * A point in time parsed from an ISO-8601 date or timestamp.
 *
 * @public
 */
export interface ParsedInstant {
  /** Milliseconds since the epoch. */
  epochMs: number;
  /** The value normalised to ISO-8601 (`2026-11-28` or `2026-11-28T10:00:00.000Z`). */
  iso: string;
  /** True when only a date was given. */
  dateOnly: boolean;
}

/**
 * Pod IP usage from `<used>/<total>`.
 *
 * @public
 */
export interface IpCapacity {
  used: number;
  total: number;
}

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(message: string): ParseResult<T> => ({ ok: false, message });
const tooLarge = (text: string) =>
  `${quoteItem(text)} is too large a number to be meant; check the value`;

const INTEGER = /^\d+$/;

/**
 * Parses a non-negative whole number such as an etcd member count.
 *
 * @public
 */
export function parseInteger(text: string): ParseResult<number> {
  const trimmed = text.trim();
  if (!INTEGER.test(trimmed)) {
    return fail(
      `${quoteItem(text)} is not a whole number; write digits only, e.g. 3`,
    );
  }
  const value = Number(trimmed);
  // Thousands of digits would become Infinity: refuse rather than compute with it.
  if (!Number.isSafeInteger(value)) return fail(tooLarge(text));
  return ok(value);
}

const DURATION = /^(\d+)\s*([mhd])$/i;
const DURATION_UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440 };

/**
 * Parses a duration: a whole number followed by `m` (minutes), `h` (hours) or
 * `d` (days).
 *
 * @public
 */
export function parseDuration(text: string): ParseResult<Duration> {
  const trimmed = text.trim().toLowerCase();
  const match = DURATION.exec(trimmed);
  if (!match) {
    return fail(
      `${quoteItem(
        text,
      )} is not a duration; write a whole number followed by m, h or d, e.g. 15m, 1h or 1d`,
    );
  }
  const amount = Number(match[1]);
  if (!Number.isSafeInteger(amount)) return fail(tooLarge(text));
  if (amount === 0) {
    return fail(
      `${quoteItem(text)} is a zero duration; write a positive one, e.g. 15m`,
    );
  }
  return ok({
    minutes: amount * DURATION_UNIT_MINUTES[match[2]],
    text: `${amount}${match[2]}`,
  });
}

const VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/i;

/**
 * Parses a Kubernetes version `1.29` or `1.29.4` (a leading `v` is accepted).
 *
 * @public
 */
export function parseKubernetesVersion(
  text: string,
): ParseResult<KubernetesVersion> {
  const match = VERSION.exec(text.trim());
  if (!match) {
    return fail(
      `${quoteItem(
        text,
      )} is not a Kubernetes version; write major.minor or major.minor.patch, e.g. 1.29 or 1.29.4`,
    );
  }
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const patch = match[3] === undefined ? undefined : Number(match[3]);
  if (
    !Number.isSafeInteger(minor) ||
    (patch !== undefined && !Number.isSafeInteger(patch))
  ) {
    return fail(tooLarge(text));
  }
  if (major !== 1) {
    return fail(
      `${quoteItem(
        text,
      )} has major version ${major}; Kubernetes versions start with 1., e.g. 1.29`,
    );
  }
  const version: KubernetesVersion = {
    major,
    minor,
    minorVersion: `${major}.${minor}`,
  };
  if (patch !== undefined) version.patch = patch;
  return ok(version);
}

const CAPACITY = /^(\d+)\s*\/\s*(\d+)$/;

/**
 * Parses `<used>/<total>`, for example `3800/4096`.
 *
 * @public
 */
export function parseIpCapacity(text: string): ParseResult<IpCapacity> {
  const match = CAPACITY.exec(text.trim());
  if (!match) {
    return fail(
      `${quoteItem(
        text,
      )} is not a capacity; write <used>/<total> in whole numbers, e.g. 3800/4096`,
    );
  }
  const used = Number(match[1]);
  const total = Number(match[2]);
  if (!Number.isSafeInteger(used) || !Number.isSafeInteger(total)) {
    return fail(tooLarge(text));
  }
  if (total === 0) {
    return fail(
      `${quoteItem(text)} has a total of 0; the total must be at least 1`,
    );
  }
  if (used > total) {
    return fail(
      `${quoteItem(
        text,
      )} uses more than the total (${used} > ${total}); write <used>/<total> with used <= total`,
    );
  }
  return ok({ used, total });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/**
 * Parses an ISO-8601 date (`2026-11-28`) or timestamp
 * (`2026-11-28T10:15:00Z`). A timestamp without an offset is read as UTC.
 *
 * @public
 */
export function parseIsoInstant(text: string): ParseResult<ParsedInstant> {
  const trimmed = text.trim();
  const dateMatch = ISO_DATE.exec(trimmed);
  if (dateMatch) {
    const [year, month, day] = [
      Number(dateMatch[1]),
      Number(dateMatch[2]),
      Number(dateMatch[3]),
    ];
    if (!isRealDate(year, month, day)) {
      return fail(
        `${quoteItem(
          text,
        )} is not a calendar date; write a real date, e.g. 2026-11-28`,
      );
    }
    return ok({
      epochMs: Date.UTC(year, month - 1, day),
      iso: trimmed,
      dateOnly: true,
    });
  }
  const timeMatch = ISO_TIMESTAMP.exec(trimmed);
  if (timeMatch) {
    const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map(i =>
      Number(timeMatch[i]),
    );
    const second = timeMatch[6] ? Number(timeMatch[6]) : 0;
    if (
      !isRealDate(year, month, day) ||
      hour > 23 ||
      minute > 59 ||
      second > 59
    ) {
      return fail(
        `${quoteItem(
          text,
        )} is not a valid timestamp; write e.g. 2026-11-28T10:15:00Z`,
      );
    }
    const zone = timeMatch[8] ?? 'Z';
    const normalisedZone =
      zone === 'Z' || zone === 'z'
        ? 'Z'
        : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    const fraction = timeMatch[7] ? `.${timeMatch[7]}` : '';
    const epochMs = Date.parse(
      `${timeMatch[1]}-${timeMatch[2]}-${timeMatch[3]}T${timeMatch[4]}:${
        timeMatch[5]
      }:${String(second).padStart(2, '0')}${fraction}${normalisedZone}`,
    );
    if (Number.isNaN(epochMs)) {
      return fail(
        `${quoteItem(
          text,
        )} is not a valid timestamp; write e.g. 2026-11-28T10:15:00Z`,
      );
    }
    return ok({
      epochMs,
      iso: new Date(epochMs).toISOString(),
      dateOnly: false,
    });
  }
  return fail(
    `${quoteItem(
      text,
    )} is not an ISO-8601 date; write YYYY-MM-DD or a timestamp such as 2026-11-28T10:15:00Z`,
  );
}

const SIGNED_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Parses `orchestration.io/replicas`: the usual number of running copies, a
 * whole number of 1 or more.
 *
 * @public
 */
export function parseReplicas(text: string): ParseResult<number> {
  const trimmed = text.trim();
  if (INTEGER.test(trimmed)) {
    const value = Number(trimmed);
    if (!Number.isSafeInteger(value)) return fail(tooLarge(text));
    if (value >= 1) return ok(value);
    return fail(
      `${quoteItem(
        text,
      )} copies would serve nothing; write the usual number of running copies, 1 or more, e.g. "3"`,
    );
  }
  const kind = SIGNED_NUMBER.test(trimmed)
    ? 'is not a whole number of 1 or more'
    : 'is not a number';
  return fail(
    `${quoteItem(
      text,
    )} ${kind}; write the usual number of running copies, e.g. "3"`,
  );
}
