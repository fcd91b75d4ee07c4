import {
  ClusterAssessment,
  ObligationStatus,
} from '@orchestration/plugin-orchestration-common';
import { Knex } from 'knex';
import { INSERT_BATCH, TABLES } from '../rows';
import type { ClusterRecord } from '../types';

interface ClusterRow {
  entity_ref: string;
  name: string;
  title: string | null;
  owner: string | null;
  obligation_status: string | null;
  snapshot_id: number;
  assessment: string;
}

function clusterFromRow(row: ClusterRow): ClusterRecord {
  return {
    entityRef: row.entity_ref,
    name: row.name,
    title: row.title ?? null,
    owner: row.owner ?? null,
    obligationStatus: (row.obligation_status ??
      null) as ObligationStatus | null,
    assessment: JSON.parse(row.assessment) as ClusterAssessment,
  };
}

/** `orchestration_clusters`: the assessment of each kubernetes-cluster Resource, per generation. */
export class ClusterTable {
  constructor(private readonly db: Knex) {}

  private get table() {
    return this.db<ClusterRow>(TABLES.clusters);
  }

  async insert(generation: number, records: ClusterRecord[]) {
    const rows: ClusterRow[] = records.map(record => ({
      entity_ref: record.entityRef,
      name: record.name,
      title: record.title,
      owner: record.owner,
      obligation_status: record.obligationStatus,
      snapshot_id: generation,
      assessment: JSON.stringify(record.assessment),
    }));
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      await this.table
        .insert(rows.slice(i, i + INSERT_BATCH))
        .onConflict(['snapshot_id', 'entity_ref'])
        .merge();
    }
  }

  async list(generation: number): Promise<ClusterRecord[]> {
    const rows = await this.table
      .where('snapshot_id', generation)
      .orderBy('entity_ref');
    return rows.map(clusterFromRow);
  }

  async get(
    generation: number,
    entityRef: string,
  ): Promise<ClusterRecord | undefined> {
    const row = await this.table
      .where({ snapshot_id: generation, entity_ref: entityRef })
      .first();
    return row ? clusterFromRow(row) : undefined;
  }

  async deleteGeneration(generation: number): Promise<number> {
    return this.table.where('snapshot_id', generation).delete();
  }

  async deleteGenerationsBefore(generation: number): Promise<number> {
    return this.table.where('snapshot_id', '<', generation).delete();
  }
}
