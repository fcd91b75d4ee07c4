import { fullAssessment } from '../__fixtures__/assessment';
import type { ReviewRecord } from '@orchestration/plugin-orchestration-common';
import type { AssessmentRow } from '../services/Store';
import {
  EXPORT_COLUMNS,
  ExportSourceRow,
  exportCells,
  exportHeader,
  exportLines,
  formatDecidingInputs,
} from './exportCsv';

function row(overrides: Partial<AssessmentRow> = {}): AssessmentRow {
  return {
    entity_ref: 'component:default/legacy-web',
    kind: 'component',
    namespace: 'default',
    name: 'legacy-web',
    title: null,
    owner: 'group:default/web-content',
    system: null,
    current_platform: 'self-managed-kubernetes',
    recommended_platform: 'ecs-fargate',
    recommendation_status: 'recommended',
    confidence: 'medium',
    current_verdict: 'poor',
    fit: 80,
    migration_from: 'self-managed-kubernetes',
    migration_to: 'ecs-fargate',
    is_migration: true,
    obligation_status: 'critical',
    obligation_rank: 5,
    next_due: '2026-12-15',
    cluster: 'resource:default/prod-kops',
    warning_count: 1,
    validation_error_count: 0,
    assessed_at: '2026-11-28T00:00:00.000Z',
    search_text: 'legacy-web',
    fingerprint: 'f',
    snapshot_id: 1,
    assessment: JSON.stringify(fullAssessment),
    recommended_monthly_usd: 72.08,
    current_monthly_usd: 1210.25,
    migration_effort: 'medium',
    deciding_inputs: JSON.stringify(
      fullAssessment.recommendation.decidingInputs,
    ),
    ...overrides,
  };
}

/** A row as stored before the summary columns of costs, effort and deciding inputs existed. */
function rowBeforeColumns(overrides: Partial<AssessmentRow> = {}) {
  return row({
    recommended_monthly_usd: null,
    current_monthly_usd: null,
    migration_effort: null,
    deciding_inputs: null,
    ...overrides,
  });
}

function cells(r: ExportSourceRow): Record<string, unknown> {
  const values = exportCells(r);
  return Object.fromEntries(
    EXPORT_COLUMNS.map((c, i) => [c.header, values[i]]),
  );
}

/** The cells of one written line (without quoted commas), by header. */
function written(line: string): Record<string, string> {
  const values = line.replace(/\r\n$/, '').split(',');
  return Object.fromEntries(
    EXPORT_COLUMNS.map((c, i) => [c.header, values[i]]),
  );
}

function review(decision: ReviewRecord['decision']): ReviewRecord {
  return {
    id: 'r1',
    entityRef: 'component:default/legacy-web',
    decision,
    reviewer: 'user:default/ada',
    createdAt: '2026-11-20T10:00:00.000Z',
  };
}

