import {
  ANNOTATION_CERT_EXPIRY,
  ANNOTATION_CERT_ROTATION,
  ANNOTATION_LAST_UPGRADE,
} from '../../annotations';
import { Obligation } from '../types';
import {
  CertificateRemedies,
  certificateRemedies,
  remedyStyle,
} from './provisioners';
import {
  Checks,
  DAY_MS,
  ObligationContext,
  isoDay,
  notApplicable,
  plural,
  providerName,
  wholeDays,
} from './shared';

interface ExpiryOutcome {
  due: string | null;
  expired: boolean;
}

/** The remedies of a cluster, and a way to record that one was used. */
interface Remedies {
  text: CertificateRemedies;
  /** Call when a provisioner-specific text goes into the result. */
  used(): void;
}

function checkExpiry(
  ctx: ObligationContext,
  checks: Checks,
  remedies: Remedies,
): ExpiryOutcome {
  const { facts, nowMs, options } = ctx;
  const { certificateWarningDays, certificateCriticalDays } =
    options.thresholds;
  const expiry = facts.certExpiry;
  if (!expiry) {
    checks.missing(ANNOTATION_CERT_EXPIRY, '2027-03-01', 'certificate expiry');
    return { due: null, expired: false };
  }
  checks.evidence(ANNOTATION_CERT_EXPIRY, expiry.iso);
  const how = remedies.text.how ? ` (${remedies.text.how})` : '';
  if (expiry.epochMs <= nowMs) {
    remedies.used();
    checks.add(
      'critical',
      `The earliest control-plane certificate expired on ${expiry.iso}; components fail to authenticate to each other.`,
      remedies.text.renewNow,
    );
    return { due: expiry.iso, expired: true };
  }
  const daysLeft = wholeDays(expiry.epochMs - nowMs);
  const inDays = `expires in ${plural(daysLeft, 'day')}`;
  if (daysLeft <= certificateCriticalDays) {
    remedies.used();
    checks.add(
      'critical',
      `The earliest control-plane certificate ${inDays} (${expiry.iso}).`,
      `Renew the control-plane certificates this week${how}.`,
    );
  } else if (daysLeft <= certificateWarningDays) {
    remedies.used();
    checks.add(
      'warning',
      `The earliest control-plane certificate ${inDays} (${expiry.iso}), inside the ${certificateWarningDays}-day window.`,
      `Renew the control-plane certificates before ${expiry.iso}${how}.`,
    );
  } else {
    checks.add('ok', `The earliest control-plane certificate ${inDays}.`);
  }
  return { due: expiry.iso, expired: false };
}

function checkRotation(
  ctx: ObligationContext,
  checks: Checks,
  remedies: Remedies,
  expired: boolean,
) {
  const rotation = ctx.facts.certRotation;
  if (!rotation) {
    checks.missing(
      ANNOTATION_CERT_ROTATION,
      'automated',
      'how certificates are renewed',
    );
    return;
  }
  checks.evidence(ANNOTATION_CERT_ROTATION, rotation);
  if (rotation === 'manual') {
    remedies.used();
    checks.add(
      'warning',
      'Renewal is manual, so one forgotten date takes the control plane down.',
      remedies.text.automate,
    );
  } else if (expired) {
    checks.add(
      'warning',
      'Renewal is marked automated, yet a certificate expired: check that the renewal job runs, and that the annotations are current.',
    );
  } else {
    checks.add('ok', 'Renewal is automated.');
  }
}

/** Renewal by control-plane upgrade; returns the due date when none is known yet. */
function checkLastUpgrade(
  ctx: ObligationContext,
  checks: Checks,
  remedies: Remedies,
  expired: boolean,
): string | null {
  const { facts, nowMs, knowledge } = ctx;
  const lastUpgrade = facts.lastUpgrade;
  if (!lastUpgrade) {
    checks.missing(ANNOTATION_LAST_UPGRADE, '2026-06-15', 'renewal by upgrade');
    return null;
  }
  checks.evidence(ANNOTATION_LAST_UPGRADE, lastUpgrade.iso);
  const maxDays =
    knowledge.knowledgeBase.certificates.maxDaysWithoutUpgrade.value;
  const since = plural(wholeDays(nowMs - lastUpgrade.epochMs), 'day');
  const renewBy = isoDay(lastUpgrade.epochMs + maxDays * DAY_MS);
  if (nowMs - lastUpgrade.epochMs > maxDays * DAY_MS) {
    remedies.used();
    const why =
      remedies.text.onUpgrade ??
      'control-plane certificates usually last one year and many installers renew them only on upgrade';
    checks.add(
      'warning',
      `No control-plane upgrade for ${since}; ${why}, so a year without one leaves renewal to someone remembering.`,
      // An expired certificate already has its own, more urgent action.
      expired ? undefined : remedies.text.renewWithoutUpgrade,
    );
  } else if (expired) {
    // A recent upgrade never softens an expired certificate.
    checks.add(
      'warning',
      `The control plane was upgraded ${since} ago, yet a certificate has expired: that upgrade did not renew it, or an annotation is out of date.`,
    );
  } else {
    remedies.used();
    checks.add(
      'ok',
      `The control plane was upgraded ${since} ago, ${remedies.text.afterUpgrade}.`,
    );
  }
  return renewBy;
}

/**
 * `certificate-rotation`: days until the earliest control-plane certificate
 * expires, manual renewal, and renewal by a yearly control-plane upgrade.
 * An expired certificate is critical whatever else holds. Remedies follow
 * the provisioner. Not applicable on a managed control plane.
 */
export function certificateObligation(ctx: ObligationContext): Obligation {
  if (ctx.controlPlane !== 'self-managed') {
    return notApplicable(
      'certificate-rotation',
      `The ${providerName(
        ctx.controlPlane,
      )} control plane issues and renews its own certificates.`,
      ctx,
    );
  }
  const checks = new Checks(ctx.sources);
  const style = remedyStyle(ctx);
  const remedies: Remedies = {
    text: certificateRemedies(style),
    used: () => {
      if (style !== 'generic') checks.shapedBy(style);
    },
  };
  const { due, expired } = checkExpiry(ctx, checks, remedies);
  checkRotation(ctx, checks, remedies, expired);
  const renewBy = checkLastUpgrade(ctx, checks, remedies, expired);
  return checks.build('certificate-rotation', due ?? renewBy);
}
