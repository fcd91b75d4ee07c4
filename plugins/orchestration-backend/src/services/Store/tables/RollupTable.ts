import {
  decisionInForce,
  OBLIGATION_STATUS_URGENCY,
  ReviewRecord,
  ROLLUP_MAX_ITEMS,
  RollupKind,
} from '@orchestration/plugin-orchestration-common';
import { Knex } from 'knex';
import { INSERT_BATCH, TABLES } from '../rows';
import type { RowCondition } from '../types';
import { reviewFromRow, ReviewRow } from './ReviewTable';

/** Tables of the roll-ups, one generation per refresh like the assessments. */
export const ROLLUP_TABLES = {
  groupTree: 'orchestration_group_tree',
  coverage: 'orchestration_coverage',
};

/** The Groups listed in the scope of a Group's roll-up; the rest are counted. */
export const ROLLUP_MAX_SCOPE = 50;

/** Components of one owner and System in a generation: all, and the annotated ones. */
export interface CoverageCount {
  owner: string | null;
  system: string | null;
  components: number;
  annotated: number;
}

/** A Group and one of the Groups counted in its roll-up (itself at depth 0). */
export interface GroupTreeEntry {
  groupRef: string;
  memberRef: string;
  depth: number;
}

/** A service row of a roll-up, as read. */
export interface RollupServiceRow {
  entity_ref: string;
  name: string;
  title: string | null;
  owner: string | null;
}

export interface RollupMigrationRow extends RollupServiceRow {
  migration_from: string;
  migration_to: string;
  migration_effort: string | null;
  fit: number | null;
  inForce: ReviewRecord | null;
}

export interface RollupObligationRow extends RollupServiceRow {
  obligation_status: string;
  next_due: string | null;
  /** The stored assessment (JSON), for the obligation's title. */
  assessment: string;
}

/** Services of a roll-up counted by platform and obligation status. */
export interface RollupCount {
  currentPlatform: string | null;
  recommendedPlatform: string | null;
  obligationStatus: string | null;
  services: number;
  migrations: number;
}

/** What one roll-up query read, all from the generation served. */
export interface RollupRead {
  /** The generation read; null before the first refresh completed. */
  generation: number | null;
  /** Whether the generation knows the Group (as a Group) or the System (from its Components). */
  known: boolean;
  scope: { entityRefs: string[]; total: number };
  counts: RollupCount[];
  migrations: RollupMigrationRow[];
  obligations: RollupObligationRow[];
  coverage: { components: number; annotated: number } | null;
  /** Whether the generation counted Components at all (generations written before the roll-ups did not). */
  coverageCounted: boolean;
}

/** The columns every part of the roll-up query answers, with their SQL type. */
const COLUMNS = {
  section: 'TEXT',
  entity_ref: 'TEXT',
  name: 'TEXT',
  title: 'TEXT',
  owner: 'TEXT',
  current_platform: 'TEXT',
  recommended_platform: 'TEXT',
  obligation_status: 'TEXT',
  migration_from: 'TEXT',
  migration_to: 'TEXT',
  migration_effort: 'TEXT',
  next_due: 'TEXT',
  assessment: 'TEXT',
  fit: 'INTEGER',
  n: 'INTEGER',
  m: 'INTEGER',
  r_seq: 'INTEGER',
  r_id: 'TEXT',
  r_entity_ref: 'TEXT',
  r_decision_kind: 'TEXT',
  r_decision: 'TEXT',
  r_reviewer: 'TEXT',
  r_created_at: 'TEXT',
  r_assessed_at: 'TEXT',
} as const;
type Column = keyof typeof COLUMNS;

/** The select list of one part: the SQL given for some columns, typed NULLs for the others. */
function selectList(
  db: Knex,
  section: string,
  values: Partial<Record<Exclude<Column, 'section'>, string>>,
): Knex.Raw[] {
  return (Object.keys(COLUMNS) as Column[]).map(column => {
    if (column === 'section') return db.raw(`'${section}' AS section`);
    const sql = values[column];
    return db.raw(
      sql
        ? `${sql} AS ${column}`
        : `CAST(NULL AS ${COLUMNS[column]}) AS ${column}`,
    );
  });
}

