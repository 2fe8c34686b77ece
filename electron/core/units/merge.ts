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
import { sql, type RawBuilder } from 'kysely';
import { runWithBackupOp, takeCopyOp, type BackupContext } from '../backup/service';
import { rememberUnitAliasOp } from '../db/repos/unitAliases';
import { listUnitsOp } from '../db/repos/units';
import { all, get, query, run, type Op } from '../store/query';
import { audit, planEditBacked, shortText } from '../plans/common';
import { recordEditOp } from '../plans/history';
import { requireUnitOp } from './maintain';
import { rewriteTaskTextsOp } from './taskTexts';
import { moveUnitInSyncOp } from '../sync/store';

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

type Pair = { fromId: number; intoId: number };
const FIGURE_PAIRS = query<FigurePair, Pair>(
  (_qb, p) => sql`SELECT f.indicator_id, f.period, f.value, k.value AS kept, i.name, i.decimals, i.measure_unit
         FROM figures f JOIN figures k ON k.indicator_id = f.indicator_id AND k.period = f.period AND k.unit_id = ${p('intoId')}
         JOIN indicators i ON i.id = f.indicator_id WHERE f.unit_id = ${p('fromId')} ORDER BY i.plan_id, i.sort_order, f.period`,
);
const TARGET_PAIRS = query<TargetPair, Pair>(
  (_qb, p) => sql`SELECT t.indicator_id, i.plan_id, t.value, t.value_max, k.value AS kept, k.value_max AS kept_max, i.name, i.decimals, p.year_start
         FROM targets t JOIN targets k ON k.indicator_id = t.indicator_id AND k.unit_id = ${p('intoId')}
         JOIN indicators i ON i.id = t.indicator_id JOIN plans p ON p.id = i.plan_id WHERE t.unit_id = ${p('fromId')} ORDER BY i.plan_id, i.sort_order`,
);
const PROGRESS_PAIRS = query<ProgressPair, Pair>(
  (_qb, p) => sql`SELECT p.task_id, p.period, p.status, p.text, k.status AS kept_status, k.text AS kept_text, t.seq
         FROM progress p JOIN progress k ON k.task_id = p.task_id AND k.period = p.period AND k.unit_id = ${p('intoId')}
         JOIN tasks t ON t.id = p.task_id WHERE p.unit_id = ${p('fromId')} ORDER BY t.seq, p.period`,
);
const SUMMARY_PAIRS = query<SummaryPair, Pair>(
  (_qb, p) => sql`SELECT s.id, s.period, pl.title FROM summaries s JOIN summaries k ON k.plan_id = s.plan_id AND k.period = s.period AND k.unit_id = ${p('intoId')}
         JOIN plans pl ON pl.id = s.plan_id WHERE s.unit_id = ${p('fromId')}`,
);

/** The cells both units hold. */
function* pairsOp(fromId: number, intoId: number) {
  const ids = { fromId, intoId };
  const figures = yield* all(FIGURE_PAIRS, ids);
  const targets = yield* all(TARGET_PAIRS, ids);
  const progress = yield* all(PROGRESS_PAIRS, ids);
  const summaries = yield* all(SUMMARY_PAIRS, ids);
  return { figures, targets, progress, summaries };
}
type Pairs = { figures: FigurePair[]; targets: TargetPair[]; progress: ProgressPair[]; summaries: SummaryPair[] };

const range = (v: number, max: number | null, decimals: number) => (max === null ? formatNumber(v, decimals) : `${formatNumber(v, decimals)}-${formatNumber(max, decimals)}`);

