/**
 * Figures and task progress for summary tests and the bench, written through
 * the real repos into a real database. Values are generated (deterministic),
 * marked 示例数据, never mixed with real ones.
 */
import type { Db } from '../../electron/core/db/open';
import { writeFigure } from '../../electron/core/db/repos/figures';
import type { Frequency } from '../../shared/model/indicator';

export const SAMPLE = '示例数据';

export interface Ids {
  plan: number;
  unit: Record<string, number>;
  indicator: Record<string, number>;
}

export function exampleIds(db: Db): Ids {
  return {
    plan: db.prepare('SELECT id FROM plans ORDER BY id').pluck().get() as number,
    unit: Object.fromEntries(db.prepare('SELECT name, id FROM units').raw().all() as [string, number][]),
    indicator: Object.fromEntries(db.prepare('SELECT name, id FROM indicators').raw().all() as [string, number][]),
  };
}

/** The year-end period key an indicator of this frequency reports in. */
export function yearEndPeriod(frequency: Frequency, year: number): string {
  return frequency === 'monthly' ? `${year}-12` : frequency === 'quarterly' ? `${year}Q4` : String(year);
}

/**
 * Year-end figures for every unit of the example: sub-units get a fixed share
 * of their target (some above, some below), ratio indicators a district
 * value; last year's figures a bit lower, so 同比 has something to say.
 */
export function writeSampleYear(db: Db, year = 2022, by = SAMPLE): void {
  const ids = exampleIds(db);
  const indicators = db
    .prepare('SELECT id, name, aggregation, frequency, decimals FROM indicators WHERE plan_id = ? ORDER BY sort_order')
    .all(ids.plan) as { id: number; name: string; aggregation: 'sum' | 'none'; frequency: Frequency; decimals: number }[];
  const targets = db.prepare('SELECT indicator_id, unit_id, value FROM targets').all() as { indicator_id: number; unit_id: number; value: number }[];
  const planUnit = db.prepare('SELECT unit_id FROM plans WHERE id = ?').pluck().get(ids.plan) as number;
  const shares = [1.12, 0.86, 1.05, 1.0, 0.74, 1.3, 0.95];
  const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
  // Only generated demo figures carry the 示例数据 mark; tests that stand for real entry pass another name.
  const note = by === SAMPLE ? SAMPLE : null;
  db.transaction(() => {
    for (const ind of indicators) {
      const period = yearEndPeriod(ind.frequency, year);
      const lastPeriod = yearEndPeriod(ind.frequency, year - 1);
      if (ind.aggregation === 'none') {
        const target = targets.find((t) => t.indicator_id === ind.id && t.unit_id === planUnit)?.value ?? 1;
        writeFigure(db, { indicatorId: ind.id, unitId: planUnit, period, value: round(target * 1.06, 2), by, note });
        writeFigure(db, { indicatorId: ind.id, unitId: planUnit, period: lastPeriod, value: round(target * 0.93, 2), by, note });
        continue;
      }
      const subTargets = targets.filter((t) => t.indicator_id === ind.id && t.unit_id !== planUnit);
      if (subTargets.length === 0) {
        // Not decomposed (新增研发平台 1-3个): the sub-units report what they have.
        const subs = db.prepare("SELECT id FROM units WHERE parent_id = ? AND kind <> 'department' ORDER BY sort_order, id").pluck().all(planUnit) as number[];
        subs.forEach((u, k) => {
          writeFigure(db, { indicatorId: ind.id, unitId: u, period, value: k < 2 ? 1 : 0, by, note });
        });
        continue;
      }
      subTargets.forEach((t, k) => {
        const value = round(t.value * shares[k % shares.length], ind.decimals);
        writeFigure(db, { indicatorId: ind.id, unitId: t.unit_id, period, value, by, note });
        writeFigure(db, { indicatorId: ind.id, unitId: t.unit_id, period: lastPeriod, value: round(value * 0.89, ind.decimals), by, note });
      });
    }
  })();
}

/** Task progress texts of the year: most tasks done or under way, a few late. */
export function writeSampleProgress(db: Db, year = 2022): void {
  const ids = exampleIds(db);
  const links = db
    .prepare(
      `SELECT tu.task_id, tu.unit_id, t.seq, t.content FROM task_units tu JOIN tasks t ON t.id = tu.task_id
       JOIN action_lines a ON a.id = t.action_line_id WHERE a.plan_id = ? AND tu.role = 'lead' ORDER BY t.seq`,
    )
    .all(ids.plan) as { task_id: number; unit_id: number; seq: number; content: string }[];
  const insert = db.prepare(
    `INSERT OR REPLACE INTO progress (task_id, unit_id, period, status, text, reported_on, entered_by, entered_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const l of links) {
      const late = l.seq % 7 === 0;
      const status = late ? 'late' : l.seq % 3 === 0 ? 'in_progress' : 'done';
      const text = late
        ? `（示例数据）受企业申报意愿不足影响，第${l.seq}项任务进度落后于计划，已召开专题调度会督促推进`
        : `（示例数据）全年组织开展专题宣传培训${2 + (l.seq % 4)}场次，走访服务企业${10 + l.seq * 3}家，协调解决问题${1 + (l.seq % 5)}个，任务${status === 'done' ? '已全面完成' : '正有序推进'}`;
      insert.run(l.task_id, l.unit_id, `${year}Q4`, status, text, `${year}-12-20`, SAMPLE, `${year}-12-20T08:00:00Z`);
    }
  })();
}
