import { InputError } from '@backstage/errors';
import { NextFunction, Request, Response } from 'express';
import { UnsupportedMediaTypeError } from './errors';

/** Longest key shown in full in a message. */
const MAX_SHOWN_KEY = 100;

type Frame =
  | { type: 'object'; path: string; keys: Set<string>; key?: string }
  | { type: 'array'; path: string; index: number };

function childPath(parent: Frame | undefined): string {
  if (!parent) return '';
  if (parent.type === 'array') return `${parent.path}[${parent.index}]`;
  const key = (parent.key ?? '').slice(0, MAX_SHOWN_KEY);
  return parent.path ? `${parent.path}.${key}` : key;
}

/**
 * The first key that occurs twice in one object of a JSON text, as a path
 * such as `decision.kind`, or undefined when every key is unique (`JSON.parse`
 * keeps the last value of a repeated key without a word). Keys are compared
 * after unescaping, so `"kind"` and `"\u006bind"` are the same key.
 *
 * The text must already be valid JSON (parse it first). One pass over the
 * text without recursion; memory grows with the keys of the open objects.
 */
export function findDuplicateKey(text: string): string | undefined {
  const stack: Frame[] = [];
  let expectKey = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') {
        end += text[end] === '\\' ? 2 : 1;
      }
      // Not valid JSON after all: an unterminated string ends the scan.
      if (end >= text.length) return undefined;
      const top = stack[stack.length - 1];
      if (expectKey && top?.type === 'object') {
        const raw = text.slice(i, end + 1);
        const key = raw.includes('\\')
          ? (JSON.parse(raw) as string)
          : raw.slice(1, -1);
        top.key = key;
        if (top.keys.has(key)) return childPath(top);
        top.keys.add(key);
        expectKey = false;
      }
      i = end + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      const path = childPath(stack[stack.length - 1]);
      stack.push(
        c === '{'
          ? { type: 'object', path, keys: new Set() }
          : { type: 'array', path, index: 0 },
      );
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.type === 'array') top.index += 1;
      expectKey = top?.type === 'object';
    }
    i += 1;
  }
  return undefined;
}

const RAW_BODY = Symbol('rawJsonBody');

type WithRawBody = Request & {
  [RAW_BODY]?: { buffer: Buffer; encoding: string };
};

/** The `verify` option of `express.json`: keeps the bytes of the body for {@link rejectDuplicateKeys}. */
export function keepRawJson(
  req: Request,
  _res: Response,
  buffer: Buffer,
  encoding: string,
) {
  (req as WithRawBody)[RAW_BODY] = { buffer, encoding };
}

/**
 * Refuses a JSON body, parsed by `express.json` with {@link keepRawJson},
 * that repeats a key within an object (400, naming the key).
 */
export function rejectDuplicateKeys(
  req: Request,
  _res: Response,
  next: NextFunction,
) {
  const raw = (req as WithRawBody)[RAW_BODY];
  if (!raw) {
    next();
    return;
  }
  let text: string;
  try {
    text = new TextDecoder(raw.encoding || 'utf-8').decode(raw.buffer);
  } catch {
    next(
      new UnsupportedMediaTypeError(
        `Unsupported body encoding ${raw.encoding}; send UTF-8`,
      ),
    );
    return;
  }
  const key = findDuplicateKey(text);
  if (key !== undefined) {
    next(
      new InputError(
        `The request body has the key ${JSON.stringify(
          key,
        )} more than once; send each key once`,
      ),
    );
    return;
  }
  next();
}
