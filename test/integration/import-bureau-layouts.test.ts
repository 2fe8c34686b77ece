/**
 * Issue 12: import reads a bureau's real tables and never removes what the
 * file does not mention. Twelve layouts made the way district bureaus make
 * them (test/fixtures/import/bureau-layouts.ts: title and 填报单位 lines,
 * merged two-row headers, 序号 columns, units as rows or as columns, total
 * rows and columns, notes under the table, several sheets), one of them also
 * saved through LibreOffice Calc; through the API, on either engine (testStore.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { tempDir } from '../helpers/tempDb';
import { call, fileRequest, storesClosedAfterEach } from '../helpers/importDb';
import { dumpStore, type TestStore } from '../helpers/testStore';
import { annex2Figures, LAYOUTS, layout, libreOfficeResave, SUB_UNITS, writeLayout } from '../fixtures/import/bureau-layouts';
import type { ImportOptions, ImportOutcome, ImportPreview } from '../../shared/import/types';

let tmp: { dir: string; cleanup(): void };
let n = 0;
const store = storesClosedAfterEach();

beforeAll(() => {
  tmp = tempDir('taizhang-bureau-');
});
afterAll(() => {
  tmp?.cleanup();
});

async function example(): Promise<{ core: Core; s: TestStore }> {
  const s = await store('example');
  return { core: s.core, s };
}
async function bare(): Promise<{ core: Core; s: TestStore }> {
  const s = await store('barePlan');
  return { core: s.core, s };
}

const file = (id: string) => writeLayout(path.join(tmp.dir, 'layouts'), id);
const preview = (core: Core, f: string, options?: ImportOptions) => call(core, 'import.preview', { ...fileRequest(f), ...(options ? { options } : {}) });
const commit = (core: Core, f: string, options?: ImportOptions) =>
  call(core, 'import.commit', { ...fileRequest(f), ...(options ? { options } : {}) }) as Promise<ImportOutcome>;
const errors = (p: ImportPreview) => p.problems.filter((x) => x.level === 'error');

/** The plan's breakdown as {unit: [smes, hightech, contracts]} (null where there is no target). */
async function breakdown(core: Core): Promise<Record<string, (number | null)[]>> {
  const plan = (await call(core, 'plans.list', {}))[0];
  const b = await call(core, 'targets.breakdown', { planId: plan.id });
  const ids = ['科技型中小企业', '高新技术企业', '技术合同成交额'].map((name) => b.indicators.find((i) => i.name === name)?.id);
  const row = (values: Record<number, number | null>) => ids.map((id) => (id === undefined ? null : (values[id] ?? null)));
  return Object.fromEntries([[b.parent.unit.name, row(b.parent.values)], ...b.rows.map((r) => [r.unit.name, row(r.values)])]);
}

/** 003's 附件2 exactly: the district 140 / 76 / 7 and each sub-unit's figures. */
function annex2(): Record<string, number[]> {
  const f = annex2Figures();
  return Object.fromEntries(['青云谱区', ...SUB_UNITS].map((u, i) => [u, [f.smes[i], f.hightech[i], f.contracts[i]]]));
}

async function taskCount(core: Core): Promise<number> {
  const plan = (await call(core, 'plans.list', {}))[0];
  return (await call(core, 'tasks.table', { planId: plan.id })).taskCount;
}

describe('every layout is recognised as what it is', () => {
  for (const l of LAYOUTS) {
    it(`${l.id}: ${l.title}`, async () => {
      const { core } = await example();
      const p = await preview(core, await file(l.id));
      const first = p.sheets.find((s) => s.kind !== null)!;
      expect([first.kind, first.orientation]).toEqual([l.expect.kind, l.expect.orientation]);
      // The preview says why, in Chinese.
      expect(first.reason).toMatch(/^(?:按您的选择)?读作/);
    });
  }

  it('several sheets: the prose and the empty sheet are left out, 附件1 is tasks and 附件2 targets', async () => {
    const { core } = await example();
    const p = await preview(core, await file('several-sheets'));
    expect(p.sheets.map((s) => [s.name, s.kind, s.included])).toEqual([
      ['填报说明', null, false],
      ['附件1', 'tasks', true],
      ['附件2', 'targets', true],
      ['Sheet3', null, false],
    ]);
    expect(errors(p)).toEqual([]);
    expect(p.diff.totals).toEqual({ added: 0, changed: 0, removed: 0 });
  });
});

