import { Entity } from '@backstage/catalog-model';
import { ANNOTATION_CLUSTER, ANNOTATION_PLATFORM_TEAM } from '../annotations';
import { OwnerFacts } from '../engine/types';
import { entityRefOf, namespaceOf, resolveEntityRef } from './entityRefs';

/**
 * What the engine needs to know about a Group.
 *
 * @public
 */
export interface GroupFacts {
  entityRef: string;
  /** Distinct members, from `hasMember` relations and `spec.members`. */
  memberCount: number;
  /** Annotated `orchestration.io/platform-team: "true"`. */
  annotatedPlatformTeam: boolean;
  /** The parent Group (`spec.parent`, as its `childOf` relation), when it has one. */
  parentRef?: string;
}

function specString(entity: Entity, field: string): string | undefined {
  const value = (entity?.spec as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * The members of a Group: its `hasMember` relations and `spec.members`,
 * counted once each.
 *
 * @public
 */
export function groupMemberRefs(group: Entity): Set<string> {
  const members = new Set<string>();
  for (const relation of group?.relations ?? []) {
    if (
      relation?.type === 'hasMember' &&
      typeof relation.targetRef === 'string'
    ) {
      members.add(relation.targetRef.toLocaleLowerCase('en-US'));
    }
  }
  const specMembers = (group?.spec as { members?: unknown } | undefined)
    ?.members;
  if (Array.isArray(specMembers)) {
    for (const member of specMembers) {
      if (typeof member !== 'string') continue;
      const ref = resolveEntityRef(member, {
        defaultKind: 'user',
        defaultNamespace: namespaceOf(group),
      });
      if (ref) members.add(ref);
    }
  }
  return members;
}

/**
 * Whether a Group carries `orchestration.io/platform-team: "true"`.
 *
 * @public
 */
export function isAnnotatedPlatformTeam(group: Entity): boolean {
  const value = group?.metadata?.annotations?.[ANNOTATION_PLATFORM_TEAM];
  return (
    typeof value === 'string' &&
    value.trim().toLocaleLowerCase('en-US') === 'true'
  );
}

/**
 * Summarises a Group for the engine.
 *
 * @public
 */
export function groupFactsOf(group: Entity, extraMembers = 0): GroupFacts {
  const facts: GroupFacts = {
    entityRef: entityRefOf(group),
    memberCount: groupMemberRefs(group).size + extraMembers,
    annotatedPlatformTeam: isAnnotatedPlatformTeam(group),
  };
  const parentRef = groupParentRefOf(group);
  if (parentRef) facts.parentRef = parentRef;
  return facts;
}

/**
 * The parent of a Group: its `childOf` relation, else `spec.parent`
 * resolved (kind `group`, the Group's namespace); undefined without one.
 *
 * @public
 */
export function groupParentRefOf(group: Entity): string | undefined {
  for (const relation of group?.relations ?? []) {
    if (
      relation?.type === 'childOf' &&
      typeof relation.targetRef === 'string'
    ) {
      return relation.targetRef.toLocaleLowerCase('en-US');
    }
  }
  const parent = specString(group, 'parent');
  return parent
    ? resolveEntityRef(parent, {
        defaultKind: 'group',
        defaultNamespace: namespaceOf(group),
      })
    : undefined;
}

/**
 * Each Group with the Groups below it, itself first (depth 0), then its
 * children (1), their children (2) and so on. A Group whose parent is not
 * among the Groups is a root; a cycle of parents is followed once. Every
 * Group appears under itself and under each of its ancestors, so the result
 * has at most (Groups × depth of the tree) entries.
 *
 * @public
 */
export function groupDescendants(
  groups: Iterable<Pick<GroupFacts, 'entityRef' | 'parentRef'>>,
): Map<string, { entityRef: string; depth: number }[]> {
  const parentOf = new Map<string, string | undefined>();
  for (const group of groups) parentOf.set(group.entityRef, group.parentRef);
  const result = new Map<string, { entityRef: string; depth: number }[]>();
  for (const ref of parentOf.keys()) result.set(ref, []);
  for (const ref of parentOf.keys()) {
    const seen = new Set<string>();
    let current: string | undefined = ref;
    let depth = 0;
    while (current !== undefined && result.has(current) && !seen.has(current)) {
      seen.add(current);
      result.get(current)!.push({ entityRef: ref, depth });
      current = parentOf.get(current);
      depth += 1;
    }
  }
  for (const list of result.values()) {
    list.sort((a, b) =>
      a.depth !== b.depth
        ? a.depth - b.depth
        : a.entityRef.localeCompare(b.entityRef, 'en-US'),
    );
  }
  return result;
}

/**
 * The owner of a Component (`spec.owner`), resolved as the catalog resolves
 * it: kind `group`, the Component's namespace. Undefined when absent or
 * invalid.
 *
 * @public
 */
export function ownerRefOf(entity: Entity): string | undefined {
  const owner = specString(entity, 'owner');
  return owner
    ? resolveEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: namespaceOf(entity),
      })
    : undefined;
}

/**
 * The System of a Component (`spec.system`), resolved; undefined when absent
 * or invalid.
 *
 * @public
 */
export function systemRefOf(entity: Entity): string | undefined {
  const system = specString(entity, 'system');
  return system
    ? resolveEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: namespaceOf(entity),
      })
    : undefined;
}

/**
 * The cluster named by `orchestration.io/cluster`, resolved: kind
 * `resource`, the Component's namespace. Undefined when absent or invalid.
 *
 * @public
 */
export function clusterRefOf(entity: Entity): string | undefined {
  const raw = entity?.metadata?.annotations?.[ANNOTATION_CLUSTER];
  return typeof raw === 'string'
    ? resolveEntityRef(raw, {
        defaultKind: 'resource',
        defaultNamespace: namespaceOf(entity),
      })
    : undefined;
}

/**
 * The platform teams: Groups annotated as such or configured, that have at
 * least one member (a team of nobody operates nothing). Configured refs that
 * are not among the known Groups are kept, since their members are unknown
 * here. Sorted, each once.
 *
 * @param groups - the known Groups, by entity ref
 * @param configured - `orchestration.platformTeams`, already resolved
 * @public
 */
export function platformTeamsAmong(
  groups: ReadonlyMap<string, GroupFacts>,
  configured: readonly string[],
): string[] {
  const teams = new Set<string>();
  for (const group of groups.values()) {
    if (group.annotatedPlatformTeam && group.memberCount > 0) {
      teams.add(group.entityRef);
    }
  }
  for (const ref of configured) {
    const group = groups.get(ref);
    if (!group || group.memberCount > 0) teams.add(ref);
  }
  return [...teams].sort();
}

/**
 * Owner facts for the engine: a User owns alone; a Group counts its members
 * (unknown when the Group is not known).
 *
 * @public
 */
export function ownerFactsFor(
  ownerRef: string | undefined,
  groups: ReadonlyMap<string, GroupFacts>,
): OwnerFacts | undefined {
  if (!ownerRef) return undefined;
  if (ownerRef.startsWith('user:'))
    return { entityRef: ownerRef, memberCount: 1 };
  const group = groups.get(ownerRef);
  return group && group.memberCount > 0
    ? { entityRef: ownerRef, memberCount: group.memberCount }
    : { entityRef: ownerRef };
}