/** Compares as SQL compares text columns here (by code unit). */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

const numberOf = (value: unknown): number =>
  value === null || value === undefined ? 0 : Number(value);

/**
 * `orchestration_group_tree` and `orchestration_coverage`, and the roll-up
 * of a Group or System: one query over the generation served.
 */
export class RollupTable {
  constructor(private readonly db: Knex) {}

  /** Writes the Group tree and the coverage counts of a generation. */
  async insert(
    generation: number,
    data: { tree: GroupTreeEntry[]; coverage: CoverageCount[] },
  ) {
    const tree = data.tree.map(entry => ({
      snapshot_id: generation,
      group_ref: entry.groupRef,
      member_ref: entry.memberRef,
      depth: entry.depth,
    }));
    for (let i = 0; i < tree.length; i += INSERT_BATCH) {
      await this.db(ROLLUP_TABLES.groupTree)
        .insert(tree.slice(i, i + INSERT_BATCH))
        .onConflict(['snapshot_id', 'group_ref', 'member_ref'])
        .ignore();
    }
    const coverage = data.coverage.map(count => ({
      snapshot_id: generation,
      kind: 'component',
      owner: count.owner,
      system: count.system,
      components: count.components,
      annotated: count.annotated,
    }));
    for (let i = 0; i < coverage.length; i += INSERT_BATCH) {
      await this.db(ROLLUP_TABLES.coverage).insert(
        coverage.slice(i, i + INSERT_BATCH),
      );
    }
  }

  /** Deletes the rows of one generation. */
  async deleteGeneration(generation: number) {
    for (const table of Object.values(ROLLUP_TABLES)) {
      await this.db(table).where('snapshot_id', generation).delete();
    }
  }

  /** Deletes the rows of every generation older than the given one. */
  async deleteGenerationsBefore(generation: number) {
    for (const table of Object.values(ROLLUP_TABLES)) {
      await this.db(table).where('snapshot_id', '<', generation).delete();
    }
  }

