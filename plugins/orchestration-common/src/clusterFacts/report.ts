import { z } from 'zod';
import {
  ANNOTATION_CONTROL_PLANE,
  ORCHESTRATION_ANNOTATION_PREFIX,
} from '../annotations';
import { formatIssues } from '../config';
import { parseClusterAnnotations } from '../parse/cluster';
import { echoKey } from '../parse/text';
import { parseIsoInstant } from '../parse/values';
import { MAX_CLOCK_SKEW_MS } from './freshness';
import {
  REPORTABLE_CLUSTER_FACT_KEYS,
  ReportableClusterFactKey,
  isReportableClusterFactKey,
} from './keys';

/**
 * Facts about one kubernetes-cluster Resource, observed by automation (a
 * collector, a backup job) rather than typed into catalog-info.yaml. The body
 * of `POST /v1/clusters/{namespace}/{name}/facts`, once validated by
 * {@link parseClusterFactsReport}.
 *
 * @public
 */
export interface ReportedClusterFacts {
  /** What observed the facts, e.g. `cluster-facts-collector` or `etcd-backup`. */
  source: string;
  /** When they were observed, ISO-8601 in UTC (`2026-11-28T10:15:00.000Z`). */
  observedAt: string;
  /**
   * Values by full annotation key, written as the annotation would be
   * (`'orchestration.io/kubernetes-version': '1.31.4'`), already checked by
   * the cluster annotation parser.
   */
  facts: Partial<Record<ReportableClusterFactKey, string>>;
}

/** The longest `source` name. @public */
export const MAX_REPORT_SOURCE_LENGTH = 100;

/** Most facts in one report: one per reportable key. @public */
export const MAX_REPORTED_FACTS = REPORTABLE_CLUSTER_FACT_KEYS.length;

const SOURCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/;
const TIME_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const MAX_TIMESTAMP_LENGTH = 40;

/**
 * The full annotation key for a fact named with or without the
 * `orchestration.io/` prefix (`kubernetes-version` or
 * `orchestration.io/kubernetes-version`), or undefined when the name carries
 * another prefix. Names are case-insensitive, like annotation values.
 *
 * @public
 */
export function toClusterFactKey(name: string): string | undefined {
  const lower = name.trim().toLowerCase();
  if (lower.startsWith(ORCHESTRATION_ANNOTATION_PREFIX)) return lower;
  if (lower.includes('/')) return undefined;
  return `${ORCHESTRATION_ANNOTATION_PREFIX}${lower}`;
}

/**
 * The path of the endpoint that takes reports for a cluster, relative to the
 * Orchestration plugin's base URL (`<backend>/api/orchestration`).
 *
 * @public
 */
export function clusterFactsReportPath(cluster: {
  namespace: string;
  name: string;
}): string {
  return `/v1/clusters/${encodeURIComponent(
    cluster.namespace,
  )}/${encodeURIComponent(cluster.name)}/facts`;
}

/** Options of {@link parseClusterFactsReport}. @public */
export interface ClusterFactsReportValidationOptions {
  /**
   * The time the report arrives; `observedAt` may not lie more than
   * {@link MAX_CLOCK_SKEW_MS} after it. Defaults to the time of validation.
   */
  now?: Date;
}

function readFacts(
  raw: Record<string, unknown>,
  ctx: z.RefinementCtx,
): Partial<Record<ReportableClusterFactKey, string>> | undefined {
  const entries = Object.entries(raw);
  if (entries.length === 0) {
    ctx.addIssue({
      code: 'custom',
      message:
        'names no fact; report at least one, e.g. "kubernetes-version": "1.31.4"',
    });
    return undefined;
  }
  if (entries.length > MAX_REPORTED_FACTS) {
    // Bounded work: an oversized map is refused before any value is read.
    ctx.addIssue({
      code: 'custom',
      message: `has ${entries.length} entries; a report names at most ${MAX_REPORTED_FACTS} facts, one per cluster annotation key`,
    });
    return undefined;
  }
  const annotations: Record<string, unknown> = {};
  const writtenAs = new Map<string, string>();
  let valid = true;
  for (const [name, value] of entries) {
    const key = toClusterFactKey(name);
    const shown = echoKey(name);
    if (key === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [shown],
        message: `not a cluster annotation key; write a name such as kubernetes-version or ${ORCHESTRATION_ANNOTATION_PREFIX}kubernetes-version`,
      });
      valid = false;
      continue;
    }
    if (key === ANNOTATION_CONTROL_PLANE) {
      ctx.addIssue({
        code: 'custom',
        path: [shown],
        message: `${ANNOTATION_CONTROL_PLANE} is declared in catalog-info.yaml and cannot be reported: it decides which obligations apply`,
      });
      valid = false;
      continue;
    }
    const earlier = writtenAs.get(key);
    if (earlier !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [shown],
        message: `${key} is given twice (as ${echoKey(
          earlier,
        )} and ${shown}); give it once`,
      });
      valid = false;
      continue;
    }
    writtenAs.set(key, name);
    annotations[key] = value;
  }
  // The same parser as catalog-info.yaml, so the same values pass or fail
  // with the same messages.
  const { problems } = parseClusterAnnotations(annotations);
  for (const problem of problems) {
    if (problem.severity !== 'error' && problem.code !== 'misplaced-key') {
      continue;
    }
    const name = writtenAs.get(problem.key) ?? problem.key;
    ctx.addIssue({
      code: 'custom',
      path: [echoKey(name)],
      message: problem.message,
    });
    valid = false;
  }
  if (!valid) return undefined;
  const facts: Partial<Record<ReportableClusterFactKey, string>> = {};
  for (const key of writtenAs.keys()) {
    if (isReportableClusterFactKey(key)) {
      facts[key] = String(annotations[key]).trim();
    }
  }
  return facts;
}

