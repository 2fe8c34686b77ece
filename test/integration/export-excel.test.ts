/**
 * Excel exports read back with exceljs and checked against the store (a
 * SQLite file, or PostgreSQL in the `postgres` project: testStore.ts):
 * every value, merges, fonts, number formats and the print setup.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AMBER_TOLERANCE } from '../../shared/figures/thresholds';
import { STATUS_COLOR } from '../../shared/figures/status';
import { displayRate } from '../../shared/numbers';
import { writeSampleMonthsOp } from '../helpers/dashboardSample';
import { testStore } from '../helpers/testStore';
import { exportFixture, findRow, mergesOf, rowValues, type ExportFixture } from './export-excel-helpers';
import { heightForLines, SIZE, wrappedLines } from '../../electron/core/export/excel/style';

let fx: ExportFixture;
beforeEach(async () => {
  fx = await exportFixture(await testStore('example'));
});
afterEach(async () => {
  await fx.close();
});

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const fontOf = (ws: ExcelJS.Worksheet, r: number, c: number) => ws.getRow(r).getCell(c).font;

function expectPrintSetup(ws: ExcelJS.Worksheet, orientation: 'portrait' | 'landscape', headerRow: number) {
  const ps = ws.pageSetup;
  expect(ps.paperSize).toBe(9); // A4
  expect(ps.orientation).toBe(orientation);
  expect(ps.fitToPage).toBe(true);
  expect(ps.fitToWidth).toBe(1);
  expect(ps.fitToHeight).toBe(0);
  expect(ps.printTitlesRow).toBe(`${headerRow}:${headerRow}`);
  expect(ps.margins).toMatchObject({ left: 0.59, right: 0.59, top: 0.79, bottom: 0.79 });
  // Centred between the margins when printed (<printOptions horizontalCentered="1"/>).
  expect(ps.horizontalCentered).toBe(true);
  expect(ws.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
}

interface DbTask { line_seq: number; line_title: string; seq: number; content: string; lead_text: string; responsible_text: string; id: number }

describe('附件1 任务分解表', () => {
  const tasksOf = (fx: ExportFixture) =>
    fx.s.rows<DbTask>(
      `SELECT l.seq AS line_seq, l.title AS line_title, t.id, t.seq, t.content, t.lead_text, t.responsible_text
       FROM tasks t JOIN action_lines l ON l.id = t.action_line_id WHERE l.plan_id = ? ORDER BY l.seq, t.seq`,
      fx.planId,
    );

  it('has 附件1, the title, the header, merged action-line rows and every task as the database holds it', async () => {
    const { ws, result } = await fx.exportSheet({ sheet: 'annex1' });
    expect(result.fileName).toBe('附件1 2022年工作要点任务分解表.xlsx');
    expect(ws.getCell('A1').value).toBe('附件1');
    expect(fontOf(ws, 1, 1)).toMatchObject({ name: '黑体', size: 16 });
    expect(ws.getCell('A2').value).toBe('2022年工作要点任务分解表');
    expect(fontOf(ws, 2, 1)).toMatchObject({ name: '方正小标宋简体', size: 22, charset: 134 });
    expect(rowValues(ws, 3)).toEqual(['序号', '工作内容', '牵头单位', '责任单位']);
    for (let c = 1; c <= 4; c++) expect(fontOf(ws, 3, c)).toMatchObject({ name: '黑体', size: 12 });
    expectPrintSetup(ws, 'portrait', 3);

    const tasks = await tasksOf(fx);
    expect(tasks.length).toBe((await fx.s.rows<{ n: number }>('SELECT count(*) AS n FROM tasks'))[0].n);
    const expectedMerges = ['A1:B1', 'A2:D2'];
    let r = 4;
    let lastLine = 0;
    for (const t of tasks) {
      if (t.line_seq !== lastLine) {
        lastLine = t.line_seq;
        expect(ws.getCell(`A${r}`).value).toBe(`(${NUMERALS[t.line_seq - 1]}) ${t.line_title}`);
        expect(fontOf(ws, r, 1)).toMatchObject({ name: '黑体' });
        expectedMerges.push(`A${r}:D${r}`);
        r++;
      }
      expect(rowValues(ws, r)).toEqual([t.seq, t.content, t.lead_text, t.responsible_text]);
      const seqCell = ws.getCell(`A${r}`);
      expect(seqCell.numFmt).toBe('0');
      expect(seqCell.alignment).toMatchObject({ horizontal: 'center' });
      for (let c = 2; c <= 4; c++) {
        const cell = ws.getRow(r).getCell(c);
        expect(cell.font).toMatchObject({ name: '仿宋_GB2312', size: 12 });
        expect(cell.alignment).toMatchObject({ wrapText: true });
        expect(cell.border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } });
      }
      r++;
    }
    expect(ws.rowCount).toBe(r - 1);
    expect(mergesOf(ws)).toEqual(expectedMerges.sort());
    // Numbered 1..n across the whole table, group phrases written as the document writes them.
    expect(tasks.map((t) => t.seq)).toEqual(tasks.map((_, i) => i + 1));
    expect(rowValues(ws, findRow(ws, 3)).at(3)).toBe('区科工局、区发改委、区人社局、区科协，各街道、镇、集聚区');
    // Columns wide enough for the longest unit names on one line; rows tall enough for wrapped content.
    expect(ws.getColumn(3).width!).toBeGreaterThanOrEqual(10);
    const longest = findRow(ws, 14);
    expect(ws.getRow(longest).height).toBeGreaterThan(ws.getRow(findRow(ws, 1)).height);
  });

  it('for one unit keeps only its tasks (group phrases count), with the numbers of the whole table', async () => {
    const { ws, result } = await fx.exportSheet({ sheet: 'annex1', unitId: fx.unit['洪都街道'] });
    expect(result.fileName).toBe('附件1 2022年工作要点任务分解表（洪都街道）.xlsx');
    const mine = new Set((await fx.s.rows<{ task_id: number }>('SELECT DISTINCT task_id FROM task_units WHERE unit_id = ?', fx.unit['洪都街道'])).map((r) => r.task_id));
    const all = await tasksOf(fx);
    const expected = all.filter((t) => mine.has(t.id));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    const seqs: number[] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const v = ws.getRow(r).getCell(1).value;
      if (typeof v === 'number') {
        seqs.push(v);
        const t = expected.find((e) => e.seq === v)!;
        expect(rowValues(ws, r)).toEqual([t.seq, t.content, t.lead_text, t.responsible_text]);
      }
    }
    expect(seqs).toEqual(expected.map((t) => t.seq));
    expect(String(ws.getCell('A3').value)).toContain(`洪都街道，共${expected.length}项任务`);
  });

  it('writes text typed as "=1+1", "+86", "-3", "@SUM(A1)" as text, never as a formula', async () => {
    const [first, second] = await fx.s.rows<{ id: number }>('SELECT t.id FROM tasks t JOIN action_lines l ON l.id = t.action_line_id ORDER BY l.seq, t.seq LIMIT 2');
    await fx.s.run("UPDATE tasks SET content = '=1+1', lead_text = '+86', responsible_text = '@SUM(A1)' WHERE id = ?", first.id);
    // A BEL (control character) inside the text, given as a parameter (SQLite's char(7) is PostgreSQL's chr(7)).
    await fx.s.run('UPDATE tasks SET content = ?, lead_text = \'=HYPERLINK("http://x")\' WHERE id = ?', '-3\u0007项', second.id);
    const { ws, file } = await fx.exportSheet({ sheet: 'annex1' });
    const r = findRow(ws, 1);
    for (const [c, text] of [[2, '=1+1'], [3, '+86'], [4, '@SUM(A1)']] as const) {
      const cell = ws.getRow(r).getCell(c);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@'); // stays text when edited in Excel/WPS
    }
    const r2 = findRow(ws, 2);
    expect(ws.getRow(r2).getCell(2).value).toBe('-3项'); // the control character is dropped, the rest kept
    expect(ws.getRow(r2).getCell(3).value).toBe('=HYPERLINK("http://x")');
    // No formula anywhere in the file.
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheetXml).not.toMatch(/<f[ >]/);
    expect(await zip.file('xl/sharedStrings.xml')!.async('string')).toContain('=1+1');
  });
});

describe('附件2 指导性任务分解表', () => {
  const decomposed = (fx: ExportFixture) =>
    fx.s.rows<{ id: number; name: string; measure_unit: string; decimals: number }>(
      'SELECT id, name, measure_unit, decimals FROM indicators WHERE plan_id = ? AND decomposed = 1 ORDER BY sort_order, id',
      fx.planId,
    );
  /** The store's targets as they are now: `targetOf(indicatorId, unitId)`, null where there is none. */
  const targetsNow = async (fx: ExportFixture) => {
    const rows = await fx.s.rows<{ indicator_id: number; unit_id: number; value: number }>('SELECT indicator_id, unit_id, value FROM targets');
    const byKey = new Map(rows.map((r) => [`${r.indicator_id}:${r.unit_id}`, r.value]));
    return (indicatorId: number, unitId: number) => byKey.get(`${indicatorId}:${unitId}`) ?? null;
  };
  const unitsInOrder = async (fx: ExportFixture) => {
    const [parent] = await fx.s.rows<{ id: number; name: string }>('SELECT u.id, u.name FROM plans p JOIN units u ON u.id = p.unit_id');
    const subs = await fx.s.rows<{ id: number; name: string }>("SELECT id, name FROM units WHERE parent_id = ? AND kind != 'department' ORDER BY sort_order, id", parent.id);
    return { parent, subs };
  };

  it('puts the district first, then each sub-unit, headed and numbered as the notice issued them, the check outside the print area', async () => {
    const { ws } = await fx.exportSheet({ sheet: 'annex2' });
    const inds = await decomposed(fx);
    const { parent, subs } = await unitsInOrder(fx);
    const targetOf = await targetsNow(fx);
    expect(ws.getCell('A1').value).toBe('附件2');
    expect(ws.getCell('A2').value).toBe('2022年有关科技创新指导性任务分解表');
    expect(fontOf(ws, 2, 1)).toMatchObject({ name: '方正小标宋简体', size: 22 });
    // The headers of 青政办发〔2022〕16号 附件2 (kept from the seed), the measure unit on its own line of the cell.
    expect(rowValues(ws, 3)).toEqual(['县区', '科技型中小企业', '2022年高新技术企业数量\n（家）', '2022年技术合同成交额\n（亿元）']);
    expectPrintSetup(ws, 'portrait', 3);
    [parent, ...subs].forEach((u, k) => {
      const r = 4 + k;
      expect(rowValues(ws, r)).toEqual([u.name, ...inds.map((i) => targetOf(i.id, u.id))]);
      inds.forEach((ind, c) => {
        const cell = ws.getRow(r).getCell(c + 2);
        // Numbers as written: 7, 0.05, 0.5 — not 7.00 / 0.50.
        expect(cell.numFmt ?? 'General').toBe('General');
        expect(cell.alignment).toMatchObject({ horizontal: 'center' });
        expect(cell.font).toMatchObject({ name: '仿宋_GB2312' });
      });
    });
    expect(rowValues(ws, 4 + 1 + subs.indexOf(subs.find((u) => u.name === '洪都街道')!)).slice(1)).toEqual([8, 4, 0.05]);
    const lastTableRow = 4 + subs.length;
    expect(ws.pageSetup.printArea).toBe(`A1:D${lastTableRow}`);
    const noteRow = lastTableRow + 2;
    expect(String(ws.getCell(`A${noteRow}`).value)).toBe(`注：合计校验——各街道、镇、集聚区目标之和与${parent.name}目标相符。`);
    expect(ws.rowCount).toBe(noteRow);
    expect(mergesOf(ws)).toContain(`A${noteRow}:${String.fromCharCode(65 + inds.length)}${noteRow}`);
  });

  it('shows a 合计 row and says by how much when the sub-units do not add up', async () => {
    const contracts = fx.indicator['技术合同成交额'];
    await fx.s.run('UPDATE targets SET value = 0.15 WHERE indicator_id = ? AND unit_id = ?', contracts, fx.unit['洪都街道']);
    const { ws } = await fx.exportSheet({ sheet: 'annex2' });
    const inds = await decomposed(fx);
    const { parent, subs } = await unitsInOrder(fx);
    const targetOf = await targetsNow(fx);
    const sumRow = findRow(ws, '各单位合计');
    // Below the table and outside the print area, like the note.
    expect(sumRow).toBe(4 + subs.length + 2);
    expect(ws.pageSetup.printArea).toBe(`A1:D${4 + subs.length}`);
    const sums = inds.map((i) => Math.round(subs.reduce((a, u) => a + (targetOf(i.id, u.id) ?? 0), 0) * 1e4) / 1e4);
    expect(rowValues(ws, sumRow)).toEqual(['各单位合计', ...sums]);
    const diff = Math.round((sums[inds.findIndex((i) => i.id === contracts)] - targetOf(contracts, parent.id)!) * 1e4) / 1e4;
    expect(diff).toBeCloseTo(0.1, 10);
    const note = String(ws.getCell(`A${sumRow + 1}`).value);
    expect(note).toContain(`技术合同成交额各单位目标之和为7.1亿元，比${parent.name}目标多0.1亿元`);
    expect(note).toContain('其余指标相符');
  });

  it('for one sub-unit shows its own row only', async () => {
    const { ws } = await fx.exportSheet({ sheet: 'annex2', unitId: fx.unit['京山街道'] });
    const inds = await decomposed(fx);
    const targetOf = await targetsNow(fx);
    const r = findRow(ws, '京山街道');
    expect(rowValues(ws, r)).toEqual(['京山街道', ...inds.map((i) => targetOf(i.id, fx.unit['京山街道']))]);
    expect(findRow(ws, '青云谱区')).toBe(-1);
    expect(findRow(ws, '三家店街道')).toBe(-1);
  });
});