describe('a target breakdown is never read as a task table (the report of issue 12)', () => {
  it('title, 填报单位 line, 序号, merged "2022年目标任务" over two header rows, 全区 and 合计 rows, text numbers, stray spaces', async () => {
    const { core, s } = await example();
    const f = await file('targets-two-row-header');
    const p = await preview(core, f);
    const sheet = p.sheets[0];
    expect(sheet).toMatchObject({ kind: 'targets', orientation: 'unitRows', headerRows: [3, 4], ambiguous: false });
    // It says why, and why not as tasks: the column under "2022年目标任务" holds numbers.
    expect(sheet.reason).toContain('表体全部是数字');
    expect(sheet.targetRows!.map((r) => r.unitName)).toEqual(['青云谱区', ...SUB_UNITS, '青云谱区']);
    // 合计 equals 全区: checked, no duplicate, no problem at all; the plan already holds these figures.
    expect(p.problems).toEqual([]);
    expect(p.diff.totals).toEqual({ added: 0, changed: 0, removed: 0 });
    const before = await dumpStore(s);
    const out = await commit(core, f);
    expect(out.committed).toBe(true);
    expect(await taskCount(core)).toBe(16);
    expect(await dumpStore(s)).toBe(before); // same values: nothing rewritten
  });

  it('into a plan without a breakdown it gives 003 附件2 exactly', async () => {
    const { core } = await bare();
    const out = await commit(core, await file('targets-two-row-header'));
    expect(out.committed).toBe(true);
    expect(await breakdown(core)).toEqual(annex2());
  });

  it('a 合计 row that disagrees with 全区 is a warning at its own cell; the sub-units are checked at the district cell', async () => {
    const wb = await layout('targets-two-row-header').build();
    const ws = wb.getWorksheet('目标分解')!;
    ws.getCell('C13').value = 150; // 合计 科技型中小企业, but 全区 says 140
    ws.getCell('C7').value = '10'; // 洪都街道 8 → 10: the sub-units add up to 142
    const f = path.join(tmp.dir, 'totals-disagree.xlsx');
    await wb.xlsx.writeFile(f);
    const { core } = await example();
    const p = await preview(core, f);
    expect(p.problems).toEqual([
      { level: 'warning', sheet: '目标分解', row: 5, column: 'C', message: '科技型中小企业：各单位合计 142家，与青云谱区目标 140家 相差 2家。' },
      {
        level: 'warning',
        sheet: '目标分解',
        row: 13,
        column: 'C',
        message: '第13行“合计”的科技型中小企业为 150家，与第5行“全区”的 140家 不一致；按第5行导入全区目标。',
      },
    ]);
    expect(p.ok).toBe(true);
  });

  it('全区目标 as a column of an indicators-as-rows sheet is the district, and the notes under the table are not read', async () => {
    const { core } = await bare();
    const f = await file('indicator-rows-total-column');
    const p = await preview(core, f);
    expect(p.sheets[0].targetRows!.map((r) => [r.column, r.unitName])).toEqual([['D', '青云谱区'], ...SUB_UNITS.map((u, i) => [String.fromCharCode(69 + i), u])]);
    expect(p.sheets[0].indicators!.map((i) => i.row)).toEqual([3, 4, 5]);
    expect(p.problems).toEqual([]);
    expect((await commit(core, f)).committed).toBe(true);
    expect(await breakdown(core)).toEqual(annex2());
  });

  it("the district's own name and a 合计 column; names broken over lines and with a full-width space match silently", async () => {
    const { core } = await bare();
    const f = await file('unit-columns-district-name');
    const p = await preview(core, f);
    expect(p.unknownUnits).toEqual([]);
    expect(p.sheets[0].targetRows!.map((r) => r.unitName)).toEqual(['青云谱区', ...SUB_UNITS, '青云谱区']);
    expect(p.problems).toEqual([]);
    expect((await commit(core, f)).committed).toBe(true);
    expect(await breakdown(core)).toEqual(annex2());
  });

  it('全区合计 at the bottom, a 备注 column and a 说明 line under the table', async () => {
    const { core } = await bare();
    const f = await file('unit-rows-notes-below');
    const p = await preview(core, f);
    expect(p.sheets[0].columns.map((c) => c.role)).toEqual(['ignore', 'unit', 'value', 'value', 'value', 'ignore']);
    expect(p.problems).toEqual([]);
    expect((await commit(core, f)).committed).toBe(true);
    expect(await breakdown(core)).toEqual(annex2());
  });

  it('the same workbook saved by LibreOffice Calc reads the same', async () => {
    const original = await file('targets-two-row-header');
    const resaved = libreOfficeResave(original, path.join(tmp.dir, 'lo'));
    expect(fs.readFileSync(resaved).equals(fs.readFileSync(original))).toBe(false); // really rewritten
    const { core } = await bare();
    const p = await preview(core, resaved);
    expect(p.sheets[0]).toMatchObject({ kind: 'targets', orientation: 'unitRows', headerRows: [3, 4] });
    expect(p.problems).toEqual([]);
    expect((await commit(core, resaved)).committed).toBe(true);
    expect(await breakdown(core)).toEqual(annex2());
  }, 120_000);
});

