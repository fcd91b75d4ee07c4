import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  ASSESSMENT_SORT_KEYS,
  resolveEntityRef,
} from '@orchestration/plugin-orchestration-common';
import { assertNoControlCharacters } from './lib/requestText';
import { OrchestrationService } from './services/OrchestrationService';
import { parseListQuery } from './services/Store';

/** Registers the plugin's actions, so MCP clients and other plugins can use them. */
export function registerActions(
  actionsRegistry: ActionsRegistryService,
  service: OrchestrationService,
) {
  actionsRegistry.register({
    name: 'get-assessment',
    title: 'Get the Orchestration assessment of a service',
    description:
      'Assesses a Component from the current catalog: the fit of ECS on Fargate, ECS on EC2, EKS and self-managed Kubernetes, the recommended platform with its confidence and reasons, warnings, a suggested migration and the operational obligations of its cluster.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe(
              'The Component, as an entity ref such as component:default/content-api',
            ),
        }),
      output: z =>
        z.object({
          assessment: z
            .record(z.string(), z.unknown())
            .describe('The full assessment'),
          cluster: z
            .record(z.string(), z.unknown())
            .nullable()
            .describe('The assessment of the cluster it runs on, if any'),
        }),
    },
    action: async ({ input, credentials }) => {
      assertNoControlCharacters(input.entityRef.trim(), 'entityRef');
      const entityRef = resolveEntityRef(input.entityRef, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      });
      if (!entityRef) {
        throw new InputError(
          `entityRef must look like component:default/name; got ${input.entityRef}`,
        );
      }
      const result = await service.getAssessment(entityRef, credentials);
      return {
        output: {
          assessment: result.assessment as unknown as Record<string, unknown>,
          cluster: result.cluster as unknown as Record<string, unknown> | null,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'list-assessments',
    title: 'List Orchestration assessments',
    description:
      'Lists the stored assessments of all services, with filters (owner, system, current and recommended platform, verdict of the current platform, migration candidates, obligation status, text), sorting and paging, plus counts by platform and status and the time of the snapshot. Each service comes with the monthly cost of its recommended and current platform, the effort of a suggested migration, up to five inputs that would change its recommendation and the review decision in force (inForce: accept, keep-current, migrate with its target and due date, or exempt until a date; null when none).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          owner: z.array(z.string()).optional().describe('Owner Group refs'),
          system: z.array(z.string()).optional().describe('System refs'),
          currentPlatform: z
            .array(z.string())
            .optional()
            .describe(
              'ecs-fargate, ecs-ec2, eks, self-managed-kubernetes or none',
            ),
          recommendedPlatform: z.array(z.string()).optional(),
          currentVerdict: z
            .array(z.string())
            .optional()
            .describe('recommended, good, possible, poor or blocked'),
          migration: z
            .boolean()
            .optional()
            .describe('true: migration candidates only'),
          obligationStatus: z
            .array(z.string())
            .optional()
            .describe('ok, warning, critical, unknown or not-applicable'),
          q: z
            .string()
            .optional()
            .describe('Text in name, title, owner or system'),
          sort: z
            .string()
            .optional()
            .describe(
              `${ASSESSMENT_SORT_KEYS.join(
                ', ',
              )}; cost is the recommended platform's monthly cost, services without one last`,
            ),
          order: z.enum(['asc', 'desc']).optional(),
          limit: z.number().int().min(1).max(200).optional(),
          cursor: z.string().optional(),
        }),
      // The shapes are those of GET /v1/assessments in the OpenAPI document
      // (src/schema/openapi.yaml), passed through as the service gives them.
      output: z =>
        z.object({
          items: z
            .array(z.record(z.string(), z.unknown()))
            .describe(
              'AssessmentSummary rows of GET /v1/assessments, each with inForce, the decision in force (a review record) or null',
            ),
          nextCursor: z.string().nullable(),
          totalItems: z.number(),
          facets: z.record(z.string(), z.unknown()),
          snapshot: z
            .record(z.string(), z.unknown())
            .describe(
              'SnapshotInfo: refreshedAt, stale, entityCount and coverage (annotated Components out of all, or null)',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      // Read as the query of GET /v1/assessments: values trimmed, control
      // characters and cursors of the wrong type refused with an InputError.
      const raw: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(input)) {
        if (value === undefined) continue;
        raw[key] =
          typeof value === 'number' || typeof value === 'boolean'
            ? String(value)
            : value;
      }
      const result = await service.listAssessments(
        parseListQuery(raw),
        credentials,
      );
      return {
        output: result as unknown as {
          items: Record<string, unknown>[];
          nextCursor: string | null;
          totalItems: number;
          facets: Record<string, unknown>;
          snapshot: Record<string, unknown>;
        },
      };
    },
  });
}
