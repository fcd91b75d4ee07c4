import { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  detectTransitions,
  hasNotifiableObligations,
  NotificationSubject,
  notifiableObligations,
  orchestrationTabPath,
  OrchestrationTransition,
  PlatformId,
  ReviewRecord,
} from '@orchestration/plugin-orchestration-common';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import type { NotificationsConfig } from '../config/readNotificationsConfig';
import { TABLES } from '../Store/rows';
import {
  NotificationKey,
  notificationKeyText,
  NotificationTable,
} from '../Store/tables/NotificationTable';
import { ReviewTable } from '../Store/tables/ReviewTable';
import { SnapshotStateTable } from '../Store/tables/SnapshotStateTable';
import type { AssessmentRecord, ClusterRecord } from '../Store/types';

/** The topic of every notification of the plugin. */
export const NOTIFICATION_TOPIC = 'orchestration';

/** How long one notification may take to send before the refresh stops waiting. */
export const SEND_TIMEOUT_MS = 10_000;

/** Rows per query. */
const CHUNK = 500;
/** Occurrences claimed per insert before they are sent. */
const SEND_BATCH = 100;
/** Failed sends in a row after which a refresh stops sending. */
const MAX_FAILURES_IN_A_ROW = 3;
/** Longest scope the notifications backend stores. */
const MAX_SCOPE_LENGTH = 255;

/**
 * The scope of an occurrence's notification: the same occurrence told
 * again (after it resolved) updates the notification instead of adding one.
 * Hashed when the entity ref makes it longer than the backend stores.
 */
export function scopeOf(
  t: Pick<OrchestrationTransition, 'kind' | 'entityRef' | 'key'>,
): string {
  const scope = `orchestration:${t.kind}:${t.entityRef}:${t.key}`;
  if (scope.length <= MAX_SCOPE_LENGTH) return scope;
  return `orchestration:${t.kind}:sha256:${createHash('sha256')
    .update(scope)
    .digest('hex')}`;
}

/** What a refresh told owners. */
export interface NotifyResult {
  /** Occurrences that hold now. */
  holding: number;
  /** Notifications sent by this refresh. */
  sent: number;
  /** Occurrences not told yet, left for the next refresh (over the limit, or after a failure). */
  pending: number;
  /** Occurrences that no longer hold, forgotten. */
  forgotten: number;
}

/**
 * What a refresh keeps while it assesses, for the notifications: only the
 * services and clusters with a critical obligation or a Kubernetes minor
 * near its end of support, each as a small subject.
 */
export class NotificationCollector {
  readonly subjects = new Map<string, NotificationSubject>();

  constructor(
    private readonly now: Date,
    private readonly config: NotificationsConfig,
  ) {}

  cluster(record: ClusterRecord) {
    this.keep(
      {
        entityRef: record.entityRef,
        title: record.title ?? record.name,
        owner: record.owner,
      },
      record.assessment.obligations,
    );
  }

  component(record: AssessmentRecord) {
    const { summary } = record;
    this.keep(
      {
        entityRef: summary.entityRef,
        title: summary.title ?? summary.name,
        owner: summary.owner,
        cluster: record.cluster,
        currentPlatform: summary.currentPlatform,
        recommendedPlatform: summary.recommendedPlatform,
      },
      record.assessment.obligations,
    );
  }

  private keep(
    subject: NotificationSubject,
    all: AssessmentRecord['assessment']['obligations'],
  ) {
    if (!subject.owner) return;
    const obligations = notifiableObligations(all);
    if (
      obligations.length === 0 ||
      !hasNotifiableObligations(obligations, this.now, this.config.thresholds)
    ) {
      return;
    }
    this.subjects.set(subject.entityRef, { ...subject, obligations });
  }
}

interface GenerationRow {
  entity_ref: string;
  name: string;
  title: string | null;
  owner: string | null;
  cluster: string | null;
  current_platform: string | null;
  recommended_platform: string | null;
  before?: string | null;
}

interface StoredReview {
  seq: number | string;
  id: string;
  entity_ref: string;
  decision: string;
  reviewer: string;
  created_at: string;
}

