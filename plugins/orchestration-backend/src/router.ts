import {
  HttpAuthService,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { parseReviewRequest } from '@orchestration/plugin-orchestration-common';
import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { componentRefFromPath, entityRefFromPath } from './lib/entityRefs';
import { rollupRefFromPath } from './services/rollups';
import { clusterFactsHeader, clusterFactsLines } from './lib/clusterFactsCsv';
import { ExportSourceRow, exportHeader, exportLines } from './lib/exportCsv';
import {
  ExportEntry,
  exportSortValue,
  sortExportEntries,
} from './lib/exportOrder';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './lib/errors';
import { errorResponses } from './lib/errorResponses';
import { parseEvaluateJson, parseEvaluateYaml } from './lib/evaluateBody';
import {
  IDEMPOTENCY_KEY_HEADER,
  parseIdempotencyKey,
} from './lib/idempotencyKey';
import { keepRawJson, rejectDuplicateKeys } from './lib/jsonKeys';
import { checkBodyValue, checkRequestText } from './lib/requestText';
import { clarifyValidationErrors } from './lib/validationErrors';
import { createOpenApiRouter, spec } from './schema/openapi';
import { AccessControl } from './services/Access';
import { ClusterFactsService } from './services/ClusterFacts';
import { OrchestrationService } from './services/OrchestrationService';
import {
  ClusterRecord,
  parseListFilters,
  parseListQuery,
} from './services/Store';
import { parsePageQuery } from './services/Store/pageQuery';

/** Task id of the scheduled snapshot refresh. */
export const SNAPSHOT_TASK_ID = 'orchestration-snapshot-refresh';

const BODY_LIMIT = '1mb';
/**
 * A cluster facts report names at most one value per cluster annotation
 * (each at most 4096 characters).
 */
const FACTS_BODY_LIMIT = '64kb';
/** YAML takes far longer to parse than JSON, so its bodies are smaller. */
const YAML_BODY_LIMIT = '256kb';
const JSON_TYPES = ['application/json'];
const YAML_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml'];

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  userInfo?: UserInfoService;
  /** Starts a refresh of the snapshot, or joins the one running in this process. */
  refresh: () => Promise<unknown>;
  service: OrchestrationService;
  /** Takes reports of cluster facts; without it the facts route answers 503. */
  clusterFacts?: Pick<ClusterFactsService, 'report'>;
  access: AccessControl;
  /** Check every response against the OpenAPI document (tests and development). */
  validateResponses?: boolean;
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (
    (length !== undefined && length !== '0') ||
    req.headers['transfer-encoding'] !== undefined
  );
}

function mediaType(req: Request): string | undefined {
  return req.headers['content-type']?.split(';')[0].trim().toLocaleLowerCase();
}

/**
 * Accepts only the given content types, then parses the body within 1 MB
 * (JSON; or `jsonLimit`, named with `what` in the 413).
 */
function body(
  types: string[],
  jsonLimit?: { limit: string; shown: string; what: string },
) {
  const json = express.json({
    limit: jsonLimit?.limit ?? BODY_LIMIT,
    type: JSON_TYPES,
    verify: keepRawJson,
  });
  const yaml = express.text({ limit: YAML_BODY_LIMIT, type: YAML_TYPES });
  return (req: Request, res: Response, next: NextFunction) => {
    const type = mediaType(req);
    if (!type || !types.includes(type)) {
      next(
        new UnsupportedMediaTypeError(
          `Content-Type ${type ?? '(none)'} is not supported here; send ${types
            .filter(t => t !== 'application/x-yaml')
            .join(' or ')}`,
        ),
      );
      return;
    }
    const isYaml = YAML_TYPES.includes(type);
    const parser = isYaml ? yaml : json;
    parser(req, res, (error?: any) => {
      if (!error) {
        // Control characters and nesting depth of JSON bodies; YAML is
        // checked as it is parsed.
        try {
          if (!isYaml) checkBodyValue(req.body);
        } catch (invalid) {
          next(invalid);
          return;
        }
        next();
        return;
      }
      if (error.type === 'entity.too.large') {
        let message = `The request body is larger than the 1 MB allowed`;
        if (isYaml) {
          message = `The YAML request body is larger than the 256 kB allowed for YAML (JSON bodies may have up to 1 MB)`;
        } else if (jsonLimit) {
          message = `The request body is larger than the ${jsonLimit.shown} allowed for ${jsonLimit.what}`;
        }
        next(new PayloadTooLargeError(message));
      } else if (error.type === 'entity.parse.failed') {
        next(
          new InputError(
            `The request body is not valid JSON: ${error.message}`,
          ),
        );
      } else if (
        error.type === 'encoding.unsupported' ||
        error.type === 'charset.unsupported'
      ) {
        next(
          new UnsupportedMediaTypeError(
            `Unsupported body encoding: ${error.message}`,
          ),
        );
      } else {
        next(
          new InputError(
            `The request body could not be read: ${error.message}`,
          ),
        );
      }
    });
  };
}

