import { AssessmentHistoryEntry } from '@orchestration/plugin-orchestration-common';
import { Knex } from 'knex';
import type { HistoryState } from '../../Assessor/summarise';
import { encodePageCursor, PageQuery } from '../pageQuery';
import { INSERT_BATCH, TABLES } from '../rows';
import type { HistoryRecord, LatestHistory } from '../types';

interface HistoryRow {
  id: number | string;
  entity_ref: string;
  recorded_at: string;
  recommended_platform: string | null;
  confidence: string;
  fit: number | string | null;
  migration: string | null;
  obligation_statuses: string;
  changes: string;
  fingerprint: string;
}

function stateFromRow(row: HistoryRow): HistoryState {
  return {
    recommendedPlatform:
      row.recommended_platform as HistoryState['recommendedPlatform'],
    confidence: row.confidence as HistoryState['confidence'],
    fit: row.fit === null ? null : Number(row.fit),
    migration: row.migration ? JSON.parse(row.migration) : null,
    obligationStatuses: JSON.parse(row.obligation_statuses),
  };
}

/** Entity refs per query: well within the bind-parameter limits. */
const REFS_PER_QUERY = 500;

/** `orchestration_history`: how each assessment changed, newest last. */
export class HistoryTable {
  constructor(private readonly db: Knex) {}

  private get table() {
    return this.db<HistoryRow>(TABLES.history);
  }

  /** The fingerprint of the newest entry of each entity that has one. */
  async latestFingerprints(entityRefs: string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    for (let i = 0; i < entityRefs.length; i += REFS_PER_QUERY) {
      const newest = this.db(TABLES.history)
        .max({ id: 'id' })
        .whereIn('entity_ref', entityRefs.slice(i, i + REFS_PER_QUERY))
        .groupBy('entity_ref');
      const rows: Array<Pick<HistoryRow, 'entity_ref' | 'fingerprint'>> =
        await this.table
          .select('entity_ref', 'fingerprint')
          .whereIn('id', newest);
      for (const row of rows) result.set(row.entity_ref, row.fingerprint);
    }
    return result;
  }

  /** The newest entry of each entity that has one. */
  async latest(entityRefs: string[]): Promise<Map<string, LatestHistory>> {
    const result = new Map<string, LatestHistory>();
    for (let i = 0; i < entityRefs.length; i += REFS_PER_QUERY) {
      const newest = this.db(TABLES.history)
        .max({ id: 'id' })
        .whereIn('entity_ref', entityRefs.slice(i, i + REFS_PER_QUERY))
        .groupBy('entity_ref');
      const rows: HistoryRow[] = await this.table.whereIn('id', newest);
      for (const row of rows) {
        result.set(row.entity_ref, {
          state: stateFromRow(row),
          fingerprint: row.fingerprint,
        });
      }
    }
    return result;
  }

  async append(entries: HistoryRecord[]) {
    const rows = entries.map(e => ({
      entity_ref: e.entityRef,
      recorded_at: e.recordedAt,
      recommended_platform: e.state.recommendedPlatform,
      confidence: e.state.confidence,
      fit: e.state.fit,
      migration: e.state.migration ? JSON.stringify(e.state.migration) : null,
      obligation_statuses: JSON.stringify(e.state.obligationStatuses),
      changes: JSON.stringify(e.changes),
      fingerprint: e.fingerprint,
    }));
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      await this.table.insert(rows.slice(i, i + INSERT_BATCH));
    }
  }

  /** A page of an entity's history, newest first. */
  async page(
    entityRef: string,
    page: PageQuery,
  ): Promise<{ items: AssessmentHistoryEntry[]; nextCursor: string | null }> {
    const query = this.table
      .where({ entity_ref: entityRef })
      .orderBy('id', 'desc')
      .limit(page.limit + 1);
    if (page.before !== undefined) query.where('id', '<', page.before);
    const found: HistoryRow[] = await query;
    const rows = found.slice(0, page.limit);
    const nextCursor =
      found.length > page.limit
        ? encodePageCursor('history', Number(rows[rows.length - 1].id))
        : null;
    const items = rows.map(row => ({
      recordedAt: row.recorded_at,
      ...stateFromRow(row),
      changes: JSON.parse(row.changes),
    }));
    return { items, nextCursor };
  }

  /**
   * Deletes entries older than the cut-off, keeping the newest entry of each
   * entity so its current state stays known.
   */
  async prune(before: string): Promise<number> {
    const keep = this.db(TABLES.history)
      .max({ id: 'id' })
      .groupBy('entity_ref');
    return this.table
      .where('recorded_at', '<', before)
      .whereNotIn('id', keep)
      .delete();
  }
}
