import { InputError, isError } from '@backstage/errors';
import { NextFunction, Request, Response } from 'express';

/** What the OpenAPI document says of one operation's parameters. */
interface OperationParameters {
  method: string;
  template: string;
  pattern: RegExp;
  query: string[];
}

type Document = {
  paths: Record<string, Record<string, any>>;
  components?: { parameters?: Record<string, any> };
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function resolveParameter(spec: Document, parameter: any): any {
  const ref: unknown = parameter?.$ref;
  if (typeof ref !== 'string') return parameter;
  const name = ref.replace('#/components/parameters/', '');
  return spec.components?.parameters?.[name] ?? parameter;
}

function operationsOf(spec: Document): OperationParameters[] {
  const operations: OperationParameters[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    const pattern = new RegExp(
      `^${template
        .split(/\{[^}]+\}/)
        .map(part => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[^/]+')}/?$`,
    );
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const query = [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ]
        .map(p => resolveParameter(spec, p))
        .filter(p => p?.in === 'query')
        .map(p => String(p.name));
      operations.push({ method, template, pattern, query });
    }
  }
  return operations;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (Array.isArray(value)) return value.map(describeValue).join(', ');
  return JSON.stringify(value) ?? String(value);
}

/** `a/b/0` of a JSON pointer as `a.b[0]`. */
function fieldPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').filter(Boolean)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) path += `[${part}]`;
    else path += path ? `.${part}` : part;
  }
  return path;
}

function clarifyOne(problem: string, req: Request): string {
  const match = /^request\/(query|params|headers|body)(\/\S*)? (.*)$/s.exec(
    problem,
  );
  if (!match) return problem;
  const [, location, pointer = '', rawText] = match;
  const text = rawText.replace(
    /^must be equal to one of the allowed values: /,
    'must be one of ',
  );
  const name = fieldPath(pointer);
  if (location === 'query') {
    const value = (req.query as Record<string, unknown>)[name];
    if (Array.isArray(value) && text === 'must be string') {
      return `${name} must be given once`;
    }
    return value === undefined
      ? `${name} ${text}`
      : `${name} ${text}; got ${describeValue(value)}`;
  }
  if (location === 'params') return `Path parameter ${name} ${text}`;
  if (location === 'headers') return `Header ${name} ${text}`;
  const required = /^must have required property '(.+)'$/.exec(text);
  if (required) {
    return `${name ? `${name}.` : ''}${required[1]} is required in the body`;
  }
  if (!name && text === 'must be object')
    return 'The body must be a JSON object';
  return name ? `${name} in the body ${text}` : `The body ${text}`;
}

/**
 * Error middleware that puts the messages of the OpenAPI validation in the
 * words of the rest of the API: the parameter or field first, the value that
 * was sent, and for an unknown query parameter the ones the route takes.
 * `request/query/wait must be equal to one of the allowed values: true,
 * false` becomes `wait must be one of true, false; got maybe`. Other errors
 * pass unchanged.
 */
export function clarifyValidationErrors(spec: Document) {
  const operations = operationsOf(spec);
  return (error: unknown, req: Request, _res: Response, next: NextFunction) => {
    if (!isError(error) || error.name !== InputError.name) {
      next(error);
      return;
    }
    const unknown = /^Unknown query parameter '(.*)'$/.exec(error.message);
    if (unknown) {
      const method = req.method.toLocaleLowerCase('en-US');
      const operation = operations.find(
        o => o.method === method && o.pattern.test(req.path),
      );
      const route = `${req.method} ${operation?.template ?? req.path}`;
      const takes = operation?.query.length
        ? `${route} takes ${operation.query.join(', ')}`
        : `${route} takes no query parameters`;
      next(new InputError(`Unknown query parameter '${unknown[1]}'; ${takes}`));
      return;
    }
    if (!error.message.startsWith('request/')) {
      next(error);
      return;
    }
    const message = error.message
      .split(/, (?=request\/)/)
      .map(problem => clarifyOne(problem, req))
      .join('; ');
    next(new InputError(message));
  };
}