/** Creates the REST API of the plugin, validated against `src/schema/openapi.yaml`. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Express> {
  const { httpAuth, service, refresh, access, logger } = options;
  const outer = Router();

  outer.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Control characters in query and path parameters get a 400 naming the
  // parameter; query values are trimmed before any other validation.
  outer.use(checkRequestText(Object.keys(spec.paths)));

  // Bodies are checked and parsed before the OpenAPI validation, so wrong
  // content types and oversized bodies get their own status codes.
  outer.post('/v1/evaluate', body([...JSON_TYPES, ...YAML_TYPES]));
  outer.post(
    '/v1/entities/:kind/:namespace/:name/reviews',
    body(JSON_TYPES),
    rejectDuplicateKeys,
  );
  outer.post(
    '/v1/clusters/:namespace/:name/facts',
    body(JSON_TYPES, {
      limit: FACTS_BODY_LIMIT,
      shown: '64 kB',
      what: 'a cluster facts report',
    }),
    rejectDuplicateKeys,
  );
  outer.post('/v1/snapshot/refresh', (req, _res, next) => {
    if (
      hasBody(req) &&
      mediaType(req) &&
      !JSON_TYPES.includes(mediaType(req)!)
    ) {
      next(
        new UnsupportedMediaTypeError(
          'This route takes no body; send none or application/json',
        ),
      );
      return;
    }
    next();
  });

  // Typed by the document (src/schema/openapi.yaml) and validating every
  // request against it: parameters, their values and bodies.
  const api = await createOpenApiRouter({
    // Bodies are parsed above; this router only validates.
    middleware: [(_req: Request, _res: Response, next: NextFunction) => next()],
    validatorOptions: {
      validateResponses: options.validateResponses
        ? { onError: undefined }
        : false,
      validateSecurity: false,
    },
  });

  const anyCredentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  api.get('/v1/snapshot', async (req, res) => {
    await anyCredentials(req);
    res.json(await service.snapshotStatus());
  });

  api.post('/v1/snapshot/refresh', async (req, res) => {
    const credentials = await anyCredentials(req);
    await access.assertCanRefresh(credentials);
    const wait = req.query.wait;
    // Runs here rather than through the scheduler, so it starts at once even
    // while the scheduled task is still in its initial delay.
    const run = refresh();
    if (wait === 'true') {
      await run.catch(() => undefined);
    } else {
      run.catch(error =>
        logger.warn(`Snapshot refresh failed: ${(error as Error).message}`),
      );
    }
    res.status(202).json(await service.snapshotStatus());
  });

  api.get('/v1/assessments', async (req, res) => {
    const credentials = await anyCredentials(req);
    const query = parseListQuery(req.query as Record<string, unknown>);
    res.json(await service.listAssessments(query, credentials));
  });

  api.get('/v1/assessments/export', async (req, res) => {
    const credentials = await anyCredentials(req);
    const raw = req.query as Record<string, unknown>;
    // The document has no limit or cursor for the export: it has every
    // matching row.
    const filters = parseListFilters(raw);
    // Sorted like the list when sort or order is given (checked as the list
    // checks them); otherwise streamed in entity ref order.
    const sorted = 'sort' in raw || 'order' in raw;
    const { sort, order } = parseListQuery(raw);
    const chunks = service.exportAssessments(filters, credentials);
    // Read the first chunk before the headers, so errors still become JSON.
    const first = await chunks.next();
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      'attachment; filename="orchestration-assessments.csv"',
    );
    res.write(exportHeader());
    if (!sorted) {
      const write = (rows: ExportSourceRow[]) => {
        res.write(exportLines(rows));
      };
      if (!first.done) write(first.value);
      for await (const rows of chunks) write(rows);
      res.end();
      return;
    }
    // Only the sort value and the CSV line of each row are kept.
    const entries: ExportEntry[] = [];
    const collect = (rows: ExportSourceRow[]) => {
      for (const row of rows) {
        entries.push({
          value: exportSortValue(row, sort, order),
          entityRef: row.entity_ref,
          line: exportLines([row]),
        });
      }
    };
    if (!first.done) collect(first.value);
    for await (const rows of chunks) collect(rows);
    const lines = sortExportEntries(entries, order).map(e => e.line);
    for (let i = 0; i < lines.length; i += 1000) {
      res.write(lines.slice(i, i + 1000).join(''));
    }
    res.end();
  });

  api.get(
    '/v1/entities/:kind/:namespace/:name/assessment',
    async (req, res) => {
      const credentials = await anyCredentials(req);
      const entityRef = componentRefFromPath(req.params);
      res.json(await service.getAssessment(entityRef, credentials));
    },
  );

  api.get('/v1/entities/:kind/:namespace/:name/reviews', async (req, res) => {
    const credentials = await anyCredentials(req);
    const entityRef = componentRefFromPath(req.params);
    const page = parsePageQuery(
      'reviews',
      req.query as Record<string, unknown>,
    );
    res.json(await service.listReviews(entityRef, credentials, page));
  });

  api.post('/v1/entities/:kind/:namespace/:name/reviews', async (req, res) => {
    // Dates are checked against the day of the request (UTC).
    const now = new Date();
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const entityRef = componentRefFromPath(req.params);
    await service.assertCanReview(entityRef, credentials);
    const raw = req.body;
    if (raw.entityRef !== undefined) {
      if (
        typeof raw.entityRef !== 'string' ||
        raw.entityRef.trim().toLocaleLowerCase('en-US') !== entityRef
      ) {
        throw new InputError(
          `entityRef in the body (${String(
            raw.entityRef,
          )}) does not match the path (${entityRef}); leave it out or make it match`,
        );
      }
    }
    const idempotencyKey = parseIdempotencyKey(
      req.headers[IDEMPOTENCY_KEY_HEADER],
    );
    const parsed = parseReviewRequest({ ...raw, entityRef }, { now });
    if (!parsed.ok) {
      throw new InputError(`Invalid review: ${parsed.errors.join('; ')}`);
    }
    const { created, record } = await service.addReview(
      { ...parsed.request, entityRef },
      credentials.principal.userEntityRef,
      credentials,
      { idempotencyKey },
    );
    // A retry with the same key and body gets the review stored the first time.
    if (!created) res.setHeader('Idempotent-Replayed', 'true');
    res.status(created ? 201 : 200).json(record);
  });

  api.get('/v1/entities/:kind/:namespace/:name/history', async (req, res) => {
    const credentials = await anyCredentials(req);
    const entityRef = componentRefFromPath(req.params);
    const page = parsePageQuery(
      'history',
      req.query as Record<string, unknown>,
    );
    res.json(await service.getHistory(entityRef, credentials, page));
  });

  api.get('/v1/rollups/:kind/:namespace/:name', async (req, res) => {
    const credentials = await anyCredentials(req);
    const { kind, entityRef } = rollupRefFromPath(req.params);
    res.json(await service.getRollup(kind, entityRef, credentials));
  });

  api.post('/v1/evaluate', async (req, res) => {
    const credentials = await anyCredentials(req);
    const type = mediaType(req)!;
    // YAML bodies are read as text (see body() above); the typed body is
    // the JSON one.
    const input = YAML_TYPES.includes(type)
      ? await parseEvaluateYaml(req.body as unknown as string, req.query.now)
      : parseEvaluateJson(req.body);
    if (!YAML_TYPES.includes(type) && req.query.now !== undefined) {
      throw new InputError('now goes in the JSON body, not the query');
    }
    res.json(
      await service.evaluate(
        input.entity,
        input.related,
        input.now,
        credentials,
      ),
    );
  });

  api.get('/v1/clusters', async (req, res) => {
    const credentials = await anyCredentials(req);
    res.json(await service.listClusters(credentials));
  });

  api.get('/v1/clusters/export', async (req, res) => {
    const credentials = await anyCredentials(req);
    // Ages are those at the start of the export.
    const now = new Date();
    const chunks = service.exportClusters(credentials);
    // Read the first chunk before the headers, so errors still become JSON.
    const first = await chunks.next();
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      'attachment; filename="orchestration-cluster-facts.csv"',
    );
    res.write(clusterFactsHeader());
    const write = (clusters: ClusterRecord[]) => {
      let text = '';
      for (const cluster of clusters) text += clusterFactsLines(cluster, now);
      res.write(text);
    };
    if (!first.done) write(first.value);
    for await (const clusters of chunks) write(clusters);
    res.end();
  });

  api.get('/v1/clusters/:namespace/:name', async (req, res) => {
    const credentials = await anyCredentials(req);
    const entityRef = entityRefFromPath({ kind: 'resource', ...req.params });
    res.json(await service.getCluster(entityRef, credentials));
  });

  api.post('/v1/clusters/:namespace/:name/facts', async (req, res) => {
    // A collector's service token, or a platform-team member.
    const credentials = await anyCredentials(req);
    const clusterRef = entityRefFromPath({ kind: 'resource', ...req.params });
    if (!options.clusterFacts) {
      throw new ServiceUnavailableError(
        'Cluster facts cannot be reported to this instance',
      );
    }
    res
      .status(202)
      .json(
        await options.clusterFacts.report(clusterRef, req.body, credentials),
      );
  });

  outer.use(api);
  outer.use(clarifyValidationErrors(spec));
  // Backstage's error body, without stack traces even in development.
  outer.use(errorResponses(logger));

  // An application of its own for its settings: no ETag. Answers are made
  // per request and per caller, and the live assessment carries the time it
  // was made, so hashing each body never saved a transfer; it was a tenth of
  // a live assessment's CPU (docs/benchmarks.md).
  const app = express();
  app.disable('etag');
  app.disable('x-powered-by');
  app.use(outer);
  return app;
}
