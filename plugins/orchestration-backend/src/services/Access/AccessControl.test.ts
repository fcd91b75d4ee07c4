import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthenticationError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { AccessControl } from './AccessControl';

const USER = 'user:default/ada';

/** Credentials of a user as the auth service makes them: the token rides along, hidden. */
function credentialsOf(
  token: string | undefined,
  expiresAt?: Date,
): BackstageCredentials {
  const credentials = {
    $$type: '@backstage/BackstageCredentials',
    version: 'v1',
    principal: { type: 'user', userEntityRef: USER },
    ...(expiresAt ? { expiresAt } : {}),
  };
  if (token !== undefined) {
    Object.defineProperty(credentials, 'token', {
      enumerable: false,
      value: token,
    });
  }
  return credentials as unknown as BackstageCredentials;
}

/** A permission service that, like the permission backend, refuses every token but the good one. */
function permissions(goodToken = 'good-token') {
  const authorizeConditional = jest.fn(
    async (_requests: any[], options: any) => {
      if (options.credentials.token !== goodToken) {
        throw new AuthenticationError('Invalid token');
      }
      return [{ result: AuthorizeResult.ALLOW }] as any;
    },
  );
  return {
    authorizeConditional,
    service: mockServices.permissions.mock({ authorizeConditional }),
  };
}

describe('AccessControl read scope reuse', () => {
  it('never serves a refused token from the decision made for a good token of the same user', async () => {
    const p = permissions();
    const access = new AccessControl(p.service, { readScopeTtlMs: 60_000 });
    await expect(
      access.readScope(credentialsOf('good-token')),
    ).resolves.toEqual({ type: 'all' });
    await expect(
      access.readScope(credentialsOf('forged-token')),
    ).rejects.toThrow('Invalid token');
    expect(p.authorizeConditional).toHaveBeenCalledTimes(2);
    // The good token is still served from its own entry.
    await expect(
      access.readScope(credentialsOf('good-token')),
    ).resolves.toEqual({ type: 'all' });
    expect(p.authorizeConditional).toHaveBeenCalledTimes(2);
  });

  it('reuses a decision for the same token', async () => {
    const p = permissions(mockCredentials.user.token(USER));
    const access = new AccessControl(p.service, { readScopeTtlMs: 60_000 });
    await access.readScope(mockCredentials.user(USER));
    await access.readScope(mockCredentials.user(USER));
    expect(p.authorizeConditional).toHaveBeenCalledTimes(1);
  });

  it('asks every time for credentials without a token', async () => {
    const p = permissions();
    p.authorizeConditional.mockResolvedValue([
      { result: AuthorizeResult.ALLOW },
    ] as any);
    const access = new AccessControl(p.service, { readScopeTtlMs: 60_000 });
    await access.readScope(credentialsOf(undefined));
    await access.readScope(credentialsOf(undefined));
    expect(p.authorizeConditional).toHaveBeenCalledTimes(2);
  });

  it('does not reuse a decision past the expiry of its token', async () => {
    const p = permissions();
    const access = new AccessControl(p.service, { readScopeTtlMs: 60_000 });
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
    try {
      const credentials = credentialsOf('good-token', new Date(1_001_000));
      await access.readScope(credentials);
      now.mockReturnValue(1_000_500);
      await access.readScope(credentials);
      expect(p.authorizeConditional).toHaveBeenCalledTimes(1);
      now.mockReturnValue(1_001_500);
      await access.readScope(credentials);
      expect(p.authorizeConditional).toHaveBeenCalledTimes(2);
    } finally {
      now.mockRestore();
    }
  });
});
