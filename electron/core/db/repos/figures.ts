/**
 * Figures (完成数) and their history. Every change of a value writes the
 * figure and a history row in the same transaction; history is never deleted.
 */
import { indexFigureColumns, type FigureIndex } from '../../../../shared/figures/figureIndex';
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
 * A plan's figures at some periods, indexed — what a ProgressTable (values)
 * and the entry grid (with `notes`) read: 160,000 figures at 2,000 × 40.
 * SQLite hands each column over as one JSON array per period
 * (json_group_array: both aggregates see the rows in the same order, and
 * SQLite writes REALs so that they read back exactly); building 160,000 row
 * arrays in better-sqlite3 cost three to four times as much. Without notes
 * the figures_by_period index alone answers, never the table.
 */
export function figureIndexOf(
  db: Db,
  planId: number,
  periods: readonly string[],
  options: { notes?: boolean; hidden?: HiddenFigures | null } = {},
): FigureIndex {
  const read = db
    .prepare(
      `SELECT json_group_array(f.indicator_id), json_group_array(f.unit_id), json_group_array(f.value)${options.notes ? ', json_group_array(f.note)' : ''}
       FROM indicators i JOIN figures f ON f.indicator_id = i.id WHERE i.plan_id = ? AND f.period = ?`,
    )
    .raw();
  const batches = [...new Set(periods)].map((period) => {
    const [indicatorIds, unitIds, values, notes] = read.get(planId, period) as string[];
    return { period, indicatorIds: JSON.parse(indicatorIds), unitIds: JSON.parse(unitIds), values: JSON.parse(values), notes: notes ? JSON.parse(notes) : null };
  });
  const hidden = options.hidden;
  return indexFigureColumns(batches, hidden && hidden.size > 0 ? (unitId, period) => hidden.has(unitId, period) : null);
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
