import {
  ANNOTATION_CONTROL_PLANE,
  ANNOTATION_PROVISIONER,
  ControlPlaneKind,
} from '../../annotations';
import { OrchestrationOptions } from '../../config';
import { CompiledKnowledge } from '../../knowledge/knowledgeBase';
import { ClusterOrchestrationFacts } from '../../parse/annotations';
import {
  Evidence,
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
  /** The cluster's parsed annotations. */
  facts: ClusterOrchestrationFacts;
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

  /** Records a fact the result rests on. */
  evidence(key: string, value: string): this {
    this.evidenceList.push({ key, value });
    return this;
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

  /** A fact is missing: the check is `unknown` and the action names the annotation. */
  missing(key: string, example: string, purpose: string): this {
    this.statuses.push('unknown');
    this.actionList.push(
      `Add ${key} (e.g. ${example}) to the cluster so ${purpose} can be checked.`,
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
      evidence.push({
        key: ANNOTATION_PROVISIONER,
        value: this.provisionerValue,
      });
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

/** An obligation the provider of the control plane carries. */
export function notApplicable(
  id: ObligationId,
  summary: string,
  controlPlane: ControlPlaneKind,
): Obligation {
  return {
    id,
    title: OBLIGATION_TITLES[id],
    status: 'not-applicable',
    hypothetical: false,
    due: null,
    summary,
    evidence: [{ key: ANNOTATION_CONTROL_PLANE, value: controlPlane }],
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
