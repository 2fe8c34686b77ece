/**
 * Merging two units (合并, as streets are merged in a 区划调整): everything
 * the merged unit holds moves to the kept one — figures, task progress,
 * targets, task links (and the tasks' texts), summaries, sub-units and
 * departments, group memberships, aliases, every history and the sync
 * bookkeeping (a server's conflicts, a desktop's links) — and its name
 * becomes an alias of the kept unit, so old tables and returned files still
 * read. Where both hold a value for the same cell, the kept unit's value
 * stays and the other goes into the cell's history: those are listed first
 * and the merge waits for the confirmation. Always with a backup first.
 */
import { ApiError } from '../../../shared/api/errors';
import type { UnitMergeResult } from '../../../shared/api/methods/units';
import { PROGRESS_STATUS_LABEL, type ProgressStatus } from '../../../shared/model/task';
import { UNIT_KIND_LABEL, type Unit } from '../../../shared/model/units';
import { formatNumber } from '../../../shared/numbers';
import { periodLabel } from '../../../shared/periods';
import { normaliseUnitName } from '../../../shared/units/normalise';
import { runWithBackup, type BackupContext } from '../backup/service';
import type { Db } from '../db/open';
import { rememberUnitAlias } from '../db/repos/unitAliases';
import { listUnits } from '../db/repos/units';
import { audit, shortText } from '../plans/common';
import { recordEdit } from '../plans/history';
import { requireUnit } from './maintain';
import { rewriteTaskTexts } from './taskTexts';
import { moveUnitInSync } from '../sync/store';

const LISTED = 200;

interface FigurePair {
  indicator_id: number;
  period: string;
  value: number;
  kept: number;
  name: string;
  decimals: number;
  measure_unit: string;
}
interface TargetPair {
  indicator_id: number;
  plan_id: number;
  value: number;
  value_max: number | null;
  kept: number;
  kept_max: number | null;
  name: string;
  decimals: number;
  year_start: number;
}
interface ProgressPair {
  task_id: number;
  period: string;
  status: ProgressStatus;
  text: string;
  kept_status: ProgressStatus;
  kept_text: string;
  seq: number;
}
interface SummaryPair {
  id: number;
  period: string;
  title: string;
}

/** The cells both units hold. */
function pairs(db: Db, fromId: number, intoId: number) {
  const figures = db
    .prepare(
      `SELECT f.indicator_id, f.period, f.value, k.value AS kept, i.name, i.decimals, i.measure_unit
         FROM figures f JOIN figures k ON k.indicator_id = f.indicator_id AND k.period = f.period AND k.unit_id = ?
         JOIN indicators i ON i.id = f.indicator_id WHERE f.unit_id = ? ORDER BY i.plan_id, i.sort_order, f.period`,
    )
    .all(intoId, fromId) as FigurePair[];
  const targets = db
    .prepare(
      `SELECT t.indicator_id, i.plan_id, t.value, t.value_max, k.value AS kept, k.value_max AS kept_max, i.name, i.decimals, p.year_start
         FROM targets t JOIN targets k ON k.indicator_id = t.indicator_id AND k.unit_id = ?
         JOIN indicators i ON i.id = t.indicator_id JOIN plans p ON p.id = i.plan_id WHERE t.unit_id = ? ORDER BY i.plan_id, i.sort_order`,
    )
    .all(intoId, fromId) as TargetPair[];
  const progress = db
    .prepare(
      `SELECT p.task_id, p.period, p.status, p.text, k.status AS kept_status, k.text AS kept_text, t.seq
         FROM progress p JOIN progress k ON k.task_id = p.task_id AND k.period = p.period AND k.unit_id = ?
         JOIN tasks t ON t.id = p.task_id WHERE p.unit_id = ? ORDER BY t.seq, p.period`,
    )
    .all(intoId, fromId) as ProgressPair[];
  const summaries = db
    .prepare(
      `SELECT s.id, s.period, pl.title FROM summaries s JOIN summaries k ON k.plan_id = s.plan_id AND k.period = s.period AND k.unit_id = ?
         JOIN plans pl ON pl.id = s.plan_id WHERE s.unit_id = ?`,
    )
    .all(intoId, fromId) as SummaryPair[];
  return { figures, targets, progress, summaries };
}

