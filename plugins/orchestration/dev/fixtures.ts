import { Entity } from '@backstage/catalog-model';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import type {
  BackstageUserIdentity,
  FetchApi,
  IdentityApi,
  ProfileInfo,
} from '@backstage/frontend-plugin-api';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
  EvaluatePermissionResponse,
} from '@backstage/plugin-permission-common';
import type { PermissionApi } from '@backstage/plugin-permission-react';
import catalogFixture from './fixtures/catalog.json';
import orchestrationFixture from './fixtures/orchestration.json';
import sessionFixture from './fixtures/session.json';

/*
 * The recorded fixtures (dev/fixtures, written by `yarn fixtures:capture`)
 * served as the APIs of the dev app in fixture mode. Nothing here is part of
 * the plugin: the dev app replaces the plugin's API with these, its code paths
 * stay the real ones.
 */

/** An answer of the backend as recorded. */
export interface RecordedResponse {
  status: number;
  contentType: string;
  body: unknown;
}

/** Recorded answers by request: `GET /v1/...` with the query sorted. */
export type RecordedResponses = Record<string, RecordedResponse>;

/** When the fixtures were recorded, ISO-8601. */
export const recordedAt: string = orchestrationFixture.recordedAt;

/** The recorded answers of the Orchestration backend. */
export const recordedOrchestration = orchestrationFixture.responses as Record<
  string,
  RecordedResponse
>;

/** The recorded catalog. */
export const recordedEntities = catalogFixture.entities as unknown as Entity[];

/** The key of a request: its method, path below `basePath`, and sorted query. */
export function requestKey(
  method: string,
  url: URL,
  basePath: string,
): string | undefined {
  if (!url.pathname.startsWith(basePath)) return undefined;
  const query = new URLSearchParams(url.search);
  query.sort();
  const search = query.toString();
  return `${method} ${url.pathname.slice(basePath.length)}${
    search ? `?${search}` : ''
  }`;
}

function jsonError(status: number, name: string, message: string): Response {
  return new Response(JSON.stringify({ error: { name, message } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/**
 * A fetch that answers the requests of one backend plugin with the recorded
 * answers, so the plugin's own client runs unchanged on them. A request that
 * was not recorded gets a 404 naming it; a write gets a 405: the fixtures are
 * read-only.
 */
export class RecordedFetchApi implements FetchApi {
  private readonly responses: RecordedResponses;
  private readonly basePath: string;

  /**
   * @param responses - the recorded answers
   * @param basePath - the path the recorded keys are relative to, e.g. `/api/orchestration`
   */
  constructor(responses: RecordedResponses, basePath: string) {
    this.responses = responses;
    this.basePath = basePath;
  }

  fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const method = request.method.toLocaleUpperCase('en-US');
    const key = requestKey(method, new URL(request.url), this.basePath);
    if (!key) {
      return jsonError(
        404,
        'NotFoundError',
        `The fixtures hold answers below ${this.basePath} only, not ${request.url}`,
      );
    }
    if (method !== 'GET') {
      return jsonError(
        405,
        'NotAllowedError',
        `The recorded fixtures are read-only: ${key} needs the backend (open the dev app with ?data=backend)`,
      );
    }
    const recorded = this.responses[key];
    if (!recorded) {
      return jsonError(
        404,
        'NotFoundError',
        `${key} is not in the recorded fixtures: add it to dev/captureFixtures.mts and run yarn fixtures:capture, or open the dev app with ?data=backend`,
      );
    }
    const body =
      typeof recorded.body === 'string'
        ? recorded.body
        : JSON.stringify(recorded.body);
    return new Response(body, {
      status: recorded.status,
      headers: { 'content-type': recorded.contentType },
    });
  };
}

/** The catalog as recorded, queried in memory like the real one. */
export function recordedCatalogApi() {
  return new InMemoryCatalogClient({ entities: recordedEntities });
}

/**
 * The permission decisions as recorded for the guest user. A decision that
 * was not recorded is a denial.
 */
export class RecordedPermissionApi implements PermissionApi {
  async authorize(
    request: EvaluatePermissionRequest,
  ): Promise<EvaluatePermissionResponse> {
    const resourceRef =
      'resourceRef' in request ? request.resourceRef : undefined;
    const recorded = sessionFixture.permissions.find(
      decision =>
        decision.permission === request.permission.name &&
        decision.resourceRef === resourceRef,
    );
    return {
      result:
        recorded?.result === AuthorizeResult.ALLOW
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    };
  }
}

/** The guest user as the backend signed it in when recording, without a token. */
export const recordedIdentityApi: IdentityApi = {
  async getProfileInfo(): Promise<ProfileInfo> {
    return sessionFixture.profile as ProfileInfo;
  },
  async getBackstageIdentity(): Promise<BackstageUserIdentity> {
    return sessionFixture.identity as BackstageUserIdentity;
  },
  async getCredentials() {
    return {};
  },
  async signOut() {},
};
