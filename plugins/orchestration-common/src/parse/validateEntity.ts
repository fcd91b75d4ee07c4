import { Entity } from '@backstage/catalog-model';
import {
  CLUSTER_ANNOTATION_KEYS,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
  ORCHESTRATION_ANNOTATION_PREFIX,
} from '../annotations';
import { namespaceOf } from '../catalog/entityRefs';
import { parseClusterAnnotations } from './cluster';
import {
  DEFAULT_FARGATE_TASK_LIMITS,
  FargateTaskLimits,
  parseComponentAnnotations,
} from './component';
import { parseGroupAnnotations } from './group';
import { ValidationProblem } from './problems';
import { AnnotationMap, annotationMapProblem, boundProblems } from './read';
import { echoKey } from './text';

/**
 * Validates the Orchestration annotations of any catalog entity, according to
 * its kind: Components, kubernetes-cluster Resources and Groups are checked
 * against their keys; on other kinds any Orchestration annotation is
 * reported as ignored. Annotations that are not a map (a YAML list, a
 * scalar) are reported on every kind.
 *
 * @param entity - the entity as read from the catalog or a file
 * @param fargateLimits - limits used to flag sizes that cannot run on Fargate
 * @public
 */
export function validateEntityAnnotations(
  entity: Entity,
  fargateLimits: FargateTaskLimits = DEFAULT_FARGATE_TASK_LIMITS,
): ValidationProblem[] {
  const raw: unknown = entity?.metadata?.annotations;
  if (raw === undefined || raw === null) return [];
  const shape = annotationMapProblem(raw);
  if (shape) return [shape];
  const annotations = raw as AnnotationMap;
  const kind = String(entity.kind ?? '').toLowerCase();
  if (kind === 'component') {
    return parseComponentAnnotations(annotations, {
      fargateLimits,
      namespace: namespaceOf(entity),
    }).problems;
  }
  if (kind === 'group') return parseGroupAnnotations(annotations).problems;
  const type = (entity.spec as { type?: unknown } | undefined)?.type;
  if (kind === 'resource' && type === KUBERNETES_CLUSTER_RESOURCE_TYPE) {
    return parseClusterAnnotations(annotations).problems;
  }
  const problems: ValidationProblem[] = [];
  const kindName = echoKey(String(entity.kind));
  for (const key of Object.keys(annotations)) {
    if (!key.toLowerCase().startsWith(ORCHESTRATION_ANNOTATION_PREFIX))
      continue;
    const clusterKey = (CLUSTER_ANNOTATION_KEYS as readonly string[]).includes(
      key,
    );
    const shownKey = echoKey(key);
    problems.push({
      severity: 'warning',
      code: 'misplaced-key',
      key: shownKey,
      message:
        clusterKey && kind === 'resource'
          ? `${key} is read only on Resources with spec.type ${KUBERNETES_CLUSTER_RESOURCE_TYPE}; set spec.type: ${KUBERNETES_CLUSTER_RESOURCE_TYPE} or remove it`
          : `Orchestration annotations are not read on a ${kindName}; move ${shownKey} to the Component, kubernetes-cluster Resource or Group it describes`,
    });
  }
  return boundProblems(problems);
}
