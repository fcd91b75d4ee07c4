import { mockServices } from '@backstage/backend-test-utils';
import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { errorResponses } from './errorResponses';
import { PayloadTooLargeError } from './errors';

class DatabaseError extends Error {}

describe('errorResponses', () => {
  const logger = mockServices.logger.mock();

  function appThrowing(error: unknown) {
    const app = express();
    app.get('/x', () => {
      throw error;
    });
    app.use(errorResponses(logger));
    return app;
  }

  beforeEach(() => jest.clearAllMocks());

  it.each([
    [
      'an InputError',
      new InputError('q must not contain control characters'),
      400,
      /^q must not contain control characters$/,
    ],
    ['a NotFoundError', new NotFoundError('No entity x'), 404, /^No entity x$/],
    [
      'an error with a status code',
      new PayloadTooLargeError('too large'),
      413,
      /^too large$/,
    ],
    ['an Error', new Error('boom'), 500, /^boom$/],
    [
      'a database error',
      new DatabaseError('invalid input syntax for type integer: "abc"'),
      500,
      /^An internal error occurred logId=[0-9a-f]{20}$/,
    ],
    [
      'a thrown string',
      'not an error',
      500,
      /^An internal error occurred logId=/,
    ],
  ])(
    'answers %s in the standard shape without a stack trace',
    async (_name, error, status, message) => {
      const environment = process.env.NODE_ENV;
      process.env.NODE_ENV = 'development';
      try {
        const res = await request(appThrowing(error)).get('/x?a=1');
        expect(res.status).toBe(status);
        expect(res.body).toEqual({
          error: expect.objectContaining({
            name: expect.any(String),
            message: expect.stringMatching(message),
          }),
          request: { method: 'GET', url: '/x?a=1' },
          response: { statusCode: status },
        });
        expect(res.body.error.stack).toBeUndefined();
        expect(logger.error).toHaveBeenCalledTimes(status >= 500 ? 1 : 0);
      } finally {
        process.env.NODE_ENV = environment;
      }
    },
  );
});
