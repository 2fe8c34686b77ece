/**
 * A year of monthly figures and task progress for the example plan, up to a
 * month, marked 示例数据 (generated, deterministic): the dashboard's tests,
 * screenshots and bench use it. Written through the real repos.
 */
import type { Db } from '../../electron/core/db/open';
import { writeFigure } from '../../electron/core/db/repos/figures';
import { writeProgress } from '../../electron/core/db/repos/progress';
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

/**
 * Cumulative figures from January to `lastMonth` of `year` (and the whole of
 * the year before, a little lower) for every unit that reports: each
 * sub-unit runs at its own pace (some ahead of 时序进度, some behind), ratio
 * indicators are entered by the district. Progress for `year-MM` with a few
 * tasks 滞后.
 */
export function writeSampleMonths(db: Db, year = 2022, lastMonth = 9): void {
  const plan = db.prepare('SELECT id, unit_id FROM plans ORDER BY id').get() as { id: number; unit_id: number };
  const indicators = db
    .prepare('SELECT id, name, aggregation, frequency, decimals, decomposed FROM indicators WHERE plan_id = ? ORDER BY sort_order')
    .all(plan.id) as Ind[];
  const subs = db.prepare("SELECT id FROM units WHERE parent_id = ? AND kind <> 'department' ORDER BY sort_order, id").pluck().all(plan.unit_id) as number[];
  const targetOf = db.prepare('SELECT value FROM targets WHERE indicator_id = ? AND unit_id = ?').pluck();
  // Each sub-unit's pace against the year: 1.15 is ahead, 0.55 far behind.
  const pace = [1.15, 0.9, 1.05, 0.62, 0.98, 1.2, 0.8];
  db.transaction(() => {
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
        writeFigure(db, { indicatorId: ind.id, unitId, period, value: round(value, ind.decimals), by: SAMPLE, note: SAMPLE, source: SAMPLE });
      if (ind.aggregation === 'none') {
        const target = (targetOf.get(ind.id, plan.unit_id) as number | undefined) ?? 1;
        for (const p of periods(year, lastMonth)) write(plan.unit_id, p, target * (0.85 + 0.1 * share(p)));
        for (const p of periods(year - 1, 12)) write(plan.unit_id, p, target * (0.8 + 0.1 * share(p)));
        continue;
      }
      subs.forEach((unitId, k) => {
        const own = targetOf.get(ind.id, unitId) as number | undefined;
        // Not split (新增研发平台): two streets report what they have.
        const target = own ?? (ind.decomposed ? 0 : k < 2 ? 1 : 0);
        if (target === 0 && !own) return;
        for (const p of periods(year, lastMonth)) write(unitId, p, Math.max(0, target * pace[k % pace.length] * share(p)));
        for (const p of periods(year - 1, 12)) write(unitId, p, Math.max(0, target * 0.85 * share(p)));
      });
    }
    const tasks = db
      .prepare(
        `SELECT t.id, tu.unit_id FROM tasks t JOIN action_lines a ON a.id = t.action_line_id JOIN task_units tu ON tu.task_id = t.id
         WHERE a.plan_id = ? AND tu.role = 'responsible' ORDER BY t.seq, tu.unit_id`,
      )
      .all(plan.id) as { id: number; unit_id: number }[];
    const period = `${year}-${String(lastMonth).padStart(2, '0')}`;
    const states: ProgressStatus[] = ['done', 'in_progress', 'in_progress', 'late', 'not_started', 'in_progress', 'done'];
    const texts: Record<ProgressStatus, string> = {
      done: '已按计划完成，相关材料已归档。',
      in_progress: '正在推进，已完成年度工作量的六成左右。',
      late: '受项目申报进度影响，进度滞后，已约谈责任科室，计划下月赶上。',
      not_started: '尚未启动，拟于下季度启动。',
    };
    tasks.forEach((t, k) => {
      // Every fifth entry stays unreported, so 催报 has something to say.
      if (k % 5 === 4) return;
      const status = states[k % states.length];
      writeProgress(db, {
        taskId: t.id,
        unitId: t.unit_id,
        period,
        status,
        text: `${texts[status]}（${SAMPLE}）`,
        reportedOn: `${year}-${String(lastMonth).padStart(2, '0')}-28`,
        by: SAMPLE,
        at: new Date().toISOString(),
      });
    });
  })();
}
