import {
  ANNOTATION_CONTROL_PLANE,
  ANNOTATION_PROVISIONER,
  ControlPlaneKind,
  ORCHESTRATION_ANNOTATION_PREFIX,
} from '../../annotations';
import { isReportableClusterFactKey } from '../../clusterFacts/keys';
import {
  FactSources,
  ReportedFact,
  formatLimit,
  reportedProvenance,
} from '../../clusterFacts/resolve';
import { OrchestrationOptions } from '../../config';
import { CompiledKnowledge } from '../../knowledge/knowledgeBase';
import { ClusterOrchestrationFacts } from '../../parse/annotations';
import {
  Evidence,
  FactProvenance,
  Obligation,
  ObligationId,
  ObligationStatus,
  mostUrgentStatus,
} from '../types';

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
/** Hours in an average month, as AWS bills them. */
export const HOURS_PER_MONTH = 730;

/**
 * Everything an obligation needs to be computed. Obligations are pure
 * functions of this context: no I/O, no clock, no state between calls.
 *
 * @internal
 */
export interface ObligationContext {
  /** The instant to assess at, in milliseconds since the epoch. */
  nowMs: number;
  /** Resolved options: thresholds and the knowledge base. */
  options: OrchestrationOptions;
  /** The knowledge base of `options`, with its dates parsed. */
  knowledge: CompiledKnowledge;
  /** Entity ref of the kubernetes-cluster Resource. */
  clusterRef: string;
  /**
   * Who runs the control plane. Decides which obligations apply; the
   * `provisioner` in `facts` shapes the remedies only when it is
   * `self-managed`.
   */
  controlPlane: ControlPlaneKind;
  /**
   * The cluster's facts: its parsed annotations, with fresh reported values
   * in their place and stale reported ones removed.
   */
  facts: ClusterOrchestrationFacts;
  /** Which facts were reported, and which reports are stale. */
  sources: FactSources;
}

/** Display titles, one per obligation id. */
export const OBLIGATION_TITLES: Readonly<Record<ObligationId, string>> = {
  'kubernetes-upgrades': 'Kubernetes upgrades',
  'etcd-backups': 'etcd backups',
  'certificate-rotation': 'Certificate rotation',
  'cni-ip-capacity': 'Pod IP capacity',
  'control-plane-monitoring': 'Control-plane monitoring',
};

/** Shown when no check produced a sentence, only missing-annotation actions. */
export const NOT_ENOUGH_INFORMATION =
  'Not enough information yet; add the annotations named in the actions.';

/**
 * Collects the checks of one obligation: each adds a status, a sentence for
 * the summary and an action. The most urgent status wins. A builder is made
 * fresh for each obligation, so nothing it returns is shared between calls.
 */
export class Checks {
  private readonly statuses: ObligationStatus[] = [];
  private readonly notes: string[] = [];
  private readonly actionList: string[] = [];
  private readonly evidenceList: Evidence[] = [];
  private provisionerValue: string | undefined;

  /**
   * @param sources - where the cluster's facts came from; the evidence of
   * each annotation key says whether it was declared or reported
   */
  constructor(private readonly sources?: FactSources) {}

  /** Declared or reported, for an annotation key; nothing for other evidence. */
  private provenanceOf(key: string): FactProvenance | undefined {
    if (!this.sources || !key.startsWith(ORCHESTRATION_ANNOTATION_PREFIX)) {
      return undefined;
    }
    const report = isReportableClusterFactKey(key)
      ? this.sources.reported.get(key)
      : undefined;
    return report && !report.stale
      ? reportedProvenance(report)
      : { kind: 'declared' };
  }

  /** Records a fact the result rests on, with where it came from. */
  evidence(key: string, value: string): this {
    const provenance = this.provenanceOf(key);
    this.evidenceList.push(
      provenance ? { key, value, provenance } : { key, value },
    );
    return this;
  }

  /** The stale report of a key, when the fact is missing because of it. */
  private staleReport(key: string): ReportedFact | undefined {
    const report =
      this.sources && isReportableClusterFactKey(key)
        ? this.sources.reported.get(key)
        : undefined;
    return report?.stale ? report : undefined;
  }

