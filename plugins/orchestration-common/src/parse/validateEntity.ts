import { Entity } from '@backstage/catalog-model';
import {
  CLUSTER_ANNOTATION_KEYS,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
  ORCHESTRATION_ANNOTATION_PREFIX,
} from '../annotations';
import {
  DEFAULT_FARGATE_TASK_LIMITS,
  FargateTaskLimits,
  parseClusterAnnotations,
  parseComponentAnnotations,
  parseGroupAnnotations,
} from './annotations';
import { ValidationProblem } from './problems';

/**
 * Validates the Orchestration annotations of any catalog entity, according to
 * its kind: Components, kubernetes-cluster Resources and Groups are checked
 * against their keys; on other kinds any Orchestration annotation is
 * reported as ignored.
 *
 * @public
 */
export function validateEntityAnnotations(
  entity: Entity,
  fargateLimits: FargateTaskLimits = DEFAULT_FARGATE_TASK_LIMITS,
): ValidationProblem[] {
  const annotations = entity?.metadata?.annotations;
  if (!annotations) return [];
  const kind = String(entity.kind ?? '').toLowerCase();
  if (kind === 'component') {
    return parseComponentAnnotations(annotations, fargateLimits).problems;
  }
  if (kind === 'group') return parseGroupAnnotations(annotations).problems;
  const type = (entity.spec as { type?: unknown } | undefined)?.type;
  if (kind === 'resource' && type === KUBERNETES_CLUSTER_RESOURCE_TYPE) {
    return parseClusterAnnotations(annotations).problems;
  }
  const problems: ValidationProblem[] = [];
  for (const key of Object.keys(annotations)) {
    if (!key.toLowerCase().startsWith(ORCHESTRATION_ANNOTATION_PREFIX))
      continue;
    const clusterKey = (CLUSTER_ANNOTATION_KEYS as readonly string[]).includes(
      key,
    );
    problems.push({
      severity: 'warning',
      code: 'misplaced-key',
      key,
      message:
        clusterKey && kind === 'resource'
          ? `${key} is read only on Resources with spec.type ${KUBERNETES_CLUSTER_RESOURCE_TYPE}; set spec.type: ${KUBERNETES_CLUSTER_RESOURCE_TYPE} or remove it`
          : `Orchestration annotations are not read on a ${entity.kind}; move ${key} to the Component, kubernetes-cluster Resource or Group it describes`,
    });
  }
  return problems;
}
