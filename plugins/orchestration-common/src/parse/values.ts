/**
 * Parsers for the value formats used by Orchestration annotations. Each
 * returns a result object instead of throwing, with a message that says what
 * to write instead.
 */

/**
 * The outcome of parsing one value.
 *
 * @public
 */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; message: string };

/**
 * Peak size of one task or pod, from `orchestration.io/resources`.
 * Memory and storage are in GiB.
 *
 * @public
 */
export interface ResourceRequirements {
  cpu?: number;
  memoryGi?: number;
  gpu?: number;
  storageGi?: number;
  privileged?: boolean;
}

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

const DECIMAL = /^\d+(\.\d+)?$/;
const INTEGER = /^\d+$/;

/**
 * Parses a non-negative whole number such as an etcd member count.
 *
 * @public
 */
export function parseInteger(text: string): ParseResult<number> {
  const trimmed = text.trim();
  if (!INTEGER.test(trimmed)) {
    return fail(`"${text}" is not a whole number; write digits only, e.g. 3`);
  }
  return ok(Number(trimmed));
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
      `"${text}" is not a duration; write a whole number followed by m, h or d, e.g. 15m, 1h or 1d`,
    );
  }
  const amount = Number(match[1]);
  if (amount === 0) {
    return fail(`"${text}" is a zero duration; write a positive one, e.g. 15m`);
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
      `"${text}" is not a Kubernetes version; write major.minor or major.minor.patch, e.g. 1.29 or 1.29.4`,
    );
  }
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major !== 1) {
    return fail(
      `"${text}" has major version ${major}; Kubernetes versions start with 1., e.g. 1.29`,
    );
  }
  const version: KubernetesVersion = {
    major,
    minor,
    minorVersion: `${major}.${minor}`,
  };
  if (match[3] !== undefined) version.patch = Number(match[3]);
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
      `"${text}" is not a capacity; write <used>/<total> in whole numbers, e.g. 3800/4096`,
    );
  }
  const used = Number(match[1]);
  const total = Number(match[2]);
  if (total === 0) {
    return fail(`"${text}" has a total of 0; the total must be at least 1`);
  }
  if (used > total) {
    return fail(
      `"${text}" uses more than the total (${used} > ${total}); write <used>/<total> with used <= total`,
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
        `"${text}" is not a calendar date; write a real date, e.g. 2026-11-28`,
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
        `"${text}" is not a valid timestamp; write e.g. 2026-11-28T10:15:00Z`,
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
        `"${text}" is not a valid timestamp; write e.g. 2026-11-28T10:15:00Z`,
      );
    }
    return ok({
      epochMs,
      iso: new Date(epochMs).toISOString(),
      dateOnly: false,
    });
  }
  return fail(
    `"${text}" is not an ISO-8601 date; write YYYY-MM-DD or a timestamp such as 2026-11-28T10:15:00Z`,
  );
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(gi|mi|ti)$/i;
const SIZE_UNIT_GI: Record<string, number> = { mi: 1 / 1024, gi: 1, ti: 1024 };

function parseSizeGi(subKey: string, text: string): ParseResult<number> {
  const match = SIZE.exec(text);
  if (!match) {
    if (DECIMAL.test(text)) {
      return fail(`${subKey}=${text} has no unit; write ${subKey}=${text}Gi`);
    }
    return fail(
      `${subKey}=${text} is not a size; write a number followed by Gi (or Mi), e.g. ${subKey}=8Gi`,
    );
  }
  return ok(Number(match[1]) * SIZE_UNIT_GI[match[2].toLowerCase()]);
}

function parseCpu(text: string): ParseResult<number> {
  if (DECIMAL.test(text)) {
    const value = Number(text);
    if (value === 0)
      return fail('cpu=0 is not a size; write at least cpu=0.25');
    return ok(value);
  }
  const millis = /^(\d+)m$/i.exec(text);
  if (millis && Number(millis[1]) > 0) return ok(Number(millis[1]) / 1000);
  return fail(
    `cpu=${text} is not a vCPU count; write a number of vCPUs, e.g. cpu=0.5 or cpu=4`,
  );
}

/**
 * The problems found while parsing `orchestration.io/resources`, with the
 * sub-key each concerns; parsing continues past a bad item.
 *
 * @public
 */
export interface ResourcesParseResult {
  value: ResourceRequirements;
  problems: Array<{ item: string; message: string; unknownKey?: string }>;
}

/**
 * Parses `cpu=<vCPU>,memory=<n>Gi,gpu=<n>,storage=<n>Gi,privileged=<bool>`
 * (any subset, any order). Keys are case-insensitive.
 *
 * @public
 */
export function parseResources(text: string): ResourcesParseResult {
  const value: ResourceRequirements = {};
  const problems: ResourcesParseResult['problems'] = [];
  const seen = new Set<string>();
  for (const rawItem of text.split(',')) {
    const item = rawItem.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) {
      problems.push({
        item,
        message: `"${item}" has no value; write key=value, e.g. cpu=2 or memory=4Gi`,
      });
      continue;
    }
    const key = item.slice(0, eq).trim().toLowerCase();
    const raw = item.slice(eq + 1).trim();
    if (seen.has(key)) {
      problems.push({
        item,
        message: `${key} is given more than once; keep one`,
      });
      continue;
    }
    seen.add(key);
    let result: ParseResult<number | boolean>;
    switch (key) {
      case 'cpu':
        result = parseCpu(raw);
        if (result.ok) value.cpu = result.value as number;
        break;
      case 'memory':
        result = parseSizeGi('memory', raw);
        if (result.ok) value.memoryGi = result.value as number;
        break;
      case 'storage':
        result = parseSizeGi('storage', raw);
        if (result.ok) value.storageGi = result.value as number;
        break;
      case 'gpu':
        result = INTEGER.test(raw)
          ? ok(Number(raw))
          : fail(`gpu=${raw} is not a whole number; write e.g. gpu=1`);
        if (result.ok) value.gpu = result.value as number;
        break;
      case 'privileged': {
        const lower = raw.toLowerCase();
        result =
          lower === 'true' || lower === 'false'
            ? ok(lower === 'true')
            : fail(
                `privileged=${raw} must be privileged=true or privileged=false`,
              );
        if (result.ok) value.privileged = result.value as boolean;
        break;
      }
      default:
        problems.push({
          item,
          unknownKey: key,
          message: `"${key}" is not a resource key; use cpu, memory, gpu, storage or privileged`,
        });
        continue;
    }
    if (!result.ok) problems.push({ item, message: result.message });
  }
  return { value, problems };
}

/**
 * Formats resource requirements back into the annotation syntax.
 *
 * @public
 */
export function formatResources(resources: ResourceRequirements): string {
  const parts: string[] = [];
  if (resources.cpu !== undefined) parts.push(`cpu=${resources.cpu}`);
  if (resources.memoryGi !== undefined)
    parts.push(`memory=${resources.memoryGi}Gi`);
  if (resources.gpu !== undefined) parts.push(`gpu=${resources.gpu}`);
  if (resources.storageGi !== undefined)
    parts.push(`storage=${resources.storageGi}Gi`);
  if (resources.privileged !== undefined)
    parts.push(`privileged=${resources.privileged}`);
  return parts.join(',');
}
