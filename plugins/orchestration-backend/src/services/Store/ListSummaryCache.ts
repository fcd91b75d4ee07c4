import { AssessmentFacets } from '@orchestration/plugin-orchestration-common';
import { ListFilters } from './listQuery';

/** The count and facets of the rows matching a filter set. */
export interface ListSummary {
  totalItems: number;
  facets: AssessmentFacets;
}

function normalisedList(list: string[] | undefined): string[] | null {
  return list ? [...new Set(list)].sort() : null;
}

/**
 * A key for a filter set that is the same for every spelling of the same
 * filters: lists are sets (order and repeats do not matter) and the text
 * search is case-insensitive.
 */
export function filterKey(filters: ListFilters): string {
  return JSON.stringify([
    normalisedList(filters.owner),
    normalisedList(filters.system),
    normalisedList(filters.currentPlatform),
    normalisedList(filters.recommendedPlatform),
    normalisedList(filters.currentVerdict),
    filters.migration ?? null,
    normalisedList(filters.obligationStatus),
    filters.q?.toLocaleLowerCase('en-US') ?? null,
  ]);
}

/**
 * A small least-recently-used cache of list counts and facets. The rows of
 * a generation never change once it is served, so an entry keyed by the
 * generation it was computed from stays valid; a refresh in any replica
 * serves a new generation, whose id every reader takes from the database.
 * Concurrent misses of one key share a single computation.
 */
export class ListSummaryCache {
  private readonly entries = new Map<string, Promise<ListSummary>>();

  constructor(private readonly maxEntries = 200) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached value of the key (computed or being computed), if any. */
  peek(key: string): Promise<ListSummary> | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-insert, so the entry becomes the most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /** The cached value of the key, or the result of `compute`, stored under it. */
  get(key: string, compute: () => Promise<ListSummary>): Promise<ListSummary> {
    const hit = this.peek(key);
    if (hit) return hit;
    const value = compute();
    this.entries.set(key, value);
    value.catch(() => {
      if (this.entries.get(key) === value) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return value;
  }

  clear() {
    this.entries.clear();
  }
}
