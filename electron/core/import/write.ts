/**
 * Writes an import's plan (shared/import/analyse.ts WritePlan). Called inside
 * one transaction by the caller: any failure rolls everything back.
 *
 * Tasks are updated in place where the analysis paired a row with an existing
 * task (by content first, then position — shared/import/taskMatch.ts), so
 * progress (任务进展) stays with its task's content when rows move. Every
 * target and baseline set, changed or removed is recorded in target_history
 * with the operator, the time and the file.
 *
 * Over the query layer (store/query.ts): `writeImportOp` writes the same on
 * SQLite and PostgreSQL; `writeImport(db, …)` is its SQLite wrapper. A 2,000 ×
 * 40 sheet writes 80,000 targets: they go as ONE runMany Step (on SQLite the
 * prepared upsert run per row, as a hand-written loop would; on PostgreSQL a
 * few multi-row statements, not 80,000 round trips), and a plan's first
 * targets get their history in one INSERT … SELECT from the table.
 */
import { sql } from 'kysely';
import type { WritePlan } from '../../../shared/import/analyse';
import { indexTargetColumns, targetCellKey } from '../../../shared/figures/targetIndex';
import type { Db } from '../db/open';
import { insertUnitOp, listUnitsOp } from '../db/repos/units';
import { insertIndicatorOp, listIndicatorsOp, setDecomposedOp, setIssuedHeaderOp, targetColumnsOp } from '../db/repos/indicators';
import { insertActionLineOp, insertTaskOp, relinkTaskUnitsOp } from '../db/repos/tasks';
import { getPlanOp, insertPlanOp } from '../db/repos/plans';
import { BASELINE_HISTORY, DELETE_TARGET, PUT_TARGETS, TARGET_HISTORY } from '../db/repos/targetWrites';
import { NEW_PLAN_UNIT_ID } from '../../../shared/import/newPlan';
import { rememberUnitAliasOp } from '../db/repos/unitAliases';
import { query, run, runMany, runSync, type Op } from '../store/query';

/** Who imported what, when: written with every target and baseline change. */
export interface ImportAudit {
  by: string;
  at: string;
  /** The file's name (or the label of pasted text). */
  source: string;
}

const SET_WORDING = query<never, { id: number; wordingText: string | null; wordingJson: string | null; baseline: number | null }>(
  (_qb, p) => sql`UPDATE indicators SET wording_text = ${p('wordingText')}, wording_json = ${p('wordingJson')}, baseline = ${p('baseline')} WHERE id = ${p('id')}`,
);
/** A plan's first targets, all of them just written: their history in one statement from the table. */
const FIRST_TARGETS_HISTORY = query<never, { planId: number; by: string; at: string; source: string }>(
  (_qb, p) => sql`INSERT INTO target_history (plan_id, indicator_id, unit_id, kind, old_value, old_value_max, new_value, new_value_max,
       old_baseline, new_baseline, changed_by, changed_at, source)
     SELECT i.plan_id, t.indicator_id, t.unit_id, 'target', NULL, NULL, t.value, t.value_max, NULL, NULL, ${p('by')}, ${p('at')}, ${p('source')}
       FROM targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.plan_id = ${p('planId')}`,
);
const FILL_PLAN_META = query<never, { id: number; docNumber: string | null; issuer: string | null; issuedOn: string | null }>(
  (_qb, p) => sql`UPDATE plans SET doc_number = COALESCE(doc_number, ${p('docNumber')}), issuer = COALESCE(issuer, ${p('issuer')}),
       issued_on = COALESCE(issued_on, ${p('issuedOn')}) WHERE id = ${p('id')}`,
);
const PARK_LINE_SEQS = query<never, { planId: number }>((_qb, p) => sql`UPDATE action_lines SET seq = -seq WHERE plan_id = ${p('planId')}`);
const SET_LINE = query<never, { id: number; seq: number; title: string }>(
  (_qb, p) => sql`UPDATE action_lines SET seq = ${p('seq')}, title = ${p('title')} WHERE id = ${p('id')}`,
);
const UPDATE_TASK = query<
  never,
  { id: number; actionLineId: number; seq: number; content: string; leadText: string; responsibleText: string; deadline: string | null }
>(
  (_qb, p) => sql`UPDATE tasks SET action_line_id = ${p('actionLineId')}, seq = ${p('seq')}, content = ${p('content')}, lead_text = ${p('leadText')},
       responsible_text = ${p('responsibleText')}, deadline = ${p('deadline')} WHERE id = ${p('id')}`,
);
const DROP_TASK = query<never, { id: number }>((_qb, p) => sql`DELETE FROM tasks WHERE id = ${p('id')}`);
const DROP_LINE = query<never, { id: number }>((_qb, p) => sql`DELETE FROM action_lines WHERE id = ${p('id')}`);

