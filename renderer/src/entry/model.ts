/**
 * 数据填报's view of a cell, whatever the layout (units × indicators, or one
 * unit's indicators × months): what to show, whether it can be edited and
 * why not, and what the validation rules need to know. The grid itself is
 * generic (../grid/model.ts); these are its figure cells.
 */
import type { Indicator } from '../../../shared/model/indicator';
import type { Status } from '../../../shared/figures/status';
import type { ReviewMark } from '../../../shared/review/states';
import type { SyncCellMark } from '../../../shared/sync/views';
import type * as Grid from '../grid/model';

export type { GridAxisItem, Pos } from '../grid/model';

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
  /** The period after's cumulative value, when entered: this one must not rise above it without a note. */
  next: number | null;
  nextLabel: string | null;
  /** 'sum' when the value is the sum of the sub-units. */
  source: 'entered' | 'sum' | 'partial_sum' | null;
  /** 排名 among the sub-units by 完成率 (main grid only). */
  rank: { rank: number; of: number } | null;
  /** 上年同期 and 同比 (a fraction); for a ratio indicator the change in 个百分点 instead. */
  lastYear: number | null;
  yoy: number | null;
  pointChange: number | null;
  /** 审核 (taizhang serve): the state of this unit's figures for the period; null when the district entered them. */
  review: ReviewMark | null;
  /** On a desktop that syncs with the bureau's server: where this cell stands there (renderer/src/sync/). */
  sync?: SyncCellMark | null;
}

export type GridCell = Grid.GridCell<CellMeta>;
export type GridModel = Grid.GridModel<CellMeta>;
/** One value to write: the cell and the text typed or pasted. */
export type CellInput = Grid.CellInput<CellMeta>;
