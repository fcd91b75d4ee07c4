import { fullAssessment } from '../__fixtures__/assessment';
import type { AssessmentRow } from '../services/Store';
import {
  EXPORT_COLUMNS,
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
    ...overrides,
  };
}

function cells(r: AssessmentRow): Record<string, unknown> {
  const values = exportCells(r);
  return Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, values[i]]));
}

describe('the CSV export', () => {
  it('keeps the existing columns first, in their order', () => {
    expect(exportHeader()).toBe(
      'entityRef,name,title,owner,system,currentPlatform,recommendedPlatform,recommendationStatus,confidence,currentVerdict,fit,migrationFrom,migrationTo,obligationStatus,nextDue,warningCount,validationErrorCount,assessedAt,recommendationLead,decidingInputs,recommendedMonthlyUsd,currentMonthlyUsd,migrationEffort\r\n',
    );
  });

  it('reads confidence, deciding inputs, costs and effort from the stored assessment', () => {
    expect(cells(row())).toMatchObject({
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
    expect(
      cells(row({ recommended_platform: 'ecs-ec2', current_platform: 'none' })),
    ).toMatchObject({ recommendedMonthlyUsd: null, currentMonthlyUsd: null });
    expect(
      cells(row({ recommended_platform: null, current_platform: null })),
    ).toMatchObject({ recommendedMonthlyUsd: null, currentMonthlyUsd: null });
    const line = exportLines([
      row({ recommended_platform: 'ecs-ec2', current_platform: 'none' }),
    ]);
    expect(line.split(',').slice(-3)).toEqual(['', '', 'medium\r\n']);
  });

  it('leaves the new cells empty for assessments stored before they existed', () => {
    const old = {
      ...fullAssessment,
      recommendation: { platform: 'ecs-fargate', status: 'recommended' },
      platforms: [{ id: 'ecs-fargate', fit: 80 }],
      migration: { from: 'self-managed-kubernetes', to: 'ecs-fargate' },
    };
    for (const assessment of [JSON.stringify(old), '{}', 'not json', '']) {
      expect(cells(row({ assessment }))).toMatchObject({
        recommendationLead: null,
        decidingInputs: '',
        recommendedMonthlyUsd: null,
        currentMonthlyUsd: null,
        migrationEffort: null,
      });
    }
  });

  it('writes no effort without a migration', () => {
    expect(
      cells(
        row({
          assessment: JSON.stringify({ ...fullAssessment, migration: null }),
        }),
      ).migrationEffort,
    ).toBeNull();
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
        assessment: JSON.stringify(hostile),
      }),
    ]);
    expect(line).toContain(`"'=HYPERLINK(""x"")"`);
    expect(line).toContain(`,'=cmd=1->eks,`);
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
