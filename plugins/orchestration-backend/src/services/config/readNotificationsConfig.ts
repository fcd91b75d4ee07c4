import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_NOTIFICATION_THRESHOLDS,
  NotificationThresholds,
  ORCHESTRATION_NOTIFICATION_KINDS,
  OrchestrationNotificationKind,
} from '@orchestration/plugin-orchestration-common';

/** `orchestration.notifications`, as read at start-up. */
export interface NotificationsConfig {
  /** False: owners are told nothing. */
  enabled: boolean;
  thresholds: NotificationThresholds;
  /** Most notifications sent by one refresh; the rest wait for the next. */
  maxPerRefresh: number;
}

export const DEFAULT_MAX_NOTIFICATIONS_PER_REFRESH = 1000;

const KEY = 'orchestration.notifications';
const NUMBER_KEYS: Array<{
  name: 'endOfSupportDays' | 'exemptionExpiryDays' | 'maxPerRefresh';
  max: number;
}> = [
  { name: 'endOfSupportDays', max: 3650 },
  { name: 'exemptionExpiryDays', max: 3650 },
  { name: 'maxPerRefresh', max: 100_000 },
];
const KEYS = ['enabled', 'kinds', ...NUMBER_KEYS.map(k => k.name)];

/**
 * Reads `orchestration.notifications`: `enabled` (default true),
 * `endOfSupportDays` (60), `exemptionExpiryDays` (14), `maxPerRefresh`
 * (1000) and `kinds`, a switch per kind (all on by default). Problems are
 * added to `errors`, each naming its key.
 */
export function readNotificationsConfig(
  config: RootConfigService,
  errors: string[],
): NotificationsConfig {
  const result: NotificationsConfig = {
    enabled: true,
    thresholds: {
      ...DEFAULT_NOTIFICATION_THRESHOLDS,
      kinds: { ...DEFAULT_NOTIFICATION_THRESHOLDS.kinds },
    },
    maxPerRefresh: DEFAULT_MAX_NOTIFICATIONS_PER_REFRESH,
  };
  const raw = config.getOptional(KEY);
  if (raw === undefined) return result;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push(`${KEY}: expected an object with ${KEYS.join(', ')}`);
    return result;
  }
  const section = raw as Record<string, unknown>;
  for (const name of Object.keys(section)) {
    if (!KEYS.includes(name)) {
      errors.push(
        `${KEY}: unknown key ${name}; the keys are ${KEYS.join(', ')}`,
      );
    }
  }
  if (section.enabled !== undefined) {
    if (typeof section.enabled === 'boolean') {
      result.enabled = section.enabled;
    } else {
      errors.push(
        `${KEY}.enabled: expected true or false; got ${JSON.stringify(
          section.enabled,
        )}`,
      );
    }
  }
  for (const { name, max } of NUMBER_KEYS) {
    const value = section[name];
    if (value === undefined) continue;
    if (
      typeof value !== 'number' ||
      !Number.isInteger(value) ||
      value < 1 ||
      value > max
    ) {
      errors.push(
        `${KEY}.${name}: expected a whole number between 1 and ${max}; got ${JSON.stringify(
          value,
        )}`,
      );
    } else if (name === 'maxPerRefresh') {
      result.maxPerRefresh = value;
    } else {
      result.thresholds[name] = value;
    }
  }
  const kinds = section.kinds;
  if (kinds !== undefined) {
    if (typeof kinds !== 'object' || kinds === null || Array.isArray(kinds)) {
      errors.push(
        `${KEY}.kinds: expected an object with a switch per kind: ${ORCHESTRATION_NOTIFICATION_KINDS.join(
          ', ',
        )}`,
      );
    } else {
      const switches = result.thresholds.kinds as Record<
        OrchestrationNotificationKind,
        boolean
      >;
      for (const [name, value] of Object.entries(kinds)) {
        if (
          !(ORCHESTRATION_NOTIFICATION_KINDS as readonly string[]).includes(
            name,
          )
        ) {
          errors.push(
            `${KEY}.kinds: unknown kind ${name}; the kinds are ${ORCHESTRATION_NOTIFICATION_KINDS.join(
              ', ',
            )}`,
          );
        } else if (typeof value !== 'boolean') {
          errors.push(
            `${KEY}.kinds.${name}: expected true or false; got ${JSON.stringify(
              value,
            )}`,
          );
        } else {
          switches[name as OrchestrationNotificationKind] = value;
        }
      }
    }
  }
  return result;
}