/** Writes the import; returns the plan's id (a new one when the import started the plan). */
export function* writeImportOp(w: WritePlan, audit: ImportAudit): Op<number> {
  const unitIds = new Map<number, number>();
  const planId = w.createPlan ? yield* startPlanOp(w.createPlan, unitIds) : w.planId;
  const plan = yield* getPlanOp(planId);
  if (!plan) throw new Error(`plan ${planId} vanished`);
  if (w.planMeta) {
    const meta = w.planMeta;
    yield* run(FILL_PLAN_META, { id: plan.id, docNumber: meta.docNumber ?? null, issuer: meta.issuer ?? null, issuedOn: meta.issuedOn ?? null });
  }

  // New units go under the plan's unit, after its existing children.
  const siblings = (yield* listUnitsOp()).filter((u) => u.parentId === plan.unitId);
  let order = siblings.reduce((m, u) => Math.max(m, u.sortOrder), 0);
  for (const u of w.newUnits) {
    order += 1;
    unitIds.set(u.id, yield* insertUnitOp({ name: u.name, kind: u.kind, parentId: plan.unitId, sortOrder: order }));
  }
  const unitId = (id: number) => (id < 0 ? unitIds.get(id)! : id);

  const stamp = { planId: plan.id, by: audit.by, at: audit.at, source: audit.source };
  function* baselineChanged(indicatorId: number, before: number | null, after: number | null): Op<void> {
    if (before === after) return;
    yield* run(BASELINE_HISTORY, { ...stamp, indicatorId, unitId: plan!.unitId, oldBaseline: before, newBaseline: after });
  }

  const existing = new Map((yield* listIndicatorsOp(plan.id)).map((i) => [i.id, i]));
  const indicatorIds = new Map<number, number>();
  let sort = [...existing.values()].reduce((m, i) => Math.max(m, i.sortOrder), 0);
  for (const i of w.indicators) {
    if (i.id < 0) {
      sort += 1;
      const id = yield* insertIndicatorOp({
        planId: plan.id,
        name: i.name,
        measureUnit: i.measureUnit,
        aggregation: i.aggregation,
        frequency: 'yearly',
        decimals: i.decimals,
        sortOrder: sort,
        wording: i.wording,
        wordingText: i.wordingText,
        baseline: i.baseline,
        decomposed: i.decomposed,
        issuedHeader: i.issuedHeader ?? null,
      });
      indicatorIds.set(i.id, id);
      yield* baselineChanged(id, null, i.baseline);
    } else {
      yield* setDecomposedOp(i.id, i.decomposed);
      if (i.issuedHeader) yield* setIssuedHeaderOp(i.id, i.issuedHeader);
      if (i.updateWording) {
        yield* run(SET_WORDING, { id: i.id, wordingText: i.wordingText, wordingJson: i.wording ? JSON.stringify(i.wording) : null, baseline: i.baseline });
        yield* baselineChanged(i.id, existing.get(i.id)?.baseline ?? null, i.baseline);
      }
    }
  }
  const indicatorId = (id: number) => (id < 0 ? indicatorIds.get(id)! : id);

  // The plan's targets as they stand (none for a plan the import starts): unchanged ones are neither rewritten nor recorded.
  const stored = w.createPlan ? null : yield* targetColumnsOp(plan.id);
  const before = indexTargetColumns(stored ?? { indicatorIds: [], unitIds: [], values: [], valueMaxes: [] });
  /** A change of one target as target_history records it (the stamp — who, when, which file — given once to runMany). */
  const change = (ind: number, unit: number, old: { value: number; valueMax: number | null } | undefined, value: number | null, valueMax: number | null) => ({
    indicatorId: ind,
    unitId: unit,
    oldValue: old?.value ?? null,
    oldValueMax: old?.valueMax ?? null,
    newValue: value,
    newValueMax: valueMax,
  });

  for (const t of w.removeTargets) {
    const old = before.get(t.indicatorId, t.unitId);
    if ((yield* run(DELETE_TARGET, { indicatorId: t.indicatorId, unitId: t.unitId })).changes > 0) {
      yield* run(TARGET_HISTORY, { ...stamp, ...change(t.indicatorId, t.unitId, old, null, null) });
    }
  }
  // A plan without targets yet (its first breakdown): every target of the plan after these writes is one the
  // sheet added, so their history is written in one statement from the table (a third of this write's
  // time at 2,000 × 40, issue 13); otherwise each change is recorded with its old value.
  const first = !stored || stored.indicatorIds.length === 0;
  // One write per cell: a cell named twice (two sheets) keeps its last value, as writing them in turn would.
  const lastOf = new Map<number, number>();
  w.targets.forEach((t, i) => lastOf.set(targetCellKey(indicatorId(t.indicatorId), unitId(t.unitId)), i));
  /** The targets to write, made as the driver writes them: no 80,000 row objects kept (and collected). */
  function* written<T>(row: (i: number, ind: number, unit: number, old: ReturnType<typeof before.get>, valueMax: number | null) => T): Generator<T> {
    for (let i = 0; i < w.targets.length; i++) {
      const t = w.targets[i];
      const ind = indicatorId(t.indicatorId);
      const unit = unitId(t.unitId);
      if (lastOf.get(targetCellKey(ind, unit)) !== i) continue;
      const old = first ? undefined : before.get(ind, unit);
      const valueMax = t.valueMax ?? null;
      if (old && old.value === t.value && old.valueMax === valueMax) continue;
      yield row(i, ind, unit, old, valueMax);
    }
  }
  yield* runMany(PUT_TARGETS, written((i, ind, unit, _old, valueMax) => ({ indicatorId: ind, unitId: unit, value: w.targets[i].value, valueMax })));
  if (first) yield* run(FIRST_TARGETS_HISTORY, stamp);
  else yield* runMany(TARGET_HISTORY, written((i, ind, unit, old, valueMax) => change(ind, unit, old, w.targets[i].value, valueMax)), stamp);

  if (w.tasks) yield* writeTasksOp(plan.id, w.tasks, unitId);
  // Names the user mapped to a unit are remembered, so the next import reads them without asking.
  for (const a of w.aliases) yield* rememberUnitAliasOp({ alias: a.alias, unitId: a.unitId, createdBy: audit.by, createdAt: audit.at, source: audit.source });
  return plan.id;
}

