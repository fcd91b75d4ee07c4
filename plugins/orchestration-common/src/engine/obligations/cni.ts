import { ANNOTATION_CNI, ANNOTATION_POD_IP_CAPACITY } from '../../annotations';
import { Obligation, ObligationStatus } from '../types';
import { Checks, ObligationContext } from './shared';

/**
 * `cni-ip-capacity`: pod IP headroom against the configured thresholds, with
 * the VPC CNI's exhaustion risk and mitigations. Applies to every control
 * plane: pod addresses are always the cluster owner's.
 */
export function cniObligation(ctx: ObligationContext): Obligation {
  const { facts, options, knowledge } = ctx;
  const checks = new Checks(ctx.sources);
  const cni = facts.cni;
  // EKS clusters run the VPC CNI unless they say otherwise.
  const vpcCni =
    cni === 'aws-vpc-cni' || (cni === undefined && ctx.controlPlane === 'eks');
  if (cni) checks.evidence(ANNOTATION_CNI, cni);
  const capacity = facts.podIpCapacity;
  if (!capacity) {
    checks.missing(ANNOTATION_POD_IP_CAPACITY, '3800/4096', 'pod IP headroom');
    return checks.build('cni-ip-capacity', null);
  }
  checks.evidence(
    ANNOTATION_POD_IP_CAPACITY,
    `${capacity.used}/${capacity.total}`,
  );
  const percent = (capacity.used / capacity.total) * 100;
  const shown = Math.round(percent * 10) / 10;
  const free = capacity.total - capacity.used;
  const { podIpWarningPercent, podIpCriticalPercent } = options.thresholds;
  let status: ObligationStatus = 'ok';
  if (percent >= podIpCriticalPercent) status = 'critical';
  else if (percent >= podIpWarningPercent) status = 'warning';
  const risk =
    status !== 'ok' && vpcCni
      ? ' With the VPC CNI every pod takes a VPC address from the node subnets, so running out stops new pods from starting.'
      : '';
  checks.add(
    status,
    `${shown}% of pod IPs are in use (${free} of ${capacity.total} free).${risk}`,
  );
  if (status !== 'ok') {
    checks.actions(
      ...(vpcCni
        ? knowledge.knowledgeBase.vpcCni.mitigations.value.map(
            mitigation => `To free pod IPs: ${mitigation}.`,
          )
        : ['Enlarge the pod CIDR or IP pools before usage reaches the limit.']),
    );
  }
  return checks.build('cni-ip-capacity', null);
}
