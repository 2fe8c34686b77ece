/**
 * 催报: who still owes figures or task progress for a period, so the district
 * knows whom to call. A sub-unit owes the indicators it has a target for; the
 * plan unit owes the indicators it enters itself (ratios, unsplit indicators);
 * every responsible unit (departments too) owes progress on its tasks.
 */
import type { ReminderList, ReminderRow } from '../../../shared/entry/views';
import { figurePeriodFor } from '../../../shared/figures/progressTable';
import { periodLabel, requirePeriod } from '../../../shared/periods';
import { defaultDeadline } from '../../../shared/dashboard/build';
import { officialIssuer } from '../../../shared/summary/issuer';
import type { Task } from '../../../shared/model/task';
import type { Db } from '../db/open';
import { writeTxOp } from '../db/tx';
import { ApiError } from '../../../shared/api/errors';
import { buildReminderSheet } from '../export/excel/reminderList';
import { writeXlsx } from '../export/excel/writeXlsx';
import { XLSX_MIME } from '../exchange/exportFiles';
import { listProgressOp } from '../db/repos/progress';
import { listTasksOp } from '../db/repos/tasks';
import { listIndicatorsOp } from '../db/repos/indicators';
import { parentIsComputed } from './planData';
import { planUnitsOp, requireYearInPlan } from '../plans/scope';
import { sql } from 'kysely';
import { jsonArray } from '../store/dialect';
import { all, get, query, run, runSync, type Op } from '../store/query';

/** Keys of (indicator, unit) as one number, as shared/figures/figureIndex.ts makes them. */
const UNIT_SPAN = 2 ** 22;

// Only which cells exist is needed: numeric keys made by the database and handed over as one JSON array
// (80,000 targets and figures at 2,000 units × 40 indicators; string keys, or a row each, cost most
// of the list's time). store/dialect.ts jsonArray.
const CELL_KEY = sql<number>`${sql.ref('c.indicator_id')} * ${sql.lit(UNIT_SPAN)} + ${sql.ref('c.unit_id')}`;
const TARGET_KEYS = query<{ keys: string }, { planId: number }>((qb, p, engine) =>
  qb
    .selectFrom('indicators as i')
    .innerJoin('targets as c', 'c.indicator_id', 'i.id')
    .where('i.plan_id', '=', p('planId'))
    .select(jsonArray(engine, CELL_KEY).as('keys')),
);
const FIGURE_KEYS = query<{ keys: string }, { planId: number; period: string }>((qb, p, engine) =>
  qb
    .selectFrom('indicators as i')
    .innerJoin('figures as c', 'c.indicator_id', 'i.id')
    .where('i.plan_id', '=', p('planId'))
    .where('c.period', '=', p('period'))
    .select(jsonArray(engine, CELL_KEY).as('keys')),
);
const keySet = (row: { keys: string } | undefined) => new Set(JSON.parse(row?.keys ?? '[]') as number[]);

export function buildReminders(db: Db, planId: number, period: string): ReminderList {
  return runSync(db, buildRemindersOp(planId, period));
}

export function* buildRemindersOp(planId: number, period: string): Op<ReminderList> {
  const { plan, units, parent, subUnits } = yield* planUnitsOp(planId);
  requireYearInPlan(plan, requirePeriod(period).year, period);
  const indicators = yield* listIndicatorsOp(planId);
  const cellKey = (indicatorId: number, unitId: number) => indicatorId * UNIT_SPAN + unitId;
  const hasTarget = keySet(yield* get(TARGET_KEYS, { planId }));
  const figuresAt = new Map<string, Set<number>>();
  for (const fp of new Set(indicators.map((i) => figurePeriodFor(i.frequency, period)))) {
    if (fp == null) continue;
    figuresAt.set(fp, keySet(yield* get(FIGURE_KEYS, { planId, period: fp })));
  }
  const has = (indicatorId: number, unitId: number, fp: string | null) => fp != null && figuresAt.get(fp)?.has(cellKey(indicatorId, unitId)) === true;
  const unitById = new Map(units.map((u) => [u.id, u]));
  const progress = new Set((yield* listProgressOp(planId, period)).map((p) => `${p.taskId}|${p.unitId}`));
  const tasksOf = new Map<number, Task[]>();
  for (const t of yield* listTasksOp(planId)) {
    for (const unitId of new Set(t.units.filter((u) => u.role === 'responsible').map((u) => u.unitId))) {
      const list = tasksOf.get(unitId);
      if (list) list.push(t);
      else tasksOf.set(unitId, [t]);
    }
  }

  const lastSent = yield* lastRemindersOp(planId, period);

  // Each indicator's own period at this view, worked out once (not per unit: 2,000 units × 40 indicators).
  const fpOf = new Map(indicators.map((i) => [i.id, figurePeriodFor(i.frequency, period)]));
  const rowFor = (unitId: number): ReminderRow | null => {
    const unit = unitById.get(unitId);
    if (!unit) return null;
    const owed = unit.kind === 'department' ? [] : indicators.filter((i) => {
      if (!fpOf.get(i.id)) return false;
      return unit.id === parent.id ? !parentIsComputed(i) : hasTarget.has(cellKey(i.id, unit.id));
    });
    const missingFigures = owed
      .filter((i) => {
        const fp = fpOf.get(i.id) ?? null;
        if (has(i.id, unit.id, fp)) return false;
        // An additive district figure is the sum of whatever the sub-units reported.
        return !(unit.id === parent.id && i.aggregation === 'sum' && subUnits.some((u) => has(i.id, u.id, fp)));
      })
      .map((i) => i.name);
    const ownTasks = tasksOf.get(unit.id) ?? [];
    const missingProgress = ownTasks
      .filter((t) => !progress.has(`${t.id}|${unit.id}`))
      .map((t) => ({ taskSeq: t.seq, content: t.content }));
    if (owed.length === 0 && ownTasks.length === 0) return null;
    return { unit, missingFigures, expectedFigures: owed.length, missingProgress, expectedProgress: ownTasks.length, lastReminder: lastSent.get(unit.id) ?? null };
  };

  const reporting = [parent.id, ...subUnits.map((u) => u.id), ...units.filter((u) => u.kind === 'department' && u.parentId === parent.id).map((u) => u.id)];
  const rows = reporting.map(rowFor).filter((r): r is ReminderRow => r != null);
  const missing = (r: ReminderRow) => r.missingFigures.length + r.missingProgress.length;
  // Stable: units with something missing first, in their usual order.
  rows.sort((a, b) => Number(missing(b) > 0) - Number(missing(a) > 0));
  return {
    planId,
    period,
    periodLabel: periodLabel(period),
    notice: { planTitle: plan.title, docNumber: plan.docNumber, issuer: officialIssuer(parent, units), deadline: defaultDeadline(period) },
    rows,
  };
}