  /**
   * The roll-up of a Group (its services and its sub-groups') or a System
   * (its Components') in the generation served, in ONE statement, so every
   * part reads the same generation: the services counted by platform and
   * obligation status, the first open migrations (best fit first) with the
   * decision in force at `now`, the first services with a critical or
   * warning obligation, the coverage, and the Groups in scope. Rows and
   * coverage are narrowed by the read condition, as the list is.
   */
  async read(
    kind: RollupKind,
    entityRef: string,
    options: { condition?: RowCondition; now: Date },
  ): Promise<RollupRead> {
    const { db } = this;
    const { condition, now } = options;
    const served = () => db.select('id').from('rollup_served');
    const inScope = (builder: Knex.QueryBuilder) => {
      if (kind === 'group') {
        builder.where(q =>
          q
            .where('owner', entityRef)
            .orWhereIn('owner', db.select('member_ref').from('rollup_members')),
        );
      } else {
        builder.where('system', entityRef);
      }
    };

    const rows = db(TABLES.assessments)
      .select(
        'entity_ref',
        'name',
        'title',
        'owner',
        'current_platform',
        'recommended_platform',
        'obligation_status',
        'obligation_rank',
        'migration_from',
        'migration_to',
        'migration_effort',
        'fit',
        'next_due',
      )
      .where('snapshot_id', served());
    inScope(rows);
    if (condition) rows.where(condition);

    const coverage = db(ROLLUP_TABLES.coverage)
      .select(
        selectList(db, 'coverage', {
          n: 'SUM(components)',
          m: 'SUM(annotated)',
          fit: 'COUNT(*)',
        }),
      )
      .where('snapshot_id', served());
    inScope(coverage);
    if (condition) coverage.where(condition);

    const query = db
      .with('rollup_served', q =>
        q
          .select('current_snapshot_id as id')
          .from(TABLES.snapshotState)
          .where('id', 1),
      )
      .with('rollup_members', q => {
        q.select('member_ref', 'depth')
          .from(ROLLUP_TABLES.groupTree)
          .where('snapshot_id', served());
        // A System has no Groups in scope.
        if (kind === 'group') q.where('group_ref', entityRef);
        else q.whereRaw('1 = 0');
      })
      .with('rollup_rows', rows)
      .select('*')
      // Each part is a subquery: a UNION takes no GROUP BY, ORDER BY or
      // LIMIT of its own parts on SQLite.
      .from(
        db
          .select(
            selectList(db, 'counts', {
              current_platform: 'current_platform',
              recommended_platform: 'recommended_platform',
              obligation_status: 'obligation_status',
              n: 'COUNT(*)',
              m: 'SUM(CASE WHEN migration_to IS NOT NULL THEN 1 ELSE 0 END)',
            }),
          )
          .from('rollup_rows')
          .groupBy(
            'current_platform',
            'recommended_platform',
            'obligation_status',
          )
          .as('rollup_counts'),
      )
      .unionAll([
        db.select('*').from(
          db
            .select(
              selectList(db, 'migration', {
                entity_ref: 'a.entity_ref',
                name: 'a.name',
                title: 'a.title',
                owner: 'a.owner',
                migration_from: 'a.migration_from',
                migration_to: 'a.migration_to',
                migration_effort: 'a.migration_effort',
                fit: 'a.fit',
                r_seq: 'r.seq',
                r_id: 'r.id',
                r_entity_ref: 'r.entity_ref',
                r_decision_kind: 'r.decision_kind',
                r_decision: 'r.decision',
                r_reviewer: 'r.reviewer',
                r_created_at: 'r.created_at',
                r_assessed_at: 'r.assessed_at',
              }),
            )
            .from('rollup_rows as a')
            // The newest review that may be in force (see ReviewTable.notExpired).
            .joinRaw(
              `LEFT JOIN ${TABLES.reviews} AS r ON r.seq = (SELECT MAX(r2.seq) FROM ${TABLES.reviews} AS r2 WHERE r2.entity_ref = a.entity_ref AND (r2.decision_kind <> ? OR r2.expires_on IS NULL OR r2.expires_on > ?))`,
              ['exempt', now.toISOString().slice(0, 10)],
            )
            .whereNotNull('a.migration_to')
            .orderByRaw('COALESCE(a.fit, -1) DESC')
            .orderBy('a.entity_ref', 'asc')
            .limit(ROLLUP_MAX_ITEMS)
            .as('rollup_migrations'),
        ),
        db.select('*').from(
          db
            .select(
              selectList(db, 'obligation', {
                entity_ref: 'o.entity_ref',
                name: 'o.name',
                title: 'o.title',
                owner: 'o.owner',
                obligation_status: 'o.obligation_status',
                next_due: 'o.next_due',
                assessment: 'a.assessment',
              }),
            )
            .from('rollup_rows as o')
            // The stored assessment of these few rows only.
            .join(`${TABLES.assessments} as a`, join =>
              join
                .on('a.entity_ref', 'o.entity_ref')
                .andOn(
                  'a.snapshot_id',
                  '=',
                  db.raw('(SELECT id FROM rollup_served)'),
                ),
            )
            .where('o.obligation_rank', '>=', OBLIGATION_STATUS_URGENCY.warning)
            .orderBy('o.obligation_rank', 'desc')
            .orderByRaw("COALESCE(o.next_due, '9999-12-31') ASC")
            .orderBy('o.entity_ref', 'asc')
            .limit(ROLLUP_MAX_ITEMS)
            .as('rollup_obligations'),
        ),
        db.select('*').from(
          db
            .select(
              selectList(db, 'scope', {
                entity_ref: 'member_ref',
                n: 'depth',
              }),
            )
            .from('rollup_members')
            .orderBy('depth', 'asc')
            .orderBy('member_ref', 'asc')
            .limit(ROLLUP_MAX_SCOPE)
            .as('rollup_scope'),
        ),
        db
          .select(selectList(db, 'known', { n: 'COUNT(*)' }))
          .from(
            kind === 'group'
              ? db.select('member_ref').from('rollup_members').as('k')
              : db
                  .select('system')
                  .from(ROLLUP_TABLES.coverage)
                  .where('snapshot_id', served())
                  .where('system', entityRef)
                  .as('k'),
          ),
        coverage,
        db
          .select(selectList(db, 'counted', { n: 'COUNT(*)' }))
          .from(
            db
              .select('id')
              .from(ROLLUP_TABLES.coverage)
              .where('snapshot_id', served())
              .limit(1)
              .as('c'),
          ),
        db
          .select(selectList(db, 'generation', { n: 'id' }))
          .from('rollup_served'),
      ]);

    const result: RollupRead = {
      generation: null,
      known: false,
      scope: { entityRefs: [], total: 0 },
      counts: [],
      migrations: [],
      obligations: [],
      coverage: null,
      coverageCounted: false,
    };
    const scope: { entityRef: string; depth: number }[] = [];
    for (const row of (await query) as Record<Column, any>[]) {
      switch (row.section) {
        case 'counts':
          result.counts.push({
            currentPlatform: row.current_platform ?? null,
            recommendedPlatform: row.recommended_platform ?? null,
            obligationStatus: row.obligation_status ?? null,
            services: numberOf(row.n),
            migrations: numberOf(row.m),
          });
          break;
        case 'migration': {
          let inForce: ReviewRecord | null = null;
          if (row.r_id !== null && row.r_id !== undefined) {
            inForce = decisionInForce(
              [
                reviewFromRow({
                  seq: row.r_seq,
                  id: row.r_id,
                  entity_ref: row.r_entity_ref,
                  decision_kind: row.r_decision_kind,
                  decision: row.r_decision,
                  reviewer: row.r_reviewer,
                  created_at: row.r_created_at,
                  assessed_at: row.r_assessed_at,
                } as ReviewRow),
              ],
              now,
            );
          }
          result.migrations.push({
            entity_ref: row.entity_ref,
            name: row.name,
            title: row.title ?? null,
            owner: row.owner ?? null,
            migration_from: row.migration_from,
            migration_to: row.migration_to,
            migration_effort: row.migration_effort ?? null,
            fit:
              row.fit === null || row.fit === undefined
                ? null
                : Number(row.fit),
            inForce,
          });
          break;
        }
        case 'obligation':
          result.obligations.push({
            entity_ref: row.entity_ref,
            name: row.name,
            title: row.title ?? null,
            owner: row.owner ?? null,
            obligation_status: row.obligation_status,
            next_due: row.next_due ?? null,
            assessment: row.assessment,
          });
          break;
        case 'scope':
          scope.push({ entityRef: row.entity_ref, depth: numberOf(row.n) });
          break;
        case 'known':
          result.known = numberOf(row.n) > 0;
          if (kind === 'group') result.scope.total = numberOf(row.n);
          break;
        case 'coverage':
          result.coverage =
            numberOf(row.fit) > 0
              ? { components: numberOf(row.n), annotated: numberOf(row.m) }
              : null;
          break;
        case 'counted':
          result.coverageCounted = numberOf(row.n) > 0;
          break;
        case 'generation':
          result.generation =
            row.n === null || row.n === undefined ? null : Number(row.n);
          break;
        default:
          break;
      }
    }
    // Sorted here as well: the order of the rows of a UNION is not given.
    result.scope.entityRefs = scope
      .sort(
        (a, b) => a.depth - b.depth || compareText(a.entityRef, b.entityRef),
      )
      .map(entry => entry.entityRef);
    result.migrations.sort(
      (a, b) =>
        (b.fit ?? -1) - (a.fit ?? -1) ||
        compareText(a.entity_ref, b.entity_ref),
    );
    const rank = (status: string) =>
      OBLIGATION_STATUS_URGENCY[
        status as keyof typeof OBLIGATION_STATUS_URGENCY
      ] ?? 0;
    result.obligations.sort(
      (a, b) =>
        rank(b.obligation_status) - rank(a.obligation_status) ||
        compareText(a.next_due ?? '9999-12-31', b.next_due ?? '9999-12-31') ||
        compareText(a.entity_ref, b.entity_ref),
    );
    return result;
  }
}
