/**
 * dashboard.get on either engine's store (the example plan with nine months of
 * generated 示例数据 figures and task progress): every cell is the
 * ProgressTable's, every month of the trend is that month's ProgressTable
 * total, tiles add up; a sub-unit's view; the PDF export; `taizhang status`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { lateTasksHeading, tileTexts } from '../../shared/dashboard/labels';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import type { DashboardView } from '../../shared/dashboard/view';
import type { ProgressTable } from '../../shared/figures/progressTable';
import { periodsOfYear } from '../../shared/periods';
import { writeSampleMonthsOp } from '../helpers/dashboardSample';
import { taizhang } from '../helpers/cli';
import { testStore, type TestStore } from '../helpers/testStore';

let s: TestStore;
let dir: string;
let db: string;
let core: Core;
let planId: number;

async function call<T>(method: string, req: unknown): Promise<T> {
  const r = await core.call(method as never, req as never);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

beforeAll(async () => {
  s = await testStore('example', { operator: null });
  ({ dir, db } = s);
  await s.store.write(writeSampleMonthsOp(2022, 9));
  core = await s.reopen();
  planId = (await call<{ id: number }[]>('plans.list', {}))[0].id;
});

afterAll(() => s?.close());

describe('dashboard.get', () => {
  it('shows the ProgressTable of the period cell for cell', async () => {
    const view = await call<DashboardView>('dashboard.get', { planId, period: '2022-09', today: '2022-10-03' });
    const table = await call<ProgressTable>('figures.progress', { planId, period: '2022-09' });
    const rows = [table.parent, ...table.rows];
    expect(view.units.map((u) => u.name)).toEqual(rows.map((r) => r.unit.name));
    rows.forEach((r, k) =>
      table.indicators.forEach((ind, col) => {
        const c = r.cells[ind.id];
        expect(view.cells[k][col]).toEqual([c.status, c.rate, c.actual, c.target, c.rank]);
      }),
    );
    expect(view.sampleData).toBe(true);
    // 洪都街道's 技术合同成交额: 0.0338 of 0.05 at 75% → amber.
    const col = view.indicators.findIndex((i) => i.name === '技术合同成交额');
    const row = view.units.findIndex((u) => u.name === '洪都街道');
    expect(view.cells[row][col][0]).toBe('amber');
    expect(view.cells[row][col][1]).toBeCloseTo(0.676, 6);
  });

  it('counts tiles from the total row, tasks and the 催报 list', async () => {
    const view = await call<DashboardView>('dashboard.get', { planId, period: '2022-09', today: '2022-10-03' });
    const due = view.indicators.map((ind, col) => (ind.figurePeriod ? view.cells[0][col][0] : null)).filter((s) => s != null);
    for (const s of ['green', 'amber', 'red', 'partial', 'none'] as const) expect(view.tiles.indicators[s]).toBe(due.filter((x) => x === s).length);
    expect(view.tiles.notDue).toBe(view.indicators.length - due.length);
    const taskTotal = Object.values(view.tiles.tasks).reduce((a, b) => a + b, 0);
    expect(taskTotal).toBe(16);
    expect(view.tasks.late.length).toBeGreaterThan(0);
    for (const t of view.tasks.late) expect(t.text).toContain('滞后');
    expect(view.tiles.days).toEqual({ periodEnd: '2022-09-30', deadline: '2022-10-05', leftInPeriod: 0, toDeadline: 2 });
    expect(view.reminders.notice).toMatchObject({ issuer: '青云谱区科学技术和工业信息化局', deadline: '2022-10-05', docNumber: '青政办发〔2022〕16号' });
    const owing = view.reminders.rows.filter((r) => r.missingFigures.length + r.missingProgress.length > 0).length;
    expect(view.tiles.reporting.expected - view.tiles.reporting.complete).toBe(owing);
  });

  it('draws each month of the trend from that month’s ProgressTable (one rule for the district total)', async () => {
    // Take one sub-unit's September figure away: September's total is then a running sum (未报齐).
    const sep = await call<DashboardView>('dashboard.get', { planId, period: '2022-09' });
    const tech = sep.indicators.find((i) => i.name === '技术合同成交额')!;
    const jingshan = sep.units.find((u) => u.name === '京山街道')!;
    await call('operator.set', { name: '测试' });
    await call('entry.save', { planId, edits: [{ indicatorId: tech.id, unitId: jingshan.id, period: '2022-09', value: null }] });
    const view = await call<DashboardView>('dashboard.get', { planId, period: '2022-12' });
    for (const [k, month] of periodsOfYear(2022, 'monthly').entries()) {
      const table = await call<ProgressTable>('figures.progress', { planId, period: month });
      for (const ind of table.indicators) {
        const trend = view.trends.find((t) => t.indicatorId === ind.id)!;
        const cell = table.parent.cells[ind.id];
        const endsHere = cell.figurePeriod != null && (ind.frequency === 'monthly' || (ind.frequency === 'quarterly' && (k + 1) % 3 === 0) || (ind.frequency === 'yearly' && k === 11));
        expect([month, ind.name, trend.actual[k]]).toEqual([month, ind.name, endsHere ? cell.actual : null]);
        expect(trend.partial[k]).toBe(endsHere && cell.status === 'partial');
        if (endsHere && cell.lastYear != null) expect(trend.lastYear?.[k]).toBe(cell.lastYear);
      }
    }
    const t = view.trends.find((x) => x.indicatorId === tech.id)!;
    expect(t.partial[8]).toBe(true);
    expect(t.actual[9]).toBeNull(); // nothing entered for October
    expect(t.plan[8]).toBeCloseTo(7 * 0.75, 6);
    // Put it back for the tests below.
    await call('entry.save', { planId, edits: [{ indicatorId: tech.id, unitId: jingshan.id, period: '2022-09', value: 0.2325 }] });
  });

  it("gives a sub-unit's view: its row, its tasks and 催报, its own trend", async () => {
    const all = await call<DashboardView>('dashboard.get', { planId, period: '2022-09' });
    const hongdu = all.units.find((u) => u.name === '洪都街道')!;
    const view = await call<DashboardView>('dashboard.get', { planId, period: '2022-09', unitId: hongdu.id });
    expect(view.unit).toMatchObject({ name: '洪都街道', isPlanUnit: false, row: all.units.indexOf(hongdu) });
    expect(view.cells).toEqual(all.cells);
    expect(view.reminders.rows.map((r) => r.unit.name)).toEqual(['洪都街道']);
    expect(view.tasks.late.every((t) => t.unitName === '洪都街道')).toBe(true);
    const tech = view.trends.find((t) => t.indicatorId === view.indicators.find((i) => i.name === '技术合同成交额')!.id)!;
    expect(tech.actual[8]).toBe(0.0338);
    expect(tech.plan[8]).toBeCloseTo(0.05 * 0.75, 6);
    const r = await core.call('dashboard.get', { planId, period: '2022-09', unitId: 99999 });
    expect(r.ok ? '' : r.error.message).toContain('不是');
    const y = await core.call('dashboard.get', { planId, period: '2030-09' });
    expect(y.ok ? '' : y.error.message).toContain('不在本工作要点的年度');
  });
});

describe('dashboard.pdf', () => {
  it('writes an A4 landscape PDF with real text, marked 示例数据 on every page', async () => {
    const pdf = await call<{ base64: string; pages: number; fileName: string }>('dashboard.pdf', { planId, period: '2022-09', today: '2022-10-03' });
    expect(pdf.fileName).toBe('青云谱区态势总览_2022年1-9月（示例数据）.pdf');
    const file = path.join(dir, 'dash.pdf');
    fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    for (let p = 1; p <= pdf.pages; p++) {
      const text = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('青云谱区科技创新态势总览');
      expect(text).toContain('示例数据');
    }
    const all = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const s of ['67.6% 滞后', '洪都街道', '滞后任务', '催报', '截止报送 2022年10月5日']) expect(all).toContain(s);
    // The tiles and the late list in the window's words (shared/dashboard/labels.ts): whose figures the
    // indicator tiles count, and the late list's tasks against its entries (pdftotext -layout may break a line).
    const view = await call<DashboardView>('dashboard.get', { planId, period: '2022-09', today: '2022-10-03' });
    const flat = all.replace(/\s+/g, '');
    expect(flat).toContain('按青云谱区合计');
    const heading = lateTasksHeading(view);
    expect(heading).toMatch(/^滞后任务（\d+ 项任务，\d+ 条单位报告，附最新进展）$/);
    expect(flat).toContain(heading.replace(/\s+/g, ''));
    const tiles = tileTexts(view);
    expect(tiles.map((t) => t.key)).toEqual(['green', 'amber', 'red', 'none', 'tasks', 'reporting', 'days']);
    expect(tiles.find((t) => t.key === 'tasks')?.value).toBe(new Set(view.tasks.late.map((t) => t.taskSeq)).size);
    expect(tiles.find((t) => t.key === 'red')?.value).toBe(view.tiles.indicators.red);
  }, 60_000);
});

describe('taizhang status', () => {
  it('prints the JSON the issue gives, rate as a fraction', async () => {
    const r = await taizhang(['status', '--period', '2022-09', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['period', 'plan', 'cells', 'laggards', 'notReported']);
    expect(json.plan).toEqual({ id: planId, title: '2022年青云谱区科技创新基础大提升工作要点' });
    const cell = json.cells.find((c: { unit: string; indicator: string }) => c.unit === '洪都街道' && c.indicator === '技术合同成交额');
    expect(cell).toEqual({ unit: '洪都街道', indicator: '技术合同成交额', period: '2022-09', target: 0.05, actual: 0.0338, rate: expect.closeTo(0.676, 6), status: 'amber' });
    expect(json.laggards).toContainEqual({ unit: '洪都街道', indicator: '技术合同成交额', rate: expect.closeTo(0.676, 6), status: 'amber' });
    expect(json.notReported.length).toBeGreaterThan(0);
    expect(json.notReported[0]).toEqual({ unit: expect.any(String), indicators: expect.any(Array), tasks: expect.any(Array) });
  }, 60_000);

  it('prints a table for one unit, and says what is wrong with exit status 2', async () => {
    const r = await taizhang(['status', '--period', '2022-09', '--unit', '洪都街道', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('洪都街道');
    expect(r.stdout).not.toContain('三家店街道  ');
    expect(r.stdout).toContain('▲ 67.6%');
    const bad = await taizhang(['status', '--period', '2022-09', '--unit', '洪都街', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('洪都街道');
    const none = await taizhang(['status', '--db', db]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--period');
  }, 60_000);
});
