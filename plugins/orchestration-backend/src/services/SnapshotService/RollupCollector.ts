import { Entity } from '@backstage/catalog-model';
import {
  GroupFacts,
  groupDescendants,
  ownerRefOf,
  systemRefOf,
} from '@orchestration/plugin-orchestration-common';
import type {
  CoverageCount,
  GroupTreeEntry,
} from '../Store/tables/RollupTable';

/**
 * What a refresh keeps for the roll-ups of Group and System pages, besides
 * the assessments: the Group tree, and every Component of the catalog
 * counted by owner and System (annotated or not). Holds one count per
 * owner and System met, never the Components.
 */
export class RollupCollector {
  private readonly counts = new Map<string, CoverageCount>();

  constructor(private readonly groups: ReadonlyMap<string, GroupFacts>) {}

  /** Counts a Component of the catalog. */
  count(entity: Entity, annotated: boolean) {
    const owner = ownerRefOf(entity) ?? null;
    const system = systemRefOf(entity) ?? null;
    const key = `${owner ?? ''}\n${system ?? ''}`;
    let count = this.counts.get(key);
    if (!count) {
      count = { owner, system, components: 0, annotated: 0 };
      this.counts.set(key, count);
    }
    count.components += 1;
    if (annotated) count.annotated += 1;
  }

  /** The Group tree (each Group with itself and the Groups below it) and the counts. */
  result(): { tree: GroupTreeEntry[]; coverage: CoverageCount[] } {
    const tree: GroupTreeEntry[] = [];
    for (const [groupRef, members] of groupDescendants(this.groups.values())) {
      for (const member of members) {
        tree.push({
          groupRef,
          memberRef: member.entityRef,
          depth: member.depth,
        });
      }
    }
    return { tree, coverage: [...this.counts.values()] };
  }
}
