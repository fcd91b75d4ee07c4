import fc from 'fast-check';
import { ReportedClusterFacts } from '../../clusterFacts/report';
import { readOrchestrationConfig } from '../../config';
import { assessCluster, assessEntity } from '../assess';
import {
  ClusterAssessment,
  ClusterFact,
  Evidence,
  FactProvenance,
  Obligation,
  ObligationId,
  ObligationStatus,
} from '../types';
import {
  DECLARED,
  NOW,
  SELF,
  TEST_OPTIONS,
  clusterEntity,
} from './__testUtils__/context';

const VERSION = 'orchestration.io/kubernetes-version';
const NODES = 'orchestration.io/oldest-node-version';
const LAST_BACKUP = 'orchestration.io/etcd-last-backup';
const INTERVAL = 'orchestration.io/etcd-backup-interval';
const MEMBERS = 'orchestration.io/etcd-members';
const EXPIRY = 'orchestration.io/cert-expiry';
const CAPACITY = 'orchestration.io/pod-ip-capacity';
const PROVISIONER = 'orchestration.io/provisioner';

const HOUR = 3600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** `seconds` before the test's now, as a report's observedAt. */
function ago(seconds: number): string {
  return new Date(Date.parse(NOW) - seconds * 1000).toISOString();
}

function report(
  source: string,
  secondsAgo: number,
  facts: ReportedClusterFacts['facts'],
): ReportedClusterFacts {
  return { source, observedAt: ago(secondsAgo), facts };
}

function reported(
  source: string,
  secondsAgo: number,
  maxAgeSeconds: number,
): FactProvenance {
  return {
    kind: 'reported',
    source,
    observedAt: ago(secondsAgo),
    ageSeconds: Math.max(0, secondsAgo),
    maxAgeSeconds,
    stale: secondsAgo > maxAgeSeconds,
  };
}

function assess(
  annotations: Record<string, string>,
  reports: ReportedClusterFacts[],
  options = TEST_OPTIONS,
): ClusterAssessment {
  return assessCluster(clusterEntity({ ...SELF, ...annotations }), {
    now: NOW,
    options,
    reports,
  });
}

function obligationOf(result: ClusterAssessment, id: ObligationId): Obligation {
  return result.obligations.find(o => o.id === id)!;
}

function evidenceOf(obligation: Obligation, key: string): Evidence | undefined {
  return obligation.evidence.find(e => e.key === key);
}

function factOf(
  result: ClusterAssessment,
  key: string,
): ClusterFact | undefined {
  return result.facts?.find(f => f.key === key);
}

// Kubelets at 1.34 throughout: the declared 1.32 API server is past its end
// of life (critical), a reported 1.36 is current (ok).
const NODES_134 = { [NODES]: '1.34' };
const DECLARED_132 = { ...NODES_134, [VERSION]: '1.32' };