const range = (v: number, max: number | null, decimals: number) => (max === null ? formatNumber(v, decimals) : `${formatNumber(v, decimals)}-${formatNumber(max, decimals)}`);

/** The values the merge would not keep, in the words of the confirmation. */
function conflictLines(p: ReturnType<typeof pairs>, from: Unit, into: Unit): string[] {
  const lines: string[] = [];
  for (const f of p.figures) {
    if (f.value === f.kept) continue;
    lines.push(
      `${f.name}（${periodLabel(f.period)}）：保留${into.name}的 ${formatNumber(f.kept, f.decimals)}${f.measure_unit}，${from.name}的 ${formatNumber(f.value, f.decimals)}${f.measure_unit} 记入修改记录`,
    );
  }
  for (const t of p.targets) {
    if (t.value === t.kept && t.value_max === t.kept_max) continue;
    lines.push(`${t.year_start}年${t.name}目标：保留${into.name}的 ${range(t.kept, t.kept_max, t.decimals)}，${from.name}的 ${range(t.value, t.value_max, t.decimals)} 记入修改记录`);
  }
  for (const g of p.progress) {
    if (g.status === g.kept_status && g.text === g.kept_text) continue;
    lines.push(
      `任务${g.seq}（${periodLabel(g.period)}）进展：保留${into.name}的“${PROGRESS_STATUS_LABEL[g.kept_status]}${g.kept_text ? `，${shortText(g.kept_text, 16)}` : ''}”，${from.name}的“${PROGRESS_STATUS_LABEL[g.status]}${g.text ? `，${shortText(g.text, 16)}` : ''}”记入修改记录`,
    );
  }
  for (const s of p.summaries) lines.push(`${shortText(s.title, 20)}（${periodLabel(s.period)}）的工作总结：保留${into.name}的，${from.name}已保存的文字将被删除`);
  return lines;
}

function refuseImpossible(db: Db, from: Unit, into: Unit): void {
  if (from.id === into.id) throw new ApiError('bad_request', '不能把一个单位合并到它自己。');
  if ((from.kind === 'department') !== (into.kind === 'department')) {
    throw new ApiError('bad_request', `“${from.name}”是${UNIT_KIND_LABEL[from.kind]}，“${into.name}”是${UNIT_KIND_LABEL[into.kind]}：部门只能与部门合并，行政单位只能与行政单位合并。`);
  }
  const units = new Map(listUnits(db).map((u) => [u.id, u]));
  for (let u = units.get(into.parentId ?? -1); u; u = units.get(u.parentId ?? -1)) {
    if (u.id === from.id) throw new ApiError('bad_request', `“${into.name}”属于“${from.name}”，不能把上级单位合并到自己的下级。`);
  }
  const intoChildren = new Set([...units.values()].filter((u) => u.parentId === into.id).map((u) => normaliseUnitName(u.name)));
  const clash = [...units.values()].find((u) => u.parentId === from.id && intoChildren.has(normaliseUnitName(u.name)));
  if (clash) {
    throw new ApiError('bad_request', `“${from.name}”和“${into.name}”下都有“${clash.name}”：请先把这两个“${clash.name}”合并（或改名），再合并上级单位。`);
  }
}

/**
 * Merges `fromId` into `intoId`. With values both hold and no `confirm`, nothing happens and
 * they are listed (done: false); otherwise a backup, then everything moves in one transaction.
 */
