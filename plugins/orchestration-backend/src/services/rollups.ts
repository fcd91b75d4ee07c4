import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  Assessment,
  MIGRATION_EFFORTS,
  MigrationEffort,
  Obligation,
  OBLIGATION_STATUS_URGENCY,
  ObligationStatus,
  ROLLUP_KINDS,
  RollupKind,
  RollupMigration,
  RollupObligation,
  RollupResponse,
  SnapshotInfo,
} from '@orchestration/plugin-orchestration-common';
import { entityRefFromPath } from '../lib/entityRefs';
import type { AccessControl } from './Access';
import type { CatalogReader } from './CatalogReader';
import type { SnapshotService } from './SnapshotService';
import type { OrchestrationStore, RowCondition } from './Store';
import { RollupRead } from './Store/tables/RollupTable';

/**
 * The entity ref of a roll-up's path, of a Group or a System; any other kind
 * is a 400 naming the kinds that have one.
 */
export function rollupRefFromPath(params: {
  kind?: string;
  namespace?: string;
  name?: string;
}): { kind: RollupKind; entityRef: string } {
  const entityRef = entityRefFromPath(params);
  const kind = entityRef.slice(0, entityRef.indexOf(':'));
  if (!(ROLLUP_KINDS as readonly string[]).includes(kind)) {
    throw new InputError(
      `Roll-ups are made for Groups and Systems; got kind '${params.kind}', use group or system`,
    );
  }
  return { kind: kind as RollupKind, entityRef };
}

/**
 * The most urgent obligation that applies (not a hypothetical one), the
 * soonest due first among equally urgent ones.
 */
function mostUrgentObligation(
  assessmentJson: string,
): RollupObligation['obligation'] {
  let obligations: Obligation[];
  try {
    obligations = (JSON.parse(assessmentJson) as Assessment).obligations ?? [];
  } catch {
    return null;
  }
  let best: Obligation | undefined;
  const rank = (o: Obligation) => OBLIGATION_STATUS_URGENCY[o.status] ?? 0;
  const due = (o: Obligation) => o.due ?? '9999-12-31';
  for (const obligation of obligations) {
    if (obligation.hypothetical) continue;
    if (
      !best ||
      rank(obligation) > rank(best) ||
      (rank(obligation) === rank(best) && due(obligation) < due(best))
    ) {
      best = obligation;
    }
  }
  return best
    ? { id: best.id, title: best.title, status: best.status, due: best.due }
    : null;
}

function add(counts: Record<string, number>, key: string | null, n: number) {
  const name = key ?? 'unknown';
  counts[name] = (counts[name] ?? 0) + n;
}

/** The response made of what the roll-up query read. */
export function rollupResponse(
  kind: RollupKind,
  entityRef: string,
  read: RollupRead,
  snapshot: SnapshotInfo,
): RollupResponse {
  const byCurrentPlatform: Record<string, number> = {};
  const byRecommendedPlatform: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  let totalServices = 0;
  let migrationTotal = 0;
  for (const count of read.counts) {
    totalServices += count.services;
    migrationTotal += count.migrations;
    add(byCurrentPlatform, count.currentPlatform, count.services);
    add(byRecommendedPlatform, count.recommendedPlatform, count.services);
    add(byStatus, count.obligationStatus, count.services);
  }
  const migrations: RollupMigration[] = read.migrations.map(row => ({
    entityRef: row.entity_ref,
    name: row.name,
    title: row.title,
    owner: row.owner,
    from: row.migration_from,
    to: row.migration_to,
    effort: (MIGRATION_EFFORTS as readonly unknown[]).includes(
      row.migration_effort,
    )
      ? (row.migration_effort as MigrationEffort)
      : null,
    fit: row.fit,
    inForce: row.inForce,
  }));
  const obligations: RollupObligation[] = read.obligations.map(row => ({
    entityRef: row.entity_ref,
    name: row.name,
    title: row.title,
    owner: row.owner,
    status: row.obligation_status as ObligationStatus,
    obligation: mostUrgentObligation(row.assessment),
    nextDue: row.next_due,
  }));
  return {
    entityRef,
    kind,
    scope:
      kind === 'group'
        ? {
            // A Group created since the refresh is in scope all the same.
            entityRefs: read.scope.entityRefs.length
              ? read.scope.entityRefs
              : [entityRef],
            total: Math.max(1, read.scope.total),
          }
        : { entityRefs: [entityRef], total: 1 },
    totalServices,
    byCurrentPlatform,
    byRecommendedPlatform,
    migrations: { total: migrationTotal, items: migrations },
    obligations: { byStatus, items: obligations },
    // No Component in scope, in a generation whose refresh counted them.
    coverage:
      read.coverage ??
      (read.coverageCounted ? { components: 0, annotated: 0 } : null),
    snapshot,
  };
}

/**
 * The roll-up of a Group or System for the caller: read in one query from
 * the generation served, narrowed by the caller's read permission as the
 * list is (a condition on owner or kind in SQL; a decision per service on
 * the services listed), a 403 when the caller may read no assessment, and a
 * 404 when neither the snapshot nor the catalog knows the entity.
 */
export async function readRollup(
  deps: {
    store: OrchestrationStore;
    reader: CatalogReader;
    snapshots: SnapshotService;
    access: AccessControl;
  },
  kind: RollupKind,
  entityRef: string,
  credentials: BackstageCredentials,
  now: Date = new Date(),
): Promise<RollupResponse> {
  const scope = await deps.access.readScope(credentials);
  if (scope.type === 'none') {
    throw new NotAllowedError(
      `You are not allowed to read Orchestration assessments, so there is no roll-up of ${entityRef}`,
    );
  }
  const condition: RowCondition | undefined =
    scope.type === 'sql' ? scope.condition : undefined;
  const read = await deps.store.rollups.read(kind, entityRef, {
    condition,
    now,
  });
  if (!read.known) {
    // Not in the snapshot served: a Group or System added since, or none.
    const entity = await deps.reader.getEntity(entityRef, credentials);
    if (!entity) {
      throw new NotFoundError(
        `No ${kind} ${entityRef} in the catalog; check the kind, namespace and name`,
      );
    }
  }
  if (scope.type === 'per-item') {
    const [migrations, obligations] = await Promise.all([
      deps.access.filterReadable(
        read.migrations.map(row => ({ ...row, entityRef: row.entity_ref })),
        credentials,
      ),
      deps.access.filterReadable(
        read.obligations.map(row => ({ ...row, entityRef: row.entity_ref })),
        credentials,
      ),
    ]);
    read.migrations = migrations;
    read.obligations = obligations;
  }
  const run =
    read.generation === null
      ? null
      : (await deps.store.getSnapshotRun(read.generation)) ?? null;
  const { info } = await deps.snapshots.state(run);
  return rollupResponse(kind, entityRef, read, info);
}
