import { z } from 'zod';
import { PLATFORM_IDS, PlatformId } from './annotations';
import { formatIssues } from './config';
import { parseIsoInstant } from './parse/values';

/**
 * Kinds of review decision.
 *
 * @public
 */
export const REVIEW_DECISION_KINDS = [
  'accept',
  'keep-current',
  'migrate',
  'exempt',
] as const;

/**
 * Kind of a review decision.
 *
 * @public
 */
export type ReviewDecisionKind = (typeof REVIEW_DECISION_KINDS)[number];

/**
 * A decision a team records about an assessment.
 *
 * - `accept`: the recommendation is agreed.
 * - `keep-current`: stay on the current platform, with a reason.
 * - `migrate`: move to `targetPlatform` by `dueDate`.
 * - `exempt`: the assessment does not apply until `expiresOn`, with a justification.
 *
 * @public
 */
export type ReviewDecision =
  | { kind: 'accept'; comment?: string }
  | { kind: 'keep-current'; comment: string }
  | {
      kind: 'migrate';
      targetPlatform: PlatformId;
      /** `YYYY-MM-DD` */
      dueDate: string;
      comment?: string;
    }
  | {
      kind: 'exempt';
      justification: string;
      /** `YYYY-MM-DD` */
      expiresOn: string;
    };

/**
 * The body of a request to record a review.
 *
 * @public
 */
export interface ReviewRequest {
  /** The reviewed Component, e.g. `component:default/content-api`. */
  entityRef: string;
  decision: ReviewDecision;
  /** `assessedAt` of the assessment reviewed, to detect reviews of stale results. */
  assessedAt?: string;
}

/**
 * A stored review: the request plus who made it and when.
 *
 * @public
 */
export interface ReviewRecord extends ReviewRequest {
  id: string;
  reviewer: string;
  createdAt: string;
}

/** The `YYYY-MM-DD` date of an instant in UTC. */
function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * Whether a decision is an exemption that no longer applies at `now`: an
 * exemption applies until `expiresOn` (UTC), so from that day on it has
 * expired.
 *
 * @public
 */
export function isExpiredExemption(
  decision: ReviewDecision,
  now: Date,
): boolean {
  return decision.kind === 'exempt' && decision.expiresOn <= utcDay(now);
}

/**
 * The decision in force for a service at `now`, from its reviews newest
 * first: the newest review, unless it is an exemption that has expired; then
 * the newest one before it that is not an expired exemption; null when there
 * is none. A `migrate` past its due date stays in force (it is overdue, not
 * withdrawn).
 *
 * @public
 */
export function decisionInForce<T extends Pick<ReviewRecord, 'decision'>>(
  reviewsNewestFirst: readonly T[],
  now: Date,
): T | null {
  for (const review of reviewsNewestFirst) {
    if (!isExpiredExemption(review.decision, now)) return review;
  }
  return null;
}

/** How deep {@link normaliseReviewBody} looks into a body. */
const MAX_NORMALISE_DEPTH = 8;

/**
 * The body as it is validated and stored: every string trimmed, in objects
 * and arrays down to a fixed depth (deeper values are left as they are and
 * fail validation anyway). Other values are kept.
 *
 * @public
 */
export function normaliseReviewBody(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.trim();
  if (depth >= MAX_NORMALISE_DEPTH || value === null) return value;
  if (Array.isArray(value)) {
    return value.map(item => normaliseReviewBody(item, depth + 1));
  }
  if (
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // Defined rather than assigned, so a `__proto__` key stays a key.
      Object.defineProperty(result, key, {
        value: normaliseReviewBody(item, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  }
  return value;
}

/**
 * Options of {@link createReviewRequestSchema} and {@link parseReviewRequest}.
 *
 * @public
 */
export interface ReviewValidationOptions {
  /**
   * The time of the request; due dates must be on or after its UTC day and
   * exemptions must expire after it. Defaults to the time of validation.
   */
  now?: Date;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const dateText = (
  field: string,
  today: () => string,
  earliest: 'today' | 'tomorrow',
) =>
  z
    .string({ error: `${field} is required, as YYYY-MM-DD` })
    .refine(text => DATE_PATTERN.test(text) && parseIsoInstant(text).ok, {
      error: `${field} must be a real date written as YYYY-MM-DD`,
      abort: true,
    })
    .superRefine((text, ctx) => {
      const day = today();
      if (earliest === 'today' ? text < day : text <= day) {
        ctx.addIssue({
          code: 'custom',
          message:
            earliest === 'today'
              ? `${field} must be today (${day}, UTC) or later; got ${text}`
              : `${field} must be after today (${day}, UTC): an exemption applies until that day; got ${text}`,
        });
      }
    });
const text = (field: string, max: number) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`);

function decisionSchema(today: () => string) {
  return z.discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('accept'),
        comment: text('comment', 2000).optional(),
      }),
      z.strictObject({
        kind: z.literal('keep-current'),
        comment: text('comment (why the current platform stays)', 2000),
      }),
      z.strictObject({
        kind: z.literal('migrate'),
        targetPlatform: z.enum(PLATFORM_IDS, {
          error: `targetPlatform must be one of ${PLATFORM_IDS.join(', ')}`,
        }),
        dueDate: dateText('dueDate', today, 'today'),
        comment: text('comment', 2000).optional(),
      }),
      z.strictObject({
        kind: z.literal('exempt'),
        justification: text('justification', 2000),
        expiresOn: dateText('expiresOn', today, 'tomorrow'),
      }),
    ],
    { error: `must be one of ${REVIEW_DECISION_KINDS.join(', ')}` },
  );
}

/**
 * Creates the schema of a review request body, for requests made at
 * `options.now` (by default, whenever it validates). Strings are trimmed
 * before they are checked, and the trimmed values are its output; use
 * {@link parseReviewRequest} for ready-made error messages.
 *
 * @public
 */
export function createReviewRequestSchema(
  options: ReviewValidationOptions = {},
) {
  const today = () => utcDay(options.now ?? new Date());
  return z.preprocess(
    value => normaliseReviewBody(value),
    z.strictObject({
      entityRef: z
        .string({
          error: 'entityRef is required, e.g. component:default/content-api',
        })
        .regex(/^[a-z0-9-_.]+:[a-z0-9-_.]+\/[a-z0-9-_.]+$/i, {
          error:
            'entityRef must be kind:namespace/name, e.g. component:default/content-api',
        }),
      decision: decisionSchema(today),
      assessedAt: z
        .string()
        .max(40, 'assessedAt must be at most 40 characters')
        .refine(value => parseIsoInstant(value).ok, {
          error: 'assessedAt must be an ISO-8601 timestamp',
        })
        .optional(),
    }),
  );
}

/**
 * Validates a review request body at the time of validation. Use
 * {@link parseReviewRequest} for ready-made error messages, or
 * {@link createReviewRequestSchema} to fix the time of the request.
 *
 * @public
 */
export const reviewRequestSchema = createReviewRequestSchema();

/**
 * Validates a review request body made at `options.now` (default: now) and
 * returns it typed and normalised (every string trimmed), or the list of
 * problems as `field: message` lines.
 *
 * @public
 */
export function parseReviewRequest(
  body: unknown,
  options: ReviewValidationOptions = {},
): { ok: true; request: ReviewRequest } | { ok: false; errors: string[] } {
  const parsed = createReviewRequestSchema(options).safeParse(body);
  if (parsed.success)
    return { ok: true, request: parsed.data as ReviewRequest };
  return {
    ok: false,
    errors: formatIssues('body', parsed.error).map(line =>
      line.replace(/^body\./, ''),
    ),
  };
}
