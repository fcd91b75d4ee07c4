import { Knex } from 'knex';

/** Occurrences told to owners, while they hold. */
export const NOTIFICATIONS_TABLE = 'orchestration_notifications';

interface NotificationRow {
  entity_ref: string;
  kind: string;
  transition_key: string;
  recipient: string;
  notified_at: string;
  snapshot_id: number;
}

/** One occurrence: an entity, a kind and a key. */
export interface NotificationKey {
  entityRef: string;
  kind: string;
  key: string;
}

/** The key as one string, for sets. */
export function notificationKeyText(key: NotificationKey): string {
  return `${key.entityRef}\n${key.kind}\n${key.key}`;
}

/** Rows per query: well within the bind-parameter limits. */
const CHUNK = 500;
/** Rows per insert (six values each). */
const CLAIM_BATCH = 100;

/**
 * `orchestration_notifications`: the occurrences told to owners. Its
 * primary key (entity, kind, key) decides which replica or refresh tells
 * an occurrence: the one whose insert lands.
 */
export class NotificationTable {
  constructor(private readonly db: Knex) {}

  private get table() {
    return this.db<NotificationRow>(NOTIFICATIONS_TABLE);
  }

  /** Which of the occurrences have been told already, as key texts. */
  async told(keys: readonly NotificationKey[]): Promise<Set<string>> {
    const result = new Set<string>();
    const refs = [...new Set(keys.map(k => k.entityRef))];
    for (let i = 0; i < refs.length; i += CHUNK) {
      const rows = await this.table
        .whereIn('entity_ref', refs.slice(i, i + CHUNK))
        .select('entity_ref', 'kind', 'transition_key');
      for (const row of rows) {
        result.add(
          notificationKeyText({
            entityRef: row.entity_ref,
            kind: row.kind,
            key: row.transition_key,
          }),
        );
      }
    }
    return result;
  }

  /**
   * Records an occurrence as told, unless it is already: true when this
   * call inserted it (and its notification is to be sent by the caller).
   */
  async claim(
    key: NotificationKey,
    row: { recipient: string; notifiedAt: string; snapshotId: number },
  ): Promise<boolean> {
    const inserted = await this.table
      .insert({
        entity_ref: key.entityRef,
        kind: key.kind,
        transition_key: key.key,
        recipient: row.recipient,
        notified_at: row.notifiedAt,
        snapshot_id: row.snapshotId,
      })
      .onConflict(['entity_ref', 'kind', 'transition_key'])
      .ignore()
      .returning('entity_ref');
    return inserted.length === 1;
  }

  /**
   * {@link NotificationTable.claim} for many occurrences in one statement
   * per 100: the key texts of those this call inserted.
   */
  async claimMany(
    keys: readonly NotificationKey[],
    row: {
      recipientOf: (key: NotificationKey) => string;
      notifiedAt: string;
      snapshotId: number;
    },
  ): Promise<Set<string>> {
    const claimed = new Set<string>();
    for (let i = 0; i < keys.length; i += CLAIM_BATCH) {
      const inserted: Array<
        Pick<NotificationRow, 'entity_ref' | 'kind' | 'transition_key'>
      > = await this.table
        .insert(
          keys.slice(i, i + CLAIM_BATCH).map(key => ({
            entity_ref: key.entityRef,
            kind: key.kind,
            transition_key: key.key,
            recipient: row.recipientOf(key),
            notified_at: row.notifiedAt,
            snapshot_id: row.snapshotId,
          })),
        )
        .onConflict(['entity_ref', 'kind', 'transition_key'])
        .ignore()
        .returning(['entity_ref', 'kind', 'transition_key']);
      for (const r of inserted) {
        claimed.add(
          notificationKeyText({
            entityRef: r.entity_ref,
            kind: r.kind,
            key: r.transition_key,
          }),
        );
      }
    }
    return claimed;
  }

  /** Forgets an occurrence claimed but not sent, so a later refresh tells it. */
  async release(key: NotificationKey): Promise<void> {
    await this.table
      .where({
        entity_ref: key.entityRef,
        kind: key.kind,
        transition_key: key.key,
      })
      .delete();
  }

  /**
   * Deletes the occurrences that no longer hold: every row told by a run
   * before `runId` whose key is not in `holding` (a row told by a newer
   * run, of another replica, stays). Reads the table a chunk at a time.
   * Returns the rows deleted.
   */
  async forgetAllBut(
    holding: ReadonlySet<string>,
    runId: number,
  ): Promise<number> {
    let deleted = 0;
    type Row = Pick<
      NotificationRow,
      'entity_ref' | 'kind' | 'transition_key' | 'snapshot_id'
    >;
    let after: Row | undefined;
    for (;;) {
      const query = this.table
        .select('entity_ref', 'kind', 'transition_key', 'snapshot_id')
        .orderBy([
          { column: 'entity_ref' },
          { column: 'kind' },
          { column: 'transition_key' },
        ])
        .limit(CHUNK);
      if (after) {
        query.whereRaw('(??, ??, ??) > (?, ?, ?)', [
          'entity_ref',
          'kind',
          'transition_key',
          after.entity_ref,
          after.kind,
          after.transition_key,
        ]);
      }
      const rows: Row[] = await query;
      if (rows.length === 0) break;
      const doomed = rows.filter(
        row =>
          Number(row.snapshot_id) < runId &&
          !holding.has(
            notificationKeyText({
              entityRef: row.entity_ref,
              kind: row.kind,
              key: row.transition_key,
            }),
          ),
      );
      for (let i = 0; i < doomed.length; i += CLAIM_BATCH) {
        deleted += await this.table
          .whereIn(
            ['entity_ref', 'kind', 'transition_key'],
            doomed
              .slice(i, i + CLAIM_BATCH)
              .map(row => [row.entity_ref, row.kind, row.transition_key]),
          )
          .where('snapshot_id', '<', runId)
          .delete();
      }
      if (rows.length < CHUNK) break;
      after = rows[rows.length - 1];
    }
    return deleted;
  }

  /** Every occurrence told, for tests and diagnostics. */
  async list(): Promise<Array<NotificationKey & { recipient: string }>> {
    const rows = await this.table.orderBy([
      { column: 'entity_ref' },
      { column: 'kind' },
      { column: 'transition_key' },
    ]);
    return rows.map(row => ({
      entityRef: row.entity_ref,
      kind: row.kind,
      key: row.transition_key,
      recipient: row.recipient,
    }));
  }
}
