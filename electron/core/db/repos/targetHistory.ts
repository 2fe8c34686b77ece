/** Reading the audit trail of targets and baselines (written by import, migration 004). */
import type { TargetHistoryEntry } from '../../../../shared/api/views';
import { sql } from 'kysely';
import type { Db } from '../open';
import { all, query, runSync, type Op } from '../../store/query';

interface Row {
  indicator_id: number;
  unit_id: number;
  kind: 'target' | 'baseline';
  old_value: number | null;
  old_value_max: number | null;
  new_value: number | null;
  new_value_max: number | null;
  old_baseline: number | null;
  new_baseline: number | null;
  changed_by: string;
  changed_at: string;
  source: string;
  indicator_name: string | null;
  decimals: number | null;
  unit_name: string | null;
}

// The history outlives what it names: a deleted indicator or unit keeps its rows, without a name.
const PLAN_TARGET_HISTORY = query<Row, { planId: number }>(
  (_qb, p) => sql`SELECT h.*, i.name AS indicator_name, i.decimals AS decimals, u.name AS unit_name
       FROM target_history h
       LEFT JOIN indicators i ON i.id = h.indicator_id
       LEFT JOIN units u ON u.id = h.unit_id
       WHERE h.plan_id = ${p('planId')} ORDER BY h.id DESC`,
);

/** Every change of a plan's targets and baselines, newest first. */
export function* listTargetHistoryOp(planId: number): Op<TargetHistoryEntry[]> {
  const rows = yield* all(PLAN_TARGET_HISTORY, { planId });
  return rows.map((r) => ({
    indicatorId: r.indicator_id,
    unitId: r.unit_id,
    indicatorName: r.indicator_name ?? `（已删除的指标 ${r.indicator_id}）`,
    unitName: r.unit_name ?? `（已删除的单位 ${r.unit_id}）`,
    decimals: r.decimals ?? 4,
    kind: r.kind,
    oldValue: r.kind === 'baseline' ? r.old_baseline : r.old_value,
    oldValueMax: r.old_value_max,
    newValue: r.kind === 'baseline' ? r.new_baseline : r.new_value,
    newValueMax: r.new_value_max,
    changedBy: r.changed_by,
    changedAt: r.changed_at,
    source: r.source,
  }));
}

export function listTargetHistory(db: Db, planId: number): TargetHistoryEntry[] {
  return runSync(db, listTargetHistoryOp(planId));
}