/**
 * Creates the schema of a cluster facts report arriving at `options.now` (by
 * default, whenever it validates). Its output is a
 * {@link ReportedClusterFacts}: full keys, trimmed values, `observedAt` in
 * UTC. Use {@link parseClusterFactsReport} for ready-made messages.
 *
 * @public
 */
export function createClusterFactsReportSchema(
  options: ClusterFactsReportValidationOptions = {},
) {
  return z.strictObject(
    {
      source: z
        .string({
          error:
            'source is required: the name of what observed the facts, e.g. cluster-facts-collector',
        })
        .trim()
        .min(1, {
          error: 'source must not be empty; name what observed the facts',
          abort: true,
        })
        .max(
          MAX_REPORT_SOURCE_LENGTH,
          `source must be at most ${MAX_REPORT_SOURCE_LENGTH} characters`,
        )
        .regex(SOURCE_PATTERN, {
          error:
            'source must start with a letter or digit and hold only letters, digits and . _ - : / @, e.g. etcd-backup',
        }),
      observedAt: z
        .string({
          error:
            'observedAt is required: when the facts were observed, as an ISO-8601 timestamp with a time zone, e.g. 2026-11-28T10:15:00Z',
        })
        .trim()
        .max(
          MAX_TIMESTAMP_LENGTH,
          `observedAt must be at most ${MAX_TIMESTAMP_LENGTH} characters`,
        )
        .transform((text, ctx) => {
          const parsed = parseIsoInstant(text);
          if (!parsed.ok || parsed.value.dateOnly || !TIME_ZONE.test(text)) {
            ctx.addIssue({
              code: 'custom',
              message:
                'observedAt must be an ISO-8601 timestamp with a time zone, e.g. 2026-11-28T10:15:00Z',
            });
            return z.NEVER;
          }
          const nowMs = (options.now ?? new Date()).getTime();
          const aheadMs = parsed.value.epochMs - nowMs;
          if (aheadMs > MAX_CLOCK_SKEW_MS) {
            ctx.addIssue({
              code: 'custom',
              message: `observedAt is ${Math.ceil(
                aheadMs / 60_000,
              )} minutes after the time the report arrived (${new Date(
                nowMs,
              ).toISOString()}); facts cannot be observed in the future, so check the reporter's clock`,
            });
            return z.NEVER;
          }
          return new Date(parsed.value.epochMs).toISOString();
        }),
      facts: z
        .record(z.string(), z.unknown(), {
          error:
            'facts is required: a map of cluster annotation keys to values, e.g. { "kubernetes-version": "1.31.4" }',
        })
        .transform((raw, ctx) => readFacts(raw, ctx) ?? z.NEVER),
    },
    {
      error:
        'must be a JSON object with source, observedAt and facts, e.g. { "source": "etcd-backup", "observedAt": "2026-11-28T10:15:00Z", "facts": { "etcd-last-backup": "2026-11-28T10:15:00Z" } }',
    },
  );
}

/**
 * Validates the body of a cluster facts report arriving at `options.now`
 * (default: now) and returns it normalised, or the problems as
 * `field: message` lines (e.g.
 * `facts.kubernetes-version: orchestration.io/kubernetes-version: "1.3x" is not a Kubernetes version; ...`).
 * Fact keys are the cluster annotation keys, with or without the
 * `orchestration.io/` prefix, and their values go through the same parser as
 * catalog-info.yaml, so the same values fail with the same messages.
 *
 * @public
 */
export function parseClusterFactsReport(
  body: unknown,
  options: ClusterFactsReportValidationOptions = {},
):
  | { ok: true; report: ReportedClusterFacts }
  | { ok: false; errors: string[] } {
  const parsed = createClusterFactsReportSchema(options).safeParse(body);
  if (parsed.success) return { ok: true, report: parsed.data };
  return {
    ok: false,
    errors: formatIssues('body', parsed.error).map(line =>
      line.replace(/^body\.?/, '').replace(/^: /, 'body: '),
    ),
  };
}
