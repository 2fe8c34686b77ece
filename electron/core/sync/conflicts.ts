/**
 * Conflicts on the server (同步冲突): a street pushed a cell whose value on the
 * server is no longer the one the street started from — the district changed
 * it meanwhile. The push never overwrites it; the cell waits here for the
 * district, who takes the street's value (it then lands as 待审核, like a
 * returned file's) or keeps its own. Each decision names who and when; the
 * street sees it at its next sync.
 */
import { ApiError } from '../../../shared/api/errors';
import { periodLabel } from '../../../shared/periods';
import type { SyncConflictView } from '../../../shared/sync/views';
import type { Db } from '../db/open';
import { writeTx } from '../db/tx';
import { getFigure } from '../db/repos/figures';
import { saveFigures } from '../entry/save';
import { planUnits } from '../plans/scope';

interface ConflictRow {
  id: number;
  plan_id: number;
  unit_id: number;
  indicator_id: number;
  period: string;
  value: number | null;
  note: string | null;
  base: number | null;
  current: number | null;
  state: 'open' | 'taken' | 'kept';
  pushed_by: string;
  pushed_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

const toConflict = (r: ConflictRow) => ({
  id: r.id,
  planId: r.plan_id,
  unitId: r.unit_id,
  indicatorId: r.indicator_id,
  period: r.period,
  value: r.value,
  note: r.note,
  base: r.base,
  current: r.current,
  state: r.state,
  pushedBy: r.pushed_by,
  pushedAt: r.pushed_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
});

/** The unit's conflicts of a plan, the latest per cell (what its desktop needs to know). */
export function listConflictsOfUnit(db: Db, planId: number, unitId: number) {
  return (
    db
      .prepare(
        `SELECT * FROM sync_conflicts WHERE id IN (SELECT max(id) FROM sync_conflicts WHERE plan_id = ? AND unit_id = ? GROUP BY indicator_id, period) ORDER BY id`,
      )
      .all(planId, unitId) as ConflictRow[]
  ).map(toConflict);
}

/** Records a pushed cell the district changed meanwhile; an open conflict of the same cell is brought up to date. Inside the push's transaction. */
export function recordConflict(
  db: Db,
  c: { planId: number; unitId: number; indicatorId: number; period: string; value: number | null; note: string | null; base: number | null; current: number | null; by: string; at: string },
): void {
  const open = db
    .prepare("SELECT id FROM sync_conflicts WHERE plan_id = ? AND unit_id = ? AND indicator_id = ? AND period = ? AND state = 'open'")
    .pluck()
    .get(c.planId, c.unitId, c.indicatorId, c.period) as number | undefined;
  if (open !== undefined) {
    db.prepare('UPDATE sync_conflicts SET value = ?, note = ?, base = ?, current = ?, pushed_by = ?, pushed_at = ? WHERE id = ?').run(c.value, c.note, c.base, c.current, c.by, c.at, open);
    return;
  }
  db.prepare(
    `INSERT INTO sync_conflicts (plan_id, unit_id, indicator_id, period, value, note, base, current, state, pushed_by, pushed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
  ).run(c.planId, c.unitId, c.indicatorId, c.period, c.value, c.note, c.base, c.current, c.by, c.at);
}

/** The conflicts of a plan for the district: open ones first. */
export function listConflicts(db: Db, planId: number, state: 'open' | 'all' = 'open'): SyncConflictView[] {
  const { units } = planUnits(db, planId);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const indicatorName = new Map(
    (db.prepare('SELECT id, name FROM indicators WHERE plan_id = ?').raw().all(planId) as [number, string][]).map(([id, name]) => [id, name]),
  );
  const rows = db
    .prepare(`SELECT * FROM sync_conflicts WHERE plan_id = ? ${state === 'open' ? "AND state = 'open'" : ''} ORDER BY state = 'open' DESC, id DESC`)
    .all(planId) as ConflictRow[];
  return rows.map((r) => {
    const c = toConflict(r);
    return {
      ...c,
      unitName: unitName.get(c.unitId) ?? `单位${c.unitId}`,
      indicatorName: indicatorName.get(c.indicatorId) ?? `指标${c.indicatorId}`,
      periodLabel: periodLabel(c.period),
      // What the district holds now, not what it held at the push.
      current: getFigure(db, c.indicatorId, c.unitId, c.period)?.value ?? null,
    };
  });
}

/**
 * The district decides: `take` writes the street's value (through saveFigures, as a returned file's:
 * 待审核, history, locks); otherwise the district's value stays. Either way the conflict is closed.
 */
export function resolveConflict(db: Db, id: number, take: boolean, by: string): SyncConflictView {
  return writeTx(db, () => {
    const row = db.prepare('SELECT * FROM sync_conflicts WHERE id = ?').get(id) as ConflictRow | undefined;
    if (!row) throw new ApiError('not_found', `找不到编号为 ${id} 的同步冲突，请刷新列表。`);
    if (row.state !== 'open') throw new ApiError('bad_request', `这个同步冲突已由${row.decided_by ?? '他人'}处理过了，请刷新列表。`);
    const at = new Date().toISOString();
    if (take) {
      const unitName = (db.prepare('SELECT name FROM units WHERE id = ?').pluck().get(row.unit_id) as string | undefined) ?? '';
      saveFigures(
        db,
        row.plan_id,
        [{ indicatorId: row.indicator_id, unitId: row.unit_id, period: row.period, value: row.value, note: row.note, confirmed: true }],
        by,
        `同步冲突：采用${unitName}的值`,
        'file',
      );
    }
    db.prepare('UPDATE sync_conflicts SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?').run(take ? 'taken' : 'kept', by, at, id);
    return listConflicts(db, row.plan_id, 'all').find((c) => c.id === id)!;
  });
}
