/**
 * The dashboard as printed pages (A4 landscape) for the leadership meeting:
 * 1. title, tiles and the heatmap (continued on further pages when the units
 *    do not fit), 2. per indicator the ranking and the month-by-month line,
 * 3. tasks (滞后 ones with their latest progress) and 催报. Colours carry a
 * symbol and a word too, so a greyscale print reads the same.
 */
import { rankingOf } from '../../../shared/dashboard/build';
import type { DashboardView, TaskState } from '../../../shared/dashboard/view';
import { lateTasksHeading, tileTexts } from '../../../shared/dashboard/labels';
import { rankingOption, STATUS_SYMBOL, trendOption } from '../../../shared/charts/dashboardCharts';
import { owedPhrase, owingRows } from '../../../shared/entry/reminderNotice';
import { STATUS_COLOR, STATUS_LABEL, type Status } from '../../../shared/figures/status';
import { PROGRESS_STATUS_LABEL } from '../../../shared/model/task';
import { chineseDateOf } from '../../../shared/dates';
import { formatNumber, formatPercent, formatRate } from '../../../shared/numbers';
import { CHART_FONT, echartsLib, withoutTextOutlines } from '../export/pdf/charts';
import { PAGE, SvgPage, wrap } from './svgPage';

const M = PAGE.margin;
const INNER = PAGE.width - 2 * M;
const STATUSES: Status[] = ['green', 'amber', 'red', 'partial', 'none'];
const TASK_STATES: TaskState[] = ['not_started', 'in_progress', 'done', 'late', 'unreported'];
const TASK_LABEL: Record<TaskState, string> = { ...PROGRESS_STATUS_LABEL, unreported: '未填报' };