describe('the CSV export', () => {
  it('keeps the existing columns first, in their order, then the decision in force', () => {
    expect(exportHeader()).toBe(
      'entityRef,name,title,owner,system,currentPlatform,recommendedPlatform,recommendationStatus,confidence,currentVerdict,fit,migrationFrom,migrationTo,obligationStatus,nextDue,warningCount,validationErrorCount,assessedAt,recommendationLead,decidingInputs,recommendedMonthlyUsd,currentMonthlyUsd,migrationEffort,decision,decisionTargetPlatform,decisionDueDate,decisionExpiresOn,decisionReviewer,decidedAt\r\n',
    );
    const headers = EXPORT_COLUMNS.map(c => c.header);
    expect(new Set(headers).size).toBe(headers.length);
    expect(exportCells(row())).toHaveLength(headers.length);
  });

  it.each([
    ['no decision', null, {}],
    ['a store that gives none', undefined, {}],
    [
      'an acceptance',
      review({ kind: 'accept', comment: 'Agreed' }),
      { decision: 'accept' },
    ],
    [
      'keeping the current platform',
      review({ kind: 'keep-current', comment: 'Stays for now' }),
      { decision: 'keep-current' },
    ],
    [
      'a migration',
      review({ kind: 'migrate', targetPlatform: 'eks', dueDate: '2027-03-01' }),
      {
        decision: 'migrate',
        decisionTargetPlatform: 'eks',
        decisionDueDate: '2027-03-01',
      },
    ],
    [
      'an exemption',
      review({
        kind: 'exempt',
        justification: 'Decommissioned in Q1',
        expiresOn: '2027-04-01',
      }),
      { decision: 'exempt', decisionExpiresOn: '2027-04-01' },
    ],
  ])('writes the decision in force: %s', (_, inForce, expected) => {
    const none = {
      decision: '',
      decisionTargetPlatform: '',
      decisionDueDate: '',
      decisionExpiresOn: '',
      decisionReviewer: '',
      decidedAt: '',
    };
    const who = inForce
      ? {
          decisionReviewer: 'user:default/ada',
          decidedAt: '2026-11-20T10:00:00.000Z',
        }
      : {};
    const line = exportLines([
      inForce === undefined ? row() : { ...row(), inForce },
    ]);
    expect(written(line)).toMatchObject({ ...none, ...who, ...expected });
  });

  it('reads deciding inputs, costs and effort from their columns, the lead from the stored assessment', () => {
    const expected = {
      confidence: 'medium',
      recommendationLead: 4,
      decidingInputs:
        'orchestration.io/portability=multi-cloud->eks; catalog:platform-team=group:default/platform->none',
      recommendedMonthlyUsd: '72.08',
      currentMonthlyUsd: '1210.25',
      migrationEffort: 'medium',
    };
    expect(cells(row())).toMatchObject(expected);
    // The columns win over the stored assessment.
    expect(
      cells(
        row({
          recommended_monthly_usd: 10,
          current_monthly_usd: 2000.5,
          migration_effort: 'large',
          deciding_inputs: JSON.stringify([
            {
              key: 'orchestration.io/portability',
              value: 'hybrid',
              wouldRecommend: 'eks',
            },
          ]),
        }),
      ),
    ).toMatchObject({
      recommendationLead: 4,
      decidingInputs: 'orchestration.io/portability=hybrid->eks',
      recommendedMonthlyUsd: '10.00',
      currentMonthlyUsd: '2000.50',
      migrationEffort: 'large',
    });
    // Costs as a database may hand them back.
    expect(
      cells(
        row({
          recommended_monthly_usd: '72.08' as any,
          current_monthly_usd: '1210.25' as any,
        }),
      ),
    ).toMatchObject(expected);
  });

  it('reads every deciding input, not only the first five of the list rows', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({
      key: `orchestration.io/k${i}`,
      value: String(i),
      wouldRecommend: 'eks',
    }));
    expect(
      String(
        cells(row({ deciding_inputs: JSON.stringify(many) })).decidingInputs,
      ).split('; '),
    ).toHaveLength(7);
  });

  it('reads rows not refreshed since the columns were added from the stored assessment', () => {
    expect(cells(rowBeforeColumns())).toMatchObject({
      confidence: 'medium',
      recommendationLead: 4,
      decidingInputs:
        'orchestration.io/portability=multi-cloud->eks; catalog:platform-team=group:default/platform->none',
      recommendedMonthlyUsd: '72.08',
      currentMonthlyUsd: '1210.25',
      migrationEffort: 'medium',
    });
  });

  it('leaves a cost empty when the platform has none, and without a current platform', () => {
    const none = { recommended_monthly_usd: null, current_monthly_usd: null };
    expect(cells(row(none))).toMatchObject({
      recommendedMonthlyUsd: null,
      currentMonthlyUsd: null,
    });
    expect(written(exportLines([row(none)]))).toMatchObject({
      recommendedMonthlyUsd: '',
      currentMonthlyUsd: '',
      migrationEffort: 'medium',
    });
    // Rows not refreshed yet: by the platforms of the stored assessment.
    expect(
      cells(
        rowBeforeColumns({
          recommended_platform: 'ecs-ec2',
          current_platform: 'none',
        }),
      ),
    ).toMatchObject({ recommendedMonthlyUsd: null, currentMonthlyUsd: null });
    expect(
      cells(
        rowBeforeColumns({
          recommended_platform: null,
          current_platform: null,
        }),
      ),
    ).toMatchObject({ recommendedMonthlyUsd: null, currentMonthlyUsd: null });
    const line = exportLines([
      rowBeforeColumns({
        recommended_platform: 'ecs-ec2',
        current_platform: 'none',
      }),
    ]);
    expect(written(line)).toMatchObject({
      recommendedMonthlyUsd: '',
      currentMonthlyUsd: '',
      migrationEffort: 'medium',
    });
  });

  it('leaves the new cells empty for assessments stored before they existed', () => {
    const old = {
      ...fullAssessment,
      recommendation: { platform: 'ecs-fargate', status: 'recommended' },
      platforms: [{ id: 'ecs-fargate', fit: 80 }],
      migration: { from: 'self-managed-kubernetes', to: 'ecs-fargate' },
    };
    for (const assessment of [JSON.stringify(old), '{}', 'not json', '']) {
      expect(cells(rowBeforeColumns({ assessment }))).toMatchObject({
        recommendationLead: null,
        decidingInputs: '',
        recommendedMonthlyUsd: null,
        currentMonthlyUsd: null,
        migrationEffort: null,
      });
    }
  });

  it('writes no effort without a migration', () => {
    expect(cells(row({ migration_effort: null })).migrationEffort).toBeNull();
    expect(
      cells(
        rowBeforeColumns({
          assessment: JSON.stringify({ ...fullAssessment, migration: null }),
        }),
      ).migrationEffort,
    ).toBeNull();
  });

  it('writes an empty deciding inputs cell for an empty or unreadable column', () => {
    for (const deciding_inputs of ['[]', 'not json', '{}']) {
      expect(cells(row({ deciding_inputs })).decidingInputs).toBe('');
    }
  });

  it('guards every cell against formulas, the new ones too', () => {
    const hostile = {
      ...fullAssessment,
      recommendation: {
        ...fullAssessment.recommendation,
        decidingInputs: [
          { key: '=cmd', value: '1', wouldRecommend: 'eks' as const },
        ],
      },
    };
    const line = exportLines([
      row({
        title: '=HYPERLINK("x")',
        deciding_inputs: JSON.stringify(hostile.recommendation.decidingInputs),
      }),
      rowBeforeColumns({ assessment: JSON.stringify(hostile) }),
    ]);
    expect(line).toContain(`"'=HYPERLINK(""x"")"`);
    expect(line.split('\r\n')[0]).toContain(`,'=cmd=1->eks,`);
    expect(line.split('\r\n')[1]).toContain(`,'=cmd=1->eks,`);
  });

  it('formats deciding inputs as key=value->platform; ...', () => {
    expect(formatDecidingInputs([])).toBe('');
    expect(formatDecidingInputs(undefined)).toBe('');
    expect(
      formatDecidingInputs([
        {
          key: 'orchestration.io/aws-integrations',
          value: 'iam-task-role',
          wouldRecommend: 'ecs-ec2',
        },
      ]),
    ).toBe('orchestration.io/aws-integrations=iam-task-role->ecs-ec2');
  });
});
