import { AssessmentRow, recordToRow } from './rows';
import type { OrchestrationStore } from './OrchestrationStore';
import type { AssessmentRecord } from './types';

/**
 * Collects the assessments of a generation as a refresh makes them, turned
 * into rows at once (so the assessments need not be kept), until they are
 * written together, e.g. a catalog page per transaction.
 */
export class GenerationWriter {
  private pending: AssessmentRow[] = [];

  constructor(readonly generation: number) {}

  add(record: AssessmentRecord) {
    this.pending.push(recordToRow(record, this.generation));
  }

  /** How many assessments wait to be written. */
  get size(): number {
    return this.pending.length;
  }

  /** Writes the assessments added since the last write, with `store` (or a transaction of it). */
  async write(store: OrchestrationStore) {
    const rows = this.pending;
    this.pending = [];
    await store.assessments.insertRows(rows);
  }
}
