import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { TABLES } from '../Store/rows';
import { RelatedRefs } from './Assessor';
import { TurnLookups } from './TurnLookups';

/** What the snapshot lookup needs of the store. */
export interface SnapshotRefsStore {
  readonly knex: Knex;
  /** The id of the generation served; null before the first refresh completed. */
  currentGeneration(): Promise<number | null>;
}

/** Most refs looked up in one query. */
const MAX_REFS = 500;

/**
 * Most refs remembered for the generation served; the memory is emptied
 * when it is full and whenever another generation is served.
 */
const MAX_REMEMBERED = 20_000;

/**
 * How long the id of the generation served is reused. The refs are only
 * where to look: the live assessment checks them against the Component it
 * reads, so refs of the generation served a moment ago do as well.
 */
const GENERATION_MILLIS = 1_000;

/**
 * The owner and cluster each Component had in the snapshot served, so the
 * live assessment can read them together with the Component in one catalog
 * call. Lookups asked for in the same turn of the event loop, by any caller,
 * are answered by one query of the generation served (whose id is reused
 * for a second). A generation's rows never change, so what was read of the
 * generation served is remembered, whether found or not, until another is
 * served (at most {@link MAX_REMEMBERED} refs). Never fails: a
 * Component the snapshot does not have, or a lookup the database cannot
 * answer, gives undefined (the live assessment then reads the owner and
 * cluster after the Component).
 */
export class SnapshotRefs {
  private readonly lookups = new TurnLookups<RelatedRefs>(
    refs => this.lookUp(refs),
    MAX_REFS,
  );
  private generation?: { at: number; id: Promise<number | null> };
  /** What was read of one generation: the refs found, and null for those it does not have. */
  private remembered?: {
    generation: number;
    refs: Map<string, RelatedRefs | null>;
  };

  constructor(
    private readonly store: SnapshotRefsStore,
    private readonly logger?: LoggerService,
    private readonly clock: () => number = Date.now,
  ) {}

  get(entityRef: string): Promise<RelatedRefs | undefined> {
    return this.lookups.get(entityRef);
  }

  /** The generation served, read again at most once a second. */
  private currentGeneration(): Promise<number | null> {
    const now = this.clock();
    if (!this.generation || now - this.generation.at >= GENERATION_MILLIS) {
      const id = this.store.currentGeneration();
      this.generation = { at: now, id };
      // A failed read is not reused.
      id.catch(() => {
        if (this.generation?.id === id) this.generation = undefined;
      });
    }
    return this.generation.id;
  }

  /** Never fails: what cannot be read is not known. */
  private async lookUp(refs: string[]): Promise<Map<string, RelatedRefs>> {
    const found = new Map<string, RelatedRefs>();
    try {
      const generation = await this.currentGeneration();
      if (generation === null) return found;
      if (this.remembered?.generation !== generation) {
        this.remembered = { generation, refs: new Map() };
      }
      const memory = this.remembered.refs;
      const unread: string[] = [];
      for (const ref of refs) {
        const known = memory.get(ref);
        if (known) found.set(ref, known);
        else if (known === undefined) unread.push(ref);
      }
      if (unread.length === 0) return found;
      const rows: Array<{
        entity_ref: string;
        owner: string | null;
        cluster: string | null;
      }> = await this.store
        .knex(TABLES.assessments)
        .where('snapshot_id', generation)
        .whereIn('entity_ref', unread)
        .select('entity_ref', 'owner', 'cluster');
      if (memory.size + unread.length > MAX_REMEMBERED) memory.clear();
      for (const ref of unread) memory.set(ref, null);
      for (const row of rows) {
        const related = {
          owner: row.owner ?? null,
          cluster: row.cluster ?? null,
        };
        found.set(row.entity_ref, related);
        memory.set(row.entity_ref, related);
      }
    } catch (error) {
      this.logger?.debug(
        `Owners and clusters not read from the snapshot: ${
          (error as Error)?.message ?? String(error)
        }`,
      );
    }
    return found;
  }
}
