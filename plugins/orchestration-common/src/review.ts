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

const dateText = (field: string) =>
  z
    .string({ error: `${field} is required, as YYYY-MM-DD` })
    .refine(
      text => /^\d{4}-\d{2}-\d{2}$/.test(text) && parseIsoInstant(text).ok,
      {
        error: `${field} must be a real date written as YYYY-MM-DD`,
      },
    );
const text = (field: string, max: number) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`);

const decisionSchema = z.discriminatedUnion(
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
      dueDate: dateText('dueDate'),
      comment: text('comment', 2000).optional(),
    }),
    z.strictObject({
      kind: z.literal('exempt'),
      justification: text('justification', 2000),
      expiresOn: dateText('expiresOn'),
    }),
  ],
  { error: `must be one of ${REVIEW_DECISION_KINDS.join(', ')}` },
);

/**
 * Validates a review request body. Use {@link parseReviewRequest} for
 * ready-made error messages.
 *
 * @public
 */
export const reviewRequestSchema = z.strictObject({
  entityRef: z
    .string({
      error: 'entityRef is required, e.g. component:default/content-api',
    })
    .regex(/^[a-z0-9-_.]+:[a-z0-9-_.]+\/[a-z0-9-_.]+$/i, {
      error:
        'entityRef must be kind:namespace/name, e.g. component:default/content-api',
    }),
  decision: decisionSchema,
  assessedAt: z
    .string()
    .refine(value => parseIsoInstant(value).ok, {
      error: 'assessedAt must be an ISO-8601 timestamp',
    })
    .optional(),
});

/**
 * Validates a review request body and returns it typed, or the list of
 * problems as `field: message` lines.
 *
 * @public
 */
export function parseReviewRequest(
  body: unknown,
): { ok: true; request: ReviewRequest } | { ok: false; errors: string[] } {
  const parsed = reviewRequestSchema.safeParse(body);
  if (parsed.success)
    return { ok: true, request: parsed.data as ReviewRequest };
  return {
    ok: false,
    errors: formatIssues('body', parsed.error).map(line =>
      line.replace(/^body\./, ''),
    ),
  };
}
