/**
 * How serious an annotation problem is. `error` means the annotation is
 * ignored or contradicts another; `warning` means it is read but probably not
 * what was meant; `info` is a hint.
 *
 * @public
 */
export type ValidationSeverity = 'error' | 'warning' | 'info';

/**
 * The kind of an annotation problem.
 *
 * @public
 */
export type ValidationCode =
  | 'unknown-key'
  | 'misplaced-key'
  | 'empty-value'
  | 'unknown-value'
  | 'invalid-value'
  | 'duplicate-value'
  | 'missing-key'
  | 'contradiction';

/**
 * One problem with an entity's Orchestration annotations. Problems are
 * reported, never thrown.
 *
 * @public
 */
export interface ValidationProblem {
  severity: ValidationSeverity;
  code: ValidationCode;
  /** The annotation key concerned. */
  key: string;
  /** The value as written, when there is one. */
  value?: string;
  /** What is wrong and what to write instead. */
  message: string;
  /** The allowed values, when the key has a fixed set. */
  allowed?: string[];
  /** The closest allowed key or value, for misspellings. */
  suggestion?: string;
  /** Set when the problem is on another entity than the one assessed (e.g. its cluster). */
  entityRef?: string;
}
