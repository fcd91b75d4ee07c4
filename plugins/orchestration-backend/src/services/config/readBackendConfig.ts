import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  OrchestrationOptions,
  BACKEND_ONLY_CONFIG_KEYS,
  readOrchestrationConfig,
} from '@orchestration/plugin-orchestration-common';
import {
  DEFAULT_CATALOG_TIMEOUT_MS,
  readCatalogTimeoutMs,
} from '@orchestration/plugin-orchestration-node';
import type { ClusterFactRetention } from '../Store/tables/ClusterFactReportTable';
import {
  NotificationsConfig,
  readNotificationsConfig,
} from './readNotificationsConfig';

/** Settings of the backend plugin, read once at start-up. */
export interface OrchestrationBackendConfig {
  options: OrchestrationOptions;
  snapshot: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    include: 'annotated' | 'all';
    pageSize: number;
    /** The refresh lease: how often it is renewed, when it is abandoned. */
    lease: SnapshotLeaseTimings;
  };
  history: {
    retentionDays: number;
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
  catalog: {
    /** How long a single catalog call may take before it fails with a 503. */
    timeoutMs: number;
  };
  clusterFacts: {
    /** How much history of reported cluster facts is kept. */
    retention: ClusterFactRetention;
  };
  /** What owners are told through the notifications service. */
  notifications: NotificationsConfig;
}

/** The timings of the refresh lease, `orchestration.snapshot.lease`. */
export interface SnapshotLeaseTimings {
  /** How often a running refresh renews its lease. */
  heartbeatMs: number;
  /** A lease not renewed for this long belongs to a stopped instance. */
  staleAfterMs: number;
  /** A run that started longer ago than this is treated as dead. */
  maxRunMs: number;
}

export const DEFAULT_LEASE_TIMINGS: SnapshotLeaseTimings = {
  heartbeatMs: 10_000,
  staleAfterMs: 60_000,
  maxRunMs: 3_600_000,
};

const DURATION_UNITS: Array<[RegExp, number]> = [
  [/^(ms|msecs?|milliseconds?)$/, 1],
  [/^(s|secs?|seconds?)$/, 1_000],
  [/^(m|mins?|minutes?)$/, 60_000],
  [/^(h|hrs?|hours?)$/, 3_600_000],
  [/^(d|days?)$/, 86_400_000],
];

const DURATION_KEYS = [
  'years',
  'months',
  'weeks',
  'days',
  'hours',
  'minutes',
  'seconds',
  'milliseconds',
];

const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/**
 * Milliseconds of a duration given as a number of milliseconds, a string
 * such as `10s`, `1500ms`, `2 minutes` or `PT10S`, or an object such as
 * `{ seconds: 10 }`; undefined when the value is none of these.
 */
export function durationMillis(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : undefined;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^\d+$/.test(text)) return Number(text);
    const iso = ISO_DURATION.exec(text);
    if (iso) {
      if (!iso.slice(1).some(part => part !== undefined)) return undefined;
      const [days, hours, minutes, seconds] = iso
        .slice(1)
        .map(part => Number(part ?? 0));
      return durationToMilliseconds({ days, hours, minutes, seconds });
    }
    const match = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(text);
    if (!match) return undefined;
    const unit = DURATION_UNITS.find(([pattern]) =>
      pattern.test(match[2].toLocaleLowerCase('en-US')),
    );
    return unit ? Number(match[1]) * unit[1] : undefined;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (
      entries.length === 0 ||
      entries.some(
        ([key, part]) =>
          !DURATION_KEYS.includes(key) ||
          typeof part !== 'number' ||
          !Number.isFinite(part) ||
          part < 0,
      )
    ) {
      return undefined;
    }
    return durationToMilliseconds(value as HumanDuration);
  }
  return undefined;
}

/**
 * Reads `orchestration.catalog.timeout` as the Orchestration node library
 * does (a Backstage duration or milliseconds, 10 seconds when not set),
 * collecting the error instead of throwing it.
 */
export function readCatalogTimeout(
  config: RootConfigService,
  errors: string[],
): number {
  try {
    return readCatalogTimeoutMs(config);
  } catch (error) {
    errors.push((error as Error).message);
    return DEFAULT_CATALOG_TIMEOUT_MS;
  }
}

