import { OBLIGATION_IDS, Obligation, ObligationId } from '../types';
import { certificateObligation } from './certificates';
import { cniObligation } from './cni';
import { etcdObligation } from './etcd';
import { monitoringObligation } from './monitoring';
import { ObligationContext } from './shared';
import { upgradesObligation } from './upgrades';

export type { ObligationContext } from './shared';
export { hypotheticalObligations } from './hypothetical';
export { unresolvedClusterObligations } from './unresolved';
export {
  certificateObligation,
  cniObligation,
  etcdObligation,
  monitoringObligation,
  upgradesObligation,
};

/** One function per obligation id. */
const OBLIGATIONS: Readonly<
  Record<ObligationId, (ctx: ObligationContext) => Obligation>
> = {
  'kubernetes-upgrades': upgradesObligation,
  'etcd-backups': etcdObligation,
  'certificate-rotation': certificateObligation,
  'cni-ip-capacity': cniObligation,
  'control-plane-monitoring': monitoringObligation,
};

/**
 * The obligations of a cluster whose annotations are known, in
 * {@link OBLIGATION_IDS} order. Pure: each call builds new objects and
 * arrays, so two results never share anything mutable.
 *
 * @internal
 */
export function clusterObligations(ctx: ObligationContext): Obligation[] {
  return OBLIGATION_IDS.map(id => OBLIGATIONS[id](ctx));
}