type LastReminder = NonNullable<ReminderRow['lastReminder']>;

const LAST_REMINDERS = query<{ unit_id: number; channel: LastReminder['channel']; sent_by: string; sent_at: string }, { planId: number; period: string }>(
  (qb, p) =>
    qb
      .selectFrom('reminder_events as e')
      .select(['e.unit_id', 'e.channel', 'e.sent_by', 'e.sent_at'])
      .where('e.plan_id', '=', p('planId'))
      .where('e.period', '=', p('period'))
      .where('e.id', '=', (eb) =>
        eb
          .selectFrom('reminder_events as l')
          .select((eb) => eb.fn.max('l.id').as('id'))
          .whereRef('l.plan_id', '=', 'e.plan_id')
          .whereRef('l.period', '=', 'e.period')
          .whereRef('l.unit_id', '=', 'e.unit_id'),
      ),
);

/** The latest 催报 of each unit for the period (migration 011). */
function* lastRemindersOp(planId: number, period: string): Op<Map<number, LastReminder>> {
  const rows = yield* all(LAST_REMINDERS, { planId, period });
  return new Map(rows.map((r) => [r.unit_id, { at: r.sent_at, by: r.sent_by, channel: r.channel }]));
}

const ADD_REMINDER = query<never, { planId: number; period: string; unitId: number; channel: LastReminder['channel']; by: string; at: string }>((qb, p) =>
  qb
    .insertInto('reminder_events')
    .values({ plan_id: p('planId'), period: p('period'), unit_id: p('unitId'), channel: p('channel'), sent_by: p('by'), sent_at: p('at') }),
);

/**
 * Records that the units were reminded for the period (复制催报通知 or 导出名单), one row each,
 * as ONE write transaction (writeTxOp on SQLite, writeTxPgOp on PostgreSQL); only units of the plan
 * that the 催报 list names are taken.
 */
export function* recordRemindersOp(
  planId: number,
  period: string,
  unitIds: readonly number[],
  channel: LastReminder['channel'],
  by: string,
): Op<{ recorded: number; at: string }> {
  const list = yield* buildRemindersOp(planId, period);
  const listed = new Set(list.rows.map((r) => r.unit.id));
  const unknown = unitIds.filter((id) => !listed.has(id));
  if (unknown.length) throw new ApiError('bad_request', `编号为 ${unknown.join('、')} 的单位不在本期催报名单中，请刷新后重试。`);
  const at = new Date().toISOString();
  for (const unitId of new Set(unitIds)) yield* run(ADD_REMINDER, { planId, period, unitId, channel, by, at });
  return { recorded: new Set(unitIds).size, at };
}

export function recordReminders(db: Db, planId: number, period: string, unitIds: readonly number[], channel: LastReminder['channel'], by: string): { recorded: number; at: string } {
  return writeTxOp(db, recordRemindersOp(planId, period, unitIds, channel, by));
}

/** 导出名单 as .xlsx from a 催报 list: the units that still owe something, with the deadline and their last 催报. */
export async function reminderWorkbookOf(list: ReminderList, deadline?: string): Promise<{ fileName: string; mimeType: string; byteLength: number; base64: string }> {
  const { title, model } = buildReminderSheet(list, deadline ?? list.notice.deadline);
  const bytes = await writeXlsx([model], { title });
  return { fileName: `催报名单_${list.periodLabel}.xlsx`, mimeType: XLSX_MIME, byteLength: bytes.byteLength, base64: bytes.toString('base64') };
}

/** 导出名单 as .xlsx: the units that still owe something, with the deadline and their last 催报. */
export async function reminderWorkbook(db: Db, planId: number, period: string, deadline?: string): Promise<{ fileName: string; mimeType: string; byteLength: number; base64: string }> {
  return reminderWorkbookOf(buildReminders(db, planId, period), deadline);
}
