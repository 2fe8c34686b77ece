/**
 * Answers narrowed to a ReadScope (scope.ts): an entry account gets the rows
 * of its own unit and of the district (the plan's unit, whose totals were
 * summed from published figures only), never another unit's. One function per
 * answer shape; each returns the answer untouched for a full scope.
 */
import type { PlanUnitsView, PlanOverview, TargetBreakdown, TargetHistoryEntry } from '../../../shared/api/views';
import type { DashboardView } from '../../../shared/dashboard/view';
import type { EntryGridSheet, EntrySheet, ReminderList } from '../../../shared/entry/views';
import type { ProgressTable } from '../../../shared/figures/progressTable';
import type { ReviewList, ReviewMark, ReviewState } from '../../../shared/review/states';
import { seesUnit, type ReadScope } from './scope';

const full = (scope: ReadScope) => scope.unitId === null;
const own = (scope: ReadScope, unitId: number) => scope.unitId === null || unitId === scope.unitId;

export function narrowPlanUnits(view: PlanUnitsView, scope: ReadScope): PlanUnitsView {
  if (full(scope)) return view;
  return { units: view.units.filter((u) => u.role === 'plan' || u.id === scope.unitId) };
}

/** 附件2: the district's targets and the unit's own; the sum checks would tell the others'. */
export function narrowBreakdown(b: TargetBreakdown, scope: ReadScope): TargetBreakdown {
  if (full(scope)) return b;
  return { ...b, rows: b.rows.filter((r) => own(scope, r.unit.id)), checks: [] };
}

export function narrowOverview(o: PlanOverview, scope: ReadScope): PlanOverview {
  return full(scope) ? o : { ...o, sumChecks: [] };
}

export function narrowTargetHistory(entries: TargetHistoryEntry[], scope: ReadScope, planUnitId: number): TargetHistoryEntry[] {
  return full(scope) ? entries : entries.filter((e) => seesUnit(scope, e.unitId, planUnitId));
}

/** A ProgressTable keeps the district's row (its `parent`) and the unit's own. */
export function narrowProgressTable(t: ProgressTable, scope: ReadScope): ProgressTable {
  return full(scope) ? t : { ...t, rows: t.rows.filter((r) => own(scope, r.unit.id)) };
}

const keyUnit = (key: string) => Number(key.split('|')[1]);

function narrowMarks(marks: ReviewMark[], scope: ReadScope): ReviewMark[] {
  return full(scope) ? marks : marks.filter((m) => own(scope, m.unitId));
}

export function narrowEntrySheet(s: EntrySheet, scope: ReadScope): EntrySheet {
  if (full(scope)) return s;
  const parentId = s.table.parent.unit.id;
  const keep = (key: string) => seesUnit(scope, keyUnit(key), parentId);
  return {
    ...s,
    table: narrowProgressTable(s.table, scope),
    previous: Object.fromEntries(Object.entries(s.previous).filter(([k]) => keep(k))),
    notes: Object.fromEntries(Object.entries(s.notes).filter(([k]) => keep(k))),
    reviews: narrowMarks(s.reviews, scope),
  };
}

/** The compact grid: rows (units, cells) picked by index, the district's first. */
export function narrowEntryGrid(g: EntryGridSheet, scope: ReadScope): EntryGridSheet {
  if (full(scope)) return g;
  const rows = g.units.map((u, i) => (i === 0 || u.id === scope.unitId ? i : -1)).filter((i) => i >= 0);
  return {
    ...g,
    units: rows.map((i) => g.units[i]),
    cells: rows.map((i) => g.cells[i]),
    // No ranks: with one sub-unit shown, "第1名（共1个单位）" would mislead, and the others' places are theirs.
    ranks: {},
    reviews: narrowMarks(g.reviews, scope),
  };
}

export function narrowReminders(r: ReminderList, scope: ReadScope): ReminderList {
  return full(scope) ? r : { ...r, rows: r.rows.filter((row) => own(scope, row.unit.id)) };
}

/** The dashboard of the unit's own view: the heatmap's rows, the tasks by unit, 催报 and the marks of its own. */
export function narrowDashboard(v: DashboardView, scope: ReadScope): DashboardView {
  if (full(scope)) return v;
  const rows = v.units.map((u, i) => (u.isParent || u.id === scope.unitId ? i : -1)).filter((i) => i >= 0);
  const units = rows.map((i) => v.units[i]);
  return {
    ...v,
    units,
    cells: rows.map((i) => v.cells[i]),
    unit: { ...v.unit, row: Math.max(0, units.findIndex((u) => u.id === v.unit.id)) },
    tasks: {
      ...v.tasks,
      byUnit: v.tasks.byUnit.filter((u) => own(scope, u.unitId)),
      late: v.tasks.late.filter((t) => own(scope, t.unitId)),
    },
    reminders: narrowReminders(v.reminders, scope),
    reviews: narrowMarks(v.reviews, scope),
  };
}

export function narrowReviewList(l: ReviewList, scope: ReadScope): ReviewList {
  if (full(scope)) return l;
  const rows = l.rows.filter((r) => own(scope, r.unitId));
  const counts = { pending: 0, approved: 0, returned: 0 } as Record<ReviewState, number>;
  for (const r of rows) counts[r.state]++;
  return { ...l, rows, counts };
}
