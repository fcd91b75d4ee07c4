/**
 * Readers shared by the Component, cluster and Group parsers: each reads one
 * annotation, reports what is wrong with it as data and never throws. Every
 * reader reports at most one problem of a kind per key and echoes a bounded
 * part of the value, so the output stays small whatever the input.
 */
import {
  ALL_ANNOTATION_KEYS,
  COMPONENT_ANNOTATION_KEYS,
  ANNOTATION_KUBERNETES_VERSION,
  ANNOTATION_OLDEST_NODE_VERSION,
  CLUSTER_ANNOTATION_KEYS,
  GROUP_ANNOTATION_KEYS,
  ORCHESTRATION_ANNOTATION_PREFIX,
} from '../annotations';
import { ValidationProblem } from './problems';
import { suggestClosest } from './suggest';
import {
  MAX_ANNOTATION_VALUE_LENGTH,
  MAX_LISTED_ITEMS,
  capMessage,
  echoKey,
  echoValue,
  listSome,
  quoteItem,
  shortItem,
} from './text';
import { ParseResult } from './values';

/**
 * A map of annotation keys to values, as found in `metadata.annotations`.
 * Values should be strings; anything else is reported.
 *
 * @public
 */
export type AnnotationMap = Readonly<Record<string, unknown>>;

/**
 * Parsed facts and the problems found on the way.
 *
 * @public
 */
export interface AnnotationParseResult<T> {
  facts: T;
  problems: ValidationProblem[];
}

/** The field named in problems about the shape of the annotations. */
export const ANNOTATIONS_FIELD = 'metadata.annotations';

const hasOwn = (annotations: AnnotationMap, key: string) =>
  Object.prototype.hasOwnProperty.call(annotations, key);

/** True when the annotation is present, whatever its value. */
export function hasAnnotation(annotations: AnnotationMap, key: string) {
  return hasOwn(annotations, key);
}

/**
 * A problem when `metadata.annotations` is not a map of key to value (a YAML
 * list, or a scalar), else undefined. Such annotations would otherwise be
 * read as "no annotations" and the mistake would go unseen.
 */
export function annotationMapProblem(
  raw: unknown,
): ValidationProblem | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'object' && !Array.isArray(raw)) return undefined;
  const what = Array.isArray(raw) ? 'a list' : `a ${typeof raw}`;
  const problem: ValidationProblem = {
    severity: 'error',
    code: 'invalid-value',
    key: ANNOTATIONS_FIELD,
    message: `${ANNOTATIONS_FIELD} is ${what}, so no annotation is read; annotations must be a map of key: "value", e.g. orchestration.io/workload-type: "api" (no leading dash)`,
  };
  const echo = echoRaw(raw);
  if (echo !== undefined) problem.value = echo;
  return problem;
}

/**
 * A bounded text for echoing any raw value in a problem: strings cut to a
 * safe length, numbers and booleans as JavaScript prints them. Never used to
 * compute anything.
 */
export function echoRaw(raw: unknown): string | undefined {
  if (typeof raw === 'string') return echoValue(raw);
  if (
    typeof raw === 'number' ||
    typeof raw === 'boolean' ||
    typeof raw === 'bigint'
  ) {
    return echoValue(String(raw));
  }
  if (raw instanceof Date) return isoDate(raw);
  return undefined;
}

