import {
  ANNOTATION_RESOURCES,
  Assessment,
  Migration,
  NamedOption,
  Obligation,
  PlatformAssessment,
  Reason,
  ValidationProblem,
} from '@orchestration/plugin-orchestration-common';
import { clip, clipMessage } from './text';

const BAR_WIDTH = 20;

/** At most this many problems are shown per annotation key; the rest are counted. */
export const MAX_PROBLEMS_PER_KEY = 3;

/** A fit as a 20-character text bar, e.g. `[###########---------]`. */
export function fitBar(fit: number): string {
  const filled = Math.round(
    (Math.max(0, Math.min(100, fit)) / 100) * BAR_WIDTH,
  );
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
}

/** US dollars with cents and thousands separators, e.g. `$1,144.16`. */
export function formatUsd(amount: number): string {
  return `$${amount.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;
}

function signed(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** One named alternative: name, launch date, sources, whether a figure is from a secondary source. */
export function alternativeLine(option: NamedOption): string {
  const facts = [`since ${option.since}`];
  if (option.sources.length > 0) {
    facts.push(`sources ${option.sources.join(', ')}`);
  }
  if (option.secondary) facts.push('secondary source');
  const limits = option.limits ? ` Limits: ${sentence(option.limits)}` : '';
  return clipMessage(
    `alternative: ${option.name} (${facts.join('; ')}): ${sentence(
      option.summary,
    )}${limits}`,
  );
}

function reasonLines(reason: Reason): string[] {
  const points = reason.effect === 'blocks' ? 'BLOCK' : signed(reason.points);
  const countedBy = reason.countedBy ? ` (counted by ${reason.countedBy})` : '';
  const lines = [
    `      ${points.padStart(5)}  ${reason.rule}${countedBy}: ${clipMessage(
      reason.explanation,
    )}`,
  ];
  if (reason.evidence.length > 0) {
    lines.push(
      `             evidence: ${reason.evidence
        .map(e => `${e.key}=${clip(e.value)}`)
        .join('; ')}`,
    );
  }
  for (const option of reason.alternatives ?? []) {
    lines.push(`             ${alternativeLine(option)}`);
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
  for (const reason of platform.reasons) lines.push(...reasonLines(reason));
  return lines;
}

function costBlock(
  platform: PlatformAssessment,
  assessment: Assessment,
): string[] {
  const label = `    ${platform.id.padEnd(26)}`;
  const cost = platform.cost;
  if (!cost) {
    let why = 'cost unknown';
    if (platform.verdict === 'blocked') why = 'no estimate (blocked)';
    else if (
      assessment.validation.some(
        p => p.key === ANNOTATION_RESOURCES && p.severity === 'error',
      )
    ) {
      why = 'cost unknown (size could not be read)';
    } else if (assessment.missing.some(m => m.key === ANNOTATION_RESOURCES)) {
      why = 'cost unknown (size not given)';
    }
    return [`${label}${why}`];
  }
  const lines = [`${label}${formatUsd(cost.monthlyUsd)}/month`];
  for (const line of cost.lines) {
    lines.push(
      `      ${formatUsd(line.monthlyUsd).padStart(10)}  ${clipMessage(
        line.item,
      )} (${line.source})`,
    );
  }
  return lines;
}

function migrationLines(migration: Migration | null): string[] {
  if (!migration) return ['  Migration: none'];
  const facts = [];
  if (migration.effort) facts.push(`effort ${migration.effort}`);
  if (typeof migration.lead === 'number') {
    facts.push(`leads by ${migration.lead} points`);
  }
  const lines = [
    `  Migration: ${migration.from} -> ${migration.to}${
      facts.length > 0 ? ` (${facts.join(', ')})` : ''
    }`,
  ];
  if (migration.why) lines.push(`    Why: ${clipMessage(migration.why)}`);
  if ((migration.effortReasons ?? []).length > 0) {
    lines.push(`    Effort ${migration.effort}:`);
    for (const reason of migration.effortReasons) {
      lines.push(`      - ${clipMessage(reason)}`);
    }
  }
  if ((migration.steps ?? []).length > 0) {
    lines.push('    Steps:');
    migration.steps.forEach((step, index) =>
      lines.push(`      ${index + 1}. ${clipMessage(step)}`),
    );
  }
  return lines;
}

function obligationBlock(obligation: Obligation): string[] {
  const due = obligation.due ? `due ${obligation.due}` : '';
  const lines = [
    `    ${obligation.id.padEnd(26)}${obligation.status.padEnd(
      15,
    )}${due}`.trimEnd(),
    `      ${clipMessage(obligation.summary)}`,
  ];
  for (const action of obligation.actions) {
    lines.push(`      - ${clipMessage(action)}`);
  }
  return lines;
}

/**
 * Groups problems so that no annotation key shows more than
 * {@link MAX_PROBLEMS_PER_KEY}: returns the shown problems and, per key, how
 * many were left out.
 */
export function capProblemsPerKey<T extends Pick<ValidationProblem, 'key'>>(
  problems: readonly T[],
): { shown: T[]; hidden: Map<string, number> } {
  const counts = new Map<string, number>();
  const hidden = new Map<string, number>();
  const shown: T[] = [];
  for (const problem of problems) {
    const count = counts.get(problem.key) ?? 0;
    counts.set(problem.key, count + 1);
    if (count < MAX_PROBLEMS_PER_KEY) shown.push(problem);
    else hidden.set(problem.key, (hidden.get(problem.key) ?? 0) + 1);
  }
  return { shown, hidden };
}

/** `12 more problems with orchestration.io/scheduling not shown`. */
export function hiddenProblemsMessage(key: string, count: number): string {
  return `${count} more problem${count === 1 ? '' : 's'} with ${clip(
    key,
  )} not shown`;
}

/** Renders one assessment as a readable report. */
export function renderAssessment(
  assessment: Assessment,
  location?: string,
): string {
  const lines: string[] = [];
  lines.push(
    `${clipMessage(assessment.entityRef)}${location ? `  (${location})` : ''}`,
  );
  const rec = assessment.recommendation;
  if (rec.status === 'insufficient-data') {
    lines.push('  Recommendation: none, not enough information (see Missing)');
  } else {
    const facts = [`confidence ${rec.confidence}`];
    if (typeof rec.lead === 'number') {
      facts.push(`leads by ${rec.lead} point${rec.lead === 1 ? '' : 's'}`);
    }
    const ties =
      rec.nearTies.length > 0
        ? `; near-tie with ${rec.nearTies.join(', ')}`
        : '';
    lines.push(
      `  Recommendation: ${rec.platform} (${facts.join(', ')}${ties})`,
    );
  }
  for (const input of rec.decidingInputs ?? []) {
    lines.push(
      `  Would change the recommendation: ${input.key}=${clip(
        input.value,
      )} -> ${input.wouldRecommend ?? 'no recommendation'}`,
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
  // Older engines have no cost; show the section only when there is one.
  if (assessment.platforms.some(p => p.cost !== undefined)) {
    lines.push('  Cost (monthly estimate, beside the fit and not part of it)');
    for (const platform of assessment.platforms) {
      lines.push(...costBlock(platform, assessment));
    }
    // Most assumptions hold for every platform: each is listed once.
    const assumptions = new Set(
      assessment.platforms.flatMap(p => p.cost?.assumptions ?? []),
    );
    if (assumptions.size > 0) {
      lines.push('    Assuming:');
      for (const assumption of assumptions) {
        lines.push(`      - ${clipMessage(assumption)}`);
      }
    }
  }
  lines.push('  Reasons');
  for (const platform of assessment.platforms)
    lines.push(...platformBlock(platform));
  if (assessment.warnings.length > 0) {
    lines.push('  Warnings');
    for (const warning of assessment.warnings) {
      lines.push(`    ! ${warning.rule}: ${clipMessage(warning.message)}`);
      for (const option of warning.alternatives ?? []) {
        lines.push(`      ${alternativeLine(option)}`);
      }
    }
  }
  lines.push(...migrationLines(assessment.migration));
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
        `    ${missing.key}: ${clipMessage(missing.why)} Example: ${clip(
          missing.example,
        )}`,
      );
    }
  }
  if (assessment.validation.length > 0) {
    lines.push('  Validation');
    const { shown, hidden } = capProblemsPerKey(assessment.validation);
    for (const problem of shown) {
      const where = problem.entityRef
        ? ` (${clipMessage(problem.entityRef)})`
        : '';
      lines.push(
        `    ${problem.severity}: ${clipMessage(
          problem.message,
          problem.value,
        )}${where}`,
      );
    }
    for (const [key, count] of hidden) {
      lines.push(`    ${hiddenProblemsMessage(key, count)}`);
    }
  }
  lines.push(
    `  Knowledge as of ${assessment.knowledgeAsOf}; assessed at ${assessment.assessedAt}`,
  );
  return lines.join('\n');
}
