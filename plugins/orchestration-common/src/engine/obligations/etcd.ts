import {
  ANNOTATION_ETCD_BACKUP_INTERVAL,
  ANNOTATION_ETCD_LAST_BACKUP,
  ANNOTATION_ETCD_MEMBERS,
} from '../../annotations';
import { Obligation } from '../types';
import {
  RemedyStyle,
  etcdIntervalAction,
  etcdStoppedAction,
  remedyStyle,
} from './provisioners';
import {
  Checks,
  MINUTE_MS,
  ObligationContext,
  formatAge,
  formatMinutes,
  notApplicable,
  plural,
  providerName,
} from './shared';

/** Failures a cluster of `members` survives while keeping quorum. */
export function toleratedFailures(members: number): number {
  return Math.max(0, Math.floor((members - 1) / 2));
}

/** The smallest odd member count of at least `minimum` above or at `members`. */
export function nextOddMemberCount(members: number, minimum: number): number {
  const floor = Math.max(members, minimum);
  return floor % 2 === 0 ? floor + 1 : floor;
}

function checkInterval(
  ctx: ObligationContext,
  checks: Checks,
  style: RemedyStyle,
) {
  const rpoMinutes = ctx.options.thresholds.recoveryPointObjectiveMinutes;
  const rpo = formatMinutes(rpoMinutes);
  const interval = ctx.facts.etcdBackupInterval;
  if (!interval) {
    checks.missing(
      ANNOTATION_ETCD_BACKUP_INTERVAL,
      '15m',
      'the backup interval',
    );
    return;
  }
  checks.evidence(ANNOTATION_ETCD_BACKUP_INTERVAL, interval.text);
  if (interval.minutes > rpoMinutes) {
    if (style !== 'generic') checks.shapedBy(style);
    checks.add(
      'warning',
      `Snapshots every ${interval.text} can lose up to ${interval.text} of cluster state, more than the ${rpo} recovery-point objective.`,
      etcdIntervalAction(style, rpo),
    );
  } else {
    checks.add(
      'ok',
      `Snapshots every ${interval.text} meet the ${rpo} recovery-point objective.`,
    );
  }
}

/** Age of the last backup; returns when the next one is due. */
function checkLastBackup(
  ctx: ObligationContext,
  checks: Checks,
  style: RemedyStyle,
): string | null {
  const { facts, nowMs, options } = ctx;
  const last = facts.etcdLastBackup;
  if (!last) {
    checks.missing(
      ANNOTATION_ETCD_LAST_BACKUP,
      '2026-11-27T23:45:00Z',
      'whether backups are still running',
    );
    return null;
  }
  checks.evidence(ANNOTATION_ETCD_LAST_BACKUP, last.iso);
  const rpo = options.thresholds.recoveryPointObjectiveMinutes;
  const interval = facts.etcdBackupInterval;
  const ageMs = nowMs - last.epochMs;
  const expectedMinutes = Math.max(rpo, interval?.minutes ?? rpo);
  const staleMinutes =
    expectedMinutes * options.thresholds.etcdBackupStaleFactor;
  const due = new Date(
    last.epochMs + Math.min(interval?.minutes ?? rpo, rpo) * MINUTE_MS,
  ).toISOString();
  if (ageMs < 0) {
    checks.add(
      'warning',
      `The last backup is dated in the future (${last.iso}).`,
      'Check the clock or the value of the last-backup annotation.',
    );
  } else if (ageMs > staleMinutes * MINUTE_MS) {
    if (style !== 'generic') checks.shapedBy(style);
    checks.add(
      'critical',
      `The last backup is ${formatAge(ageMs)} old, more than ${
        options.thresholds.etcdBackupStaleFactor
      } times the expected ${formatMinutes(
        expectedMinutes,
      )}; backups look stopped.`,
      etcdStoppedAction(style),
    );
  } else {
    checks.add('ok', `The last backup is ${formatAge(ageMs)} old.`);
  }
  return due;
}

/**
 * Member count: fewer than the minimum (3) is critical, since one and two
 * members both lose quorum with a single failure; an even count is a
 * warning; more than etcd's maximum is a warning.
 */
function checkMembers(ctx: ObligationContext, checks: Checks) {
  const members = ctx.facts.etcdMembers;
  if (members === undefined) {
    checks.missing(ANNOTATION_ETCD_MEMBERS, '3', 'etcd fault tolerance');
    return;
  }
  checks.evidence(ANNOTATION_ETCD_MEMBERS, String(members));
  const etcd = ctx.knowledge.knowledgeBase.etcd;
  const minimum = etcd.minimumMembers.value;
  const maximum = etcd.maximumMembers.value;
  const tolerated = toleratedFailures(members);
  const next = nextOddMemberCount(members, minimum);
  const nextTolerates = plural(toleratedFailures(next), 'failure');
  if (members < minimum) {
    checks.add(
      'critical',
      members === 1
        ? 'A single etcd member tolerates no failure: losing it loses the cluster state.'
        : `${plural(
            members,
            'etcd member',
          )} tolerate no failure, just like one: losing any member loses quorum and the API server stops accepting changes.`,
      `Run ${next} etcd members, which tolerate ${nextTolerates}.`,
    );
  } else if (members > maximum) {
    checks.add(
      'warning',
      `${members} etcd members slow every write; etcd advises at most ${maximum}.`,
      `Shrink etcd to ${etcd.recommendedMembers.value} members.`,
    );
  } else if (members % 2 === 0) {
    checks.add(
      'warning',
      `${members} etcd members tolerate ${plural(
        tolerated,
        'failure',
      )}, no more than ${
        members - 1
      } would; an even count adds risk without adding tolerance.`,
      `Grow etcd to ${next} members, an odd count that tolerates ${nextTolerates}.`,
    );
  } else {
    checks.add(
      'ok',
      `${members} etcd members tolerate ${plural(tolerated, 'failure')}.`,
    );
  }
}

/**
 * `etcd-backups`: backup interval against the recovery-point objective, age
 * of the last backup, and member count. Not applicable on a managed control
 * plane.
 */
export function etcdObligation(ctx: ObligationContext): Obligation {
  if (ctx.controlPlane !== 'self-managed') {
    return notApplicable(
      'etcd-backups',
      `The ${providerName(
        ctx.controlPlane,
      )} control plane runs and backs up etcd for you.`,
      ctx,
    );
  }
  const checks = new Checks(ctx.sources);
  const style = remedyStyle(ctx);
  checkInterval(ctx, checks, style);
  const due = checkLastBackup(ctx, checks, style);
  checkMembers(ctx, checks);
  return checks.build('etcd-backups', due);
}
