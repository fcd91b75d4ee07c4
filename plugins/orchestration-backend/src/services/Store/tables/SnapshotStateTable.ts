import { Knex } from 'knex';
import { TABLES } from '../rows';
import type { GenerationState, LeaseLimits, RefreshLease } from '../types';

/** The id of the single row. */
const STATE_ID = 1;

interface StateRow {
  id: number;
  current_snapshot_id: number | string | null;
  previous_snapshot_id: number | string | null;
  refresh_run_id: number | string | null;
  refresh_owner: string | null;
  refresh_started_at: string | null;
  refresh_heartbeat_at: string | null;
}

const idOrNull = (value: number | string | null | undefined) =>
  value === null || value === undefined ? null : Number(value);

function stateFromRow(row: StateRow | undefined): GenerationState {
  if (!row) return { current: null, previous: null, lease: null };
  const runId = idOrNull(row.refresh_run_id);
  return {
    current: idOrNull(row.current_snapshot_id),
    previous: idOrNull(row.previous_snapshot_id),
    lease:
      runId === null
        ? null
        : {
            runId,
            owner: row.refresh_owner,
            startedAt: row.refresh_started_at ?? '',
            heartbeatAt: row.refresh_heartbeat_at ?? '',
          },
  };
}

/** The instants before which a lease is abandoned: not renewed since, or started before. */
export function leaseCutoffs(
  now: Date,
  limits: LeaseLimits,
): { staleBefore: string; startedBefore: string } {
  return {
    staleBefore: new Date(now.getTime() - limits.staleAfterMs).toISOString(),
    startedBefore: new Date(now.getTime() - limits.maxRunMs).toISOString(),
  };
}

/** Whether a lease still belongs to a live run at `now`. */
export function isLeaseLive(
  lease: RefreshLease,
  now: Date,
  limits: LeaseLimits,
): boolean {
  const { staleBefore, startedBefore } = leaseCutoffs(now, limits);
  return lease.heartbeatAt >= staleBefore && lease.startedAt >= startedBefore;
}

/**
 * `orchestration_snapshot_state`: one row naming the generation served (and
 * the one before it) and holding the refresh lease. Every change is one
 * conditional UPDATE of that row, which both databases apply atomically, so
 * two instances never both take the lease and a switch is all or nothing.
 */
export class SnapshotStateTable {
  constructor(private readonly db: Knex) {}

  private get table() {
    return this.db<StateRow>(TABLES.snapshotState);
  }

  /** Creates the row when it is missing (the migration creates it). */
  async ensure(): Promise<void> {
    await this.table.insert({ id: STATE_ID }).onConflict('id').ignore();
  }

  async read(): Promise<GenerationState> {
    return stateFromRow(await this.table.where({ id: STATE_ID }).first());
  }

  /**
   * Takes the lease for a run when no live run holds it: nobody holds it, or
   * its holder stopped renewing it, or started too long ago.
   */
  async acquire(
    lease: RefreshLease,
    now: Date,
    limits: LeaseLimits,
  ): Promise<boolean> {
    const { staleBefore, startedBefore } = leaseCutoffs(now, limits);
    const updated = await this.table
      .where({ id: STATE_ID })
      .where(free =>
        free
          .whereNull('refresh_run_id')
          .orWhere('refresh_heartbeat_at', '<', staleBefore)
          .orWhere('refresh_started_at', '<', startedBefore),
      )
      .update({
        refresh_run_id: lease.runId,
        refresh_owner: lease.owner,
        refresh_started_at: lease.startedAt,
        refresh_heartbeat_at: lease.heartbeatAt,
      });
    return updated === 1;
  }

  /** Renews the lease of a run; false when the run no longer holds it. */
  async renew(runId: number, heartbeatAt: string): Promise<boolean> {
    const updated = await this.table
      .where({ id: STATE_ID, refresh_run_id: runId })
      .update({ refresh_heartbeat_at: heartbeatAt });
    return updated === 1;
  }

  /** Gives the lease up; false when the run did not hold it. */
  async release(runId: number): Promise<boolean> {
    const updated = await this.table
      .where({ id: STATE_ID, refresh_run_id: runId })
      .update({
        refresh_run_id: null,
        refresh_owner: null,
        refresh_started_at: null,
        refresh_heartbeat_at: null,
      });
    return updated === 1;
  }

  /**
   * Serves the generation of a run that holds the lease, keeps the one
   * served until now as the previous, and gives the lease up: one UPDATE.
   * False when the run no longer holds the lease.
   */
  async switchTo(runId: number): Promise<boolean> {
    // SET takes the values of the row before the update, so the previous
    // generation becomes the one served until now.
    const updated = await this.db(TABLES.snapshotState)
      .where({ id: STATE_ID, refresh_run_id: runId })
      .update({
        previous_snapshot_id: this.db.ref('current_snapshot_id'),
        current_snapshot_id: runId,
        refresh_run_id: null,
        refresh_owner: null,
        refresh_started_at: null,
        refresh_heartbeat_at: null,
      });
    return updated === 1;
  }
}