function isoDate(date: Date): string | undefined {
  if (Number.isNaN(date.getTime())) return undefined;
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/**
 * How a number was probably written in YAML. `1.30` arrives as 1.3, and a
 * Kubernetes version with a one-digit minor is from before 2018, so a
 * version key holding 1.1 to 1.3 most likely lost a trailing zero.
 */
function writtenNumber(key: string, value: number): string {
  const text = String(value);
  if (
    (key === ANNOTATION_KUBERNETES_VERSION ||
      key === ANNOTATION_OLDEST_NODE_VERSION) &&
    /^1\.[1-3]$/.test(text)
  ) {
    return `${text}0`;
  }
  return text;
}

/** Explains why a value that YAML did not read as a string is not read. */
function notTextProblem(key: string, raw: unknown): ValidationProblem {
  const shownKey = echoKey(key);
  const echo = echoRaw(raw);
  let message = `${shownKey} is not text; annotation values are strings, so quote the value in YAML`;
  if (typeof raw === 'number' || typeof raw === 'bigint') {
    const shown = shortItem(String(raw));
    const written =
      typeof raw === 'number' ? shortItem(writtenNumber(key, raw)) : shown;
    message = `${shownKey} is the number ${shown}, not text: YAML reads an unquoted ${written} as a number; quote it: "${written}"`;
  } else if (typeof raw === 'boolean') {
    message = `${shownKey} is the boolean ${raw}, not text: YAML reads an unquoted ${raw} as a boolean; quote it: "${raw}"`;
  } else if (raw instanceof Date && echo !== undefined) {
    message = `${shownKey} is a date, not text: YAML reads an unquoted ${echo} as a date; quote it: "${echo}"`;
  } else if (Array.isArray(raw)) {
    const items = raw
      .slice(0, MAX_LISTED_ITEMS)
      .filter((item): item is string => typeof item === 'string')
      .map(item => shortItem(item).trim());
    const example = items.length > 0 ? items.join(', ') : 'a, b';
    message = `${shownKey} is a list, not text: annotation values are strings; write the items in one quoted string, e.g. "${example}"`;
  } else if (typeof raw === 'object') {
    message = `${shownKey} is a map, not text: annotation values are strings; write the value in quotes`;
  }
  return {
    severity: 'error',
    code: 'invalid-value',
    key: shownKey,
    ...(echo === undefined ? {} : { value: echo }),
    message,
  };
}

const KNOWN_KEYS = new Set<string>(ALL_ANNOTATION_KEYS);
/** Each kind's keys as a set: keys share a long prefix, so a hash beats comparing strings. */
const KEY_SETS = new Map<readonly string[], ReadonlySet<string>>(
  [
    COMPONENT_ANNOTATION_KEYS,
    CLUSTER_ANNOTATION_KEYS,
    GROUP_ANNOTATION_KEYS,
  ].map(keys => [keys, new Set<string>(keys)]),
);
const KNOWN_NAMES = ALL_ANNOTATION_KEYS.map(key =>
  key.slice(ORCHESTRATION_ANNOTATION_PREFIX.length),
);

function describeKind(key: string): string {
  if ((CLUSTER_ANNOTATION_KEYS as readonly string[]).includes(key)) {
    return 'a Resource with spec.type kubernetes-cluster';
  }
  if ((GROUP_ANNOTATION_KEYS as readonly string[]).includes(key)) {
    return 'a Group';
  }
  return 'a Component';
}

/**
 * Checks the keys under the Orchestration prefix: unknown keys get a "did you
 * mean" suggestion; known keys that belong to another entity kind are
 * flagged. Returns whether any key under the prefix is present.
 */
export function checkKeys(
  annotations: AnnotationMap,
  allowedKeys: readonly string[],
  problems: ValidationProblem[],
): boolean {
  let found = false;
  const allowed = KEY_SETS.get(allowedKeys) ?? new Set<string>(allowedKeys);
  for (const key of Object.keys(annotations)) {
    // Cheap first-letter test before lower-casing: most keys are not ours.
    const first = key.charCodeAt(0);
    if (first !== 111 && first !== 79) continue; // 'o' or 'O'
    const lower = key.toLowerCase();
    if (!lower.startsWith(ORCHESTRATION_ANNOTATION_PREFIX)) continue;
    found = true;
    if (allowed.has(key)) continue;
    const value = echoRaw(annotations[key]);
    if (KNOWN_KEYS.has(key)) {
      const problem: ValidationProblem = {
        severity: 'warning',
        code: 'misplaced-key',
        key,
        message: `${key} is read only on ${describeKind(
          key,
        )}; move it there or remove it`,
      };
      if (value !== undefined) problem.value = value;
      problems.push(problem);
      continue;
    }
    const shownKey = echoKey(key);
    const name = lower.slice(ORCHESTRATION_ANNOTATION_PREFIX.length);
    const closest = suggestClosest(name, KNOWN_NAMES);
    const suggestion = closest
      ? `${ORCHESTRATION_ANNOTATION_PREFIX}${closest}`
      : undefined;
    const problem: ValidationProblem = {
      severity: 'error',
      code: 'unknown-key',
      key: shownKey,
      message: suggestion
        ? `unknown annotation ${shownKey}; did you mean ${suggestion}?`
        : `unknown annotation ${shownKey}; known keys are ${allowedKeys.join(
            ', ',
          )}`,
      allowed: [...allowedKeys],
    };
    if (value !== undefined) problem.value = value;
    if (suggestion) problem.suggestion = suggestion;
    problems.push(problem);
  }
  return found;
}

/**
 * Reads one annotation as text. Anything but a string (a YAML number,
 * boolean, list or map), an empty value and a value over
 * {@link MAX_ANNOTATION_VALUE_LENGTH} characters is reported and not read.
 */
export function readText(
  annotations: AnnotationMap,
  key: string,
  problems: ValidationProblem[],
): string | undefined {
  if (!hasOwn(annotations, key)) return undefined;
  const raw = annotations[key];
  if (raw === undefined || raw === null) {
    problems.push({
      severity: 'error',
      code: 'empty-value',
      key,
      message: `${key} has no value; give it a value or remove it`,
    });
    return undefined;
  }
  if (typeof raw !== 'string') {
    problems.push(notTextProblem(key, raw));
    return undefined;
  }
  if (raw.length > MAX_ANNOTATION_VALUE_LENGTH) {
    problems.push({
      severity: 'error',
      code: 'invalid-value',
      key,
      value: echoValue(raw),
      message: `${key} is ${raw.length} characters long; the limit is ${MAX_ANNOTATION_VALUE_LENGTH} characters, so it is not read; shorten it`,
    });
    return undefined;
  }
  if (raw.trim() === '') {
    problems.push({
      severity: 'error',
      code: 'empty-value',
      key,
      value: echoValue(raw),
      message: `${key} is empty; give it a value or remove it`,
    });
    return undefined;
  }
  return raw;
}

function unknownValue(
  key: string,
  item: string,
  allowed: readonly string[],
  written: string,
): ValidationProblem {
  const suggestion = suggestClosest(item, allowed);
  const problem: ValidationProblem = {
    severity: 'error',
    code: 'unknown-value',
    key,
    value: echoValue(written),
    message: suggestion
      ? `${quoteItem(
          item,
        )} is not a valid value for ${key}; did you mean "${suggestion}"? Allowed: ${allowed.join(
          ', ',
        )}`
      : `${quoteItem(
          item,
        )} is not a valid value for ${key}; write one of: ${allowed.join(
          ', ',
        )}`,
    allowed: [...allowed],
  };
  if (suggestion) problem.suggestion = suggestion;
  return problem;
}

/** Reads a single value from a fixed set, case-insensitively. */
export function readEnum<T extends string>(
  annotations: AnnotationMap,
  key: string,
  allowed: readonly T[],
  problems: ValidationProblem[],
): T | undefined {
  const text = readText(annotations, key, problems);
  if (text === undefined) return undefined;
  const normalised = text.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(normalised))
    return normalised as T;
  problems.push(unknownValue(key, normalised, allowed, text));
  return undefined;
}

