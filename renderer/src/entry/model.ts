/**
 * The grid's view of a cell, whatever the layout (units × indicators, or one
 * unit's indicators × months): what to show, whether it can be edited and
 * why not, and what the validation rules need to know.
 */
import type { Indicator } from '../../../shared/model/indicator';
import type { Status } from '../../../shared/figures/status';

export interface CellMeta {
  indicator: Indicator;
  unitId: number;
  unitName: string;
  /** The indicator's own period. */
  period: string;
  value: number | null;
  note: string | null;
  target: number | null;
  targetMax: number | null;
  rate: number | null;
  status: Status;
  previous: number | null;
  previousLabel: string | null;
  /** 'sum' when the value is the sum of the sub-units. */
  source: 'entered' | 'sum' | 'partial_sum' | null;
  /** 排名 among the sub-units by 完成率 (main grid only). */
  rank: { rank: number; of: number } | null;
}

export interface GridCell {
  /** null: nothing to show (the indicator has no period here). */
  meta: CellMeta | null;
  /** Why the cell cannot be edited; null when it can. */
  readOnly: string | null;
}

export interface GridAxisItem {
  key: string;
  title: string;
  subtitle?: string;
  /** The plan unit's row (district total) is drawn apart. */
  emphasis?: boolean;
}

export interface GridModel {
  rows: GridAxisItem[];
  columns: GridAxisItem[];
  cell(row: number, col: number): GridCell;
  /** Title of the row header column ("单位" or "指标"). */
  corner: string;
}

export interface Pos {
  row: number;
  col: number;
}

/** One value to write: the cell and the text typed or pasted. */
export interface CellInput {
  meta: CellMeta;
  text: string;
}
