import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  RootConfigService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  OrchestrationOptions,
  readOrchestrationConfig,
} from '@orchestration/plugin-orchestration-common';

/** Settings of the backend plugin, read once at start-up. */
export interface OrchestrationBackendConfig {
  options: OrchestrationOptions;
  snapshot: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    include: 'annotated' | 'all';
    pageSize: number;
  };
  history: {
    retentionDays: number;
    schedule: SchedulerServiceTaskScheduleDefinition;
  };
}

const BACKEND_KEYS = ['snapshot', 'history', 'api'];

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
 * `history`). Throws {@link OrchestrationConfigError} naming every bad key.
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
      Object.entries(raw).filter(([key]) => !BACKEND_KEYS.includes(key)),
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
  if (errors.length > 0 || !engine.ok) {
    throw new OrchestrationConfigError(errors);
  }
  return {
    options: engine.options,
    snapshot: {
      schedule: snapshotSchedule,
      include: include as 'annotated' | 'all',
      pageSize,
    },
    history: { retentionDays, schedule: historySchedule },
  };
}
