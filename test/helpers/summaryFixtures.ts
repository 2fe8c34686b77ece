/**
 * Figures and task progress for summary tests and the bench, written through
 * the real repos' Ops into a real store. Values are generated (deterministic),
 * marked 示例数据, never mixed with real ones.
 *
 * Written once as Ops of the query layer (issue 22), so the same rows go into
 * a SQLite file (`writeSampleYear(db)`, the bench and the browser tests) and
 * into a test's store on either engine (`s.store.write(writeSampleYearOp())`,
 * test/helpers/testStore.ts).
 */
import type { Db } from '../../electron/core/db/open';
import { writeFigureOp } from '../../electron/core/db/repos/figures';
import { writeProgressOp } from '../../electron/core/db/repos/progress';
import { writeTxOp } from '../../electron/core/db/tx';
import { all, get, query, runSync, type Op } from '../../electron/core/store/query';
import type { Frequency } from '../../shared/model/indicator';
import type { ProgressStatus } from '../../shared/model/task';

export const SAMPLE = '示例数据';

export interface Ids {
  plan: number;
  unit: Record<string, number>;
  indicator: Record<string, number>;
}

const FIRST_PLAN = query<{ id: number; unit_id: number }>((qb) => qb.selectFrom('plans').select(['id', 'unit_id']).orderBy('id').limit(1));
const UNIT_IDS = query<{ name: string; id: number }>((qb) => qb.selectFrom('units').select(['name', 'id']).orderBy('id'));
const INDICATOR_IDS = query<{ name: string; id: number }>((qb) => qb.selectFrom('indicators').select(['name', 'id']).orderBy('id'));

/** The first plan's id, and every unit's and indicator's id by name (a later plan's indicator of the same name wins). */
export function* exampleIdsOp(): Op<Ids> {
  const plan = yield* get(FIRST_PLAN);
  return {
    plan: plan?.id as number,
    unit: Object.fromEntries((yield* all(UNIT_IDS)).map((r) => [r.name, r.id])),
    indicator: Object.fromEntries((yield* all(INDICATOR_IDS)).map((r) => [r.name, r.id])),
  };
}

export function exampleIds(db: Db): Ids {
  return runSync(db, exampleIdsOp());
}

/** The year-end period key an indicator of this frequency reports in. */
export function yearEndPeriod(frequency: Frequency, year: number): string {
  return frequency === 'monthly' ? `${year}-12` : frequency === 'quarterly' ? `${year}Q4` : String(year);
}

type Ind = { id: number; name: string; aggregation: 'sum' | 'none'; frequency: Frequency; decimals: number };
const INDICATORS = query<Ind, { planId: number }>((qb, p) =>
  qb.selectFrom('indicators').select(['id', 'name', 'aggregation', 'frequency', 'decimals']).where('plan_id', '=', p('planId')).orderBy('sort_order'),
);
// In a fixed order (each sub-unit's share below goes by its place): the order the example's targets were written in.
const TARGETS = query<{ indicator_id: number; unit_id: number; value: number }>((qb) =>
  qb.selectFrom('targets').select(['indicator_id', 'unit_id', 'value']).orderBy('indicator_id').orderBy('unit_id'),
);
const SUB_UNITS = query<{ id: number }, { parentId: number }>((qb, p) =>
  qb.selectFrom('units').select('id').where('parent_id', '=', p('parentId')).where('kind', '<>', 'department').orderBy('sort_order').orderBy('id'),
);

/**
 * Year-end figures for every unit of the example: sub-units get a fixed share
 * of their target (some above, some below), ratio indicators a district
 * value; last year's figures a bit lower, so 同比 has something to say.
 * One write transaction.
 */
