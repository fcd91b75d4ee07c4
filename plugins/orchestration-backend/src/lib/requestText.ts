import { InputError } from '@backstage/errors';
import express, { NextFunction, Request, Response } from 'express';

/**
 * Control characters refused in parameters: every C0 character
 * (U+0000-U+001F) and DEL (U+007F). A NUL cannot be stored in PostgreSQL
 * text at all, and none of them belongs in a filter, a cursor or an entity
 * ref.
 */
// eslint-disable-next-line no-control-regex
const PARAMETER_CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Control characters refused in free text of request bodies: the same, except
 * tab, line feed and carriage return, which multi-line comments and YAML
 * descriptions contain.
 */
// eslint-disable-next-line no-control-regex
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** How deep a JSON or YAML body may nest objects and lists. */
export const MAX_BODY_DEPTH = 64;

function codePoint(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function problem(
  value: string,
  name: string,
  pattern: RegExp,
  allowed: string,
): string | undefined {
  const match = pattern.exec(value);
  if (!match) return undefined;
  return `${name} must not contain control characters${allowed}; found ${codePoint(
    match[0],
  )} at position ${match.index + 1}`;
}

/** Throws a 400 naming the parameter when a parameter value has a control character. */
export function assertNoControlCharacters(value: string, name: string) {
  const message = problem(value, name, PARAMETER_CONTROL, '');
  if (message) throw new InputError(message);
}

/** Whether a parameter value has a control character. */
export function hasControlCharacters(value: string): boolean {
  return PARAMETER_CONTROL.test(value);
}

/** Throws a 400 naming the field when body text has a control character other than tab, LF or CR. */
export function assertPlainText(value: string, name: string) {
  const message = problem(
    value,
    name,
    TEXT_CONTROL,
    ' (other than tab, line feed and carriage return)',
  );
  if (message) throw new InputError(message);
}

function isIdentifier(key: string) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key);
}

/** `parent.key`, or `parent["odd key"]` when the key is not a plain name. */
export function fieldPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (isIdentifier(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/**
 * Checks every string and key of a parsed JSON or YAML value for control
 * characters (other than tab, LF and CR) and its nesting depth, without
 * recursion, so any input gets a 400 rather than a stack overflow. Problems
 * name the field by its path (`decision.comment`), with `root` naming the
 * value itself and `suffix` added to every name.
 */
export function checkBodyValue(
  root: unknown,
  options: { root?: string; suffix?: string } = {},
): void {
  type Item = { value: unknown; path: string; depth: number };
  const label = (path: string) =>
    `${path || (options.root ?? 'the body')}${options.suffix ?? ''}`;
  const stack: Item[] = [{ value: root, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      assertPlainText(value, label(path));
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) {
      throw new InputError(
        `${label(
          path,
        )} is nested too deeply; a body may nest objects and lists at most ${MAX_BODY_DEPTH} levels deep`,
      );
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        stack.push({
          value: value[i],
          path: fieldPath(path, i),
          depth: depth + 1,
        });
      }
      continue;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const inner = fieldPath(path, key);
      assertPlainText(key, `the key of ${label(inner)}`);
      stack.push({ value: record[key], path: inner, depth: depth + 1 });
    }
  }
}

/**
 * Trims every query parameter value in place, then refuses control characters
 * in their names and values with a 400 naming the parameter.
 */
function checkQuery(req: Request, _res: Response, next: NextFunction) {
  const query = req.query as Record<string, unknown>;
  for (const key of Object.keys(query)) {
    if (hasControlCharacters(key)) {
      throw new InputError(
        `Query parameter names must not contain control characters; got ${JSON.stringify(
          key,
        )}`,
      );
    }
    const trim = (value: unknown): unknown => {
      if (typeof value === 'string') {
        const trimmed = value.trim();
        assertNoControlCharacters(trimmed, key);
        return trimmed;
      }
      if (Array.isArray(value)) return value.map(trim);
      if (typeof value === 'object' && value !== null) {
        const record = value as Record<string, unknown>;
        for (const inner of Object.keys(record)) {
          assertNoControlCharacters(inner, key);
          record[inner] = trim(record[inner]);
        }
      }
      return value;
    };
    query[key] = trim(query[key]);
  }
  next();
}

/** Refuses control characters in path parameters with a 400 naming the parameter. */
function checkParams(req: Request, _res: Response, next: NextFunction) {
  for (const [name, value] of Object.entries(req.params)) {
    if (typeof value === 'string') {
      assertNoControlCharacters(value, `path parameter ${name}`);
    }
  }
  next();
}

/**
 * Middleware that checks the query of every request, and the path parameters
 * of each of the given route paths (OpenAPI style, `/v1/clusters/{name}`),
 * before the OpenAPI validation runs.
 */
export function checkRequestText(paths: string[]): express.Router {
  const router = express.Router();
  router.use(checkQuery);
  const patterns = new Set<string>();
  for (const path of paths) {
    if (path.includes('{')) {
      patterns.add(path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1'));
    }
  }
  for (const pattern of patterns) router.use(pattern, checkParams);
  return router;
}
