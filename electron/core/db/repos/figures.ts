/**
 * Figures (完成数) and their history. Every change of a value writes the
 * figure and a history row in the same transaction; history is never deleted.
 */
import { indexFigureTuples, type FigureIndex, type FigureTuple } from '../../../../shared/figures/figureIndex';
import type { Figure } from '../../../../shared/model/target';
import type { Db } from '../open';
import { writeTx } from '../tx';
import type { HiddenFigures } from '../../access/scope';

interface FigureRow {
  indicator_id: number;
  unit_id: number;
  period: string;
  value: number;
  note: string | null;
  entered_by: string;
  entered_at: string;
}

const toFigure = (r: FigureRow): Figure => ({
  indicatorId: r.indicator_id,
  unitId: r.unit_id,
  period: r.period,
  value: r.value,
  note: r.note,
  enteredBy: r.entered_by,
  enteredAt: r.entered_at,
});

export interface FigureWrite {
  indicatorId: number;
  unitId: number;
  period: string;
  /** null clears the cell (history keeps the old value). */
  value: number | null;
  note?: string | null;
  by: string;
  /** ISO timestamp; now when omitted. */
  at?: string;
  /** Where the value came from: 'entry', a file name, … */
  source?: string | null;
}

export interface FigureHistoryEntry {
  oldValue: number | null;
  newValue: number | null;
  note: string | null;
  changedBy: string;
  changedAt: string;
  source: string | null;
}

export function getFigure(db: Db, indicatorId: number, unitId: number, period: string): Figure | undefined {
  const row = db
    .prepare('SELECT * FROM figures WHERE indicator_id = ? AND unit_id = ? AND period = ?')
    .get(indicatorId, unitId, period) as FigureRow | undefined;
  return row && toFigure(row);
}

/**
 * Writes one figure and its history row. Call inside a transaction when
 * writing several; on its own it runs in one. Returns false when nothing changed.
 */
export function writeFigure(db: Db, w: FigureWrite): boolean {
  return writeTx(db, (): boolean => {
    const old = getFigure(db, w.indicatorId, w.unitId, w.period);
    const oldValue = old?.value ?? null;
    const note = w.note ?? null;
    if (oldValue === w.value && (old?.note ?? null) === note) return false;
    const at = w.at ?? new Date().toISOString();
    if (w.value === null) {
      db.prepare('DELETE FROM figures WHERE indicator_id = ? AND unit_id = ? AND period = ?').run(
        w.indicatorId,
        w.unitId,
        w.period,
      );
    } else {
      db.prepare(
        `INSERT INTO figures (indicator_id, unit_id, period, value, note, entered_by, entered_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (indicator_id, unit_id, period) DO UPDATE SET
           value = excluded.value, note = excluded.note, entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
      ).run(w.indicatorId, w.unitId, w.period, w.value, note, w.by, at);
    }
    db.prepare(
      `INSERT INTO figure_history (indicator_id, unit_id, period, old_value, new_value, note, changed_by, changed_at, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(w.indicatorId, w.unitId, w.period, oldValue, w.value, note, w.by, at, w.source ?? null);
    return true;
  });
}

/**
 * The values of a plan's figures at some periods, indexed (no notes, no
 * Figure objects): read from the figures_by_period index alone, never the
 * table — what a ProgressTable needs, 160,000 values at 2,000 × 40.
 */
export function figureValuesIn(db: Db, planId: number, periods: readonly string[], hidden?: HiddenFigures | null): FigureIndex {
  const list = [...new Set(periods)];
  if (list.length === 0) return indexFigureTuples([]);
  const rows = db
    .prepare(
      `SELECT f.indicator_id, f.unit_id, f.period, f.value, NULL FROM indicators i JOIN figures f ON f.indicator_id = i.id
       WHERE i.plan_id = ? AND f.period IN (${list.map(() => '?').join(',')})`,
    )
    .raw()
    .all(planId, ...list) as FigureTuple[];
  return indexFigureTuples(hidden ? rows.filter((r) => !hidden.has(r[1], r[2])) : rows);
}

/** Every figure of a plan for the given periods (all periods when omitted). */
export function listFigures(db: Db, planId: number, periods?: string[]): Figure[] {
  const rows = db
    .prepare(
      `SELECT f.* FROM figures f JOIN indicators i ON i.id = f.indicator_id WHERE i.plan_id = ?
       ORDER BY f.indicator_id, f.unit_id, f.period`,
    )
    .all(planId) as FigureRow[];
  const wanted = periods && new Set(periods);
  return rows.filter((r) => !wanted || wanted.has(r.period)).map(toFigure);
}

export function figureHistory(db: Db, indicatorId: number, unitId: number, period: string): FigureHistoryEntry[] {
  return (
    db
      .prepare(
        `SELECT old_value, new_value, note, changed_by, changed_at, source FROM figure_history
         WHERE indicator_id = ? AND unit_id = ? AND period = ? ORDER BY id`,
      )
      .all(indicatorId, unitId, period) as {
      old_value: number | null;
      new_value: number | null;
      note: string | null;
      changed_by: string;
      changed_at: string;
      source: string | null;
    }[]
  ).map((r) => ({
    oldValue: r.old_value,
    newValue: r.new_value,
    note: r.note,
    changedBy: r.changed_by,
    changedAt: r.changed_at,
    source: r.source,
  }));
}
