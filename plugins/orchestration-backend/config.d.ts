/*
 * Copyright 2026 The Orchestration Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Orchestration plugins. */
  orchestration?: {
    /** The stored snapshot of all assessments. */
    snapshot?: {
      /**
       * How often the snapshot is refreshed from the catalog, e.g.
       * `{ frequency: { minutes: 30 }, timeout: { minutes: 10 } }` or
       * `{ frequency: { cron: '0 * * * *' } }`. Default: every 30 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Which Components are assessed: `annotated` (any `orchestration.io/`
       * annotation, the default) or `all`.
       */
      include?: 'annotated' | 'all';
      /** Entities requested per catalog page. Default 500. */
      pageSize?: number;
      /**
       * The lease a refresh holds in the database, so that one refresh runs
       * at a time across instances. Durations as Backstage durations
       * (`10s`, `PT10S`, `{ seconds: 10 }`) or milliseconds; checked at
       * start-up.
       */
      lease?: {
        /** How often a running refresh renews its lease, 1 s to 10 min. Default 10 seconds. */
        heartbeat?: string | number | HumanDuration;
        /**
         * A lease not renewed for this long belongs to a stopped instance,
         * whose run is failed and whose lease another instance may take;
         * at least twice `heartbeat`, 2 s to 1 hour. Default 1 minute.
         */
        staleAfter?: string | number | HumanDuration;
        /**
         * A run that started longer ago than this is treated as dead even
         * while it renews its lease; longer than `staleAfter`, 1 minute to
         * 1 day. Default 1 hour.
         */
        maxRun?: string | number | HumanDuration;
      };
    };
    /** Assessment history. */
    history?: {
      /** Days to keep history entries and snapshot records. Default 365. */
      retentionDays?: number;
      /** How often old history is pruned. Default: daily. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** Calls to the catalog. */
    catalog?: {
      /**
       * How long a single catalog call (a page of a query, an entity, a set
       * of entities) may take. A call that gets no answer in time fails: the
       * request answers 503 and a snapshot refresh fails, marking the
       * snapshot stale. A Backstage duration (`10s`, `PT10S`,
       * `{ seconds: 10 }`) or milliseconds, between 1 ms and 1 hour.
       * Default 10 seconds. The app's permission policy reads it too, for
       * its platform-team lookup.
       */
      timeout?: string | number | HumanDuration;
    };
    /** The REST API. */
    api?: {
      /** Check every response against the OpenAPI document (for development and tests). Default false. */
      validateResponses?: boolean;
    };
    /**
     * Group entity refs treated as platform teams, in addition to Groups
     * annotated `orchestration.io/platform-team: "true"`.
     */
    platformTeams?: string[];
    /** Thresholds of the rules and obligations. */
    thresholds?: {
      smallTeamSize?: number;
      /** A duration such as `15m`, or minutes. */
      recoveryPointObjective?: string | number;
      certificateWarningDays?: number;
      certificateCriticalDays?: number;
      nearTieMargin?: number;
      /** Points the recommendation must lead the current platform by to propose a move (default 20). */
      migrationMargin?: number;
      /** Lead, in points, below which a recommendation is at most `medium` confidence (default 10). */
      confidentLead?: number;
      /** Days before the end of EKS extended support from which upgrades are critical (default 60). */
      eksExtendedSupportCriticalDays?: number;
      staleKnowledgeDays?: number;
      upgradeWarningDays?: number;
      podIpWarningPercent?: number;
      podIpCriticalPercent?: number;
      etcdBackupStaleFactor?: number;
      goodFit?: number;
      possibleFit?: number;
    };
    /** Fit each platform starts from, by platform id. */
    baseFit?: { [platform: string]: number };
    /** Points per rule id and platform id. */
    weights?: { [rule: string]: { [platform: string]: number } };
    /** Rows to add to or replace in the knowledge base (Kubernetes and EKS releases, Fargate limits and task sizes, prices, people-cost figures). */
    knowledgeBase?: object;
    /**
     * How monthly costs are estimated: region, architecture, default replicas,
     * packing efficiency, instance types, nodes, services per cluster,
     * engineer hourly rate and people hours per obligation. See the common
     * package's `OrchestrationCostOptions`.
     */
    cost?: object;
    /**
     * Notifications to the owner of a service or cluster, through Backstage's
     * notifications service (`@backstage/plugin-notifications-backend` must
     * run in the backend; without it sending fails, is logged, and the
     * refresh goes on). Each occurrence is told once, after the snapshot
     * refresh that finds it; checked at start-up.
     */
    notifications?: {
      /** False: nobody is told anything. Default true. */
      enabled?: boolean;
      /** Days before the end of support of a running Kubernetes minor from which owners hear of it, 1 to 3650. Default 60. */
      endOfSupportDays?: number;
      /** Days before an exemption ends from which owners hear of it, 1 to 3650. Default 14. */
      exemptionExpiryDays?: number;
      /** Most notifications one refresh sends, 1 to 100000; the rest wait for the next refresh. Default 1000. */
      maxPerRefresh?: number;
      /** A switch per kind of notification, all on by default. */
      kinds?: {
        /** An obligation of a cluster, or of the cluster a service runs on, turns critical. */
        'obligation-critical'?: boolean;
        /** The running Kubernetes minor is within `endOfSupportDays` of its end of support, or past it. */
        'end-of-support'?: boolean;
        /** The due date of the migration in force has passed and the service has not moved. */
        'migration-overdue'?: boolean;
        /** The exemption in force ends within `exemptionExpiryDays`. */
        'exemption-expiring'?: boolean;
        /** The newest decision is an exemption that has ended. */
        'exemption-expired'?: boolean;
        /** The recommended platform differs from the previous snapshot's. */
        'recommendation-changed'?: boolean;
      };
    };
    /** Facts about clusters reported by automation (`POST /v1/clusters/{namespace}/{name}/facts`). */
    clusterFacts?: {
      /**
       * How long a reported fact is trusted, by cluster annotation name
       * without `orchestration.io/` (e.g. `etcd-last-backup`): a duration
       * such as `2h` or `7d`, or minutes; at most 366 days. An older report
       * is stale: it is not used and the checks that need it are unknown.
       * Defaults: `etcd-last-backup` and `pod-ip-capacity` 1d;
       * `kubernetes-version`, `oldest-node-version`, `etcd-members` and
       * `cert-expiry` 7d; the others 30d.
       */
      freshness?: { [name: string]: string | number };
      /**
       * How much history of reported facts is kept. Older reports are
       * removed each time a report arrives (for its cluster) and by the
       * daily clean-up (for every cluster).
       */
      retention?: {
        /**
         * Most reports kept per cluster and fact, the newest observed:
         * 1 to 10000. Default 100.
         */
        maxReportsPerFact?: number;
        /**
         * Reports observed longer ago are removed, except the newest of each
         * cluster and fact, so a reporter that stopped still shows as stale
         * instead of the annotation taking over again. A duration (`90d`,
         * `P30D`, `{ days: 90 }`) between 1 hour and 3660 days. Default 90d.
         */
        maxAge?: string | number | HumanDuration;
      };
    };
  };
}