describe('merge by default: a target sheet changes only the units and indicators it contains', () => {
  it('a sheet adjusting two streets changes two targets and removes none', async () => {
    const { core } = await example();
    const f = await file('two-streets-adjusted');
    const p = await preview(core, f);
    expect(p.diff.totals).toEqual({ added: 0, changed: 2, removed: 0 });
    expect(p.diff.changed.map((d) => [d.unit, d.indicator, d.before, d.after])).toEqual([
      ['洪都街道', '科技型中小企业', '8', '10'],
      ['京山街道', '科技型中小企业', '13', '12'],
    ]);
    // The sum now differs, said on the plan as it will be.
    // The other five sub-units' targets of the three indicators stay as they are.
    expect(p.replace).toEqual({ targetsNotInFile: 15, tasks: null, chosen: false });
    expect(p.problems).toEqual([
      expect.objectContaining({ level: 'warning', column: 'B', message: '科技型中小企业：各单位合计 141家，与青云谱区目标 140家 相差 1家（含工作要点中已有、本表未列出的单位目标）。' }),
    ]);
    expect((await commit(core, f)).committed).toBe(true);
    const expected = annex2();
    expected['洪都街道'][0] = 10;
    expected['京山街道'][0] = 12;
    expect(await breakdown(core)).toEqual(expected);
  });

  it('以本表为准 (replace) removes the others, listed first with the figures that lose their target', async () => {
    const { core, s } = await example();
    const plan = (await call(core, 'plans.list', {}))[0];
    const units = Object.fromEntries((await call(core, 'units.directory', {})).units.map((u) => [u.name, u.id]));
    const overview = await call(core, 'plan.overview', { planId: plan.id });
    const smes = overview.goals.find((g) => g.indicator.name === '科技型中小企业')!.indicator.id;
    await call(core, 'entry.save', {
      planId: plan.id,
      edits: [
        { indicatorId: smes, unitId: units['三家店街道'], period: '2022Q1', value: 5 },
        { indicatorId: smes, unitId: units['三家店街道'], period: '2022Q2', value: 9 },
      ],
    });
    const f = await file('two-streets-adjusted');
    const p = await preview(core, f, { replace: true });
    expect(p.replace).toEqual({ targetsNotInFile: 15, tasks: null, chosen: true });
    expect(p.diff.totals).toEqual({ added: 0, changed: 2, removed: 15 });
    const sanjiadian = p.diff.removed.find((d) => d.unit === '三家店街道' && d.indicator === '科技型中小企业')!;
    expect(sanjiadian).toMatchObject({ before: '21', figures: 2 });
    // The district's own targets are not the sheet's to remove (it has no 全区 line).
    expect(p.diff.removed.some((d) => d.unit === '青云谱区')).toBe(false);
    const before = await dumpStore(s);
    expect(await dumpStore(s)).toBe(before);
    expect((await commit(core, f, { replace: true })).committed).toBe(true);
    const b = await breakdown(core);
    expect(b['三家店街道']).toEqual([null, null, null]);
    expect(b['洪都街道']).toEqual([10, 4, 0.05]);
    expect(b['青云谱区']).toEqual([140, 76, 7]);
  });
});

