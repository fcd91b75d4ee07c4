import {
  ANNOTATION_WORKLOAD_TYPE,
  Assessment,
  COMPONENT_ANNOTATION_KEYS,
  MissingInput,
  ORCHESTRATION_ANNOTATION_PREFIX,
  ValidationProblem,
} from '@orchestration/plugin-orchestration-common';

/** Annotations as found in `metadata.annotations`. */
export type AnnotationValues = Readonly<Record<string, unknown>>;

/** A Component annotation key written with a spelling mistake. */
export interface MisspeltKey {
  /** The key as written, e.g. `orchestration.io/workload-typ`. */
  written: string;
  /** The key meant, e.g. `orchestration.io/workload-type`. */
  key: string;
  /**
   * The value as written: the entity's own when the annotations are given,
   * else the (possibly shortened) echo of the parser.
   */
  value?: string;
  /**
   * True when the key meant is written as well, or an earlier misspelling
   * stands for it: this one is dropped rather than renamed.
   */
  duplicate: boolean;
}

const COMPONENT_KEYS: readonly string[] = COMPONENT_ANNOTATION_KEYS;

const hasOwn = (annotations: AnnotationValues, key: string) =>
  Object.prototype.hasOwnProperty.call(annotations, key);

/**
 * The unknown keys the parser matched to a Component key ("did you mean"),
 * in the order of the problems.
 */
export function misspeltKeys(
  validation: readonly ValidationProblem[],
  annotations?: AnnotationValues,
): MisspeltKey[] {
  const result: MisspeltKey[] = [];
  const taken = new Set<string>();
  for (const problem of validation) {
    if (problem.code !== 'unknown-key' || !problem.suggestion) continue;
    if (!COMPONENT_KEYS.includes(problem.suggestion)) continue;
    const raw = annotations?.[problem.key];
    const value = typeof raw === 'string' ? raw : problem.value;
    const duplicate =
      taken.has(problem.suggestion) ||
      (annotations !== undefined && hasOwn(annotations, problem.suggestion));
    taken.add(problem.suggestion);
    result.push({
      written: problem.key,
      key: problem.suggestion,
      ...(value === undefined ? {} : { value }),
      duplicate,
    });
  }
  return result;
}

/** Whether a key is under the Orchestration prefix, in any case. */
export function isOrchestrationKey(key: string): boolean {
  return key.toLowerCase().startsWith(ORCHESTRATION_ANNOTATION_PREFIX);
}

/**
 * The Orchestration annotations as the owner wrote them, with the misspelt
 * keys renamed and their own values kept, in the order written. Unknown keys
 * with no likely meaning, misspellings of a key written as well, and values
 * that are not text are left out (`left`).
 */
export function correctedAnnotations(
  annotations: AnnotationValues,
  misspelt: readonly MisspeltKey[],
): { annotations: Record<string, string>; left: string[] } {
  const byWritten = new Map(misspelt.map(m => [m.written, m]));
  const out: Record<string, string> = {};
  const left: string[] = [];
  for (const [key, raw] of Object.entries(annotations)) {
    if (!isOrchestrationKey(key)) continue;
    const fix = byWritten.get(key);
    if (fix) {
      if (fix.duplicate || typeof raw !== 'string') left.push(key);
      else out[fix.key] = raw;
    } else if (COMPONENT_KEYS.includes(key) && typeof raw === 'string') {
      out[key] = raw;
    } else {
      left.push(key);
    }
  }
  return { annotations: out, left };
}

/** Why the workload type is not known, or `ok`. */
export type WorkloadTypeState =
  | { state: 'ok' }
  | { state: 'missing' }
  | { state: 'misspelt'; written: string }
  | { state: 'invalid'; problem: ValidationProblem };

/** Whether the workload type was read, and if not, why. */
export function workloadTypeState(
  assessment: Pick<Assessment, 'missing' | 'validation'>,
): WorkloadTypeState {
  if (!assessment.missing.some(m => m.key === ANNOTATION_WORKLOAD_TYPE)) {
    return { state: 'ok' };
  }
  const misspelt = misspeltKeys(assessment.validation).find(
    m => m.key === ANNOTATION_WORKLOAD_TYPE && !m.duplicate,
  );
  if (misspelt) return { state: 'misspelt', written: misspelt.written };
  const problem = assessment.validation.find(
    p =>
      p.key === ANNOTATION_WORKLOAD_TYPE &&
      p.severity === 'error' &&
      p.code !== 'missing-key',
  );
  if (problem) return { state: 'invalid', problem };
  return { state: 'missing' };
}

/** Whether an input is a fact of the catalog rather than an annotation of the Component. */
export function isCatalogInput(key: string): boolean {
  return key.startsWith('catalog:');
}

/**
 * The missing inputs split by what to do: add the annotation (`toAdd`), fix
 * one that is written but misspelt or unreadable (`toFix`, never advised as
 * an addition), or set a fact elsewhere in the catalog (`catalog`).
 */
export function splitMissingInputs(
  assessment: Pick<Assessment, 'missing' | 'validation'>,
): { toAdd: MissingInput[]; toFix: MissingInput[]; catalog: MissingInput[] } {
  const misspelt = new Set(misspeltKeys(assessment.validation).map(m => m.key));
  const unreadable = new Set(
    assessment.validation
      .filter(p => p.severity === 'error' && p.code !== 'missing-key')
      .map(p => p.key),
  );
  const toAdd: MissingInput[] = [];
  const toFix: MissingInput[] = [];
  const catalog: MissingInput[] = [];
  for (const input of assessment.missing) {
    if (isCatalogInput(input.key)) catalog.push(input);
    else if (misspelt.has(input.key) || unreadable.has(input.key))
      toFix.push(input);
    else toAdd.push(input);
  }
  return { toAdd, toFix, catalog };
}

/**
 * The problems left once the misspelt keys are summarised on their own: the
 * misspellings themselves and "missing" reports of keys that are written,
 * only misspelt, are dropped.
 */
export function otherProblems(
  validation: readonly ValidationProblem[],
): ValidationProblem[] {
  const misspelt = misspeltKeys(validation);
  const written = new Set(misspelt.map(m => m.written));
  const meant = new Set(misspelt.map(m => m.key));
  return validation.filter(
    p =>
      !(p.code === 'unknown-key' && written.has(p.key)) &&
      !(p.code === 'missing-key' && meant.has(p.key)),
  );
}