export function mergeUnits(ctx: BackupContext, by: string, fromId: number, intoId: number, confirm: boolean): UnitMergeResult {
  const { db } = ctx;
  const from = requireUnit(db, fromId);
  const into = requireUnit(db, intoId);
  refuseImpossible(db, from, into);
  const { result, backup } = runWithBackup(ctx, { operation: 'plan.edit', reason: `合并单位 ${from.name} → ${into.name}`, by, what: '合并单位' }, (copy) => {
    // Read again under the write lock: what is listed is exactly what the merge does.
    refuseImpossible(db, requireUnit(db, fromId), requireUnit(db, intoId));
    const p = pairs(db, fromId, intoId);
    const conflicts = conflictLines(p, from, into);
    const count = (sql: string) => db.prepare(sql).pluck().get(fromId) as number;
    const moved = {
      figures: count('SELECT count(*) FROM figures WHERE unit_id = ?') - p.figures.length,
      targets: count('SELECT count(*) FROM targets WHERE unit_id = ?') - p.targets.length,
      progress: count('SELECT count(*) FROM progress WHERE unit_id = ?') - p.progress.length,
      tasks: count('SELECT count(DISTINCT task_id) FROM task_units WHERE unit_id = ?'),
      summaries: count('SELECT count(*) FROM summaries WHERE unit_id = ?') - p.summaries.length,
    };
    const listed = conflicts.length > LISTED ? [...conflicts.slice(0, LISTED), `……共 ${conflicts.length} 项`] : conflicts;
    if (conflicts.length && !confirm) return { done: false, conflicts: listed, conflictCount: conflicts.length, moved };
    copy.take();
    move(db, by, from, into, p);
    recordEdit(db, audit(by), {
      planId: null,
      entity: 'unit',
      entityId: into.id,
      action: 'merge',
      oldValue: from.name,
      newValue: into.name,
      summary:
        `合并单位：${from.name}并入${into.name}（移入完成数 ${moved.figures} 个、目标 ${moved.targets} 个、任务进展 ${moved.progress} 条、任务 ${moved.tasks} 项` +
        `${conflicts.length ? `；${conflicts.length} 项两者都有的值保留${into.name}的，${from.name}的记入修改记录` : ''}）`,
    });
    return { done: true, conflicts: listed, conflictCount: conflicts.length, moved };
  });
  return { ...result, backup: result.done && backup ? { id: backup.id, createdAt: backup.createdAt } : null };
}

