import {
  ANNOTATION_PLATFORM_TEAM,
  GROUP_ANNOTATION_KEYS,
} from '../annotations';
import { ValidationProblem } from './problems';
import {
  AnnotationMap,
  AnnotationParseResult,
  annotationMapProblem,
  boundProblems,
  checkKeys,
  readEnum,
} from './read';

/**
 * What a Group's Orchestration annotations say.
 *
 * @public
 */
export interface GroupOrchestrationFacts {
  platformTeam?: boolean;
}

/**
 * Validates and parses the annotations of a Group.
 *
 * @public
 */
export function parseGroupAnnotations(
  annotations: AnnotationMap | undefined,
): AnnotationParseResult<GroupOrchestrationFacts> {
  const problems: ValidationProblem[] = [];
  const facts: GroupOrchestrationFacts = {};
  if (!annotations) return { facts, problems };
  const shape = annotationMapProblem(annotations);
  if (shape) return { facts, problems: [shape] };
  checkKeys(annotations, GROUP_ANNOTATION_KEYS, problems);
  // An unquoted true is a YAML boolean: reported by readEnum, not guessed.
  const value = readEnum(
    annotations,
    ANNOTATION_PLATFORM_TEAM,
    ['true', 'false'] as const,
    problems,
  );
  if (value !== undefined) facts.platformTeam = value === 'true';
  return { facts, problems: boundProblems(problems) };
}