describe('完成情况统计表', () => {
  const expectedStatus = (rate: number, schedule: number) =>
    rate >= schedule - 1e-9 ? 'green' : schedule - rate <= AMBER_TOLERANCE + 1e-9 ? 'amber' : 'red';
  const STATUS_WORD = { green: '正常', amber: '滞后', red: '严重滞后' } as const;

  it('has per unit the target, figure, 完成率, 时序进度, status (fill and word), 同比 and rank from the figures written', async () => {
    const figures: Record<string, number> = { 三家店街道: 2.4, 洪都街道: 0.035, 徐家坊街道: 1.5, 京山街道: 0.5, 岱山街道: 0.12 };
    for (const [u, v] of Object.entries(figures)) await fx.put(u, '技术合同成交额', '2022-09', v);
    await fx.put('三家店街道', '技术合同成交额', '2021-09', 2.0);
    await fx.put('京山街道', '技术合同成交额', '2021-09', 0.4);
    const { ws, result } = await fx.exportSheet({ sheet: 'progress', period: '2022-09' });
    expect(result.title).toBe('青云谱区2022年1-9月科技创新主要指标完成情况统计表');
    expect(fontOf(ws, 1, 1)).toMatchObject({ name: '方正小标宋简体' });
    expect(String(ws.getCell('A2').value)).toContain('时序进度：75.0%');
    expect(rowValues(ws, 3)).toEqual(['单位', '目标值', '完成数', '完成率', '时序进度', '状态', '同比', '排名']);
    expectPrintSetup(ws, 'portrait', 3);

    const ind = fx.indicator['技术合同成交额'];
    const section = (() => {
      for (let r = 1; r <= ws.rowCount; r++) if (String(ws.getRow(r).getCell(1).value).endsWith('技术合同成交额（亿元）')) return r;
      return -1;
    })();
    expect(section).toBeGreaterThan(3);
    expect(mergesOf(ws)).toContain(`A${section}:H${section}`);
    const subs = await fx.s.rows<{ id: number; name: string }>("SELECT id, name FROM units WHERE parent_id = ? AND kind != 'department' ORDER BY sort_order, id", fx.unit['青云谱区']);
    const targets = new Map((await fx.s.rows<{ unit_id: number; value: number }>('SELECT unit_id, value FROM targets WHERE indicator_id = ?', ind)).map((r) => [r.unit_id, r.value]));
    const target = (unitId: number) => targets.get(unitId) as number;
    const stored = new Map(
      (await fx.s.rows<{ unit_id: number; period: string; value: number }>('SELECT unit_id, period, value FROM figures WHERE indicator_id = ?', ind)).map((r) => [`${r.unit_id}:${r.period}`, r.value]),
    );
    const figure = (unitId: number, period: string) => stored.get(`${unitId}:${period}`) ?? null;
    const rates = subs.map((u) => (figure(u.id, '2022-09') == null ? null : figure(u.id, '2022-09')! / target(u.id)));
    const rankOf = (rate: number | null) => (rate == null ? null : 1 + rates.filter((x) => x != null && x > rate + 1e-9).length);

    // The district row: target from the database, figure = sum of the sub-units.
    const d = section + 1;
    const sum = Object.values(figures).reduce((a, b) => a + b, 0);
    const dv = rowValues(ws, d);
    expect(dv[0]).toBe('青云谱区');
    expect(dv[1]).toBe(target(fx.unit['青云谱区']));
    expect(dv[2] as number).toBeCloseTo(sum, 10);
    // 完成率 is written as printed (0.1%), the same figure the PDF sentence gives.
    expect(dv[3] as number).toBe(displayRate(sum / target(fx.unit['青云谱区'])));
    expect(dv[7]).toBe('—');

    subs.forEach((u, k) => {
      const r = section + 2 + k;
      const v = rowValues(ws, r);
      expect(v[0]).toBe(u.name);
      expect(v[1]).toBe(target(u.id));
      const actual = figure(u.id, '2022-09');
      const statusCell = ws.getRow(r).getCell(6);
      if (actual == null) {
        expect(v.slice(2, 4)).toEqual(['—', '—']);
        expect(v[5]).toBe('无完成数');
        expect(v[7]).toBe('—');
        return;
      }
      expect(v[2]).toBe(actual);
      expect(ws.getRow(r).getCell(3).numFmt).toBe('0.00##');
      expect(v[3] as number).toBe(displayRate(actual / target(u.id)));
      expect(ws.getRow(r).getCell(4).numFmt).toBe('0.0%');
      expect(v[4]).toBe(0.75);
      const status = expectedStatus(actual / target(u.id), 0.75);
      expect(v[5]).toBe(STATUS_WORD[status]);
      expect((statusCell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FF' + STATUS_COLOR[status].background.slice(1).toUpperCase());
      expect(statusCell.font.color?.argb).toBe('FF' + STATUS_COLOR[status].color.slice(1).toUpperCase());
      const last = figure(u.id, '2021-09');
      if (last == null) expect(v[6]).toBe('—');
      else {
        expect(v[6] as number).toBeCloseTo((actual - last) / last, 10);
        expect(ws.getRow(r).getCell(7).numFmt).toBe('+0.0%;-0.0%;0.0%');
      }
      expect(v[7]).toBe(rankOf(actual / target(u.id)));
    });
    // All three status words appear, so colour is never the only signal.
    const words = new Set(subs.map((_, k) => ws.getRow(section + 2 + k).getCell(6).value));
    for (const w of ['正常', '滞后', '严重滞后']) expect(words).toContain(w);
    expect(String(ws.getCell(`A${ws.rowCount}`).value)).toContain('完成率＝完成数÷目标值');
  });

  it('says 示例数据 in the title and the file name when the plan holds generated sample figures', async () => {
    await fx.s.store.write(writeSampleMonthsOp(2022, 9));
    const { ws, result } = await fx.exportSheet({ sheet: 'progress', period: '2022-09' });
    expect(result.title).toBe('青云谱区2022年1-9月科技创新主要指标完成情况统计表（示例数据）');
    expect(result.fileName).toContain('（示例数据）');
    // In the cell, the mark has a line of its own: a title too long for one line never leaves "据）" alone.
    expect(String(ws.getCell('A1').value)).toBe('青云谱区2022年1-9月科技创新主要指标完成情况统计表\n（示例数据）');
    expect(ws.getCell('A1').alignment?.wrapText).toBe(true);
    // The row holds every line the title takes across the table's width (the mark's, and the title's own wrapping).
    const width = ws.columns.reduce((a, c) => a + (c.width ?? 0), 0);
    const lines = wrappedLines(String(ws.getCell('A1').value), SIZE.title, width);
    expect(lines).toBeGreaterThanOrEqual(2);
    expect(ws.getRow(1).height).toBeGreaterThanOrEqual(heightForLines(lines, SIZE.title));
    // 附件2's targets are the notice's own, not sample data: no mark there.
    expect((await fx.exportSheet({ sheet: 'annex2' })).result.fileName).not.toContain('示例数据');
  });

  it('says 示例数据 on 附件2 of a plan whose per-unit targets are generated (the 南昌市 example)', async () => {
    const s = await testStore('empty');
    try {
      const loaded = await s.core.call('example.load', { name: 'nanchang-2022' });
      if (!loaded.ok) throw new Error(loaded.error.message);
      const r = await s.core.call('export.excel', { planId: (loaded.value as { planId: number }).planId, sheet: 'annex2' });
      if (!r.ok) throw new Error(r.error.message);
      expect((r.value as { fileName: string }).fileName).toContain('（示例数据）');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from((r.value as { base64: string }).base64, 'base64') as unknown as ArrayBuffer);
      const title = wb.worksheets[0].getRow(2);
      expect(String(title.getCell(1).value)).toMatch(/分解表\n（示例数据）$/);
      expect(title.height).toBeGreaterThanOrEqual(heightForLines(2, SIZE.title)); // two lines at least
    } finally {
      await s.close();
    }
  });

  it('for one sub-unit lists every indicator with its rank among the sub-units', async () => {
    await fx.put('京山街道', '技术合同成交额', '2022-06', 0.3);
    await fx.put('三家店街道', '技术合同成交额', '2022-06', 2.4);
    const { ws, result } = await fx.exportSheet({ sheet: 'progress', period: '2022-06', unitId: fx.unit['京山街道'] });
    expect(result.fileName).toBe('京山街道2022年1-6月科技创新主要指标完成情况统计表.xlsx');
    expect(rowValues(ws, 3)).toEqual(['序号', '指标（计量单位）', '目标值', '完成数', '完成率', '时序进度', '状态', '同比', '排名']);
    const inds = await fx.s.rows<{ id: number; name: string; measure_unit: string }>('SELECT id, name, measure_unit FROM indicators WHERE plan_id = ? ORDER BY sort_order, id', fx.planId);
    inds.forEach((i, k) => {
      const v = rowValues(ws, 4 + k);
      expect(v[0]).toBe(k + 1);
      expect(String(v[1]).startsWith(`${i.name}（${i.measure_unit}）`)).toBe(true);
    });
    const r = 4 + inds.findIndex((i) => i.name === '技术合同成交额');
    const [{ value: target }] = await fx.s.rows<{ value: number }>('SELECT value FROM targets WHERE indicator_id = ? AND unit_id = ?', fx.indicator['技术合同成交额'], fx.unit['京山街道']);
    const v = rowValues(ws, r);
    expect(v.slice(2, 4)).toEqual([target, 0.3]);
    expect(v[4] as number).toBe(displayRate(0.3 / target));
    expect(v[5]).toBe(0.5);
    // 0.3/0.5 = 60% vs 三家店街道 2.4/3 = 80%: second.
    expect(v[8]).toBe(2);
  });

  it('refuses without a period, for a department, and for a missing plan, in Chinese', async () => {
    const noPeriod = await fx.call({ sheet: 'progress' });
    expect(noPeriod.ok).toBe(false);
    if (!noPeriod.ok) expect(noPeriod.error.message).toContain('报告期');
    const dept = await fx.call({ sheet: 'annex2', unitId: fx.unit['区科工局'] });
    expect(dept.ok).toBe(false);
    if (!dept.ok) expect(dept.error.message).toContain('“区科工局”不是本计划的下级单位');
    const noPlan = await fx.call({ sheet: 'annex1', planId: 999 });
    expect(noPlan.ok).toBe(false);
    if (!noPlan.ok) expect(noPlan.error).toMatchObject({ code: 'not_found' });
    // A department is a fine filter for 附件1: the tasks it leads or shares.
    const deptTasks = await fx.exportSheet({ sheet: 'annex1', unitId: fx.unit['区金融办'] });
    const nums = Array.from({ length: deptTasks.ws.rowCount }, (_, i) => deptTasks.ws.getRow(i + 1).getCell(1).value).filter((x) => typeof x === 'number');
    expect(nums).toEqual([13]);
  });
});