/** A whole number of milliseconds in words, for messages: `1 minute`, `30 seconds`. */
function durationInWords(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1_000, 'second'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

const LEASE_KEYS: Array<{
  name: 'heartbeat' | 'staleAfter' | 'maxRun';
  field: keyof SnapshotLeaseTimings;
  min: number;
  max: number;
  range: string;
  examples: string;
}> = [
  {
    name: 'heartbeat',
    field: 'heartbeatMs',
    min: 1_000,
    max: 600_000,
    range: 'between 1 second and 10 minutes',
    examples: '10s, PT10S or { seconds: 10 }',
  },
  {
    name: 'staleAfter',
    field: 'staleAfterMs',
    min: 2_000,
    max: 3_600_000,
    range: 'between 2 seconds and 1 hour',
    examples: '1m, PT60S or { minutes: 1 }',
  },
  {
    name: 'maxRun',
    field: 'maxRunMs',
    min: 60_000,
    max: 86_400_000,
    range: 'between 1 minute and 1 day',
    examples: '1h, PT1H or { hours: 1 }',
  },
];

/**
 * Reads `orchestration.snapshot.lease`: how often a running refresh renews
 * its lease (`heartbeat`), after how long without a renewal the lease is
 * taken as abandoned (`staleAfter`, at least twice `heartbeat`), and how
 * long a run may hold it at all (`maxRun`, longer than `staleAfter`).
 */
export function readSnapshotLease(
  config: RootConfigService,
  errors: string[],
): SnapshotLeaseTimings {
  const key = 'orchestration.snapshot.lease';
  const timings = { ...DEFAULT_LEASE_TIMINGS };
  const raw = config.getOptional(key);
  if (raw === undefined) return timings;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push(
      `${key}: expected an object with heartbeat, staleAfter and/or maxRun`,
    );
    return timings;
  }
  const names = LEASE_KEYS.map(k => k.name);
  for (const name of Object.keys(raw)) {
    if (!names.includes(name as (typeof names)[number])) {
      errors.push(
        `${key}: unknown key ${name}; the keys are heartbeat, staleAfter and maxRun`,
      );
    }
  }
  let valid = true;
  for (const { name, field, min, max, range, examples } of LEASE_KEYS) {
    const value = (raw as Record<string, unknown>)[name];
    if (value === undefined) continue;
    const millis = durationMillis(value);
    if (millis === undefined || !(millis >= min) || millis > max) {
      errors.push(
        `${key}.${name}: expected a duration ${range}, such as ${examples}; got ${JSON.stringify(
          value,
        )}`,
      );
      valid = false;
    } else {
      timings[field] = Math.round(millis);
    }
  }
  if (!valid) return timings;
  if (timings.staleAfterMs < 2 * timings.heartbeatMs) {
    errors.push(
      `${key}.staleAfter (${durationInWords(
        timings.staleAfterMs,
      )}) must be at least twice heartbeat (${durationInWords(
        timings.heartbeatMs,
      )}), so that a renewal late once does not lose the lease: raise staleAfter or lower heartbeat`,
    );
  }
  if (timings.maxRunMs <= timings.staleAfterMs) {
    errors.push(
      `${key}.maxRun (${durationInWords(
        timings.maxRunMs,
      )}) must be longer than staleAfter (${durationInWords(
        timings.staleAfterMs,
      )}): raise maxRun or lower staleAfter`,
    );
  }
  return timings;
}

/** Reports kept per cluster and fact by default. */
export const DEFAULT_MAX_REPORTS_PER_FACT = 100;
/** Most reports per cluster and fact that may be kept. */
export const MAX_REPORTS_PER_FACT = 10_000;
/** How long reports are kept by default: 90 days. */
export const DEFAULT_REPORT_MAX_AGE_MS = 90 * 86_400_000;
const MIN_REPORT_MAX_AGE_MS = 3_600_000;
const MAX_REPORT_MAX_AGE_MS = 3660 * 86_400_000;
const RETENTION_KEYS = ['maxReportsPerFact', 'maxAge'];

/**
 * Reads `orchestration.clusterFacts.retention`: at most `maxReportsPerFact`
 * reports per cluster and fact, and none observed longer than `maxAge` ago
 * but the newest of each.
 */