function chartSvg(option: Record<string, unknown>, width: number, height: number): string {
  const chart = echartsLib().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return withoutTextOutlines(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

function header(page: SvgPage, view: DashboardView, subtitle: string): number {
  page.text(M, M + 20, `${view.unit.name}科技创新态势总览`, { size: 22, weight: 'bold' });
  page.text(PAGE.width - M, M + 20, `${view.periodLabel} · 时序进度 ${formatPercent(view.scheduleProgress, 0)}`, { size: 15, anchor: 'end', weight: 'bold' });
  page.text(M, M + 42, `${view.plan.title} · ${subtitle}`, { size: 11, color: '#595959' });
  page.text(PAGE.width - M, M + 42, `数据截至 ${chineseDateOf(view.today)}${view.sampleData ? ' · 示例数据（演示用，非真实完成数）' : ''}`, {
    size: 11,
    anchor: 'end',
    color: view.sampleData ? '#C00000' : '#595959',
  });
  page.line(M, M + 52, PAGE.width - M, M + 52, '#262626', 1.5);
  return M + 64;
}

function footer(page: SvgPage, n: number, of: number, view: DashboardView) {
  page.text(PAGE.width / 2, PAGE.height - 14, `— ${n} / ${of} —`, { size: 10, anchor: 'middle', color: '#595959' });
  if (view.sampleData) page.text(PAGE.width - M, PAGE.height - 14, '示例数据', { size: 10, anchor: 'end', color: '#C00000' });
}

function tiles(page: SvgPage, view: DashboardView, top: number): number {
  // The tiles' words are the window's (shared/dashboard/labels.ts).
  const items = tileTexts(view).map((tile) => ({
    title: tile.title,
    value: `${tile.value}${tile.suffix ? ` ${tile.suffix}` : ''}`,
    note: tile.note,
    symbol: tile.status ? STATUS_SYMBOL[tile.status] : undefined,
    color: tile.status ? STATUS_COLOR[tile.status].color : undefined,
  }));
  const gap = 8;
  const w = (INNER - gap * (items.length - 1)) / items.length;
  const h = 74;
  items.forEach((it, k) => {
    const x = M + k * (w + gap);
    page.rect(x, top, w, h, '#FAFAFA', '#BFBFBF');
    page.text(x + 10, top + 18, `${it.symbol ? `${it.symbol} ` : ''}${it.title}`, { size: 12, color: it.color ?? '#262626', weight: 'bold' });
    page.text(x + 10, top + 44, it.value, { size: 20, weight: 'bold' });
    page.paragraph(x + 10, top + 50, it.note, w - 16, { size: 9, color: '#595959', maxLines: 2, lineHeight: 11 });
  });
  return top + h + 14;
}

const HEAT = { nameWidth: 128, headerHeight: 40, rowHeight: 34 };

/** Heatmap rows that fit from `top` to the page bottom (legend and footer kept free). */
const rowsFitting = (top: number) => Math.max(1, Math.floor((PAGE.height - top - HEAT.headerHeight - 58) / HEAT.rowHeight));

function heatmap(page: SvgPage, view: DashboardView, top: number, rows: number[]): number {
  const cols = view.indicators.length;
  const colWidth = (INNER - HEAT.nameWidth) / Math.max(1, cols);
  page.rect(M, top, INNER, HEAT.headerHeight, '#F0F0F0', '#8C8C8C', 0.8);
  page.text(M + 8, top + 24, '单位 \\ 指标', { size: 11, weight: 'bold' });
  view.indicators.forEach((ind, c) => {
    const x = M + HEAT.nameWidth + c * colWidth;
    const label = `${ind.name}${ind.measureUnit ? `（${ind.measureUnit}）` : ''}`;
    wrap(label, colWidth - 8, 10.5, 2).forEach((l, k, all) => page.text(x + colWidth / 2, top + (all.length === 1 ? 24 : 17 + k * 14), l, { size: 10.5, weight: 'bold', anchor: 'middle' }));
    page.line(x, top, x, top + HEAT.headerHeight + rows.length * HEAT.rowHeight, '#8C8C8C', 0.8);
  });
  rows.forEach((row, k) => {
    const y = top + HEAT.headerHeight + k * HEAT.rowHeight;
    const unit = view.units[row];
    const mine = row === view.unit.row && !view.unit.isPlanUnit;
    page.rect(M, y, HEAT.nameWidth, HEAT.rowHeight, unit.isParent ? '#E6F4FF' : mine ? '#FFFBE6' : '#FFFFFF', '#8C8C8C', 0.8);
    page.text(M + 8, y + 21, wrap(unit.isParent ? `${unit.name}（合计）` : unit.name, HEAT.nameWidth - 12, 11.5, 1)[0], { size: 11.5, weight: unit.isParent || mine ? 'bold' : 'normal' });
    view.indicators.forEach((ind, c) => {
      const x = M + HEAT.nameWidth + c * colWidth;
      const [status, rate, actual, target] = view.cells[row][c];
      page.rect(x, y, colWidth, HEAT.rowHeight, ind.figurePeriod ? STATUS_COLOR[status].background : '#FFFFFF', '#8C8C8C', 0.8);
      if (!ind.figurePeriod) {
        page.text(x + colWidth / 2, y + 21, '本期不考核', { size: 10, anchor: 'middle', color: '#8C8C8C' });
        return;
      }
      const head = `${STATUS_SYMBOL[status]} ${rate == null ? STATUS_LABEL[status] : `${formatRate(rate)} ${STATUS_LABEL[status]}`}`;
      page.text(x + colWidth / 2, y + 15, head, { size: 11, anchor: 'middle', color: STATUS_COLOR[status].color, weight: 'bold' });
      const value = `${actual == null ? '—' : formatNumber(actual, ind.decimals)} / ${target == null ? '无目标' : formatNumber(target, ind.decimals)}`;
      page.text(x + colWidth / 2, y + 29, value, { size: 10, anchor: 'middle', color: '#262626' });
    });
  });
  const bottom = top + HEAT.headerHeight + rows.length * HEAT.rowHeight;
  page.rect(M, top, INNER, bottom - top, 'none', '#262626', 1.2);
  return bottom;
}

function legend(page: SvgPage, y: number) {
  let x = M;
  page.text(x, y, '图例（每格：状态符号 完成率 状态 / 完成数 / 目标）：', { size: 10, color: '#262626' });
  x += 290;
  for (const s of STATUSES) {
    const label = `${STATUS_SYMBOL[s]} ${STATUS_LABEL[s]}`;
    page.rect(x, y - 10, 12, 12, STATUS_COLOR[s].background, STATUS_COLOR[s].color);
    page.text(x + 16, y, label, { size: 10, color: STATUS_COLOR[s].color });
    x += 88;
  }
  page.text(x + 6, y, '判断标准：完成率对照时序进度，落后10个百分点以内为滞后，超过为严重滞后。', { size: 9.5, color: '#595959' });
}

function indicatorPanels(view: DashboardView, pages: SvgPage[], subtitle: string) {
  const perPage = 4;
  const month = view.period.includes('Q') ? Number(view.period.slice(5)) * 3 : view.period.length === 4 ? 12 : Number(view.period.slice(5));
  for (let start = 0; start < view.indicators.length; start += perPage) {
    const page = new SvgPage(CHART_FONT);
    const top = header(page, view, subtitle);
    const panelW = (INNER - 16) / 2;
    const panelH = (PAGE.height - top - 40) / 2;
    view.indicators.slice(start, start + perPage).forEach((ind, k) => {
      const x = M + (k % 2) * (panelW + 16);
      const y = top + Math.floor(k / 2) * (panelH + 4);
      const col = view.indicators.indexOf(ind);
      const [status, rate, actual, target] = view.cells[view.unit.row][col];
      page.rect(x, y, panelW, panelH - 4, '#FFFFFF', '#BFBFBF');
      const head = `${ind.name}${ind.measureUnit ? `（${ind.measureUnit}）` : ''}`;
      page.text(x + 10, y + 20, head, { size: 13, weight: 'bold' });
      const summary = ind.figurePeriod
        ? `${view.unit.name}：${actual == null ? '未填报' : formatNumber(actual, ind.decimals)} / 目标 ${target == null ? '—' : formatNumber(target, ind.decimals)} · ${STATUS_SYMBOL[status]} ${rate == null ? STATUS_LABEL[status] : `${formatRate(rate)} ${STATUS_LABEL[status]}`}`
        : '本期不考核';
      page.text(x + panelW - 10, y + 20, summary, { size: 10.5, anchor: 'end', color: STATUS_COLOR[status].color });
      const chartH = panelH - 38;
      const half = (panelW - 20) / 2;
      const entries = rankingOf(view, ind.id);
      if (!ind.figurePeriod) {
        page.text(x + 10, y + 40, '本期不考核（该指标按季度或年度报送）', { size: 10, color: '#595959' });
      } else if (entries.length) {
        page.text(x + 10, y + 40, `完成率排名（实线为目标，虚线为时序进度${formatPercent(view.scheduleProgress, 0)}${entries.length > 12 ? `；前后各6，共${entries.length}个` : ''}）`, { size: 10, color: '#595959' });
        page.chart(x + 4, y + 42, chartSvg(rankingOption({ indicator: ind, entries, scheduleProgress: view.scheduleProgress, highlightUnitId: view.unit.isPlanUnit ? null : view.unit.id, limit: 12 }, { fontFamily: CHART_FONT, print: true }), Math.round(half), Math.round(chartH - 14)));
      } else {
        page.text(x + 10, y + 40, '无下级单位排名', { size: 10, color: '#595959' });
      }
      const trend = view.trends.find((t) => t.indicatorId === ind.id)!;
      page.text(x + 14 + half, y + 40, '逐月累计走势', { size: 10, color: '#595959' });
      page.chart(x + 12 + half, y + 42, chartSvg(trendOption({ indicator: ind, trend, month }, { fontFamily: CHART_FONT, print: true }), Math.round(half), Math.round(chartH - 14)));
    });
    pages.push(page);
  }
}

function tasksAndReminders(view: DashboardView, pages: SvgPage[], subtitle: string) {
  const page = new SvgPage(CHART_FONT);
  const top = header(page, view, subtitle);
  let y = top;
  const leftW = INNER * 0.56;
  const rightX = M + leftW + 20;
  const rightW = INNER - leftW - 20;
  // Tasks by action line: a small table of counts.
  page.text(M, y + 14, '重点任务进展（按重点行动）', { size: 14, weight: 'bold' });
  y += 24;
  const colW = 46;
  const titleW = leftW - colW * TASK_STATES.length;
  page.rect(M, y, leftW, 22, '#F0F0F0', '#8C8C8C', 0.8);
  page.text(M + 6, y + 15, '重点行动', { size: 10.5, weight: 'bold' });
  TASK_STATES.forEach((s, k) => page.text(M + titleW + k * colW + colW / 2, y + 15, TASK_LABEL[s], { size: 10.5, weight: 'bold', anchor: 'middle' }));
  y += 22;
  const lines = view.tasks.byActionLine.slice(0, 10);
  for (const line of lines) {
    page.rect(M, y, leftW, 20, '#FFFFFF', '#BFBFBF', 0.6);
    page.text(M + 6, y + 14, wrap(line.title, titleW - 10, 10, 1)[0], { size: 10 });
    TASK_STATES.forEach((s, k) =>
      page.text(M + titleW + k * colW + colW / 2, y + 14, String(line.counts[s]), { size: 10, anchor: 'middle', weight: s === 'late' && line.counts[s] ? 'bold' : 'normal', color: s === 'late' && line.counts[s] ? '#CF1322' : '#262626' }),
    );
    y += 20;
  }
  y += 16;
  page.text(M, y + 14, `■ ${lateTasksHeading(view)}`, { size: 14, weight: 'bold', color: '#CF1322' });
  y += 24;
  const bottom = PAGE.height - 40;
  let shown = 0;
  for (const t of view.tasks.late) {
    if (y > bottom - 40) break;
    page.text(M, y + 12, `任务${t.taskSeq} · ${t.unitName}${t.reportedOn ? ` · ${chineseDateOf(t.reportedOn)}` : ''}`, { size: 10.5, weight: 'bold' });
    y = page.paragraph(M + 10, y + 14, `${t.content}`, leftW - 10, { size: 9.5, maxLines: 1, color: '#595959' });
    y = page.paragraph(M + 10, y, `进展：${t.text || '（未写进展说明）'}`, leftW - 10, { size: 10, maxLines: 2 });
    y += 6;
    shown++;
  }
  if (view.tasks.late.length === 0) page.text(M, y + 12, '本期没有单位报告任务滞后。', { size: 11, color: '#595959' });
  else if (shown < view.tasks.late.length) page.text(M, y + 12, `另有 ${view.tasks.late.length - shown} 项滞后任务，请在科创台账“数据填报 → 任务进展”中查看。`, { size: 10, color: '#595959' });

  // 催报 on the right.
  let ry = top;
  const owing = owingRows(view.reminders);
  page.text(rightX, ry + 14, `催报：${owing.length} 个单位尚未报齐`, { size: 14, weight: 'bold' });
  ry += 22;
  page.text(rightX, ry + 12, `截止报送 ${chineseDateOf(view.reminders.notice.deadline)}`, { size: 10.5, color: '#595959' });
  ry += 20;
  let listed = 0;
  for (const r of owing) {
    if (ry > bottom - 30) break;
    page.text(rightX, ry + 12, `${r.unit.name}`, { size: 11, weight: 'bold' });
    ry = page.paragraph(rightX + 10, ry + 14, owedPhrase(r), rightW - 10, { size: 10, maxLines: 3 });
    ry += 6;
    listed++;
  }
  if (owing.length === 0) page.text(rightX, ry + 12, '各单位均已报齐。', { size: 11, color: '#389E0D' });
  else if (listed < owing.length) page.text(rightX, ry + 12, `另有 ${owing.length - listed} 个单位未报齐。`, { size: 10, color: '#595959' });
  pages.push(page);
}

/** The dashboard's pages as SVG texts, in order. */
export function dashboardPages(view: DashboardView): string[] {
  const pages: SvgPage[] = [];
  // Heatmap: the district's rows (for a sub-unit's view: the total and its own row first).
  const order = view.units.map((_, k) => k);
  if (!view.unit.isPlanUnit) {
    order.splice(order.indexOf(view.unit.row), 1);
    order.splice(1, 0, view.unit.row);
  }
  let first = true;
  let rest = order;
  while (rest.length) {
    const page = new SvgPage(CHART_FONT);
    let top = header(page, view, first ? '单位×指标完成情况' : '单位×指标完成情况（续）');
    if (first) top = tiles(page, view, top);
    const n = rowsFitting(top);
    const bottom = heatmap(page, view, top, rest.slice(0, n));
    legend(page, bottom + 18);
    rest = rest.slice(n);
    first = false;
    pages.push(page);
  }
  indicatorPanels(view, pages, '分指标排名与逐月走势');
  tasksAndReminders(view, pages, '任务进展与催报');
  pages.forEach((p, k) => footer(p, k + 1, pages.length, view));
  return pages.map(String);
}