/**
 * One problem for all the unknown items of a list: the first few, each with
 * its "did you mean", and how many there are.
 */
function unknownItems(
  key: string,
  unknown: readonly string[],
  allowed: readonly string[],
  written: string,
): ValidationProblem {
  if (unknown.length === 1) {
    return unknownValue(key, unknown[0], allowed, written);
  }
  const named = unknown.slice(0, MAX_LISTED_ITEMS).map(item => {
    const suggestion = suggestClosest(item, allowed);
    return suggestion
      ? `${quoteItem(item)} (did you mean "${suggestion}"?)`
      : quoteItem(item);
  });
  return {
    severity: 'error',
    code: 'unknown-value',
    key,
    value: echoValue(written),
    message: `${key} has ${
      unknown.length
    } values that are not valid: ${listSome(
      named,
      unknown.length,
    )}; write only: ${allowed.join(', ')}`,
    allowed: [...allowed],
  };
}

/**
 * Reads a comma-separated list of values from a fixed set. Unknown items are
 * reported together in one error, repeated ones in one hint; the valid items
 * are kept, each once.
 */
export function readList<T extends string>(
  annotations: AnnotationMap,
  key: string,
  allowed: readonly T[],
  problems: ValidationProblem[],
): T[] | undefined {
  const text = readText(annotations, key, problems);
  if (text === undefined) return undefined;
  const allowedList: readonly string[] = allowed;
  const items: T[] = [];
  // Made only when needed: most lists are valid, and this runs for every entity.
  let unknown: Set<string> | undefined;
  let repeated: Set<string> | undefined;
  for (const rawItem of text.split(',')) {
    const item = rawItem.trim().toLowerCase();
    if (item === '') continue;
    if (!allowedList.includes(item)) {
      (unknown ??= new Set()).add(item);
    } else if (items.includes(item as T)) {
      (repeated ??= new Set()).add(item);
    } else {
      items.push(item as T);
    }
  }
  if (unknown) {
    problems.push(unknownItems(key, [...unknown], allowed, text));
  }
  if (repeated) {
    const names = [...repeated].map(item => `"${item}"`);
    problems.push({
      severity: 'info',
      code: 'duplicate-value',
      key,
      value: echoValue(text),
      message:
        names.length === 1
          ? `${names[0]} is listed more than once in ${key}; list it once`
          : `${listSome(
              names,
            )} are listed more than once in ${key}; list each once`,
    });
  }
  return items;
}

/** Reads a value with one of the parsers of `values.ts`. */
export function readParsed<T>(
  annotations: AnnotationMap,
  key: string,
  parse: (text: string) => ParseResult<T>,
  problems: ValidationProblem[],
): T | undefined {
  const text = readText(annotations, key, problems);
  if (text === undefined) return undefined;
  const result = parse(text);
  if (result.ok) return result.value;
  problems.push({
    severity: 'error',
    code: 'invalid-value',
    key,
    value: echoValue(text),
    message: `${key}: ${result.message}`,
  });
  return undefined;
}

/** A problem that sets one annotation against another. */
export function contradiction(
  annotations: AnnotationMap,
  key: string,
  message: string,
  severity: ValidationProblem['severity'] = 'error',
): ValidationProblem {
  const problem: ValidationProblem = {
    severity,
    code: 'contradiction',
    key,
    message,
  };
  const value = echoRaw(annotations[key]);
  if (value !== undefined) problem.value = value;
  return problem;
}

/**
 * The last guard on output size: no message longer than a few hundred
 * characters, whatever was interpolated into it.
 */
export function boundProblems(
  problems: ValidationProblem[],
): ValidationProblem[] {
  for (const problem of problems) {
    problem.message = capMessage(problem.message);
  }
  return problems;
}
