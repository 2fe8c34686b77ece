/**
 * A year of monthly figures and task progress for the example plan, up to a
 * month, marked 示例数据 (generated, deterministic): the dashboard's tests,
 * screenshots and bench use it. Written through the real repos' Ops
 * (writeFigureOp, writeProgressOp) in one write transaction, so the same
 * figures go into a SQLite file (writeSampleMonths) and a PostgreSQL store
 * (`store.write(writeSampleMonthsOp())`).
 */
import type { Db } from '../../electron/core/db/open';
import { writeFigureOp } from '../../electron/core/db/repos/figures';
import { writeProgressOp } from '../../electron/core/db/repos/progress';
import { writeTxOp } from '../../electron/core/db/tx';
import { all, get, query, type Op } from '../../electron/core/store/query';
import { figurePeriodFor } from '../../shared/figures/progressTable';
import type { Frequency } from '../../shared/model/indicator';
import type { ProgressStatus } from '../../shared/model/task';
import { SAMPLE } from './summaryFixtures';

interface Ind {
  id: number;
  name: string;
  aggregation: 'sum' | 'none';
  frequency: Frequency;
  decimals: number;
  decomposed: number;
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

const FIRST_PLAN = query<{ id: number; unit_id: number }>((qb) => qb.selectFrom('plans').select(['id', 'unit_id']).orderBy('id').limit(1));
const INDICATORS = query<Ind, { planId: number }>((qb, p) =>
  qb
    .selectFrom('indicators')
    .select(['id', 'name', 'aggregation', 'frequency', 'decimals', 'decomposed'])
    .where('plan_id', '=', p('planId'))
    .orderBy('sort_order'),
);
const SUB_UNITS = query<{ id: number }, { parentId: number }>((qb, p) =>
  qb.selectFrom('units').select('id').where('parent_id', '=', p('parentId')).where('kind', '<>', 'department').orderBy('sort_order').orderBy('id'),
);
const TARGET = query<{ value: number }, { indicatorId: number; unitId: number }>((qb, p) =>
  qb.selectFrom('targets').select('value').where('indicator_id', '=', p('indicatorId')).where('unit_id', '=', p('unitId')),
);
const RESPONSIBLE = query<{ id: number; unit_id: number }, { planId: number }>((qb, p) =>
  qb
    .selectFrom('tasks as t')
    .innerJoin('action_lines as a', 'a.id', 't.action_line_id')
    .innerJoin('task_units as tu', 'tu.task_id', 't.id')
    .select(['t.id', 'tu.unit_id'])
    .where('a.plan_id', '=', p('planId'))
    .where('tu.role', '=', 'responsible')
    .orderBy('t.seq')
    .orderBy('tu.unit_id'),
);

/**
 * Cumulative figures from January to `lastMonth` of `year` (and the whole of
 * the year before, a little lower) for every unit that reports: each
 * sub-unit runs at its own pace (some ahead of 时序进度, some behind), ratio
 * indicators are entered by the district. Progress for `year-MM` with a few
 * tasks 滞后. On a SQLite file, in one write transaction.
 */
export function writeSampleMonths(db: Db, year = 2022, lastMonth = 9): void {
  writeTxOp(db, writeSampleMonthsOp(year, lastMonth));
}

/** The same, as an Op of the query layer (run it in one write transaction); `at`: when the figures and progress say they were entered (now by default). */
export function* writeSampleMonthsOp(year = 2022, lastMonth = 9, at?: string): Op<void> {
  const plan = yield* get(FIRST_PLAN);
  if (!plan) throw new Error('no plan to write sample months for');
  const indicators = yield* all(INDICATORS, { planId: plan.id });
  const subs = (yield* all(SUB_UNITS, { parentId: plan.unit_id })).map((r) => r.id);
  const targetOf = function* (indicatorId: number, unitId: number): Op<number | undefined> {
    return (yield* get(TARGET, { indicatorId, unitId }))?.value;
  };
  // Each sub-unit's pace against the year: 1.15 is ahead, 0.55 far behind.
  const pace = [1.15, 0.9, 1.05, 0.62, 0.98, 1.2, 0.8];
  for (const ind of indicators) {
    const periods = (y: number, upto: number) => {
      const out = new Set<string>();
      for (let m = 1; m <= upto; m++) {
        const fp = figurePeriodFor(ind.frequency, `${y}-${String(m).padStart(2, '0')}`);
        if (fp && (ind.frequency === 'monthly' || Number(fp.slice(-1)) * 3 === m || (ind.frequency === 'yearly' && m === 12))) out.add(fp);
      }
      return [...out];
    };
    const share = (p: string) => (p.length === 4 ? 1 : p.includes('Q') ? Number(p.slice(-1)) / 4 : Number(p.slice(5)) / 12);
    const write = (unitId: number, period: string, value: number) =>
      writeFigureOp({ indicatorId: ind.id, unitId, period, value: round(value, ind.decimals), by: SAMPLE, note: SAMPLE, source: SAMPLE, at });
    if (ind.aggregation === 'none') {
      const target = (yield* targetOf(ind.id, plan.unit_id)) ?? 1;
      for (const p of periods(year, lastMonth)) yield* write(plan.unit_id, p, target * (0.85 + 0.1 * share(p)));
      for (const p of periods(year - 1, 12)) yield* write(plan.unit_id, p, target * (0.8 + 0.1 * share(p)));
      continue;
    }
    for (const [k, unitId] of subs.entries()) {
      const own = yield* targetOf(ind.id, unitId);
      // Not split (新增研发平台): two streets report what they have.
      const target = own ?? (ind.decomposed ? 0 : k < 2 ? 1 : 0);
      if (target === 0 && !own) continue;
      for (const p of periods(year, lastMonth)) yield* write(unitId, p, Math.max(0, target * pace[k % pace.length] * share(p)));
      for (const p of periods(year - 1, 12)) yield* write(unitId, p, Math.max(0, target * 0.85 * share(p)));
    }
  }
  const tasks = yield* all(RESPONSIBLE, { planId: plan.id });
  const period = `${year}-${String(lastMonth).padStart(2, '0')}`;
  const states: ProgressStatus[] = ['done', 'in_progress', 'in_progress', 'late', 'not_started', 'in_progress', 'done'];
  const texts: Record<ProgressStatus, string> = {
    done: '已按计划完成，相关材料已归档。',
    in_progress: '正在推进，已完成年度工作量的六成左右。',
    late: '受项目申报进度影响，进度滞后，已约谈责任科室，计划下月赶上。',
    not_started: '尚未启动，拟于下季度启动。',
  };
  for (const [k, t] of tasks.entries()) {
    // Every fifth entry stays unreported, so 催报 has something to say.
    if (k % 5 === 4) continue;
    const status = states[k % states.length];
    yield* writeProgressOp({
      taskId: t.id,
      unitId: t.unit_id,
      period,
      status,
      text: `${texts[status]}（${SAMPLE}）`,
      reportedOn: `${year}-${String(lastMonth).padStart(2, '0')}-28`,
      by: SAMPLE,
      at: at ?? new Date().toISOString(),
    });
  }
}
