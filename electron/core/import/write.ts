/**
 * Writes an import's plan (shared/import/analyse.ts WritePlan). Called inside
 * one transaction by the caller: any failure rolls everything back.
 *
 * Tasks are updated in place where the analysis paired a row with an existing
 * task (by content first, then position — shared/import/taskMatch.ts), so
 * progress (任务进展) stays with its task's content when rows move. Every
 * target and baseline set, changed or removed is recorded in target_history
 * with the operator, the time and the file.
 */
import type { WritePlan } from '../../../shared/import/analyse';
import type { Db } from '../db/open';
import { insertUnit, listUnits } from '../db/repos/units';
import { insertIndicator, listIndicators, setIssuedHeader } from '../db/repos/indicators';
import { insertActionLine, insertTask } from '../db/repos/tasks';
import { getPlan, insertPlan } from '../db/repos/plans';
import { NEW_PLAN_UNIT_ID } from '../../../shared/import/newPlan';
import { rememberUnitAlias } from '../db/repos/unitAliases';

/** Who imported what, when: written with every target and baseline change. */
export interface ImportAudit {
  by: string;
  at: string;
  /** The file's name (or the label of pasted text). */
  source: string;
}

/** Writes the import; returns the plan's id (a new one when the import started the plan). */
export function writeImport(db: Db, w: WritePlan, audit: ImportAudit): number {
  const unitIds = new Map<number, number>();
  const planId = w.createPlan ? startPlan(db, w.createPlan, unitIds) : w.planId;
  const plan = getPlan(db, planId);
  if (!plan) throw new Error(`plan ${planId} vanished`);
  if (w.planMeta) fillPlanMeta(db, plan.id, w.planMeta);

  // New units go under the plan's unit, after its existing children.
  const siblings = listUnits(db).filter((u) => u.parentId === plan.unitId);
  let order = siblings.reduce((m, u) => Math.max(m, u.sortOrder), 0);
  for (const u of w.newUnits) {
    order += 1;
    unitIds.set(u.id, insertUnit(db, { name: u.name, kind: u.kind, parentId: plan.unitId, sortOrder: order }));
  }
  const unitId = (id: number) => (id < 0 ? unitIds.get(id)! : id);

  const history = db.prepare(
    `INSERT INTO target_history (plan_id, indicator_id, unit_id, kind, old_value, old_value_max, new_value, new_value_max,
       old_baseline, new_baseline, changed_by, changed_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const baselineChanged = (indicatorId: number, before: number | null, after: number | null) => {
    if (before === after) return;
    history.run(plan.id, indicatorId, plan.unitId, 'baseline', null, null, null, null, before, after, audit.by, audit.at, audit.source);
  };

  const existing = new Map(listIndicators(db, plan.id).map((i) => [i.id, i]));
  const indicatorIds = new Map<number, number>();
  let sort = [...existing.values()].reduce((m, i) => Math.max(m, i.sortOrder), 0);
  const update = db.prepare('UPDATE indicators SET decomposed = ? WHERE id = ?');
  const updateWording = db.prepare('UPDATE indicators SET wording_text = ?, wording_json = ?, baseline = ? WHERE id = ?');
  for (const i of w.indicators) {
    if (i.id < 0) {
      sort += 1;
      const id = insertIndicator(db, {
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
      baselineChanged(id, null, i.baseline);
    } else {
      update.run(i.decomposed ? 1 : 0, i.id);
      if (i.issuedHeader) setIssuedHeader(db, i.id, i.issuedHeader);
      if (i.updateWording) {
        updateWording.run(i.wordingText, i.wording ? JSON.stringify(i.wording) : null, i.baseline, i.id);
        baselineChanged(i.id, existing.get(i.id)?.baseline ?? null, i.baseline);
      }
    }
  }
  const indicatorId = (id: number) => (id < 0 ? indicatorIds.get(id)! : id);

  // The plan's targets as they stand: unchanged ones are neither rewritten nor recorded.
  const before = new Map<string, { value: number; valueMax: number | null }>();
  if (!w.createPlan) {
    const rows = db
      .prepare('SELECT t.indicator_id, t.unit_id, t.value, t.value_max FROM targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.plan_id = ?')
      .raw()
      .all(plan.id) as [number, number, number, number | null][];
    for (const [ind, unit, value, valueMax] of rows) before.set(`${ind}:${unit}`, { value, valueMax });
  }
  const record = (ind: number, unit: number, old: { value: number; valueMax: number | null } | undefined, value: number | null, valueMax: number | null) =>
    history.run(plan.id, ind, unit, 'target', old?.value ?? null, old?.valueMax ?? null, value, valueMax, null, null, audit.by, audit.at, audit.source);

  const removeTarget = db.prepare('DELETE FROM targets WHERE indicator_id = ? AND unit_id = ?');
  for (const t of w.removeTargets) {
    const old = before.get(`${t.indicatorId}:${t.unitId}`);
    if (removeTarget.run(t.indicatorId, t.unitId).changes > 0) record(t.indicatorId, t.unitId, old, null, null);
  }
  // repos/indicators.ts upsertTarget's statement, prepared once: a 2,000 × 40 sheet writes 80,000 targets.
  const upsert = db.prepare(
    `INSERT INTO targets (indicator_id, unit_id, value, value_max) VALUES (?, ?, ?, ?)
     ON CONFLICT (indicator_id, unit_id) DO UPDATE SET value = excluded.value, value_max = excluded.value_max`,
  );
  // A plan without targets yet (its first breakdown): every target of the plan after this loop is one the
  // sheet added, so their history is written in one statement from the table (a third of this write's
  // time at 2,000 × 40, issue 13); otherwise each change is recorded with its old value as it is written.
  const first = before.size === 0; // `before` holds all the plan's targets (none for a plan the import starts)
  for (const t of w.targets) {
    const ind = indicatorId(t.indicatorId);
    const unit = unitId(t.unitId);
    const old = before.get(`${ind}:${unit}`);
    const valueMax = t.valueMax ?? null;
    if (old && old.value === t.value && old.valueMax === valueMax) continue;
    upsert.run(ind, unit, t.value, valueMax);
    if (!first) record(ind, unit, old, t.value, valueMax);
  }
  if (first) {
    db.prepare(
      `INSERT INTO target_history (plan_id, indicator_id, unit_id, kind, old_value, old_value_max, new_value, new_value_max,
         old_baseline, new_baseline, changed_by, changed_at, source)
       SELECT i.plan_id, t.indicator_id, t.unit_id, 'target', NULL, NULL, t.value, t.value_max, NULL, NULL, ?, ?, ?
         FROM targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.plan_id = ?`,
    ).run(audit.by, audit.at, audit.source, plan.id);
  }

  if (w.tasks) writeTasks(db, plan.id, w.tasks, unitId);
  // Names the user mapped to a unit are remembered, so the next import reads them without asking.
  for (const a of w.aliases) rememberUnitAlias(db, { alias: a.alias, unitId: a.unitId, createdBy: audit.by, createdAt: audit.at, source: audit.source });
  return plan.id;
}

/** The plan an import starts (the database had none), with its district when the tree lacks it. */
function startPlan(db: Db, p: NonNullable<WritePlan['createPlan']>, unitIds: Map<number, number>): number {
  let unitId = p.unitId;
  if (unitId === null) {
    const order = listUnits(db).filter((u) => u.parentId === null).reduce((m, u) => Math.max(m, u.sortOrder), 0) + 1;
    unitId = insertUnit(db, { name: p.unitName, kind: 'district', parentId: null, sortOrder: order });
    unitIds.set(NEW_PLAN_UNIT_ID, unitId);
  }
  return insertPlan(db, {
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

/** A notice's 文号, issuer and date where the plan had none (the analysis never overwrites one). */
function fillPlanMeta(db: Db, planId: number, meta: NonNullable<WritePlan['planMeta']>): void {
  const set = db.prepare(
    `UPDATE plans SET doc_number = COALESCE(doc_number, ?), issuer = COALESCE(issuer, ?), issued_on = COALESCE(issued_on, ?) WHERE id = ?`,
  );
  set.run(meta.docNumber ?? null, meta.issuer ?? null, meta.issuedOn ?? null, planId);
}

function writeTasks(db: Db, planId: number, plan: NonNullable<WritePlan['tasks']>, unitId: (id: number) => number): void {
  const lineIds: number[] = [];
  // Lines keep UNIQUE (plan_id, seq): park the old numbers out of the way before renumbering.
  db.prepare('UPDATE action_lines SET seq = -seq WHERE plan_id = ?').run(planId);
  const setLine = db.prepare('UPDATE action_lines SET seq = ?, title = ? WHERE id = ?');
  plan.actionLines.forEach((line, i) => {
    if (line.oldId !== null) {
      setLine.run(i + 1, line.title, line.oldId);
      lineIds.push(line.oldId);
    } else lineIds.push(insertActionLine(db, { planId, seq: i + 1, title: line.title }));
  });

  const updateTask = db.prepare(
    'UPDATE tasks SET action_line_id = ?, seq = ?, content = ?, lead_text = ?, responsible_text = ?, deadline = ? WHERE id = ?',
  );
  const clearLinks = db.prepare('DELETE FROM task_units WHERE task_id = ?');
  const link = db.prepare('INSERT INTO task_units (task_id, unit_id, role, via_phrase, sort_order) VALUES (?, ?, ?, ?, ?)');
  let seq = 0;
  plan.actionLines.forEach((line, l) => {
    for (const t of line.tasks) {
      seq += 1;
      const units = dedupe(t.units.map((u) => ({ ...u, unitId: unitId(u.unitId) })));
      if (t.oldId !== null) {
        updateTask.run(lineIds[l], seq, t.content, t.leadText, t.responsibleText, t.deadline, t.oldId);
        clearLinks.run(t.oldId);
        units.forEach((u, i) => link.run(t.oldId, u.unitId, u.role, u.viaPhrase, i));
      } else {
        insertTask(db, {
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
  });
  // Removed tasks take their progress with them (ON DELETE CASCADE): the analysis refuses that unless allowed.
  const dropTask = db.prepare('DELETE FROM tasks WHERE id = ?');
  for (const id of plan.removeTaskIds) dropTask.run(id);
  // A line is dropped after its kept tasks moved to their new lines, so the cascade takes none of them.
  const dropLine = db.prepare('DELETE FROM action_lines WHERE id = ?');
  for (const id of plan.removeLineIds) dropLine.run(id);
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