export function readClusterFactRetention(
  config: RootConfigService,
  errors: string[],
): ClusterFactRetention {
  const key = 'orchestration.clusterFacts.retention';
  const retention: ClusterFactRetention = {
    maxReportsPerFact: DEFAULT_MAX_REPORTS_PER_FACT,
    maxAgeMs: DEFAULT_REPORT_MAX_AGE_MS,
  };
  const raw = config.getOptional(key);
  if (raw === undefined) return retention;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push(
      `${key}: expected an object with maxReportsPerFact and/or maxAge`,
    );
    return retention;
  }
  for (const name of Object.keys(raw)) {
    if (!RETENTION_KEYS.includes(name)) {
      errors.push(
        `${key}: unknown key ${name}; the keys are ${RETENTION_KEYS.join(
          ' and ',
        )}`,
      );
    }
  }
  retention.maxReportsPerFact = readPositiveInt(
    config,
    `${key}.maxReportsPerFact`,
    DEFAULT_MAX_REPORTS_PER_FACT,
    errors,
    MAX_REPORTS_PER_FACT,
  );
  const maxAge = (raw as Record<string, unknown>).maxAge;
  if (maxAge !== undefined) {
    const millis = durationMillis(maxAge);
    if (
      millis === undefined ||
      !(millis >= MIN_REPORT_MAX_AGE_MS) ||
      millis > MAX_REPORT_MAX_AGE_MS
    ) {
      errors.push(
        `${key}.maxAge: expected a duration between 1 hour and 3660 days, such as 90d, P30D or { days: 90 }; got ${JSON.stringify(
          maxAge,
        )}`,
      );
    } else {
      retention.maxAgeMs = Math.round(millis);
    }
  }
  return retention;
}

/** Thrown when the `orchestration` configuration is invalid; the message names each key. */
export class OrchestrationConfigError extends Error {
  constructor(readonly errors: string[]) {
    super(
      `Invalid Orchestration configuration:\n${errors
        .map(e => `  - ${e}`)
        .join('\n')}`,
    );
    this.name = 'OrchestrationConfigError';
  }
}

function readSchedule(
  config: RootConfigService,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
  errors: string[],
): SchedulerServiceTaskScheduleDefinition {
  if (!config.has(key)) return fallback;
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(
      config.getConfig(key),
    );
  } catch (error) {
    errors.push(`${key}: ${(error as Error).message}`);
    return fallback;
  }
}

function readPositiveInt(
  config: RootConfigService,
  key: string,
  fallback: number,
  errors: string[],
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = config.getOptional(key);
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > max
  ) {
    errors.push(`${key}: expected a whole number between 1 and ${max}`);
    return fallback;
  }
  return value;
}

/**
 * Reads the `orchestration` section: the engine's options through the
 * common `readOrchestrationConfig`, and the backend's own keys (`snapshot`,
 * `history`, `api`, `catalog`). Throws {@link OrchestrationConfigError} naming every bad key.
 */
export function readBackendConfig(
  config: RootConfigService,
): OrchestrationBackendConfig {
  const errors: string[] = [];
  const raw = config.getOptional('orchestration');
  let engineSection: unknown = undefined;
  if (raw !== undefined) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new OrchestrationConfigError(['orchestration: expected an object']);
    }
    engineSection = Object.fromEntries(
      Object.entries(raw).filter(
        ([key]) => !BACKEND_ONLY_CONFIG_KEYS.includes(key),
      ),
    );
  }
  const engine = readOrchestrationConfig(engineSection);
  if (!engine.ok) errors.push(...engine.errors);

  const snapshotSchedule = readSchedule(
    config,
    'orchestration.snapshot.schedule',
    {
      frequency: { minutes: 30 },
      timeout: { minutes: 15 },
      initialDelay: { seconds: 15 },
    },
    errors,
  );
  const include =
    config.getOptionalString('orchestration.snapshot.include') ?? 'annotated';
  if (include !== 'annotated' && include !== 'all') {
    errors.push(
      `orchestration.snapshot.include: expected annotated or all, got ${include}`,
    );
  }
  const pageSize = readPositiveInt(
    config,
    'orchestration.snapshot.pageSize',
    500,
    errors,
    10000,
  );
  const lease = readSnapshotLease(config, errors);
  const retentionDays = readPositiveInt(
    config,
    'orchestration.history.retentionDays',
    365,
    errors,
  );
  const historySchedule = readSchedule(
    config,
    'orchestration.history.schedule',
    { frequency: { hours: 24 }, timeout: { minutes: 10 } },
    errors,
  );
  const catalogTimeoutMs = readCatalogTimeout(config, errors);
  const retention = readClusterFactRetention(config, errors);
  const notifications = readNotificationsConfig(config, errors);
  if (errors.length > 0 || !engine.ok) {
    throw new OrchestrationConfigError(errors);
  }
  return {
    options: engine.options,
    snapshot: {
      schedule: snapshotSchedule,
      include: include as 'annotated' | 'all',
      pageSize,
      lease,
    },
    history: { retentionDays, schedule: historySchedule },
    catalog: { timeoutMs: catalogTimeoutMs },
    clusterFacts: { retention },
    notifications,
  };
}