/** The values the merge would not keep, in the words of the confirmation. */
function conflictLines(p: Pairs, from: Unit, into: Unit): string[] {
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

function* refuseImpossibleOp(from: Unit, into: Unit): Op<void> {
  if (from.id === into.id) throw new ApiError('bad_request', '不能把一个单位合并到它自己。');
  if ((from.kind === 'department') !== (into.kind === 'department')) {
    throw new ApiError('bad_request', `“${from.name}”是${UNIT_KIND_LABEL[from.kind]}，“${into.name}”是${UNIT_KIND_LABEL[into.kind]}：部门只能与部门合并，行政单位只能与行政单位合并。`);
  }
  const units = new Map((yield* listUnitsOp()).map((u) => [u.id, u]));
  for (let u = units.get(into.parentId ?? -1); u; u = units.get(u.parentId ?? -1)) {
    if (u.id === from.id) throw new ApiError('bad_request', `“${into.name}”属于“${from.name}”，不能把上级单位合并到自己的下级。`);
  }
  const intoChildren = new Set([...units.values()].filter((u) => u.parentId === into.id).map((u) => normaliseUnitName(u.name)));
  const clash = [...units.values()].find((u) => u.parentId === from.id && intoChildren.has(normaliseUnitName(u.name)));
  if (clash) {
    throw new ApiError('bad_request', `“${from.name}”和“${into.name}”下都有“${clash.name}”：请先把这两个“${clash.name}”合并（或改名），再合并上级单位。`);
  }
}

const COUNT_OF = {
  figures: query<{ n: number }, { unitId: number }>((_qb, p) => sql`SELECT count(*) AS n FROM figures WHERE unit_id = ${p('unitId')}`),
  targets: query<{ n: number }, { unitId: number }>((_qb, p) => sql`SELECT count(*) AS n FROM targets WHERE unit_id = ${p('unitId')}`),
  progress: query<{ n: number }, { unitId: number }>((_qb, p) => sql`SELECT count(*) AS n FROM progress WHERE unit_id = ${p('unitId')}`),
  tasks: query<{ n: number }, { unitId: number }>((_qb, p) => sql`SELECT count(DISTINCT task_id) AS n FROM task_units WHERE unit_id = ${p('unitId')}`),
  summaries: query<{ n: number }, { unitId: number }>((_qb, p) => sql`SELECT count(*) AS n FROM summaries WHERE unit_id = ${p('unitId')}`),
};

/**
 * Merges `fromId` into `intoId`. With values both hold and no `confirm`, nothing happens and
 * they are listed (done: false); otherwise a backup, then everything moves in one transaction.
 */
export function mergeUnits(ctx: BackupContext, by: string, fromId: number, intoId: number, confirm: boolean): UnitMergeResult {
  const { result, backup } = runWithBackupOp(ctx, mergeUnitsBacked(by, fromId, intoId, confirm));
  return mergeAnswer(result, backup);
}

/** units.merge's answer: the merge's result with the copy it took. */
export const mergeAnswer = (result: Omit<UnitMergeResult, 'backup'>, backup: { id: string; createdAt: string } | null): UnitMergeResult => ({
  ...result,
  backup: result.done && backup ? { id: backup.id, createdAt: backup.createdAt } : null,
});

export const mergeUnitsBacked = (by: string, fromId: number, intoId: number, confirm: boolean) =>
  planEditBacked(by, '合并单位', mergeUnitsOp(by, fromId, intoId, confirm));

/**
 * The merge as one Op, run with its copy (runWithBackupOp on SQLite, runWithBackupPg on PostgreSQL):
 * everything is read under the write lock, so what is listed is exactly what the merge does.
 */
export function* mergeUnitsOp(by: string, fromId: number, intoId: number, confirm: boolean): Op<Omit<UnitMergeResult, 'backup'>> {
  const from = yield* requireUnitOp(fromId);
  const into = yield* requireUnitOp(intoId);
  yield* refuseImpossibleOp(from, into);
  const p = yield* pairsOp(fromId, intoId);
  const conflicts = conflictLines(p, from, into);
  const count = function* (q: (typeof COUNT_OF)['figures']): Op<number> {
    return (yield* get(q, { unitId: fromId }))?.n ?? 0;
  };
  const moved = {
    figures: (yield* count(COUNT_OF.figures)) - p.figures.length,
    targets: (yield* count(COUNT_OF.targets)) - p.targets.length,
    progress: (yield* count(COUNT_OF.progress)) - p.progress.length,
    tasks: yield* count(COUNT_OF.tasks),
    summaries: (yield* count(COUNT_OF.summaries)) - p.summaries.length,
  };
  const listed = conflicts.length > LISTED ? [...conflicts.slice(0, LISTED), `……共 ${conflicts.length} 项`] : conflicts;
  if (conflicts.length && !confirm) return { done: false, conflicts: listed, conflictCount: conflicts.length, moved };
  yield* takeCopyOp(`合并单位 ${from.name} → ${into.name}`);
  yield* moveOp(by, from, into, p);
  yield* recordEditOp(audit(by), {
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
}

type Move = { fromId: number; intoId: number };
/** A statement that moves everything of the merged unit in one table to the kept unit. */
const moving = (text: (into: unknown, from: unknown) => RawBuilder<unknown>) => query<never, Move>((_qb, p) => text(p('intoId'), p('fromId')) as RawBuilder<never>);
const MOVES = {
  figureHistory: moving((i, f) => sql`UPDATE figure_history SET unit_id = ${i} WHERE unit_id = ${f}`),
  figures: moving((i, f) => sql`UPDATE figures SET unit_id = ${i} WHERE unit_id = ${f}`),
  targetHistory: moving((i, f) => sql`UPDATE target_history SET unit_id = ${i} WHERE unit_id = ${f}`),
  targets: moving((i, f) => sql`UPDATE targets SET unit_id = ${i} WHERE unit_id = ${f}`),
  progressHistory: moving((i, f) => sql`UPDATE progress_history SET unit_id = ${i} WHERE unit_id = ${f}`),
  reminders: moving((i, f) => sql`UPDATE reminder_events SET unit_id = ${i} WHERE unit_id = ${f}`),
  reviewEvents: moving((i, f) => sql`UPDATE figure_review_events SET unit_id = ${i} WHERE unit_id = ${f}`),
  reviewsBothHold: moving(
    (i, f) =>
      sql`DELETE FROM figure_reviews WHERE unit_id = ${f} AND EXISTS (SELECT 1 FROM figure_reviews k WHERE k.unit_id = ${i} AND k.plan_id = figure_reviews.plan_id AND k.period = figure_reviews.period)`,
  ),
  reviews: moving((i, f) => sql`UPDATE figure_reviews SET unit_id = ${i} WHERE unit_id = ${f}`),
  users: moving((i, f) => sql`UPDATE users SET unit_id = ${i} WHERE unit_id = ${f}`),
  progress: moving((i, f) => sql`UPDATE progress SET unit_id = ${i} WHERE unit_id = ${f}`),
  // INSERT … SELECT … WHERE … ON CONFLICT DO NOTHING: SQLite's INSERT OR IGNORE, said the way both engines accept (the WHERE
  // keeps SQLite's parser from reading ON CONFLICT as a join's); a parameter in the SELECT list is CAST, as PostgreSQL would read it as text.
  taskLinks: moving(
    (i, f) => sql`INSERT INTO task_units (task_id, unit_id, role, via_phrase, sort_order)
     SELECT task_id, CAST(${i} AS INTEGER), role, via_phrase, sort_order FROM task_units WHERE unit_id = ${f} ON CONFLICT DO NOTHING`,
  ),
  dropTaskLinks: moving((_i, f) => sql`DELETE FROM task_units WHERE unit_id = ${f}`),
  summaries: moving((i, f) => sql`UPDATE summaries SET unit_id = ${i} WHERE unit_id = ${f}`),
  children: moving((i, f) => sql`UPDATE units SET parent_id = ${i} WHERE parent_id = ${f}`),
  plans: moving((i, f) => sql`UPDATE plans SET unit_id = ${i} WHERE unit_id = ${f}`),
  memberships: moving(
    (i, f) => sql`INSERT INTO unit_group_members (group_id, unit_id, sort_order) SELECT group_id, CAST(${i} AS INTEGER), sort_order FROM unit_group_members WHERE unit_id = ${f} ON CONFLICT DO NOTHING`,
  ),
  dropMemberships: moving((_i, f) => sql`DELETE FROM unit_group_members WHERE unit_id = ${f}`),
  aliases: moving((i, f) => sql`UPDATE unit_aliases SET unit_id = ${i} WHERE unit_id = ${f}`),
  history: moving((i, f) => sql`UPDATE edit_history SET entity_id = ${i} WHERE entity = 'unit' AND entity_id = ${f}`),
  unit: moving((_i, f) => sql`DELETE FROM units WHERE id = ${f}`),
};
const FIGURE_NOTE = query<
  never,
  { indicatorId: number; unitId: number; period: string; oldValue: number; newValue: number; note: string; by: string; at: string; source: string }
>(
  (_qb, p) => sql`INSERT INTO figure_history (indicator_id, unit_id, period, old_value, new_value, note, changed_by, changed_at, source)
     VALUES (${p('indicatorId')}, ${p('unitId')}, ${p('period')}, ${p('oldValue')}, ${p('newValue')}, ${p('note')}, ${p('by')}, ${p('at')}, ${p('source')})`,
);
const DROP_FIGURE = query<never, { indicatorId: number; unitId: number; period: string }>(
  (_qb, p) => sql`DELETE FROM figures WHERE indicator_id = ${p('indicatorId')} AND unit_id = ${p('unitId')} AND period = ${p('period')}`,
);
const TARGET_NOTE = query<
  never,
  { planId: number; indicatorId: number; unitId: number; oldValue: number; oldValueMax: number | null; newValue: number; newValueMax: number | null; by: string; at: string; source: string }
>(
  (_qb, p) => sql`INSERT INTO target_history (plan_id, indicator_id, unit_id, kind, old_value, old_value_max, new_value, new_value_max, changed_by, changed_at, source)
     VALUES (${p('planId')}, ${p('indicatorId')}, ${p('unitId')}, 'target', ${p('oldValue')}, ${p('oldValueMax')}, ${p('newValue')}, ${p('newValueMax')}, ${p('by')}, ${p('at')}, ${p('source')})`,
);
const DROP_TARGET = query<never, { indicatorId: number; unitId: number }>(
  (_qb, p) => sql`DELETE FROM targets WHERE indicator_id = ${p('indicatorId')} AND unit_id = ${p('unitId')}`,
);
const PROGRESS_NOTE = query<
  never,
  { taskId: number; unitId: number; period: string; oldStatus: string; newStatus: string; oldText: string; newText: string; by: string; at: string }
>(
  (_qb, p) => sql`INSERT INTO progress_history (task_id, unit_id, period, old_status, new_status, old_text, new_text, reported_on, changed_by, changed_at)
     VALUES (${p('taskId')}, ${p('unitId')}, ${p('period')}, ${p('oldStatus')}, ${p('newStatus')}, ${p('oldText')}, ${p('newText')}, NULL, ${p('by')}, ${p('at')})`,
);
const DROP_PROGRESS = query<never, { taskId: number; unitId: number; period: string }>(
  (_qb, p) => sql`DELETE FROM progress WHERE task_id = ${p('taskId')} AND unit_id = ${p('unitId')} AND period = ${p('period')}`,
);
const DROP_SUMMARY = query<never, { id: number }>((_qb, p) => sql`DELETE FROM summaries WHERE id = ${p('id')}`);
const OWNED_GROUPS = query<{ id: number; phrase: string }, { unitId: number }>(
  (_qb, p) => sql`SELECT id, phrase FROM unit_groups WHERE owner_unit_id = ${p('unitId')}`,
);
const GROUP_NAMED = query<{ id: number }, { unitId: number; phrase: string }>(
  (_qb, p) => sql`SELECT id FROM unit_groups WHERE owner_unit_id = ${p('unitId')} AND phrase = ${p('phrase')}`,
);
const SET_GROUP_OWNER = query<never, { id: number; unitId: number }>((_qb, p) => sql`UPDATE unit_groups SET owner_unit_id = ${p('unitId')} WHERE id = ${p('id')}`);
const JOIN_GROUP_MEMBERS = query<never, { into: number; from: number }>(
  (_qb, p) => sql`INSERT INTO unit_group_members (group_id, unit_id, sort_order)
     SELECT CAST(${p('into')} AS INTEGER), unit_id, sort_order + 1000 FROM unit_group_members WHERE group_id = ${p('from')} ON CONFLICT DO NOTHING`,
);
const DROP_GROUP = query<never, { id: number }>((_qb, p) => sql`DELETE FROM unit_groups WHERE id = ${p('id')}`);

function* moveOp(by: string, from: Unit, into: Unit, p: Pairs): Op<void> {
  const at = new Date().toISOString();
  const source = `单位合并：${from.name} → ${into.name}`;
  const ids = { fromId: from.id, intoId: into.id };

  // Figures: the histories join first, then the values both hold are settled, then the rest move.
  yield* run(MOVES.figureHistory, ids);
  for (const f of p.figures) {
    const note = f.value === f.kept ? `合并时${from.name}的值与${into.name}相同` : `合并时${from.name}的值 ${formatNumber(f.value, f.decimals)} 未保留`;
    yield* run(FIGURE_NOTE, { indicatorId: f.indicator_id, unitId: into.id, period: f.period, oldValue: f.value, newValue: f.kept, note, by, at, source });
    yield* run(DROP_FIGURE, { indicatorId: f.indicator_id, unitId: from.id, period: f.period });
  }
  yield* run(MOVES.figures, ids);

  yield* run(MOVES.targetHistory, ids);
  for (const t of p.targets) {
    yield* run(TARGET_NOTE, {
      planId: t.plan_id,
      indicatorId: t.indicator_id,
      unitId: into.id,
      oldValue: t.value,
      oldValueMax: t.value_max,
      newValue: t.kept,
      newValueMax: t.kept_max,
      by,
      at,
      source,
    });
    yield* run(DROP_TARGET, { indicatorId: t.indicator_id, unitId: from.id });
  }
  yield* run(MOVES.targets, ids);

  yield* run(MOVES.progressHistory, ids);
  yield* run(MOVES.reminders, ids);

  // 审核 (taizhang serve): every step moves; where both hold a state for the same period the kept unit's stays.
  yield* run(MOVES.reviewEvents, ids);
  yield* run(MOVES.reviewsBothHold, ids);
  yield* run(MOVES.reviews, ids);
  // Its 填报员 accounts enter for the kept unit from now on (区划调整: the same people, the merged street).
  yield* run(MOVES.users, ids);
  // 同步: a server's conflicts and a desktop's links follow the unit (sync/store.ts).
  yield* moveUnitInSyncOp(from.id, into.id);
  for (const g of p.progress) {
    yield* run(PROGRESS_NOTE, {
      taskId: g.task_id,
      unitId: into.id,
      period: g.period,
      oldStatus: g.status,
      newStatus: g.kept_status,
      oldText: g.text,
      newText: g.kept_text,
      by,
      at,
    });
    yield* run(DROP_PROGRESS, { taskId: g.task_id, unitId: from.id, period: g.period });
  }
  yield* run(MOVES.progress, ids);

  // Tasks: the texts as written first (they find the tasks through the links), then the links.
  yield* rewriteTaskTextsOp(from.id, from.name, into.name, by, `${from.name}并入${into.name}`);
  yield* run(MOVES.taskLinks, ids);
  yield* run(MOVES.dropTaskLinks, ids);

  for (const s of p.summaries) yield* run(DROP_SUMMARY, { id: s.id });
  yield* run(MOVES.summaries, ids);

  // The tree: sub-units and departments, plans, group phrases and memberships.
  yield* run(MOVES.children, ids);
  yield* run(MOVES.plans, ids);
  for (const g of yield* all(OWNED_GROUPS, { unitId: from.id })) {
    const same = (yield* get(GROUP_NAMED, { unitId: into.id, phrase: g.phrase }))?.id;
    if (same === undefined) {
      yield* run(SET_GROUP_OWNER, { id: g.id, unitId: into.id });
      continue;
    }
    yield* run(JOIN_GROUP_MEMBERS, { into: same, from: g.id });
    yield* run(DROP_GROUP, { id: g.id });
  }
  yield* run(MOVES.memberships, ids);
  yield* run(MOVES.dropMemberships, ids);

  // Its names read as the kept unit from now on; its own history is the kept unit's.
  yield* run(MOVES.aliases, ids);
  if (normaliseUnitName(from.name) !== normaliseUnitName(into.name)) {
    yield* rememberUnitAliasOp({ alias: from.name, unitId: into.id, createdBy: by, createdAt: at, source: `“${from.name}”并入“${into.name}”` });
  }
  yield* run(MOVES.history, ids);
  yield* run(MOVES.unit, ids);
}
