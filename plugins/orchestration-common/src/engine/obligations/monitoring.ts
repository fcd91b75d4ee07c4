import {
  ANNOTATION_CONTROL_PLANE_MONITORING,
  CONTROL_PLANE_SIGNALS,
  ControlPlaneSignal,
} from '../../annotations';
import { Obligation } from '../types';
import { Checks, ObligationContext } from './shared';

const SIGNAL_WORDS: Readonly<Record<ControlPlaneSignal, string>> = {
  'apiserver-latency': 'API server latency',
  'etcd-disk': 'etcd disk latency',
  'scheduler-queue': 'scheduler queue',
  'controller-sync': 'controller-manager sync',
};

const MANAGED_LEAD =
  'Partly applicable: the provider watches etcd, but API server, scheduler and controller signals still show how your workloads load the control plane.';

/**
 * `control-plane-monitoring`: which control-plane signals are monitored. On
 * a managed control plane etcd disk latency is the provider's, so three
 * signals are required instead of four.
 */
export function monitoringObligation(ctx: ObligationContext): Obligation {
  const checks = new Checks(ctx.sources);
  const managed = ctx.controlPlane !== 'self-managed';
  const required: ControlPlaneSignal[] = CONTROL_PLANE_SIGNALS.filter(
    signal => !managed || signal !== 'etcd-disk',
  );
  const lead = managed ? MANAGED_LEAD : undefined;
  const monitored = ctx.facts.controlPlaneMonitoring;
  if (!monitored) {
    checks.missing(
      ANNOTATION_CONTROL_PLANE_MONITORING,
      required.join(','),
      'control-plane monitoring',
    );
    return checks.build('control-plane-monitoring', null, lead);
  }
  checks.evidence(
    ANNOTATION_CONTROL_PLANE_MONITORING,
    monitored.length > 0 ? monitored.join(',') : '(none)',
  );
  const absent = required.filter(signal => !monitored.includes(signal));
  const covered = required.length - absent.length;
  if (absent.length === 0) {
    checks.add(
      'ok',
      `All ${required.length} control-plane signals are monitored.`,
    );
    return checks.build('control-plane-monitoring', null, lead);
  }
  checks.add(
    covered === 0 ? 'critical' : 'warning',
    `${covered} of ${
      required.length
    } control-plane signals are monitored; missing: ${absent
      .map(signal => SIGNAL_WORDS[signal])
      .join(', ')}.`,
  );
  for (const signal of absent) {
    const facts = ctx.knowledge.knowledgeBase.monitoringSignals[signal];
    checks.actions(
      `Monitor ${SIGNAL_WORDS[signal]}: ${facts.metrics.join(', ')} (${
        facts.threshold
      }).`,
    );
  }
  return checks.build('control-plane-monitoring', null, lead);
}
