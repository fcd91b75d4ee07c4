import {
  decisionInForce,
  ReviewRecord,
} from '@orchestration/plugin-orchestration-common';
import { Knex } from 'knex';
import { encodePageCursor, PageQuery } from '../pageQuery';
import { TABLES } from '../rows';

export interface ReviewRow {
  seq: number | string;
  id: string;
  entity_ref: string;
  decision_kind: string;
  decision: string;
  reviewer: string;
  created_at: string;
  assessed_at: string | null;
  idempotency_key: string | null;
  expires_on: string | null;
}

/** A stored review as the API shows it. */
export function reviewFromRow(row: ReviewRow): ReviewRecord {
  const record: ReviewRecord = {
    id: row.id,
    entityRef: row.entity_ref,
    decision: JSON.parse(row.decision),
    reviewer: row.reviewer,
    createdAt: row.created_at,
  };
  if (row.assessed_at) record.assessedAt = row.assessed_at;
  return record;
}

/** Entity refs per query: well within the bind-parameter limits. */
const REFS_PER_QUERY = 500;

/**
 * `orchestration_reviews`: review decisions, append-only, with the
 * Idempotency-Key each was recorded with (unique per entity).
 */
export class ReviewTable {
  constructor(private readonly db: Knex) {}

  private get table() {
    return this.db<ReviewRow>(TABLES.reviews);
  }

  /**
   * Reviews that may be in force at `now`: all but exemptions expired by
   * `now`'s UTC day (the rule of `decisionInForce`, in SQL).
   */
  private notExpired(builder: Knex.QueryBuilder, now: Date) {
    const today = now.toISOString().slice(0, 10);
    return builder.where(q =>
      q
        .whereNot('decision_kind', 'exempt')
        .orWhereNull('expires_on')
        .orWhere('expires_on', '>', today),
    );
  }

  /** Stores a review; fails on an id or an idempotency key already stored. */
  async insert(record: ReviewRecord, idempotencyKey?: string) {
    await this.table.insert({
      id: record.id,
      entity_ref: record.entityRef,
      decision_kind: record.decision.kind,
      decision: JSON.stringify(record.decision),
      reviewer: record.reviewer,
      created_at: record.createdAt,
      assessed_at: record.assessedAt ?? null,
      idempotency_key: idempotencyKey ?? null,
      expires_on:
        record.decision.kind === 'exempt' ? record.decision.expiresOn : null,
    });
  }

  /** The review of an entity stored with an idempotency key, if any. */
  async findByKey(
    entityRef: string,
    idempotencyKey: string,
  ): Promise<ReviewRecord | undefined> {
    const row = await this.table
      .where({ entity_ref: entityRef, idempotency_key: idempotencyKey })
      .first();
    return row ? reviewFromRow(row) : undefined;
  }

  /** A page of an entity's reviews, newest first. */
  async page(
    entityRef: string,
    page: PageQuery,
  ): Promise<{ items: ReviewRecord[]; nextCursor: string | null }> {
    const query = this.table
      .where({ entity_ref: entityRef })
      .orderBy('seq', 'desc')
      .limit(page.limit + 1);
    if (page.before !== undefined) query.where('seq', '<', page.before);
    const found: ReviewRow[] = await query;
    const rows = found.slice(0, page.limit);
    return {
      items: rows.map(reviewFromRow),
      nextCursor:
        found.length > page.limit
          ? encodePageCursor('reviews', Number(rows[rows.length - 1].seq))
          : null,
    };
  }

  /** The decision in force for an entity at `now` (see `decisionInForce`). */
  async inForce(entityRef: string, now: Date): Promise<ReviewRecord | null> {
    const row: ReviewRow | undefined = await this.notExpired(
      this.table.where({ entity_ref: entityRef }),
      now,
    )
      .orderBy('seq', 'desc')
      .first();
    // Expired exemptions are skipped in SQL by the rule of decisionInForce,
    // which is then applied to the review found.
    return row ? decisionInForce([reviewFromRow(row)], now) : null;
  }

  /**
   * The decision in force at `now` for each of the entities that has one:
   * one query for up to 500 entities (the newest review of each that is
   * not an expired exemption).
   */
  async inForceFor(
    entityRefs: string[],
    now: Date,
  ): Promise<Map<string, ReviewRecord>> {
    const result = new Map<string, ReviewRecord>();
    const unique = [...new Set(entityRefs)];
    for (let i = 0; i < unique.length; i += REFS_PER_QUERY) {
      const newest = this.notExpired(
        this.db(TABLES.reviews)
          .max({ seq: 'seq' })
          .whereIn('entity_ref', unique.slice(i, i + REFS_PER_QUERY)),
        now,
      ).groupBy('entity_ref');
      const rows: ReviewRow[] = await this.table.whereIn('seq', newest);
      for (const row of rows) {
        const review = decisionInForce([reviewFromRow(row)], now);
        if (review) result.set(row.entity_ref, review);
      }
    }
    return result;
  }
}
