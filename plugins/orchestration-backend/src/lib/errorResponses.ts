import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
  NotImplementedError,
  NotModifiedError,
  serializeError,
  ServiceUnavailableError,
  toError,
} from '@backstage/errors';
import { NextFunction, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';

const STATUS_BY_NAME: Record<string, number> = {
  [NotModifiedError.name]: 304,
  [InputError.name]: 400,
  [AuthenticationError.name]: 401,
  [NotAllowedError.name]: 403,
  [NotFoundError.name]: 404,
  [ConflictError.name]: 409,
  [NotImplementedError.name]: 501,
  [ServiceUnavailableError.name]: 503,
};

/** The status code of an error, as Backstage's error handler picks it. */
export function statusCodeOf(error: Error): number {
  for (const field of ['statusCode', 'status']) {
    const code = (error as unknown as Record<string, unknown>)[field];
    if (
      typeof code === 'number' &&
      Number.isInteger(code) &&
      code >= 100 &&
      code <= 599
    ) {
      return code;
    }
  }
  return STATUS_BY_NAME[error.name] ?? 500;
}

/**
 * The plugin's error handler: Backstage's error body
 * `{ error: { name, message }, request, response: { statusCode } }`, never
 * with a stack trace, whatever NODE_ENV is. Errors of 500 and above are
 * logged with their stack; database errors and thrown non-errors answer with
 * a log id only, as Backstage's own handler does.
 */
export function errorResponses(logger: LoggerService) {
  return (raw: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(raw);
      return;
    }
    let error: Error = isError(raw) ? raw : toError(raw);
    const statusCode = statusCodeOf(error);
    if (statusCode >= 500) {
      const logId = randomBytes(10).toString('hex');
      logger.error(
        `Request failed with status ${statusCode} logId=${logId}`,
        error,
      );
      if (!isError(raw) || error.constructor?.name === 'DatabaseError') {
        error = new Error(`An internal error occurred logId=${logId}`);
      }
    }
    res.status(statusCode).json({
      error: serializeError(error, { includeStack: false }),
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode },
    });
  };
}
