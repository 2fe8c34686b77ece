/**
 * Writes an import's plan (shared/import/analyse.ts WritePlan). Called inside
 * one transaction by the caller: any failure rolls everything back.
 *
 * Tasks are replaced by position and updated in place where a task already
 * stands, so progress recorded against task 3 stays with task 3.
 */
import type { WritePlan } from '../../../shared/import/analyse';
import type { Db } from '../db/open';
import { insertUnit, listUnits } from '../db/repos/units';
import { insertIndicator, listIndicators } from '../db/repos/indicators';
import { insertActionLine, insertTask, listActionLines, listTasks } from '../db/repos/tasks';
import { getPlan, insertPlan } from '../db/repos/plans';
import { NEW_PLAN_UNIT_ID } from '../../../shared/import/newPlan';

/** Writes the import; returns the plan's id (a new one when the import started the plan). */
export function writeImport(db: Db, w: WritePlan): number {
  const unitIds = new Map<number, number>();
  const planId = w.createPlan ? startPlan(db, w.createPlan, unitIds) : w.planId;
  const plan = getPlan(db, planId);
  if (!plan) throw new Error(`plan ${planId} vanished`);

  // New units go under the plan's unit, after its existing children.
  const siblings = listUnits(db).filter((u) => u.parentId === plan.unitId);
  let order = siblings.reduce((m, u) => Math.max(m, u.sortOrder), 0);
  for (const u of w.newUnits) {
    order += 1;
    unitIds.set(u.id, insertUnit(db, { name: u.name, kind: u.kind, parentId: plan.unitId, sortOrder: order }));
  }
  const unitId = (id: number) => (id < 0 ? unitIds.get(id)! : id);

  const indicatorIds = new Map<number, number>();
  let sort = listIndicators(db, plan.id).reduce((m, i) => Math.max(m, i.sortOrder), 0);
  const update = db.prepare('UPDATE indicators SET decomposed = ? WHERE id = ?');
  const updateWording = db.prepare('UPDATE indicators SET wording_text = ?, wording_json = ?, baseline = ? WHERE id = ?');
  for (const i of w.indicators) {
    if (i.id < 0) {
      sort += 1;
      indicatorIds.set(
        i.id,
        insertIndicator(db, {
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
        }),
      );
    } else {
      update.run(i.decomposed ? 1 : 0, i.id);
      if (i.updateWording) updateWording.run(i.wordingText, i.wording ? JSON.stringify(i.wording) : null, i.baseline, i.id);
    }
  }
  const indicatorId = (id: number) => (id < 0 ? indicatorIds.get(id)! : id);

  const removeTarget = db.prepare('DELETE FROM targets WHERE indicator_id = ? AND unit_id = ?');
  for (const t of w.removeTargets) removeTarget.run(t.indicatorId, t.unitId);
  // repos/indicators.ts upsertTarget's statement, prepared once: a 2,000 × 40 sheet writes 80,000 targets.
  const upsert = db.prepare(
    `INSERT INTO targets (indicator_id, unit_id, value, value_max) VALUES (?, ?, ?, ?)
     ON CONFLICT (indicator_id, unit_id) DO UPDATE SET value = excluded.value, value_max = excluded.value_max`,
  );
  for (const t of w.targets) upsert.run(indicatorId(t.indicatorId), unitId(t.unitId), t.value, t.valueMax);

  if (w.tasks) writeTasks(db, plan.id, w.tasks.actionLines, unitId);
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
    docNumber: null,
    issuedOn: null,
    issuer: null,
    source: p.source,
  });
}

function writeTasks(
  db: Db,
  planId: number,
  lines: NonNullable<WritePlan['tasks']>['actionLines'],
  unitId: (id: number) => number,
): void {
  const oldLines = listActionLines(db, planId);
  const oldTasks = listTasks(db, planId);
  const lineIds: number[] = [];
  const setTitle = db.prepare('UPDATE action_lines SET title = ? WHERE id = ?');
  lines.forEach((line, i) => {
    const old = oldLines[i];
    if (old) {
      setTitle.run(line.title, old.id);
      lineIds.push(old.id);
    } else lineIds.push(insertActionLine(db, { planId, seq: i + 1, title: line.title }));
  });

  const updateTask = db.prepare(
    'UPDATE tasks SET action_line_id = ?, seq = ?, content = ?, lead_text = ?, responsible_text = ?, deadline = ? WHERE id = ?',
  );
  const clearLinks = db.prepare('DELETE FROM task_units WHERE task_id = ?');
  const link = db.prepare('INSERT INTO task_units (task_id, unit_id, role, via_phrase, sort_order) VALUES (?, ?, ?, ?, ?)');
  let seq = 0;
  lines.forEach((line, l) => {
    for (const t of line.tasks) {
      seq += 1;
      const units = dedupe(t.units.map((u) => ({ ...u, unitId: unitId(u.unitId) })));
      const old = oldTasks[seq - 1];
      if (old) {
        updateTask.run(lineIds[l], seq, t.content, t.leadText, t.responsibleText, t.deadline, old.id);
        clearLinks.run(old.id);
        units.forEach((u, i) => link.run(old.id, u.unitId, u.role, u.viaPhrase, i));
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
  const dropTask = db.prepare('DELETE FROM tasks WHERE id = ?');
  oldTasks.slice(seq).forEach((t) => dropTask.run(t.id));
  const dropLine = db.prepare('DELETE FROM action_lines WHERE id = ?');
  oldLines.slice(lines.length).forEach((l) => dropLine.run(l.id));
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
