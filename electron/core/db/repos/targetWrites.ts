/**
 * Writing one target or one baseline with its record in target_history (004):
 * every set, change and removal says who, when and from where ("工作目标",
 * "指标分解", a file name). Unchanged values are neither written nor recorded.
 */
import type { Db } from '../open';

export interface TargetAudit {
  planId: number;
  by: string;
  at: string;
  source: string;
}

/** Sets (value) or removes (null) the target of an indicator for a unit; true when it changed. */
export function writeTarget(db: Db, audit: TargetAudit, indicatorId: number, unitId: number, value: number | null, valueMax: number | null = null): boolean {
  const old = db.prepare('SELECT value, value_max FROM targets WHERE indicator_id = ? AND unit_id = ?').get(indicatorId, unitId) as
    | { value: number; value_max: number | null }
    | undefined;
  if (value === null) {
    if (!old) return false;
    db.prepare('DELETE FROM targets WHERE indicator_id = ? AND unit_id = ?').run(indicatorId, unitId);
  } else {
    if (old && old.value === value && old.value_max === valueMax) return false;
    db.prepare(
      `INSERT INTO targets (indicator_id, unit_id, value, value_max) VALUES (?, ?, ?, ?)
       ON CONFLICT (indicator_id, unit_id) DO UPDATE SET value = excluded.value, value_max = excluded.value_max`,
    ).run(indicatorId, unitId, value, valueMax);
  }
  db.prepare(
    `INSERT INTO target_history (plan_id, indicator_id, unit_id, kind, old_value, old_value_max, new_value, new_value_max,
       changed_by, changed_at, source) VALUES (?, ?, ?, 'target', ?, ?, ?, ?, ?, ?, ?)`,
  ).run(audit.planId, indicatorId, unitId, old?.value ?? null, old?.value_max ?? null, value, value === null ? null : valueMax, audit.by, audit.at, audit.source);
  return true;
}

/** Sets an indicator's baseline (基数) for the plan's unit; true when it changed. */
export function writeBaseline(db: Db, audit: TargetAudit, indicatorId: number, planUnitId: number, baseline: number | null): boolean {
  const old = db.prepare('SELECT baseline FROM indicators WHERE id = ?').pluck().get(indicatorId) as number | null;
  if (old === baseline) return false;
  db.prepare('UPDATE indicators SET baseline = ? WHERE id = ?').run(baseline, indicatorId);
  db.prepare(
    `INSERT INTO target_history (plan_id, indicator_id, unit_id, kind, old_baseline, new_baseline, changed_by, changed_at, source)
     VALUES (?, ?, ?, 'baseline', ?, ?, ?, ?, ?)`,
  ).run(audit.planId, indicatorId, planUnitId, old, baseline, audit.by, audit.at, audit.source);
  return true;
}
