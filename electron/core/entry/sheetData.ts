/**
 * The reads the entry grid needs, narrowed to what a view shows: figures of a
 * few periods (not the plan's whole history), targets of a few indicators,
 * and the figures' revision. At 2,000 units × 40 indicators loading every
 * figure of the plan for each view was most of the time.
 */
import { cumulativePredecessor, cumulativeSuccessor } from '../../../shared/entry/periods';
import type { Figure, Target } from '../../../shared/model/target';
import { samePeriodLastYear } from '../../../shared/periods';
import type { Db } from '../db/open';
import type { HiddenFigures } from '../access/scope';

/** Rows a caller may see (access/scope.ts): all of them unless some are hidden from it. */
const visible = (rows: FigureRow[], hidden?: HiddenFigures | null) => (hidden ? rows.filter((r) => !hidden.has(r[1], r[2])) : rows);

/** indicator_id, unit_id, period, value, note — read raw (arrays, not objects with keys: 160,000 rows at scale). */
type FigureRow = [number, number, string, number, string | null];

/** Who entered a figure is not shown in the grid (the cell history says it). */
const toFigure = (r: FigureRow): Figure => ({
  indicatorId: r[0],
  unitId: r[1],
  period: r[2],
  value: r[3],
  note: r[4],
  enteredBy: '',
  enteredAt: '',
});

/** The periods a figure period's cells read: itself, its cumulative predecessor and successor, the same period last year. */
export function periodsRead(figurePeriod: string): string[] {
  const prev = cumulativePredecessor(figurePeriod);
  const next = cumulativeSuccessor(figurePeriod);
  return [figurePeriod, samePeriodLastYear(figurePeriod), ...(prev ? [prev] : []), ...(next ? [next] : [])];
}

/** Figures of a plan in the given periods; only of the given indicators when named. */
export function figuresIn(
  db: Db,
  planId: number,
  periods: readonly string[],
  indicatorIds?: readonly number[],
  hidden?: HiddenFigures | null,
): Figure[] {
  if (periods.length === 0 || indicatorIds?.length === 0) return [];
  const periodList = [...new Set(periods)];
  const marks = (n: number) => Array(n).fill('?').join(',');
  if (indicatorIds) {
    return visible(
      db
        .prepare(
          `SELECT indicator_id, unit_id, period, value, note FROM figures
           WHERE indicator_id IN (${marks(indicatorIds.length)}) AND period IN (${marks(periodList.length)})`,
        )
        .raw()
        .all(...indicatorIds, ...periodList) as FigureRow[],
      hidden,
    ).map(toFigure);
  }
  return visible(
    db
      .prepare(
        `SELECT f.indicator_id, f.unit_id, f.period, f.value, f.note FROM figures f
         JOIN indicators i ON i.id = f.indicator_id
         WHERE i.plan_id = ? AND f.period IN (${marks(periodList.length)})`,
      )
      .raw()
      .all(planId, ...periodList) as FigureRow[],
    hidden,
  ).map(toFigure);
}

/** Figures of some indicators in a year and the year before (the flipped grid, 同比). */
export function figuresOfYears(db: Db, indicatorIds: readonly number[], year: number): Figure[] {
  if (indicatorIds.length === 0) return [];
  return (
    db
      .prepare(
        `SELECT indicator_id, unit_id, period, value, note FROM figures
         WHERE indicator_id IN (${Array(indicatorIds.length).fill('?').join(',')}) AND substr(period, 1, 4) IN (?, ?)`,
      )
      .raw()
      .all(...indicatorIds, String(year), String(year - 1)) as FigureRow[]
  ).map(toFigure);
}

export function targetsOf(db: Db, indicatorIds: readonly number[]): Target[] {
  if (indicatorIds.length === 0) return [];
  return (
    db
      .prepare(
        `SELECT indicator_id, unit_id, value, value_max FROM targets WHERE indicator_id IN (${Array(indicatorIds.length).fill('?').join(',')})`,
      )
      .raw()
      .all(...indicatorIds) as [number, number, number, number | null][]
  ).map((r) => ({ indicatorId: r[0], unitId: r[1], value: r[2], valueMax: r[3] }));
}

/**
 * The figures' revision: the id of the last history row. Every change of a
 * figure writes one (repos/figures.ts writeFigure), so equal revisions mean
 * no figure changed in between. Global rather than per plan: cheap and safe
 * (a change in another plan only costs a needless reload).
 */
export function figureRevision(db: Db): number {
  return (db.prepare('SELECT ifnull(max(id), 0) FROM figure_history').pluck().get() as number) ?? 0;
}
