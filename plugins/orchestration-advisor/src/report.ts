import {
  Assessment,
  Obligation,
  PlatformAssessment,
  Reason,
} from '@orchestration/plugin-orchestration-common';

const BAR_WIDTH = 20;

/** A fit as a 20-character text bar, e.g. `[###########---------]`. */
export function fitBar(fit: number): string {
  const filled = Math.round(
    (Math.max(0, Math.min(100, fit)) / 100) * BAR_WIDTH,
  );
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
}

function signed(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

function reasonLine(reason: Reason): string[] {
  const points = reason.effect === 'blocks' ? 'BLOCK' : signed(reason.points);
  const lines = [
    `      ${points.padStart(5)}  ${reason.rule}: ${reason.explanation}`,
  ];
  if (reason.evidence.length > 0) {
    lines.push(
      `             evidence: ${reason.evidence
        .map(e => `${e.key}=${e.value}`)
        .join('; ')}`,
    );
  }
  return lines;
}

function platformBlock(platform: PlatformAssessment): string[] {
  const lines = [
    platform.score === platform.fit
      ? `    ${platform.id} (base ${platform.base}, fit ${platform.fit})`
      : `    ${platform.id} (base ${platform.base}, score ${platform.score}, fit ${platform.fit})`,
  ];
  if (platform.reasons.length === 0) lines.push('      no rule applies');
  for (const reason of platform.reasons) lines.push(...reasonLine(reason));
  return lines;
}

function obligationBlock(obligation: Obligation): string[] {
  const due = obligation.due ? `due ${obligation.due}` : '';
  const lines = [
    `    ${obligation.id.padEnd(26)}${obligation.status.padEnd(
      15,
    )}${due}`.trimEnd(),
    `      ${obligation.summary}`,
  ];
  for (const action of obligation.actions) lines.push(`      - ${action}`);
  return lines;
}

/** Renders one assessment as a readable report. */
export function renderAssessment(
  assessment: Assessment,
  location?: string,
): string {
  const lines: string[] = [];
  lines.push(`${assessment.entityRef}${location ? `  (${location})` : ''}`);
  const rec = assessment.recommendation;
  if (rec.status === 'insufficient-data') {
    lines.push('  Recommendation: none, not enough information (see Missing)');
  } else {
    const ties =
      rec.nearTies.length > 0
        ? `; near-tie with ${rec.nearTies.join(', ')}`
        : '';
    lines.push(
      `  Recommendation: ${rec.platform} (confidence ${rec.confidence}${ties})`,
    );
  }
  lines.push('  Fit');
  for (const platform of assessment.platforms) {
    lines.push(
      `    ${platform.id.padEnd(24)} ${String(platform.fit).padStart(
        3,
      )} ${fitBar(platform.fit)}  ${platform.verdict}${
        platform.score === platform.fit ? '' : ` (score ${platform.score})`
      }`,
    );
  }
  lines.push('  Reasons');
  for (const platform of assessment.platforms)
    lines.push(...platformBlock(platform));
  if (assessment.warnings.length > 0) {
    lines.push('  Warnings');
    for (const warning of assessment.warnings) {
      lines.push(`    ! ${warning.rule}: ${warning.message}`);
    }
  }
  lines.push(
    `  Migration: ${
      assessment.migration
        ? `${assessment.migration.from} -> ${assessment.migration.to}`
        : 'none'
    }`,
  );
  const hypothetical = assessment.obligations.some(o => o.hypothetical);
  lines.push(
    hypothetical
      ? '  Obligations (hypothetical: what self-managed Kubernetes would take)'
      : '  Obligations',
  );
  for (const obligation of assessment.obligations)
    lines.push(...obligationBlock(obligation));
  if (assessment.missing.length > 0) {
    lines.push('  Missing');
    for (const missing of assessment.missing) {
      lines.push(
        `    ${missing.key}: ${missing.why} Example: ${missing.example}`,
      );
    }
  }
  if (assessment.validation.length > 0) {
    lines.push('  Validation');
    for (const problem of assessment.validation) {
      const where = problem.entityRef ? ` (${problem.entityRef})` : '';
      lines.push(`    ${problem.severity}: ${problem.message}${where}`);
    }
  }
  lines.push(
    `  Knowledge as of ${assessment.knowledgeAsOf}; assessed at ${assessment.assessedAt}`,
  );
  return lines.join('\n');
}
