import { OBLIGATION_IDS, Obligation } from '../types';
import { TEST_OPTIONS, withThresholds } from './__testUtils__/context';
import { hypotheticalObligations } from './hypothetical';

const CURRENT = 'orchestration.io/current-platform';

function entry(
  id: Obligation['id'],
  title: string,
  summary: string,
  action: string,
  evidence: Obligation['evidence'],
): Obligation {
  return {
    id,
    title,
    status: 'not-applicable',
    hypothetical: true,
    due: null,
    summary,
    evidence,
    actions: [action],
  };
}

describe('hypotheticalObligations', () => {
  it('lists what self-managed Kubernetes would add for a service on Fargate', () => {
    const evidence = [{ key: CURRENT, value: 'ecs-fargate' }];
    expect(hypotheticalObligations(TEST_OPTIONS, 'ecs-fargate')).toEqual([
      entry(
        'kubernetes-upgrades',
        'Kubernetes upgrades',
        'On ecs-fargate, AWS runs orchestration. Self-managed Kubernetes adds a control-plane upgrade about three times a year, one minor at a time.',
        'Plan upgrades one minor at a time and keep kubelets within 3 minors of the API server.',
        evidence,
      ),
      entry(
        'etcd-backups',
        'etcd backups',
        'On ecs-fargate, AWS runs orchestration. Self-managed Kubernetes adds etcd snapshots at least every 15m and an odd member count (3 or 5).',
        'Schedule etcd snapshots to durable storage and rehearse a restore.',
        evidence,
      ),
      entry(
        'certificate-rotation',
        'Certificate rotation',
        'On ecs-fargate, AWS runs orchestration. Self-managed Kubernetes adds renewing 365-day control-plane certificates before they expire.',
        'Automate renewal and alert 30 days before the earliest expiry.',
        evidence,
      ),
      entry(
        'cni-ip-capacity',
        'Pod IP capacity',
        'On ecs-fargate, AWS runs orchestration. Self-managed Kubernetes adds sizing pod IP ranges; with the VPC CNI each pod takes a VPC address.',
        'Plan subnet sizes, prefix delegation or a secondary CIDR before moving.',
        evidence,
      ),
      entry(
        'control-plane-monitoring',
        'Control-plane monitoring',
        'On ecs-fargate, AWS runs orchestration. Self-managed Kubernetes adds watching API server latency, etcd disk, the scheduler queue and controller sync.',
        'Alert on the four control-plane signals.',
        evidence,
      ),
    ]);
  });

  it.each<[string | undefined, string, number]>([
    ['ecs-ec2', 'On ecs-ec2, AWS runs orchestration.', 1],
    ['none', 'Not on Kubernetes today.', 1],
    [undefined, 'Not on Kubernetes today.', 0],
  ])(
    'opens each short summary with one short sentence (%s)',
    (current, lead, evidenceCount) => {
      const result = hypotheticalObligations(TEST_OPTIONS, current);
      expect(result.map(o => o.id)).toEqual([...OBLIGATION_IDS]);
      for (const obligation of result) {
        expect(obligation.summary.startsWith(`${lead} Self-managed`)).toBe(
          true,
        );
        expect(obligation.summary.length).toBeLessThan(160);
        expect(obligation.evidence).toHaveLength(evidenceCount);
      }
    },
  );

  it('follows the configured thresholds', () => {
    const result = hypotheticalObligations(
      withThresholds({
        recoveryPointObjectiveMinutes: 60,
        certificateWarningDays: 45,
      }),
      'ecs-fargate',
    );
    expect([result[1].summary, result[2].actions]).toEqual([
      'On ecs-fargate, AWS runs orchestration. Self-managed Kubernetes adds etcd snapshots at least every 1h and an odd member count (3 or 5).',
      ['Automate renewal and alert 45 days before the earliest expiry.'],
    ]);
  });
});