function subjectOfRow(row: GenerationRow): NotificationSubject {
  return {
    entityRef: row.entity_ref,
    title: row.title ?? row.name,
    owner: row.owner,
    cluster: row.cluster,
    currentPlatform:
      row.current_platform as NotificationSubject['currentPlatform'],
    recommendedPlatform: row.recommended_platform as PlatformId | null,
  };
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} took longer than ${ms / 1000} s`)),
      ms,
    );
    timer.unref?.();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Tells the owners of services and clusters, through Backstage's
 * notifications service, what changed for them at each snapshot refresh:
 * see `detectTransitions` for what. Runs after the refresh has published
 * its generation, against the refresh's own `now`, so the time-based ones
 * (an exemption about to end, a due date passed) come even when nothing
 * in the catalog changed.
 *
 * Each occurrence is told once across refreshes and replicas: its row in
 * `orchestration_notifications` is inserted before it is sent, and only
 * the refresh whose insert lands sends it. Occurrences that no longer hold
 * are forgotten, so one that comes back is told again. A failure to send
 * is logged and never fails the refresh; the occurrence is told by a later
 * refresh.
 */
export class OrchestrationNotifier {
  private readonly table: NotificationTable;

  constructor(
    private readonly deps: {
      knex: Knex;
      notifications: NotificationService;
      logger: LoggerService;
      config: NotificationsConfig;
    },
  ) {
    this.table = new NotificationTable(deps.knex);
  }

  /** A collector for one refresh made at `now`. */
  collector(now: Date): NotificationCollector {
    return new NotificationCollector(now, this.deps.config);
  }

  /**
   * Tells what holds after the refresh `runId` published its generation:
   * the obligations the collector kept, changes of recommendation since the
   * generation before, and the reviews with a date.
   */
  async notify(options: {
    runId: number;
    now: Date;
    collector: NotificationCollector;
  }): Promise<NotifyResult> {
    const { runId, now, collector } = options;
    const { config, logger } = this.deps;
    const subjects = new Map(collector.subjects);
    const before = new Map<string, PlatformId>();
    await this.addRecommendationChanges(runId, subjects, before);
    await this.addReviews(runId, now, subjects);

    const transitions: OrchestrationTransition[] = [];
    for (const subject of subjects.values()) {
      const previous = before.get(subject.entityRef);
      transitions.push(
        ...detectTransitions({
          before: previous ? { recommendedPlatform: previous } : null,
          after: subject,
          now,
          thresholds: config.thresholds,
        }),
      );
    }
    const keyOf = (t: OrchestrationTransition): NotificationKey => ({
      entityRef: t.entityRef,
      kind: t.kind,
      key: t.key,
    });
    const holding = new Set(
      transitions.map(t => notificationKeyText(keyOf(t))),
    );
    const told = await this.table.told(transitions.map(keyOf));
    const untold = transitions.filter(
      t => !told.has(notificationKeyText(keyOf(t))),
    );

    let sent = 0;
    let failures = 0;
    let failed = false;
    // Claimed a batch at a time (one insert each), then sent one by one.
    for (let i = 0; i < untold.length && !failed; i += SEND_BATCH) {
      const budget = config.maxPerRefresh - sent;
      if (budget <= 0) break;
      const batch = untold.slice(i, i + Math.min(SEND_BATCH, budget));
      const owners = new Map(
        batch.map(t => [notificationKeyText(keyOf(t)), t.owner]),
      );
      const claimed = await this.table.claimMany(batch.map(keyOf), {
        recipientOf: key => owners.get(notificationKeyText(key))!,
        notifiedAt: now.toISOString(),
        snapshotId: runId,
      });
      // Those not claimed were told meanwhile, by another replica.
      const mine = batch.filter(t =>
        claimed.has(notificationKeyText(keyOf(t))),
      );
      for (let j = 0; j < mine.length; j++) {
        const transition = mine[j];
        try {
          await this.send(transition);
          sent += 1;
          failures = 0;
        } catch (error) {
          // It waits for the next refresh; after a few failures in a row
          // the service is taken as down, and so does the rest of the batch.
          await this.table.release(keyOf(transition));
          failures += 1;
          failed = failures >= MAX_FAILURES_IN_A_ROW;
          if (failed) {
            for (const unsent of mine.slice(j + 1)) {
              await this.table.release(keyOf(unsent));
            }
          }
          logger.warn(
            `Orchestration notifications: could not tell ${
              transition.owner
            } about ${transition.entityRef} (${
              transition.kind
            }); the next refresh tries again. Is @backstage/plugin-notifications-backend installed? ${
              (error as Error)?.message ?? String(error)
            }`,
          );
          if (failed) break;
        }
      }
    }
    const forgotten = await this.table.forgetAllBut(holding, runId);
    const pending = untold.length - sent;
    if (sent > 0 || pending > 0 || forgotten > 0) {
      logger.info(
        `Orchestration snapshot ${runId}: ${sent} notifications sent, ${pending} left for the next refresh, ${forgotten} resolved occurrences forgotten`,
      );
    }
    return { holding: holding.size, sent, pending, forgotten };
  }

  /** Sends one notification, waiting at most {@link SEND_TIMEOUT_MS}. */
  private send(transition: OrchestrationTransition): Promise<void> {
    return withTimeout(
      this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: transition.owner },
        payload: {
          title: transition.title,
          description: transition.description,
          link: orchestrationTabPath(transition.entityRef),
          severity: transition.severity,
          topic: NOTIFICATION_TOPIC,
          scope: scopeOf(transition),
        },
      }),
      SEND_TIMEOUT_MS,
      'Sending the notification',
    );
  }

  /**
   * The Components whose recommended platform differs from the generation
   * served before `runId`, a chunk at a time; none when `runId` is no longer
   * the generation served (a newer refresh published meanwhile).
   */
  private async addRecommendationChanges(
    runId: number,
    subjects: Map<string, NotificationSubject>,
    before: Map<string, PlatformId>,
  ) {
    const { knex } = this.deps;
    const { current, previous } = await new SnapshotStateTable(knex).read();
    if (current !== runId || previous === null) return;
    let after = '';
    for (;;) {
      const rows: GenerationRow[] = await knex(`${TABLES.assessments} as cur`)
        .join(`${TABLES.assessments} as prev`, join =>
          join
            .on('prev.entity_ref', 'cur.entity_ref')
            .andOnVal('prev.snapshot_id', previous),
        )
        .where('cur.snapshot_id', runId)
        .where('cur.entity_ref', '>', after)
        .whereNotNull('cur.recommended_platform')
        .whereNotNull('prev.recommended_platform')
        .whereRaw('?? <> ??', [
          'cur.recommended_platform',
          'prev.recommended_platform',
        ])
        .orderBy('cur.entity_ref')
        .limit(CHUNK)
        .select(
          'cur.entity_ref',
          'cur.name',
          'cur.title',
          'cur.owner',
          'cur.cluster',
          'cur.current_platform',
          'cur.recommended_platform',
          'prev.recommended_platform as before',
        );
      for (const row of rows) {
        const subject = subjects.get(row.entity_ref) ?? subjectOfRow(row);
        subject.recommendedPlatform = row.recommended_platform as PlatformId;
        subjects.set(row.entity_ref, subject);
        before.set(row.entity_ref, row.before as PlatformId);
      }
      if (rows.length < CHUNK) return;
      after = rows[rows.length - 1].entity_ref;
    }
  }

  /**
   * The Components with a migration or an exemption among their reviews, a
   * chunk at a time: their newest review and the decision in force at
   * `now`, with what the generation says of them.
   */
  private async addReviews(
    runId: number,
    now: Date,
    subjects: Map<string, NotificationSubject>,
  ) {
    const { knex } = this.deps;
    const reviews = new ReviewTable(knex);
    let after = '';
    for (;;) {
      const refs: string[] = (
        await knex(TABLES.reviews)
          .distinct('entity_ref')
          .whereIn('decision_kind', ['migrate', 'exempt'])
          .where('entity_ref', '>', after)
          .orderBy('entity_ref')
          .limit(CHUNK)
      ).map((row: { entity_ref: string }) => row.entity_ref);
      if (refs.length === 0) return;
      const [inForce, newest, rows] = await Promise.all([
        reviews.inForceFor(refs, now),
        this.newestReviews(refs),
        knex(TABLES.assessments)
          .where('snapshot_id', runId)
          .whereIn('entity_ref', refs)
          .select(
            'entity_ref',
            'name',
            'title',
            'owner',
            'cluster',
            'current_platform',
            'recommended_platform',
          ) as Promise<GenerationRow[]>,
      ]);
      for (const row of rows) {
        const subject = subjects.get(row.entity_ref) ?? subjectOfRow(row);
        subject.newestReview = newest.get(row.entity_ref) ?? null;
        subject.reviewInForce = inForce.get(row.entity_ref) ?? null;
        subjects.set(row.entity_ref, subject);
      }
      if (refs.length < CHUNK) return;
      after = refs[refs.length - 1];
    }
  }

  /** The newest review of each entity. */
  private async newestReviews(
    refs: string[],
  ): Promise<Map<string, ReviewRecord>> {
    const { knex } = this.deps;
    const rows: StoredReview[] = await knex(TABLES.reviews)
      .whereIn(
        'seq',
        knex(TABLES.reviews)
          .max('seq')
          .whereIn('entity_ref', refs)
          .groupBy('entity_ref'),
      )
      .select('seq', 'id', 'entity_ref', 'decision', 'reviewer', 'created_at');
    const result = new Map<string, ReviewRecord>();
    for (const row of rows) {
      let decision: ReviewRecord['decision'];
      try {
        decision = JSON.parse(row.decision);
      } catch {
        continue;
      }
      const review: ReviewRecord = {
        id: row.id,
        entityRef: row.entity_ref,
        decision,
        reviewer: row.reviewer,
        createdAt: row.created_at,
      };
      result.set(row.entity_ref, review);
    }
    return result;
  }
}