/** The import written into a SQLite file (inside the caller's writeTx). */
export function writeImport(db: Db, w: WritePlan, audit: ImportAudit): number {
  return runSync(db, writeImportOp(w, audit));
}

/** The plan an import starts (the database had none), with its district when the tree lacks it. */
function* startPlanOp(p: NonNullable<WritePlan['createPlan']>, unitIds: Map<number, number>): Op<number> {
  let unitId = p.unitId;
  if (unitId === null) {
    const order = (yield* listUnitsOp()).filter((u) => u.parentId === null).reduce((m, u) => Math.max(m, u.sortOrder), 0) + 1;
    unitId = yield* insertUnitOp({ name: p.unitName, kind: 'district', parentId: null, sortOrder: order });
    unitIds.set(NEW_PLAN_UNIT_ID, unitId);
  }
  return yield* insertPlanOp({
    unitId,
    title: p.title,
    yearStart: p.year,
    yearEnd: p.year,
    docNumber: p.docNumber ?? null,
    issuedOn: p.issuedOn ?? null,
    issuer: p.issuer ?? null,
    source: p.source,
  });
}

function* writeTasksOp(planId: number, plan: NonNullable<WritePlan['tasks']>, unitId: (id: number) => number): Op<void> {
  const lineIds: number[] = [];
  // Lines keep UNIQUE (plan_id, seq): park the old numbers out of the way before renumbering.
  yield* run(PARK_LINE_SEQS, { planId });
  for (const [i, line] of plan.actionLines.entries()) {
    if (line.oldId !== null) {
      yield* run(SET_LINE, { id: line.oldId, seq: i + 1, title: line.title });
      lineIds.push(line.oldId);
    } else lineIds.push(yield* insertActionLineOp({ planId, seq: i + 1, title: line.title }));
  }

  let seq = 0;
  for (const [l, line] of plan.actionLines.entries()) {
    for (const t of line.tasks) {
      seq += 1;
      const units = dedupe(t.units.map((u) => ({ ...u, unitId: unitId(u.unitId) })));
      if (t.oldId !== null) {
        yield* run(UPDATE_TASK, {
          id: t.oldId,
          actionLineId: lineIds[l],
          seq,
          content: t.content,
          leadText: t.leadText,
          responsibleText: t.responsibleText,
          deadline: t.deadline,
        });
        yield* relinkTaskUnitsOp(t.oldId, units);
      } else {
        yield* insertTaskOp({
          actionLineId: lineIds[l],
          seq,
          content: t.content,
          leadText: t.leadText,
          responsibleText: t.responsibleText,
          deadline: t.deadline,
          units,
        });
      }
    }
  }
  // Removed tasks take their progress with them (ON DELETE CASCADE): the analysis refuses that unless allowed.
  for (const id of plan.removeTaskIds) yield* run(DROP_TASK, { id });
  // A line is dropped after its kept tasks moved to their new lines, so the cascade takes none of them.
  for (const id of plan.removeLineIds) yield* run(DROP_LINE, { id });
}

/** One link per unit and role (a unit named twice in a cell). */
function dedupe<T extends { unitId: number; role: string }>(links: T[]): T[] {
  const seen = new Set<string>();
  return links.filter((l) => {
    const k = `${l.unitId}:${l.role}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
