/**
 * `taizhang status --period 2022-09 [--unit 名称] [--plan ID] [--json]`: the
 * dashboard (dashboard.get) in the terminal — each unit × indicator with its
 * status, the laggards and who has not reported — for batch use over many units.
 */
import { ApiError } from '../../shared/api/errors';
import { owedPhrase, owingRows } from '../../shared/entry/reminderNotice';
import { STATUS_LABEL } from '../../shared/figures/status';
import { STATUS_SYMBOL } from '../../shared/charts/dashboardCharts';
import type { DashboardView } from '../../shared/dashboard/view';
import { formatNumber, formatRate } from '../../shared/numbers';
import { isPeriodKey } from '../../shared/periods';
import { callOrThrow, type CliCommand } from './command';
import { planIdOf, unitIdOf } from './lookup';
import { optionText as str, UsageError } from './output';

const USAGE = 'taizhang status --period 2022-09 [--unit 单位名称] [--plan 计划编号] [--json]';

export interface StatusJson {
  period: string;
  plan: { id: number; title: string };
  cells: { unit: string; indicator: string; period: string | null; target: number | null; actual: number | null; rate: number | null; status: string }[];
  laggards: { unit: string; indicator: string; rate: number | null; status: 'amber' | 'red' }[];
  notReported: { unit: string; indicators: string[]; tasks: number[] }[];
}

/** The rows `status` prints: the district and all its sub-units, or the one unit asked for. */
function rowsOf(view: DashboardView): number[] {
  return view.unit.isPlanUnit ? view.units.map((_, k) => k) : [view.unit.row];
}

export function statusJson(view: DashboardView): StatusJson {
  const cells: StatusJson['cells'] = [];
  for (const row of rowsOf(view)) {
    view.indicators.forEach((ind, col) => {
      const [status, rate, actual, target] = view.cells[row][col];
      cells.push({ unit: view.units[row].name, indicator: ind.name, period: ind.figurePeriod, target, actual, rate, status });
    });
  }
  return {
    period: view.period,
    plan: view.plan,
    cells,
    laggards: cells
      .filter((c): c is StatusJson['cells'][number] & { status: 'amber' | 'red' } => c.status === 'amber' || c.status === 'red')
      .sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0))
      .map(({ unit, indicator, rate, status }) => ({ unit, indicator, rate, status })),
    notReported: owingRows(view.reminders).map((r) => ({
      unit: r.unit.name,
      indicators: r.missingFigures,
      tasks: r.missingProgress.map((t) => t.taskSeq),
    })),
  };
}

/** East Asian characters take two columns in a terminal. */
const width = (s: string) => [...s].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) <= 0xff ? 1 : 2), 0);
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));

export function statusText(view: DashboardView): string {
  const lines: string[] = [];
  lines.push(`${view.plan.title} · ${view.periodLabel}（时序进度 ${formatRate(view.scheduleProgress)}）${view.sampleData ? ' · 含示例数据' : ''}`);
  const t = view.tiles;
  lines.push(
    `指标：${STATUS_SYMBOL.green} 正常 ${t.indicators.green}  ${STATUS_SYMBOL.amber} 滞后 ${t.indicators.amber}  ${STATUS_SYMBOL.red} 严重滞后 ${t.indicators.red}  ${STATUS_SYMBOL.none} 无数据 ${t.indicators.none + t.indicators.partial}${t.notDue ? `（本期不考核 ${t.notDue}）` : ''}`,
  );
  lines.push(`任务：未启动 ${t.tasks.not_started}  推进中 ${t.tasks.in_progress}  已完成 ${t.tasks.done}  滞后 ${t.tasks.late}  未填报 ${t.tasks.unreported}`);
  lines.push(`填报率：${t.reporting.complete}/${t.reporting.expected} 个单位已报齐，截止报送 ${t.days.deadline}`);
  lines.push('');
  const names = rowsOf(view).map((r) => view.units[r].name + (view.units[r].isParent ? '（合计）' : ''));
  const nameW = Math.max(8, ...names.map(width)) + 2;
  const colW = view.indicators.map((i) => Math.max(20, width(i.name) + 2));
  lines.push(pad('单位', nameW) + view.indicators.map((i, k) => pad(i.name, colW[k])).join(''));
  rowsOf(view).forEach((row, k) => {
    const cells = view.indicators.map((ind, col) => {
      if (!ind.figurePeriod) return pad('本期不考核', colW[col]);
      const [status, rate, actual] = view.cells[row][col];
      const text = `${STATUS_SYMBOL[status]} ${rate == null ? STATUS_LABEL[status] : formatRate(rate)}${actual == null ? '' : ` (${formatNumber(actual, ind.decimals)})`}`;
      return pad(text, colW[col]);
    });
    lines.push(pad(names[k], nameW) + cells.join(''));
  });
  const json = statusJson(view);
  lines.push('');
  lines.push(json.laggards.length ? `滞后（${json.laggards.length}）：` : '没有滞后的单位和指标。');
  for (const l of json.laggards) lines.push(`  ${STATUS_SYMBOL[l.status]} ${l.unit} · ${l.indicator} ${l.rate == null ? '' : formatRate(l.rate)} ${STATUS_LABEL[l.status]}`);
  const owing = owingRows(view.reminders);
  lines.push(owing.length ? `未报齐（${owing.length}）：` : '各单位均已报齐。');
  for (const r of owing) lines.push(`  ${r.unit.name}：${owedPhrase(r)}`);
  return lines.join('\n');
}

export const statusCommand: CliCommand = {
  name: 'status',
  summary: '态势总览：各单位各指标完成状态、滞后和未报齐的单位（--period 必填）',
  // plans.list, units.directory and dashboard.get run on PostgreSQL too (store/postgres/core.ts).
  postgres: true,
  options: { period: { type: 'string' }, unit: { type: 'string' }, plan: { type: 'string' } },
  async run(ctx) {
    const o = ctx.options ?? {};
    try {
      const period = str(o.period);
      if (!period) throw new UsageError('请用 --period 指定报告期，例如 --period 2022-09（1-9月）、2022Q3 或 2022。');
      if (!isPeriodKey(period)) throw new UsageError(`报告期“${period}”格式不对：应写作 2022-09（1-9月）、2022Q3 或 2022。`);
      const planId = await planIdOf(ctx, str(o.plan), Number(period.slice(0, 4)));
      const unitId = await unitIdOf(ctx, str(o.unit));
      const view = await callOrThrow(ctx.core, 'dashboard.get', { planId, period, ...(unitId ? { unitId } : {}) });
      ctx.io.out(ctx.json ? JSON.stringify(statusJson(view)) : statusText(view));
      return 0;
    } catch (err) {
      if (err instanceof UsageError) {
        ctx.io.err(`${err.message}\n用法：${USAGE}`);
        return 2;
      }
      if (err instanceof ApiError) {
        ctx.io.err(err.message);
        return err.code === 'bad_request' || err.code === 'not_found' ? 2 : 1;
      }
      throw err;
    }
  },
};
