import { ANNOTATION_CURRENT_PLATFORM } from '../../annotations';
import { OrchestrationOptions } from '../../config';
import { OBLIGATION_IDS, Obligation, ObligationId } from '../types';
import { OBLIGATION_TITLES, formatMinutes } from './shared';

/** What each obligation would add, and the first thing to do about it. */
function entries(
  options: OrchestrationOptions,
): Record<ObligationId, { adds: string; action: string }> {
  const kb = options.knowledgeBase;
  const rpo = formatMinutes(options.thresholds.recoveryPointObjectiveMinutes);
  return {
    'kubernetes-upgrades': {
      adds: 'a control-plane upgrade about three times a year, one minor at a time',
      action: `Plan upgrades one minor at a time and keep kubelets within ${kb.versionSkew.kubeletMaxMinorsBehind.value} minors of the API server.`,
    },
    'etcd-backups': {
      adds: `etcd snapshots at least every ${rpo} and an odd member count (${kb.etcd.minimumMembers.value} or ${kb.etcd.recommendedMembers.value})`,
      action:
        'Schedule etcd snapshots to durable storage and rehearse a restore.',
    },
    'certificate-rotation': {
      adds: `renewing ${kb.certificates.leafValidityDays.value}-day control-plane certificates before they expire`,
      action: `Automate renewal and alert ${options.thresholds.certificateWarningDays} days before the earliest expiry.`,
    },
    'cni-ip-capacity': {
      adds: 'sizing pod IP ranges; with the VPC CNI each pod takes a VPC address',
      action:
        'Plan subnet sizes, prefix delegation or a secondary CIDR before moving.',
    },
    'control-plane-monitoring': {
      adds: 'watching API server latency, etcd disk, the scheduler queue and controller sync',
      action: 'Alert on the four control-plane signals.',
    },
  };
}

/**
 * What each obligation would take on a self-managed control plane, for a
 * service that does not run on Kubernetes (`currentPlatform` is an ECS
 * platform, `none` or unknown). Each summary opens with one short sentence
 * on where it runs, then what self-managed Kubernetes would add.
 *
 * @internal
 */
export function hypotheticalObligations(
  options: OrchestrationOptions,
  currentPlatform: string | undefined,
): Obligation[] {
  const lead =
    currentPlatform === 'ecs-fargate' || currentPlatform === 'ecs-ec2'
      ? `On ${currentPlatform}, AWS runs orchestration.`
      : 'Not on Kubernetes today.';
  const byId = entries(options);
  return OBLIGATION_IDS.map(id => ({
    id,
    title: OBLIGATION_TITLES[id],
    status: 'not-applicable',
    hypothetical: true,
    due: null,
    summary: `${lead} Self-managed Kubernetes adds ${byId[id].adds}.`,
    evidence: currentPlatform
      ? [{ key: ANNOTATION_CURRENT_PLATFORM, value: currentPlatform }]
      : [],
    actions: [byId[id].action],
  }));
}