describe('where the Kubernetes version comes from', () => {
  it.each<
    [
      string,
      Record<string, string>,
      ReportedClusterFacts[],
      {
        status: ObligationStatus;
        evidence: Evidence | undefined;
        fact: ClusterFact | undefined;
        warnings: string[];
      },
    ]
  >([
    [
      'declared only',
      DECLARED_132,
      [],
      {
        status: 'critical',
        evidence: { key: VERSION, value: '1.32', provenance: DECLARED },
        fact: { key: VERSION, value: '1.32', provenance: DECLARED },
        warnings: [],
      },
    ],
    [
      'a fresh report wins over the annotation',
      DECLARED_132,
      [report('collector', 2 * DAY, { [VERSION]: '1.36.1' })],
      {
        status: 'ok',
        evidence: {
          key: VERSION,
          value: '1.36.1',
          provenance: reported('collector', 2 * DAY, WEEK),
        },
        fact: {
          key: VERSION,
          value: '1.36.1',
          provenance: reported('collector', 2 * DAY, WEEK),
          declaredValue: '1.32',
        },
        warnings: [],
      },
    ],
    [
      'a fresh report where nothing is declared',
      NODES_134,
      [report('collector', HOUR, { [VERSION]: '1.36' })],
      {
        status: 'ok',
        evidence: {
          key: VERSION,
          value: '1.36',
          provenance: reported('collector', HOUR, WEEK),
        },
        fact: {
          key: VERSION,
          value: '1.36',
          provenance: reported('collector', HOUR, WEEK),
        },
        warnings: [],
      },
    ],
    [
      'a stale report: unknown, and the annotation does not stand in for it',
      DECLARED_132,
      [report('collector', 8 * DAY, { [VERSION]: '1.36' })],
      {
        status: 'unknown',
        evidence: {
          key: VERSION,
          value: '1.36',
          provenance: reported('collector', 8 * DAY, WEEK),
        },
        fact: {
          key: VERSION,
          value: '1.36',
          provenance: reported('collector', 8 * DAY, WEEK),
          declaredValue: '1.32',
        },
        warnings: ['CLUSTER-FACTS-STALE'],
      },
    ],
    [
      'a stale report where nothing is declared',
      NODES_134,
      [report('collector', 8 * DAY, { [VERSION]: '1.36' })],
      {
        status: 'unknown',
        evidence: {
          key: VERSION,
          value: '1.36',
          provenance: reported('collector', 8 * DAY, WEEK),
        },
        fact: {
          key: VERSION,
          value: '1.36',
          provenance: reported('collector', 8 * DAY, WEEK),
        },
        warnings: ['CLUSTER-FACTS-STALE'],
      },
    ],
    [
      'the latest observation wins, whatever the order of the reports',
      DECLARED_132,
      [
        report('collector', HOUR, { [VERSION]: '1.36' }),
        report('old-collector', 3 * DAY, { [VERSION]: '1.35' }),
      ],
      {
        status: 'ok',
        evidence: {
          key: VERSION,
          value: '1.36',
          provenance: reported('collector', HOUR, WEEK),
        },
        fact: {
          key: VERSION,
          value: '1.36',
          provenance: reported('collector', HOUR, WEEK),
          declaredValue: '1.32',
        },
        warnings: [],
      },
    ],
    [
      'a stale report older than a fresh one is ignored',
      DECLARED_132,
      [
        report('old-collector', 30 * DAY, { [VERSION]: '1.30' }),
        report('collector', HOUR, { [VERSION]: '1.36' }),
      ],
      {
        status: 'ok',
        evidence: {
          key: VERSION,
          value: '1.36',
          provenance: reported('collector', HOUR, WEEK),
        },
        fact: {
          key: VERSION,
          value: '1.36',
          provenance: reported('collector', HOUR, WEEK),
          declaredValue: '1.32',
        },
        warnings: [],
      },
    ],
    [
      'a report observed after the assessment is not seen (reproducible results)',
      DECLARED_132,
      [report('collector', -HOUR, { [VERSION]: '1.36' })],
      {
        status: 'critical',
        evidence: { key: VERSION, value: '1.32', provenance: DECLARED },
        fact: { key: VERSION, value: '1.32', provenance: DECLARED },
        warnings: [],
      },
    ],
    [
      'a report a few minutes ahead (a fast clock) counts, zero seconds old',
      DECLARED_132,
      [report('collector', -120, { [VERSION]: '1.36' })],
      {
        status: 'ok',
        evidence: {
          key: VERSION,
          value: '1.36',
          provenance: reported('collector', -120, WEEK),
        },
        fact: {
          key: VERSION,
          value: '1.36',
          provenance: reported('collector', -120, WEEK),
          declaredValue: '1.32',
        },
        warnings: [],
      },
    ],
    [
      'a report that cannot be read is ignored with a warning',
      DECLARED_132,
      [report('collector', HOUR, { [VERSION]: 'latest' })],
      {
        status: 'critical',
        evidence: { key: VERSION, value: '1.32', provenance: DECLARED },
        fact: { key: VERSION, value: '1.32', provenance: DECLARED },
        warnings: ['CLUSTER-FACTS-UNREADABLE'],
      },
    ],
  ])('%s', (_name, annotations, reports, expected) => {
    const result = assess(annotations, reports);
    const upgrades = obligationOf(result, 'kubernetes-upgrades');
    expect({
      status: upgrades.status,
      evidence: evidenceOf(upgrades, VERSION),
      fact: factOf(result, VERSION),
      warnings: result.warnings.map(w => w.rule),
    }).toEqual(expected);
  });

  it('says why a stale fact is not used, and whom to ask', () => {
    const result = assess(DECLARED_132, [
      report('collector', 8 * DAY, { [VERSION]: '1.36' }),
    ]);
    expect(obligationOf(result, 'kubernetes-upgrades')).toEqual({
      id: 'kubernetes-upgrades',
      title: 'Kubernetes upgrades',
      status: 'unknown',
      hypothetical: false,
      due: null,
      summary:
        'The orchestration.io/kubernetes-version reported by collector at 2026-11-20T00:00:00.000Z is 8 days old, past its 7d freshness limit, so it is not trusted and upgrades and support dates cannot be checked.',
      evidence: [
        {
          key: VERSION,
          value: '1.36',
          provenance: reported('collector', 8 * DAY, WEEK),
        },
      ],
      actions: [
        'Check that collector still runs and reports orchestration.io/kubernetes-version at least every 7d (orchestration.clusterFacts.freshness.kubernetes-version).',
      ],
    });
    expect(result.warnings).toEqual([
      {
        rule: 'CLUSTER-FACTS-STALE',
        message:
          'Facts reported about resource:default/prod past their freshness limit are not used, and its annotations do not stand in for them: orchestration.io/kubernetes-version (reported by collector at 2026-11-20T00:00:00.000Z, limit 7d). Checks that need them are unknown until a fresh report arrives; check that the reporters still run.',
      },
    ]);
  });

  it('follows the configured freshness limit', () => {
    const config = readOrchestrationConfig({
      clusterFacts: { freshness: { 'kubernetes-version': '1d' } },
    });
    if (!config.ok) throw new Error(config.errors.join('\n'));
    const options = {
      ...config.options,
      knowledgeBase: TEST_OPTIONS.knowledgeBase,
    };
    const reports = [report('collector', 2 * DAY, { [VERSION]: '1.36' })];
    expect(
      obligationOf(
        assess(DECLARED_132, reports, options),
        'kubernetes-upgrades',
      ).status,
    ).toBe('unknown');
    expect(
      obligationOf(assess(DECLARED_132, reports), 'kubernetes-upgrades').status,
    ).toBe('ok');
  });
});

