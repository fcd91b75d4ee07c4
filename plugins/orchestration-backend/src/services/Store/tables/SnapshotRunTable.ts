import { Knex } from 'knex';
import { TABLES } from '../rows';
import type { SnapshotRecord } from '../types';

/** Longest failure reason kept. */
const MAX_ERROR_LENGTH = 4000;

interface SnapshotRow {
  id: number | string;
  started_at: string;
  completed_at: string | null;
  status: SnapshotRecord['status'];
  entity_count: number | string;
  error: string | null;
  components: number | string | null;
  annotated: number | string | null;
}

export function snapshotFromRow(row: SnapshotRow): SnapshotRecord {
  const counted =
    row.components !== null &&
    row.components !== undefined &&
    row.annotated !== null &&
    row.annotated !== undefined;
  return {
    id: Number(row.id),
    startedAt: row.started_at,
    completedAt: row.completed_at ?? null,
    status: row.status,
    entityCount: Number(row.entity_count),
    error: row.error ?? null,
    coverage: counted
      ? { annotated: Number(row.annotated), components: Number(row.components) }
      : null,
  };
}

/** `orchestration_snapshots`: every run of the refresh. */
export class SnapshotRunTable {
  constructor(private readonly db: Knex) {}

  private get table() {
    return this.db<SnapshotRow>(TABLES.snapshots);
  }

  /** Records a run that starts now. */
  async insertRunning(startedAt: string): Promise<number> {
    const [row] = await this.table
      .insert({ started_at: startedAt, status: 'running', entity_count: 0 })
      .returning('id');
    return Number(typeof row === 'object' ? row.id : row);
  }

  async get(id: number): Promise<SnapshotRecord | undefined> {
    const row = await this.table.where({ id }).first();
    return row ? snapshotFromRow(row) : undefined;
  }

  /** The runs with these ids, and the newest run of any status, in one query. */
  async withIdsAndNewest(ids: number[]): Promise<{
    runs: Map<number, SnapshotRecord>;
    newest?: SnapshotRecord;
  }> {
    const rows: SnapshotRow[] = await this.table
      .whereIn('id', this.db(TABLES.snapshots).max('id'))
      .orWhereIn('id', ids);
    const records = rows.map(snapshotFromRow).sort((a, b) => b.id - a.id);
    return {
      runs: new Map(records.map(r => [r.id, r])),
      newest: records[0],
    };
  }

  /**
   * In one statement: the generations served now and before it (from the
   * state row), the run of a generation (by default the one served) and the
   * newest run of any status.
   */
  async generationAndNewest(generation?: number): Promise<{
    current: number | null;
    previous: number | null;
    run?: SnapshotRecord;
    newest?: SnapshotRecord;
  }> {
    const rows: Array<
      SnapshotRow & {
        state_current: number | string | null;
        state_previous: number | string | null;
      }
    > = await this.db(`${TABLES.snapshotState} as state`)
      .leftJoin(`${TABLES.snapshots} as run`, join =>
        join
          .on(
            'run.id',
            '=',
            generation === undefined
              ? 'state.current_snapshot_id'
              : this.db.raw('?', [generation]),
          )
          .orOn(
            'run.id',
            '=',
            this.db.raw(`(SELECT MAX(id) FROM ${TABLES.snapshots})`),
          ),
      )
      .where('state.id', 1)
      .select(
        'run.*',
        'state.current_snapshot_id as state_current',
        'state.previous_snapshot_id as state_previous',
      );
    const id = (value: number | string | null | undefined) =>
      value === null || value === undefined ? null : Number(value);
    const current = id(rows[0]?.state_current);
    const wanted = generation ?? current;
    const runs = rows
      .filter(row => row.id !== null && row.id !== undefined)
      .map(snapshotFromRow)
      .sort((a, b) => b.id - a.id);
    return {
      current,
      previous: id(rows[0]?.state_previous),
      run: runs.find(run => run.id === wanted),
      newest: runs[0],
    };
  }

  async newest(): Promise<SnapshotRecord | undefined> {
    const row = await this.table.orderBy('id', 'desc').first();
    return row ? snapshotFromRow(row) : undefined;
  }

  async newestWithStatus(
    status: SnapshotRecord['status'],
  ): Promise<SnapshotRecord | undefined> {
    const row = await this.table
      .where({ status })
      .orderBy('id', 'desc')
      .first();
    return row ? snapshotFromRow(row) : undefined;
  }

  /** The newest failed run with an id above `afterId`. */
  async newestFailedAfter(
    afterId: number,
  ): Promise<SnapshotRecord | undefined> {
    const row = await this.table
      .where('status', 'failed')
      .andWhere('id', '>', afterId)
      .orderBy('id', 'desc')
      .first();
    return row ? snapshotFromRow(row) : undefined;
  }

  /** Every run still marked running. */
  async running(): Promise<SnapshotRecord[]> {
    const rows = await this.table.where({ status: 'running' }).orderBy('id');
    return rows.map(snapshotFromRow);
  }

  /** Marks a running run complete; 0 when it is no longer running. */
  async complete(
    id: number,
    outcome: Pick<SnapshotRecord, 'entityCount' | 'coverage'> & {
      completedAt: string;
    },
  ): Promise<number> {
    return this.table.where({ id, status: 'running' }).update({
      status: 'complete',
      entity_count: outcome.entityCount,
      completed_at: outcome.completedAt,
      components: outcome.coverage?.components ?? null,
      annotated: outcome.coverage?.annotated ?? null,
    });
  }

  /** Marks a running run failed; 0 when it is no longer running. */
  async fail(id: number, error: string, completedAt: string): Promise<number> {
    return this.table.where({ id, status: 'running' }).update({
      status: 'failed',
      error: error.slice(0, MAX_ERROR_LENGTH),
      completed_at: completedAt,
    });
  }

  /**
   * Deletes finished runs that started before the cut-off, except the ones
   * given (the generations still stored).
   */
  async prune(before: string, keep: number[]): Promise<number> {
    return this.table
      .where('started_at', '<', before)
      .whereNot('status', 'running')
      .whereNotIn('id', keep.length ? keep : [-1])
      .delete();
  }
}