export function* writeSampleYearOp(year = 2022, by = SAMPLE): Op<void> {
  const plan = yield* get(FIRST_PLAN);
  if (!plan) throw new Error('no plan to write a sample year for');
  const indicators = yield* all(INDICATORS, { planId: plan.id });
  const targets = yield* all(TARGETS);
  const planUnit = plan.unit_id;
  const shares = [1.12, 0.86, 1.05, 1.0, 0.74, 1.3, 0.95];
  const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
  // Only generated demo figures carry the 示例数据 mark; tests that stand for real entry pass another name.
  const note = by === SAMPLE ? SAMPLE : null;
  const write = (indicatorId: number, unitId: number, period: string, value: number) => writeFigureOp({ indicatorId, unitId, period, value, by, note });
  for (const ind of indicators) {
    const period = yearEndPeriod(ind.frequency, year);
    const lastPeriod = yearEndPeriod(ind.frequency, year - 1);
    if (ind.aggregation === 'none') {
      const target = targets.find((t) => t.indicator_id === ind.id && t.unit_id === planUnit)?.value ?? 1;
      yield* write(ind.id, planUnit, period, round(target * 1.06, 2));
      yield* write(ind.id, planUnit, lastPeriod, round(target * 0.93, 2));
      continue;
    }
    const subTargets = targets.filter((t) => t.indicator_id === ind.id && t.unit_id !== planUnit);
    if (subTargets.length === 0) {
      // Not decomposed (新增研发平台 1-3个): the sub-units report what they have.
      const subs = (yield* all(SUB_UNITS, { parentId: planUnit })).map((r) => r.id);
      for (const [k, u] of subs.entries()) yield* write(ind.id, u, period, k < 2 ? 1 : 0);
      continue;
    }
    for (const [k, t] of subTargets.entries()) {
      const value = round(t.value * shares[k % shares.length], ind.decimals);
      yield* write(ind.id, t.unit_id, period, value);
      yield* write(ind.id, t.unit_id, lastPeriod, round(value * 0.89, ind.decimals));
    }
  }
}

/** The same, on a SQLite file, in one write transaction. */
export function writeSampleYear(db: Db, year = 2022, by = SAMPLE): void {
  writeTxOp(db, writeSampleYearOp(year, by));
}

const LEADS = query<{ task_id: number; unit_id: number; seq: number }, { planId: number }>((qb, p) =>
  qb
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .innerJoin('action_lines as a', 'a.id', 't.action_line_id')
    .select(['tu.task_id', 'tu.unit_id', 't.seq'])
    .where('a.plan_id', '=', p('planId'))
    .where('tu.role', '=', 'lead')
    .orderBy('t.seq')
    .orderBy('tu.unit_id'),
);

/** Task progress texts of the year (written by the progress repo, with its history): most tasks done or under way, a few late. One write transaction. */
export function* writeSampleProgressOp(year = 2022): Op<void> {
  const plan = yield* get(FIRST_PLAN);
  if (!plan) throw new Error('no plan to write sample progress for');
  for (const l of yield* all(LEADS, { planId: plan.id })) {
    const late = l.seq % 7 === 0;
    const status: ProgressStatus = late ? 'late' : l.seq % 3 === 0 ? 'in_progress' : 'done';
    const text = late
      ? `（示例数据）受企业申报意愿不足影响，第${l.seq}项任务进度落后于计划，已召开专题调度会督促推进`
      : `（示例数据）全年组织开展专题宣传培训${2 + (l.seq % 4)}场次，走访服务企业${10 + l.seq * 3}家，协调解决问题${1 + (l.seq % 5)}个，任务${status === 'done' ? '已全面完成' : '正有序推进'}`;
    yield* writeProgressOp({ taskId: l.task_id, unitId: l.unit_id, period: `${year}Q4`, status, text, reportedOn: `${year}-12-20`, by: SAMPLE, at: `${year}-12-20T08:00:00Z` });
  }
}

/** The same, on a SQLite file, in one write transaction. */
export function writeSampleProgress(db: Db, year = 2022): void {
  writeTxOp(db, writeSampleProgressOp(year));
}