function move(db: Db, by: string, from: Unit, into: Unit, p: ReturnType<typeof pairs>): void {
  const at = new Date().toISOString();
  const source = `单位合并：${from.name} → ${into.name}`;
  const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);

  // Figures: the histories join first, then the values both hold are settled, then the rest move.
  run('UPDATE figure_history SET unit_id = ? WHERE unit_id = ?', into.id, from.id);
  const figureNote = db.prepare(
    'INSERT INTO figure_history (indicator_id, unit_id, period, old_value, new_value, note, changed_by, changed_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const dropFigure = db.prepare('DELETE FROM figures WHERE indicator_id = ? AND unit_id = ? AND period = ?');
  for (const f of p.figures) {
    const note = f.value === f.kept ? `合并时${from.name}的值与${into.name}相同` : `合并时${from.name}的值 ${formatNumber(f.value, f.decimals)} 未保留`;
    figureNote.run(f.indicator_id, into.id, f.period, f.value, f.kept, note, by, at, source);
    dropFigure.run(f.indicator_id, from.id, f.period);
  }
  run('UPDATE figures SET unit_id = ? WHERE unit_id = ?', into.id, from.id);

  run('UPDATE target_history SET unit_id = ? WHERE unit_id = ?', into.id, from.id);
  const targetNote = db.prepare(
    `INSERT INTO target_history (plan_id, indicator_id, unit_id, kind, old_value, old_value_max, new_value, new_value_max, changed_by, changed_at, source)
     VALUES (?, ?, ?, 'target', ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const t of p.targets) {
    targetNote.run(t.plan_id, t.indicator_id, into.id, t.value, t.value_max, t.kept, t.kept_max, by, at, source);
    run('DELETE FROM targets WHERE indicator_id = ? AND unit_id = ?', t.indicator_id, from.id);
  }
  run('UPDATE targets SET unit_id = ? WHERE unit_id = ?', into.id, from.id);

  run('UPDATE progress_history SET unit_id = ? WHERE unit_id = ?', into.id, from.id);
  run('UPDATE reminder_events SET unit_id = ? WHERE unit_id = ?', into.id, from.id);

  // 审核 (taizhang serve): every step moves; where both hold a state for the same period the kept unit's stays.
  run('UPDATE figure_review_events SET unit_id = ? WHERE unit_id = ?', into.id, from.id);
  run(
    'DELETE FROM figure_reviews WHERE unit_id = ? AND EXISTS (SELECT 1 FROM figure_reviews k WHERE k.unit_id = ? AND k.plan_id = figure_reviews.plan_id AND k.period = figure_reviews.period)',
    from.id,
    into.id,
  );
  run('UPDATE figure_reviews SET unit_id = ? WHERE unit_id = ?', into.id, from.id);
  // Its 填报员 accounts enter for the kept unit from now on (区划调整: the same people, the merged street).
  run('UPDATE users SET unit_id = ? WHERE unit_id = ?', into.id, from.id);
  // 同步: a server's conflicts and a desktop's links follow the unit (sync/store.ts).
  moveUnitInSync(db, from.id, into.id);
  const progressNote = db.prepare(
    `INSERT INTO progress_history (task_id, unit_id, period, old_status, new_status, old_text, new_text, reported_on, changed_by, changed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  for (const g of p.progress) {
    progressNote.run(g.task_id, into.id, g.period, g.status, g.kept_status, g.text, g.kept_text, by, at);
    run('DELETE FROM progress WHERE task_id = ? AND unit_id = ? AND period = ?', g.task_id, from.id, g.period);
  }
  run('UPDATE progress SET unit_id = ? WHERE unit_id = ?', into.id, from.id);

  // Tasks: the texts as written first (they find the tasks through the links), then the links.
  rewriteTaskTexts(db, from.id, from.name, into.name, by, `${from.name}并入${into.name}`);
  run(
    `INSERT OR IGNORE INTO task_units (task_id, unit_id, role, via_phrase, sort_order)
     SELECT task_id, ?, role, via_phrase, sort_order FROM task_units WHERE unit_id = ?`,
    into.id,
    from.id,
  );
  run('DELETE FROM task_units WHERE unit_id = ?', from.id);

  for (const s of p.summaries) run('DELETE FROM summaries WHERE id = ?', s.id);
  run('UPDATE summaries SET unit_id = ? WHERE unit_id = ?', into.id, from.id);

  // The tree: sub-units and departments, plans, group phrases and memberships.
  run('UPDATE units SET parent_id = ? WHERE parent_id = ?', into.id, from.id);
  run('UPDATE plans SET unit_id = ? WHERE unit_id = ?', into.id, from.id);
  const owned = db.prepare('SELECT id, phrase FROM unit_groups WHERE owner_unit_id = ?').all(from.id) as { id: number; phrase: string }[];
  for (const g of owned) {
    const same = db.prepare('SELECT id FROM unit_groups WHERE owner_unit_id = ? AND phrase = ?').pluck().get(into.id, g.phrase) as number | undefined;
    if (same === undefined) {
      run('UPDATE unit_groups SET owner_unit_id = ? WHERE id = ?', into.id, g.id);
      continue;
    }
    run('INSERT OR IGNORE INTO unit_group_members (group_id, unit_id, sort_order) SELECT ?, unit_id, sort_order + 1000 FROM unit_group_members WHERE group_id = ?', same, g.id);
    run('DELETE FROM unit_groups WHERE id = ?', g.id);
  }
  run('INSERT OR IGNORE INTO unit_group_members (group_id, unit_id, sort_order) SELECT group_id, ?, sort_order FROM unit_group_members WHERE unit_id = ?', into.id, from.id);
  run('DELETE FROM unit_group_members WHERE unit_id = ?', from.id);

  // Its names read as the kept unit from now on; its own history is the kept unit's.
  run('UPDATE unit_aliases SET unit_id = ? WHERE unit_id = ?', into.id, from.id);
  if (normaliseUnitName(from.name) !== normaliseUnitName(into.name)) {
    rememberUnitAlias(db, { alias: from.name, unitId: into.id, createdBy: by, createdAt: at, source: `“${from.name}”并入“${into.name}”` });
  }
  run("UPDATE edit_history SET entity_id = ? WHERE entity = 'unit' AND entity_id = ?", into.id, from.id);
  run('DELETE FROM units WHERE id = ?', from.id);
}