describe('reported facts in each obligation', () => {
  const ETCD = { [INTERVAL]: '15m', [MEMBERS]: '3' };

  it.each<
    [
      string,
      ObligationId,
      Record<string, string>,
      ReportedClusterFacts[],
      ObligationStatus,
      Evidence,
    ]
  >([
    [
      'a backup reported by the backup job ten minutes ago',
      'etcd-backups',
      ETCD,
      [report('etcd-backup', 600, { [LAST_BACKUP]: ago(600) })],
      'ok',
      {
        key: LAST_BACKUP,
        value: ago(600),
        provenance: reported('etcd-backup', 600, DAY),
      },
    ],
    [
      'a fresh report of an old backup: the obligation still judges its age',
      'etcd-backups',
      ETCD,
      [report('etcd-backup', 2 * HOUR, { [LAST_BACKUP]: ago(2 * HOUR) })],
      'critical',
      {
        key: LAST_BACKUP,
        value: ago(2 * HOUR),
        provenance: reported('etcd-backup', 2 * HOUR, DAY),
      },
    ],
    [
      'a backup report past its one-day limit',
      'etcd-backups',
      { ...ETCD, [LAST_BACKUP]: ago(600) },
      [report('etcd-backup', 25 * HOUR, { [LAST_BACKUP]: ago(25 * HOUR) })],
      'unknown',
      {
        key: LAST_BACKUP,
        value: ago(25 * HOUR),
        provenance: reported('etcd-backup', 25 * HOUR, DAY),
      },
    ],
    [
      'a certificate expiry read from the API server',
      'certificate-rotation',
      {
        'orchestration.io/cert-rotation': 'automated',
        'orchestration.io/last-upgrade': '2026-09-01',
      },
      [report('collector', DAY, { [EXPIRY]: '2026-12-20T10:00:00Z' })],
      'warning',
      {
        key: EXPIRY,
        value: '2026-12-20T10:00:00.000Z',
        provenance: reported('collector', DAY, WEEK),
      },
    ],
    [
      'pod IP use from yesterday, past its one-day limit',
      'cni-ip-capacity',
      { [CAPACITY]: '100/4096' },
      [report('collector', DAY + 60, { [CAPACITY]: '4000/4096' })],
      'unknown',
      {
        key: CAPACITY,
        value: '4000/4096',
        provenance: reported('collector', DAY + 60, DAY),
      },
    ],
  ])('%s', (_name, id, annotations, reports, status, evidence) => {
    const obligation = obligationOf(assess(annotations, reports), id);
    expect({
      status: obligation.status,
      evidence: evidenceOf(obligation, evidence.key),
    }).toEqual({ status, evidence });
  });

  it('falls back to generic remedies when the provisioner report is stale', () => {
    const result = assess(
      { [VERSION]: '1.32', [NODES]: '1.32', [PROVISIONER]: 'kubeadm' },
      [report('inventory', 40 * DAY, { [PROVISIONER]: 'kops' })],
    );
    const upgrades = obligationOf(result, 'kubernetes-upgrades');
    expect(upgrades.status).toBe('critical');
    expect(evidenceOf(upgrades, PROVISIONER)).toBeUndefined();
    expect(upgrades.actions[0]).toMatch(/^Upgrade the control plane one minor/);
    expect(result.warnings.map(w => w.rule)).toEqual(['CLUSTER-FACTS-STALE']);
  });
});

