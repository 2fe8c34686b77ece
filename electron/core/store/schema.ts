/**
 * The tables as the query layer (Kysely) sees them. Only the tables and
 * columns of the queries already written through the layer are declared;
 * each module that moves to the layer adds its own (issue 22, step by step).
 * Column types are what both engines return: INTEGER → number (PostgreSQL
 * BIGINT, parsed to a number by store/postgres/pool.ts), REAL → number, TEXT → string.
 */
import type { Generated } from 'kysely';

export interface PlansTable {
  id: Generated<number>;
  unit_id: number;
  title: string;
  year_start: number;
  year_end: number;
  doc_number: string | null;
  issued_on: string | null;
  issuer: string | null;
  source: string | null;
  created_at: Generated<string>;
  archived_at: string | null;
  example: Generated<number>;
  sample_targets: Generated<number>;
}

export interface UnitsTable {
  id: Generated<number>;
  name: string;
  kind: 'city' | 'district' | 'street' | 'town' | 'zone' | 'department';
  parent_id: number | null;
  sort_order: Generated<number>;
  code: string | null;
  full_name: string | null;
  active: Generated<number>;
}

export interface IdOnlyTable {
  id: Generated<number>;
}

export interface IndicatorsTable {
  id: Generated<number>;
  plan_id: number;
  name: string;
}

export interface TargetsTable {
  indicator_id: number;
  unit_id: number;
  value: number;
  value_max: number | null;
}

export interface ActionLinesTable {
  id: Generated<number>;
  plan_id: number;
  seq: number;
  title: string;
}

export interface TasksTable {
  id: Generated<number>;
  action_line_id: number;
  seq: number;
  content: string;
}

export interface FiguresTable {
  indicator_id: number;
  unit_id: number;
  period: string;
  value: number;
}

export interface Schema {
  plans: PlansTable;
  units: UnitsTable;
  unit_groups: IdOnlyTable;
  indicators: IndicatorsTable;
  targets: TargetsTable;
  action_lines: ActionLinesTable;
  tasks: TasksTable;
  figures: FiguresTable;
}