describe('impossible values are errors at their cell; nothing is written', () => {
  it('negative counts and amounts, Excel error values; a negative growth rate is a warning', async () => {
    const { core, s } = await example();
    const f = await file('impossible-values');
    const before = await dumpStore(s);
    const out = await commit(core, f);
    expect(out.committed).toBe(false);
    expect(await dumpStore(s)).toBe(before);
    const at = (row: number, column: string) => out.problems.filter((p) => p.row === row && p.column === column).map((p) => `${p.level}:${p.message}`);
    expect(at(7, 'B')).toEqual(['error:岱山街道的科技型中小企业目标为负数（-8家）：以“家”计的数量或金额不能小于 0，请改正后再导入。']);
    expect(at(6, 'C')).toEqual(['error:京山街道的技术合同成交额目标为负数（-0.5亿元）：以“亿元”计的数量或金额不能小于 0，请改正后再导入。']);
    expect(at(4, 'D')).toEqual(['warning:洪都街道的高新技术企业增速目标为负数（-5%），请核对（增长率、增幅可以为负）。']);
    expect(at(8, 'E')).toEqual([expect.stringMatching(/^error:单元格是 Excel 错误值“#DIV\/0!”（公式无法计算），不是数字：青云谱镇的高新技术企业/)]);
    expect(at(9, 'E')).toEqual([expect.stringMatching(/^error:单元格是 Excel 错误值“#N\/A”/)]);
  });
});

describe('names people actually write', () => {
  it('short names are suggested; the mapping confirmed once is remembered and used by the next import', async () => {
    const { core, s } = await example();
    const f = await file('short-names');
    const p = await preview(core, f);
    expect(p.unknownUnits.map((u) => [u.name, u.suggestions[0]])).toEqual([
      ['洪都', '洪都街道'],
      ['新经济集聚区', '新经济产业集聚区'],
    ]);
    // 区级目标 is the district, the full-width "２１" a number.
    expect(p.sheets[0].targetRows![0].unitName).toBe('青云谱区');
    expect(p.sheets[0].targetRows![1].values[0]).toBe(21);
    const units = Object.fromEntries((await call(core, 'units.directory', {})).units.map((u) => [u.name, u.id]));
    const unitFixes = { 洪都: { unitId: units['洪都街道'] }, 新经济集聚区: { unitId: units['新经济产业集聚区'] } };
    const fixed = await preview(core, f, { unitFixes });
    expect(fixed.aliasesToRemember.map((a) => [a.alias, a.unitName])).toEqual([
      ['洪都', '洪都街道'],
      ['新经济集聚区', '新经济产业集聚区'],
    ]);
    expect(errors(fixed)).toEqual([]);
    expect((await commit(core, f, { unitFixes })).committed).toBe(true);
    // Quoted aliases: PostgreSQL folds unquoted names to lower case.
    expect(await s.rows('SELECT alias, unit_id AS "unitId", created_by AS "by", source FROM unit_aliases ORDER BY alias')).toEqual([
      { alias: '新经济集聚区', unitId: units['新经济产业集聚区'], by: '测试员', source: 'short-names.xlsx' },
      { alias: '洪都', unitId: units['洪都街道'], by: '测试员', source: 'short-names.xlsx' },
    ]);
    // The next import needs no fixes.
    const again = await preview(core, f);
    expect(again.unknownUnits).toEqual([]);
    expect(again.aliasesUsed.map((a) => [a.alias, a.unitName]).sort()).toEqual([
      ['新经济集聚区', '新经济产业集聚区'],
      ['洪都', '洪都街道'],
    ]);
    expect(errors(again)).toEqual([]);
  });

  it('an unknown name of a million characters is echoed cut, and its places are counted, not compared', async () => {
    const { core } = await example();
    const huge = '某'.repeat(1_000_000);
    const text = ['单位,科技型中小企业（家）', `${huge},1`, ...Array.from({ length: 2000 }, (_, i) => `未知${i % 50}街道,1`)].join('\n');
    const p = await call(core, 'import.preview', { fileName: '名称.csv', text });
    const long = p.problems.find((x) => x.message.startsWith('未知单位“某'))!;
    expect(long.message.length).toBeLessThan(300);
    expect(long.message).toContain('…（共约100万字）');
    expect(p.unknownUnits.length).toBe(51);
    expect(p.unknownUnits.find((u) => u.name === '未知1街道')).toMatchObject({ count: 40 });
  });
});

describe('ambiguous tables wait for the user', () => {
  it('主要任务 | 年度目标 | 牵头单位: both readings are offered; the choice decides', async () => {
    const { core } = await example();
    const f = await file('ambiguous-tasks-or-goals');
    const p = await preview(core, f);
    expect(p.sheets[0]).toMatchObject({ kind: 'tasks', ambiguous: true, chosen: false });
    expect(p.sheets[0].alternatives).toEqual([expect.objectContaining({ kind: 'goals' })]);
    expect(errors(p)).toEqual(expect.arrayContaining([expect.objectContaining({ row: 1, message: expect.stringContaining('--kind tasks|targets|goals') })]));
    const goals = await preview(core, f, { kind: 'goals' });
    expect(goals.sheets[0]).toMatchObject({ kind: 'goals', ambiguous: false, chosen: true });
    expect(goals.sheets[0].goals!.map((g) => [g.name, g.value, g.measureUnit])).toEqual([
      ['新增高新技术企业', 10, '家'],
      ['新增科技型中小企业', 20, '家'],
      ['技术合同成交额', 7, '亿元'],
      ['新增市级以上研发平台', 2, '个'],
    ]);
    expect(errors(goals)).toEqual([]);
    const bySheet = await preview(core, f, { sheets: { 重点工作: { kind: 'tasks' } } });
    expect(bySheet.sheets[0]).toMatchObject({ kind: 'tasks', ambiguous: false, chosen: true });
    // As tasks it is not the plan's task table (0 of 4 match): a replacement, refused until chosen.
    expect(bySheet.replace).toEqual({ targetsNotInFile: 0, tasks: { matched: 0, total: 4, existing: 16 }, chosen: false });
    expect(errors(bySheet).map((e) => e.message)).toEqual([expect.stringContaining('只有 0 项与工作要点现有的 16 项任务内容相同')]);
  });
});

describe('tasks belong to a year', () => {
  it('a 2023 task table is not merged into the 2022 plan; it can start the 2023 plan instead', async () => {
    const { core, s } = await example();
    const f = await file('tasks-other-year');
    const p = await preview(core, f);
    expect(p.yearMismatch).toEqual({ fileYear: 2023, planYears: '2022年', source: '标题“2023年工作要点任务分解表”' });
    expect(p.newPlan).toMatchObject({ title: '2023年工作要点', year: 2023, unitName: '青云谱区', confirmed: false });
    expect(errors(p)).toEqual([expect.objectContaining({ sheet: '任务分解', row: 1, column: 'A', message: expect.stringContaining('本表是2023年的') })]);
    const before = await dumpStore(s);
    expect((await commit(core, f)).committed).toBe(false);
    expect(await dumpStore(s)).toBe(before);
    const out = await commit(core, f, { createPlan: {} });
    expect(out.problems.filter((x) => x.level === 'error')).toEqual([]);
    expect(out.committed).toBe(true);
    const plans = await call(core, 'plans.list', {});
    expect(plans.map((x) => [x.title, x.yearStart]).sort()).toEqual([
      ['2022年青云谱区科技创新基础大提升工作要点', 2022],
      ['2023年工作要点', 2023],
    ]);
    const old = plans.find((x) => x.yearStart === 2022)!;
    expect((await call(core, 'tasks.table', { planId: old.id })).taskCount).toBe(16);
    expect((await call(core, 'tasks.table', { planId: out.planId! })).taskCount).toBe(16);
  });

  it('the file name names the year when the sheet has no title', async () => {
    const { core } = await example();
    const wb = await layout('tasks-two-row-header').build();
    const ws = wb.getWorksheet('任务分解')!;
    ws.getCell('A1').value = '工作要点任务分解表';
    const f = path.join(tmp.dir, '2021年任务分解.xlsx');
    await wb.xlsx.writeFile(f);
    const p = await preview(core, f);
    expect(p.yearMismatch).toEqual({ fileYear: 2021, planYears: '2022年', source: '文件名“2021年任务分解.xlsx”' });
  });

  it('a reworded task paired by position is listed as 改写 with old → new text and the progress that follows it', async () => {
    const { core } = await example();
    const plan = (await call(core, 'plans.list', {}))[0];
    const sheet = await call(core, 'progress.sheet', { planId: plan.id, period: '2022Q3' });
    const row = sheet.rows.find((r) => r.taskSeq === 3)!;
    await call(core, 'progress.save', { planId: plan.id, period: '2022Q3', entries: [{ taskId: row.taskId, unitId: row.unitId, status: 'in_progress', text: '推进中', reportedOn: '2022-09-30' }] });
    const wb = await layout('tasks-two-row-header').build();
    const ws = wb.getWorksheet('任务分解')!;
    let target = 0;
    ws.eachRow((r, i) => {
      if (String(r.getCell(1).value) === '3') target = i;
    });
    const oldText = String(ws.getCell(`B${target}`).value);
    ws.getCell(`B${target}`).value = '建设青云谱区科技创新综合服务平台，年内投入使用';
    const f = path.join(tmp.dir, 'reworded.xlsx');
    await wb.xlsx.writeFile(f);
    const p = await preview(core, f);
    // "before" is the plan's task as it stands (the example's text, cleaned of extraction spaces).
    expect(oldText.replace(/\s/g, '')).toBe(row.taskContent.replace(/\s/g, ''));
    expect(p.rewrites).toEqual([{ seq: 3, oldSeq: 3, before: row.taskContent, after: '建设青云谱区科技创新综合服务平台，年内投入使用', progress: 1 }]);
    expect(p.diff.changed).toEqual([expect.objectContaining({ what: 'task', rewrite: true, label: '改写 任务 3，1 条任务进展随之保留', before: row.taskContent })]);
    expect(errors(p)).toEqual([]);
  });
});

describe('numbers that are not numbers (issue 11) are errors at their cell, never empty values', () => {
  async function patchedWorkbook(values: Record<string, string>): Promise<string> {
    // exceljs cannot write NaN or a 400-digit number as a number: patch the sheet XML as another program would write it.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('目标');
    ws.addRow(['单位', '科技型中小企业（家）', '高新技术企业（家）']);
    SUB_UNITS.forEach((u, i) => ws.addRow([u, 1000 + i, 2000 + i]));
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    let xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    for (const [cell, v] of Object.entries(values)) {
      xml = xml.replace(new RegExp(`(<c r="${cell}"[^>]*>)<v>[^<]*</v>`), `$1<v>${v}</v>`);
    }
    zip.file('xl/worksheets/sheet1.xml', xml);
    const f = path.join(tmp.dir, `patched-${++n}.xlsx`);
    fs.writeFileSync(f, await zip.generateAsync({ type: 'nodebuffer' }));
    return f;
  }

  it('NaN, INF and a 400-digit number in numeric cells; with 以本表为准 they would have removed targets', async () => {
    const { core, s } = await example();
    const f = await patchedWorkbook({ B2: 'NaN', B3: 'INF', C4: '9'.repeat(400) });
    const before = await dumpStore(s);
    const out = await commit(core, f, { replace: true });
    expect(out.committed).toBe(false);
    expect(await dumpStore(s)).toBe(before);
    const at = (row: number, column: string) => out.problems.filter((p) => p.row === row && p.column === column && p.level === 'error').map((p) => p.message);
    expect(at(2, 'B')).toEqual([expect.stringContaining('不是有效的数字（非数或无穷大）')]);
    expect(at(3, 'B')).toEqual([expect.stringContaining('不是有效的数字')]);
    // The reader keeps the 400 digits as written (never Infinity): too many digits, said at its cell.
    expect(at(4, 'C')).toEqual([expect.stringContaining('位数过多，不是有效的数值')]);
    // None of them is counted as "no target": no removal of those three.
    expect(out.diff.removed.filter((d) => ['三家店街道', '洪都街道', '徐家坊街道'].includes(d.unit!) && d.indicator !== '技术合同成交额')).toEqual([]);
  });

  it('the same in a csv: NaN, -Infinity, #DIV/0! and 400 digits', async () => {
    const { core } = await example();
    const text = ['单位,科技型中小企业（家）', '三家店街道,NaN', '洪都街道,-Infinity', '徐家坊街道,#DIV/0!', `京山街道,${'1'.repeat(400)}`].join('\n');
    const p = await call(core, 'import.preview', { fileName: '坏数.csv', text });
    expect(errors(p).map((e) => [e.row, e.column, e.message])).toEqual([
      [2, 'B', expect.stringContaining('单元格的数值“NaN”不是有效的数字')],
      [3, 'B', expect.stringContaining('单元格的数值“-Infinity”不是有效的数字')],
      [4, 'B', expect.stringContaining('单元格是 Excel 错误值“#DIV/0!”')],
      [5, 'B', expect.stringContaining(`“${'1'.repeat(20)}…（共400字）”位数过多`)],
    ]);
    expect(errors(p)[3].message).toContain('位数过多');
    expect(errors(p)[3].message.length).toBeLessThan(200);
  });
});