describe('reported facts on a service', () => {
  const cluster = clusterEntity({ ...SELF, ...DECLARED_132 });
  const reports = [
    report('collector', 8 * DAY, { [VERSION]: '1.36' }),
    report('collector', HOUR, { [CAPACITY]: '100/4096' }),
  ];
  const service = {
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'web',
        annotations: {
          'orchestration.io/workload-type': 'web-service',
          'orchestration.io/current-platform': 'self-managed-kubernetes',
          'orchestration.io/cluster': 'prod',
        },
      },
      spec: { owner: 'group:default/web' },
    },
    cluster,
    platformTeams: [],
    options: TEST_OPTIONS,
    now: NOW,
  };

  it('gives the service the obligations and notices of its cluster, whether assessed here or given', () => {
    const clusterAssessment = assessCluster(cluster, {
      now: NOW,
      options: TEST_OPTIONS,
      reports,
    });
    const direct = assessEntity({ ...service, clusterReports: reports });
    const given = assessEntity({ ...service, clusterAssessment });
    expect(direct.obligations).toEqual(clusterAssessment.obligations);
    expect(given.obligations).toEqual(clusterAssessment.obligations);
    const factWarnings = (warnings: { rule: string }[]) =>
      warnings.filter(w => w.rule.startsWith('CLUSTER-FACTS-'));
    expect(factWarnings(direct.warnings)).toEqual(
      factWarnings(clusterAssessment.warnings),
    );
    expect(factWarnings(given.warnings)).toEqual(
      factWarnings(clusterAssessment.warnings),
    );
    // Copies: changing one result leaves the others alone.
    const provenance = given.obligations[0].evidence[0].provenance!;
    expect(provenance).not.toBe(
      clusterAssessment.obligations[0].evidence[0].provenance,
    );
  });
});

describe('order of reports', () => {
  const keys = [VERSION, CAPACITY, LAST_BACKUP] as const;
  const values: Record<(typeof keys)[number], string[]> = {
    [VERSION]: ['1.34', '1.35', '1.36'],
    [CAPACITY]: ['100/4096', '3900/4096', '4096/4096'],
    [LAST_BACKUP]: [ago(600), ago(3 * HOUR), ago(2 * DAY)],
  };
  const reportArb = fc
    .record({
      source: fc.constantFrom('a', 'b', 'c'),
      // Whole seconds from 3 weeks ago to 10 minutes ahead.
      secondsAgo: fc.integer({ min: -600, max: 21 * DAY }),
      key: fc.constantFrom(...keys),
      pick: fc.integer({ min: 0, max: 2 }),
    })
    .map(r =>
      report(r.source, r.secondsAgo, { [r.key]: values[r.key][r.pick] }),
    );

  it('does not matter when observations differ in time', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(reportArb, { maxLength: 8, selector: r => r.observedAt })
          .chain(reports =>
            fc.tuple(
              fc.constant(reports),
              fc.shuffledSubarray(reports, {
                minLength: reports.length,
                maxLength: reports.length,
              }),
            ),
          ),
        ([reports, shuffled]) => {
          expect(assess(DECLARED_132, shuffled)).toEqual(
            assess(DECLARED_132, reports),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never lets an obligation pass on a stale report', () => {
    fc.assert(
      fc.property(fc.array(reportArb, { maxLength: 8 }), reports => {
        const passedOnStale = assess(DECLARED_132, reports).obligations.filter(
          obligation =>
            obligation.status === 'ok' &&
            obligation.evidence.some(
              item =>
                item.provenance?.kind === 'reported' && item.provenance.stale,
            ),
        );
        expect(passedOnStale).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