  /** Records the outcome of one check. */
  add(status: ObligationStatus, note?: string, action?: string): this {
    this.statuses.push(status);
    if (note) this.notes.push(note);
    if (action) this.actionList.push(action);
    return this;
  }

  /** Adds actions without a status of their own. */
  actions(...actions: string[]): this {
    this.actionList.push(...actions);
    return this;
  }

  /**
   * A fact is missing: the check is `unknown`. The action names the
   * annotation to add; when the fact is missing because its report is stale,
   * the evidence shows that report and the action names its source instead
   * (an annotation would not be used while the report speaks for the key).
   */
  missing(key: string, example: string, purpose: string): this {
    this.statuses.push('unknown');
    const stale = this.staleReport(key);
    if (!stale) {
      this.actionList.push(
        `Add ${key} (e.g. ${example}) to the cluster so ${purpose} can be checked.`,
      );
      return this;
    }
    const limit = formatLimit(stale.maxAgeMinutes);
    this.evidenceList.push({
      key,
      value: stale.value,
      provenance: reportedProvenance(stale),
    });
    this.notes.push(
      `The ${key} reported by ${stale.source} at ${
        stale.observedAt
      } is ${formatAge(
        stale.ageMs,
      )} old, past its ${limit} freshness limit, so it is not trusted and ${purpose} cannot be checked.`,
    );
    this.actionList.push(
      `Check that ${
        stale.source
      } still runs and reports ${key} at least every ${limit} (orchestration.clusterFacts.freshness.${key.slice(
        ORCHESTRATION_ANNOTATION_PREFIX.length,
      )}).`,
    );
    return this;
  }

  /**
   * Notes that the provisioner shaped a remedy: it is then listed last in the
   * evidence, once.
   */
  shapedBy(provisioner: string): this {
    this.provisionerValue = provisioner;
    return this;
  }

  /** The obligation, with `lead` (if any) opening its summary. */
  build(id: ObligationId, due: string | null, lead?: string): Obligation {
    const notes = lead ? [lead, ...this.notes] : [...this.notes];
    const evidence = this.evidenceList.map(item => ({ ...item }));
    if (this.provisionerValue !== undefined) {
      const provenance = this.provenanceOf(ANNOTATION_PROVISIONER);
      evidence.push(
        provenance
          ? {
              key: ANNOTATION_PROVISIONER,
              value: this.provisionerValue,
              provenance,
            }
          : { key: ANNOTATION_PROVISIONER, value: this.provisionerValue },
      );
    }
    return {
      id,
      title: OBLIGATION_TITLES[id],
      status: mostUrgentStatus(this.statuses),
      hypothetical: false,
      due,
      summary: notes.length > 0 ? notes.join(' ') : NOT_ENOUGH_INFORMATION,
      evidence,
      actions: [...this.actionList],
    };
  }
}

/**
 * An obligation the provider of the control plane carries. The control
 * plane is declared on the cluster, or, without a declaration, taken from
 * the service's current platform (then the evidence has no provenance).
 */
export function notApplicable(
  id: ObligationId,
  summary: string,
  ctx: ObligationContext,
): Obligation {
  const evidence: Evidence =
    ctx.facts.controlPlane === undefined
      ? { key: ANNOTATION_CONTROL_PLANE, value: ctx.controlPlane }
      : {
          key: ANNOTATION_CONTROL_PLANE,
          value: ctx.controlPlane,
          provenance: { kind: 'declared' },
        };
  return {
    id,
    title: OBLIGATION_TITLES[id],
    status: 'not-applicable',
    hypothetical: false,
    due: null,
    summary,
    evidence: [evidence],
    actions: [],
  };
}

/** `YYYY-MM-DD` of an instant. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days in a span, rounded down. */
export function wholeDays(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** `1 day`, `2 days`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Minutes as the annotation would spell them: `15m`, `1h`, `1d`. */
export function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** An age in the largest unit that keeps it readable. */
export function formatAge(ms: number): string {
  const minutes = Math.floor(ms / MINUTE_MS);
  if (minutes < 120) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

/** US dollars with cents: `$0.60`. */
export function usd(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

/** `EKS`, `GKE`, `AKS` for the managed control planes. */
export function providerName(controlPlane: ControlPlaneKind): string {
  return controlPlane.toUpperCase();
}
