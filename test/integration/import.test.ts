/**
 * Importing the bureau's own tables (issue 3), checked against the seeds' own
 * numbers: 附件1 of 003 has 16 tasks in 7 action lines; 附件2 splits
 * 140 / 76 / 7 among seven sub-units (each unit's figure from 003 itself,
 * via seeds/qingyunpu-2022.json). Every file is generated from the seed
 * documents in beforeAll (test/fixtures/import/make-fixtures.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { tempDir } from '../helpers/tempDb';
import { call, fileRequest, storesClosedAfterEach } from '../helpers/importDb';
import { dumpStore, type TestStore } from '../helpers/testStore';
import {
  annex2Transposed,
  makeFixtures,
  nanchangTasks,
  qingyunpuWorkbook,
  transposedWorkbook,
  type Fixtures,
} from '../fixtures/import/make-fixtures';
import type { ImportOutcome, ImportPreview } from '../../shared/import/types';
import { IMPORT_MAX_BYTES, IMPORT_MAX_TEXT_CHARS } from '../../shared/import/limits';

const seed = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../seeds/qingyunpu-2022.json'), 'utf8')) as {
  actionLines: { title: string; tasks: { content: string; lead: string; responsible: string }[] }[];
  breakdown: { rows: [string, number, number, number][] };
};

let fx: Fixtures;
let tmp: { dir: string; cleanup(): void };
let fileCount = 0;
const store = storesClosedAfterEach();

async function fresh(fill: 'barePlan' | 'example' | 'unitsOnly' | 'empty'): Promise<{ core: Core; s: TestStore }> {
  const s = await store(fill);
  return { core: s.core, s };
}
const freshBare = () => fresh('barePlan');
const freshExample = () => fresh('example');

beforeAll(async () => {
  tmp = tempDir('taizhang-import-');
  fx = await makeFixtures(path.join(tmp.dir, 'fixtures'));
});
afterAll(() => {
  tmp?.cleanup();
});

/** The plan now holds 003's 附件1 exactly: 7 lines, 16 tasks, leads and units as the seed reads them. */
async function expectAnnex1(core: Core) {
  const plan = (await call(core, 'plans.list', {}))[0];
  const table = await call(core, 'tasks.table', { planId: plan.id });
  expect(table.actionLines.map((l) => l.title)).toEqual(seed.actionLines.map((l) => l.title));
  expect(table.taskCount).toBe(16);
  expect(table.actionLines.map((l) => l.tasks.length)).toEqual(seed.actionLines.map((l) => l.tasks.length));
  const tasks = table.actionLines.flatMap((l) => l.tasks);
  const seedTasks = seed.actionLines.flatMap((l) => l.tasks);
  const departments = (await call(core, 'units.directory', {})).units.filter((u) => u.kind === 'department');
  tasks.forEach((t, i) => {
    const s = seedTasks[i];
    expect(t.seq).toBe(i + 1);
    // Content as the annex writes it (half/full-width commas differ between the annex's two pages; the seed
    // drops the spaces 003's text extraction put around numbers, "年营收 3 亿元", which the import keeps).
    const digitSpaces = (text: string) => text.replace(/ (?=[\d-])|(?<=[\d-]) /g, '');
    expect(digitSpaces(t.content.replace(/,/g, '，').replace(/[()]/g, (p) => (p === '(' ? '（' : '）')))).toBe(s.content);
    expect(t.leadUnitNames).toEqual([s.lead]);
    const names = s.responsible
      .replace('各街道、镇、集聚区', '')
      .replace('区直相关部门', '')
      .split(/[、，]/)
      .filter(Boolean);
    for (const n of names) expect(t.responsibleUnitNames).toContain(n);
    if (s.responsible.includes('各街道、镇、集聚区')) {
      for (const sub of ['三家店街道', '洪都街道', '徐家坊街道', '京山街道', '岱山街道', '青云谱镇', '新经济产业集聚区']) {
        expect(t.responsibleUnitNames).toContain(sub);
      }
    }
    if (s.responsible.includes('区直相关部门')) {
      // Without the body text's own reading, the phrase means every department of the district.
      expect(t.responsibleUnitNames).toEqual(expect.arrayContaining(departments.map((d) => d.name)));
    }
  });
  // Broken cells joined without spaces: "区科工局、区\n商务局…" is the seed's list.
  expect(tasks[1].responsibleText.replace(/\s/g, '')).toBe('区科工局、区商务局、区市场监管局、区税务局、青云谱镇');
  expect(tasks[5].leadUnitNames).toEqual(['区市场监管局']);
}

/** The plan now holds 003's 附件2: 140 / 76 / 7 and each sub-unit's figure, all sums 相符. */
async function expectAnnex2(core: Core) {
  const plan = (await call(core, 'plans.list', {}))[0];
  const b = await call(core, 'targets.breakdown', { planId: plan.id });
  expect(b.indicators.map((i) => i.name)).toEqual(['科技型中小企业', '高新技术企业', '技术合同成交额']);
  const [district, ...subs] = seed.breakdown.rows;
  expect(b.parent.unit.name).toBe(district[0]);
  expect(b.indicators.map((i) => b.parent.values[i.id])).toEqual([140, 76, 7]);
  expect(b.rows.map((r) => r.unit.name)).toEqual(subs.map((s) => s[0]));
  b.rows.forEach((r, i) => expect(b.indicators.map((ind) => r.values[ind.id])).toEqual(subs[i].slice(1)));
  expect(b.checks.map((c) => c.state)).toEqual(['match', 'match', 'match']);
}

async function commit(core: Core, req: object): Promise<ImportOutcome> {
  return call(core, 'import.commit', req as never);
}

describe('import: 003 附件1 and 附件2 in every form a bureau has them', () => {
  it('the workbook (title rows, merged categories, broken lines, two-row header, formulas) fills an empty plan', async () => {
    const { core } = await freshBare();
    const out = await commit(core, fileRequest(fx.file('qingyunpu-annexes.xlsx')));
    // Task 14 (row 23): 区直相关部门 is read as every department, and the preview says so.
    expect(out.problems).toEqual([
      { level: 'warning', sheet: '附件1', row: 23, column: 'D', message: '“区直相关部门”按全部 11 个部门导入；如只指其中几个部门，请在表中写明部门名称。' },
    ]);
    expect(out.committed).toBe(true);
    expect(out.counts).toEqual({ actionLines: 7, tasks: 16, units: out.counts.units, indicators: 3, targets: 24 });
    expect(out.sheets.map((s) => [s.name, s.kind, s.headerRows])).toEqual([
      ['附件1', 'tasks', [3]],
      ['附件2', 'targets', [3, 4]],
    ]);
    await expectAnnex1(core);
    await expectAnnex2(core);
  });

  it('GBK csv files (附件1 with multi-line quoted cells, then 附件2) give the same plan', async () => {
    const { core } = await freshBare();
    expect((await commit(core, fileRequest(fx.file('qingyunpu-annex1-gbk.csv')))).committed).toBe(true);
    const out2 = await commit(core, fileRequest(fx.file('qingyunpu-annex2-gbk.csv')));
    expect(out2.format).toBe('csv');
    expect(out2.committed).toBe(true);
    await expectAnnex1(core);
    await expectAnnex2(core);
  });

  it('UTF-8 csv with a BOM reads the same as GBK', async () => {
    const { core } = await freshBare();
    const out = await commit(core, fileRequest(fx.file('qingyunpu-annex2-bom.csv')));
    expect(out.committed).toBe(true);
    await expectAnnex2(core);
  });

  it("the annexes pasted from 003's text (page break, repeated header, cut cells) give the same plan", async () => {
    const { core } = await freshBare();
    const text = fs.readFileSync(fx.file('qingyunpu-annexes.txt'), 'utf8');
    const preview = await call(core, 'import.preview', { fileName: '粘贴', text });
    expect(preview.sheets.map((s) => [s.name, s.kind])).toEqual([
      ['附件1', 'tasks'],
      ['附件2', 'targets'],
    ]);
    // Row 8 continues after the page break ("…各 街道、镇、集" + "聚区").
    const task8 = preview.sheets[0].actionLines!.flatMap((l) => l.tasks)[7];
    expect(task8.responsibleText).toBe('区科工局、区税务局，各街道、镇、集聚区');
    expect((await commit(core, { fileName: '粘贴', text })).committed).toBe(true);
    await expectAnnex1(core);
    await expectAnnex2(core);
  });

  it('pasted rows that wrap onto the next line are joined into one row', async () => {
    const { core } = await freshBare();
    const text = fs.readFileSync(fx.file('qingyunpu-annex1-wrapped.txt'), 'utf8');
    expect(text.split('\n').length).toBeGreaterThan(16 + 7 + 1 + 3); // really wrapped
    expect((await commit(core, { fileName: '粘贴', text })).committed).toBe(true);
    await expectAnnex1(core);
  });

  it('into the plan that already holds the same data: nothing added, changed or removed', async () => {
    const { core } = await freshExample();
    const preview = await call(core, 'import.preview', fileRequest(fx.file('qingyunpu-annexes.xlsx')));
    expect(preview.ok).toBe(true);
    expect(preview.diff).toEqual({ added: [], changed: [], removed: [], totals: { added: 0, changed: 0, removed: 0 } });
  });

  it('a changed workbook shows what is added, changed and removed before commit', async () => {
    const { core } = await freshExample();
    const wb = await qingyunpuWorkbook();
    const ws = wb.getWorksheet('附件2')!;
    ws.getCell('B7').value = 9; // 洪都街道 科技型中小企业 8 → 9
    const annex1 = wb.getWorksheet('附件1')!;
    annex1.spliceRows(annex1.rowCount, 1); // drop task 16
    const file = path.join(tmp.dir, 'changed.xlsx');
    await wb.xlsx.writeFile(file);
    const preview = await call(core, 'import.preview', fileRequest(file));
    expect(preview.diff.changed).toEqual([
      expect.objectContaining({ what: 'target', label: '洪都街道 · 科技型中小企业', before: '8', after: '9' }),
    ]);
    // Task 16 was the only task of (七): the line goes with it.
    expect(preview.diff.removed).toEqual([
      expect.objectContaining({ what: 'actionLine', label: '行动“科技创新关键技术攻坚行动”' }),
      expect.objectContaining({ what: 'task', label: '任务 16' }),
    ]);
    expect(preview.diff.added).toEqual([]);
    // 140 is no longer the sum: a warning with the difference, not an error.
    expect(preview.ok).toBe(true);
    expect(preview.problems).toEqual([
      expect.objectContaining({ level: 'warning', sheet: '附件1', row: 23, message: expect.stringContaining('区直相关部门') }),
      expect.objectContaining({ level: 'warning', sheet: '附件1', message: '分组“科技创新关键技术攻坚行动”下没有任务。' }),
      expect.objectContaining({ level: 'warning', sheet: '附件2', column: 'B', message: expect.stringContaining('相差 1家') }),
    ]);
    const out = await commit(core, fileRequest(file));
    expect(out.committed).toBe(true);
    const plan = (await call(core, 'plans.list', {}))[0];
    const table = await call(core, 'tasks.table', { planId: plan.id });
    expect([table.actionLines.length, table.taskCount]).toEqual([6, 15]);
  });
});

describe('import: the city plans of seeds 000 and 002 (〔责任单位:…〕, the first named leads)', () => {
  it('南昌 2022: 23 tasks in 7 lines; unknown units stop the commit until added', async () => {
    const { core, s } = await freshExample();
    const req = fileRequest(fx.file('nanchang-2022-tasks.xlsx'));
    const preview = await call(core, 'import.preview', req);
    const groups = nanchangTasks();
    expect(groups.length).toBe(7);
    const lines = preview.sheets[0].actionLines!;
    expect(lines.map((l) => l.title)).toEqual(groups.map((g) => g.title));
    expect(lines.map((l) => l.tasks.length)).toEqual([8, 3, 3, 3, 2, 2, 2]);
    const tasks = lines.flatMap((l) => l.tasks);
    expect(tasks.length).toBe(23);
    // 〔责任单位:市科技局、高新区…〕: list out of the content, first named leads.
    expect(tasks[0].responsibleText.startsWith('市科技局、高新区、经开区')).toBe(true);
    expect(tasks[0].content.includes('责任单位')).toBe(false);
    expect(tasks.every((t) => t.leadFromFirst)).toBe(true);
    expect(tasks[0].leadText).toBe('市科技局');
    expect(tasks[4].leadText).toBe('市工信局'); // 一.5 南昌航空科创城
    expect(tasks[9].responsibleText.startsWith('市科技局、高新区、市委人才办')).toBe(true); // 二.2 writes the list without "责任单位:"
    // The 青云谱区 tree does not know the city's bureaus: errors with suggestions, nothing written.
    expect(preview.ok).toBe(false);
    const unknown = preview.unknownUnits.find((u) => u.name === '市科技局')!;
    expect(unknown.suggestions).toContain('区科工局');
    const before = await dumpStore(s);
    const refused = await commit(core, req);
    expect(refused.committed).toBe(false);
    expect(await dumpStore(s)).toBe(before);
    // Add every unknown name as a new unit (新增为单位), then it commits.
    const unitFixes = Object.fromEntries(preview.unknownUnits.map((u) => [u.name, { add: u.guessedKind }]));
    // 南昌's tasks are not 青云谱区's: the table would replace the plan's 16 tasks, which needs 以本表为准.
    expect(preview.replace).toEqual({ targetsNotInFile: 0, tasks: { matched: 0, total: 23, existing: 16 }, chosen: false });
    expect(preview.problems).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'error', message: expect.stringContaining('只有 0 项与工作要点现有的 16 项任务内容相同') })]));
    const out = await commit(core, { ...req, options: { unitFixes, replace: true } });
    expect(out.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(out.committed).toBe(true);
    const plan = (await call(core, 'plans.list', {}))[0];
    const table = await call(core, 'tasks.table', { planId: plan.id });
    expect(table.taskCount).toBe(23);
    expect(table.actionLines.length).toBe(7);
    expect(table.actionLines[0].tasks[0].leadUnitNames).toEqual(['市科技局']);
    expect(table.actionLines[0].tasks[4].leadUnitNames).toEqual(['市工信局']);
  });

  it('赣州 实施方案 pasted as paragraphs: 33 tasks in 8 groups, the lead rule removed from the list', async () => {
    const { core } = await freshExample();
    const text = fs.readFileSync(fx.file('ganzhou-tasks.txt'), 'utf8');
    const preview = await call(core, 'import.preview', { fileName: '赣州', text });
    const lines = preview.sheets[0].actionLines!;
    expect(lines.length).toBe(8);
    expect(lines[0].title).toBe('加快构建区域科技创新体系');
    expect(lines.flatMap((l) => l.tasks).length).toBe(33);
    expect(lines.map((l) => l.tasks.length)).toEqual([3, 7, 3, 4, 3, 4, 4, 5]);
    const first = lines[0].tasks[0];
    expect(first.leadText).toBe('市科技局');
    expect(first.responsibleText.endsWith('赣州高新区管委会')).toBe(true);
    expect(first.responsibleText).not.toContain('牵头单位');
    expect(lines[1].tasks[2].leadText).toBe('市发改委'); // 6. 责任单位:市发改委、市工信局市科技局…
    // "县(市、区)政府" keeps its brackets as one name.
    expect(preview.unknownUnits.map((u) => u.name)).toContain('县(市、区)政府');
  });
});

describe('import: broken and hostile files — one clear message, nothing written', () => {
  // Encrypted and old workbooks are both compound files: the stream names inside tell them apart, whatever the extension says.
  const ENCRYPTED = /：文件设有打开密码，请在 Excel\/WPS 中取消密码后另存为 \.xlsx 再导入。$/;
  const OLD_XLS = /：这是旧版 \.xls 格式，请在 Excel\/WPS 中另存为 \.xlsx 再导入。$/;
  const cases: [string, RegExp][] = [
    ['empty.xlsx', /空文件/],
    ['encrypted.xlsx', ENCRYPTED],
    ['old.xls', OLD_XLS],
    ['encrypted-named.xls', ENCRYPTED],
    ['old-named.xlsx', OLD_XLS],
    ['truncated.xlsx', /损坏或不完整/],
    ['not-a-workbook.xlsx', /不是 Excel 工作簿/],
    ['binary.csv', /不是表格文件/],
  ];
  for (const [name, message] of cases) {
    it(name, async () => {
      const { core, s } = await freshExample();
      const before = await dumpStore(s);
      const out = await commit(core, fileRequest(fx.file(name)));
      expect(out.committed).toBe(false);
      expect(out.problems).toHaveLength(1);
      expect(out.problems[0]).toMatchObject({ level: 'error', message: expect.stringMatching(message) });
      expect(await dumpStore(s)).toBe(before);
    });
  }

  it('over the size limit: the request itself is refused (preview and commit), in Chinese', async () => {
    const { core, s } = await freshExample();
    const before = await dumpStore(s);
    const big = Buffer.alloc(15 * 1024 * 1024, 0x41);
    for (const method of ['import.preview', 'import.commit'] as const) {
      const r = await core.call(method, { fileName: 'big.csv', dataBase64: big.toString('base64') });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/dataBase64.*超过导入上限 14 MB/);
    }
    expect(await dumpStore(s)).toBe(before);
  });

  it('a file just under the limit still reaches the reader (the limit is the decoded size)', async () => {
    const { core } = await freshExample();
    const justUnder = Buffer.alloc(IMPORT_MAX_BYTES, 0x41);
    const r = await core.call('import.preview', { fileName: 'big.csv', dataBase64: justUnder.toString('base64') });
    expect(r.ok).toBe(true);
    const tooBig = Buffer.alloc(IMPORT_MAX_BYTES + 3, 0x41);
    expect((await core.call('import.preview', { fileName: 'big.csv', dataBase64: tooBig.toString('base64') })).ok).toBe(false);
  });

  it('base64 that is not base64 is refused, not silently read as something else', async () => {
    const { core, s } = await freshExample();
    const before = await dumpStore(s);
    const good = fileRequest(fx.file('qingyunpu-annex2-gbk.csv'));
    for (const dataBase64 of [`${good.dataBase64.slice(0, 40)}!!${good.dataBase64.slice(42)}`, good.dataBase64.slice(1), `${good.dataBase64} `]) {
      const r = await core.call('import.commit', { ...good, dataBase64 });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toContain('文件内容的编码（base64）不正确');
    }
    expect(await dumpStore(s)).toBe(before);
  });

  it('pasted text over the limit is refused in Chinese', async () => {
    const { core } = await freshExample();
    const r = await core.call('import.preview', { fileName: '粘贴', text: '序'.repeat(IMPORT_MAX_TEXT_CHARS + 1) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/text.*粘贴的文字超过 200 万字/);
  });

  it('a write that fails half-way rolls everything back', async () => {
    const { core, s } = await freshBare();
    // 新经济产业集聚区's 35 is the last target written: units, indicators and 23 targets are in by then.
    // A trigger is each engine's own SQL: SQLite's RAISE, PostgreSQL's PL/pgSQL function.
    if (s.engine === 'sqlite') {
      await s.run(`CREATE TRIGGER import_fails BEFORE INSERT ON targets WHEN NEW.value = 35 BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    } else {
      await s.run(`CREATE FUNCTION import_fails() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.value = 35 THEN RAISE EXCEPTION 'disk trouble'; END IF; RETURN NEW; END $$`);
      await s.run('CREATE TRIGGER import_fails BEFORE INSERT ON targets FOR EACH ROW EXECUTE FUNCTION import_fails()');
    }
    const before = await dumpStore(s);
    const r = await core.call('import.commit', fileRequest(fx.file('qingyunpu-annexes.xlsx')));
    expect(r.ok).toBe(false);
    expect(await dumpStore(s)).toBe(before);
  });
});

describe('import: units and numbers as tables write them', () => {
  async function annex2With(edit: (ws: ExcelJS.Worksheet) => void): Promise<string> {
    const wb = await qingyunpuWorkbook();
    wb.removeWorksheet(wb.getWorksheet('附件1')!.id);
    edit(wb.getWorksheet('附件2')!);
    const file = path.join(tmp.dir, `edited-${++fileCount}.xlsx`);
    await wb.xlsx.writeFile(file);
    return file;
  }

  it('an unknown unit is an error with suggestions; mapping it to the right unit commits', async () => {
    const { core } = await freshBare();
    const file = await annex2With((ws) => {
      ws.getCell('A7').value = '洪都街'; // 洪都街道, mistyped
    });
    const preview = await call(core, 'import.preview', fileRequest(file));
    expect(preview.ok).toBe(false);
    expect(preview.unknownUnits).toEqual([expect.objectContaining({ name: '洪都街', suggestions: expect.arrayContaining(['洪都街道']) })]);
    expect(preview.problems).toEqual([
      expect.objectContaining({ level: 'error', sheet: '附件2', row: 7, message: expect.stringContaining('是否是“洪都街道') }),
    ]);
    const units = (await call(core, 'units.directory', {})).units;
    const hongdu = units.find((u) => u.name === '洪都街道')!;
    const out = await commit(core, { ...fileRequest(file), options: { unitFixes: { 洪都街: { unitId: hongdu.id } } } });
    expect(out.committed).toBe(true);
    await expectAnnex2(core);
  });

  it('a new unit can be added (新增为单位) and gets its target', async () => {
    const { core } = await freshBare();
    const file = await annex2With((ws) => {
      ws.addRow(['洪都新区街道', 0, 0, 0]);
    });
    const out = await commit(core, { ...fileRequest(file), options: { unitFixes: { 洪都新区街道: { add: 'street' } } } });
    expect(out.committed).toBe(true);
    expect(out.diff.added).toEqual(expect.arrayContaining([expect.objectContaining({ what: 'unit', label: '单位“洪都新区街道”' })]));
    const plan = (await call(core, 'plans.list', {}))[0];
    const b = await call(core, 'targets.breakdown', { planId: plan.id });
    const added = b.rows.find((r) => r.unit.name === '洪都新区街道')!;
    expect(added.unit.kind).toBe('street');
    expect(Object.values(added.values)).toEqual([0, 0, 0]);
  });

  it('"约3亿", "—", negative counts, duplicate units', async () => {
    const { core } = await freshBare();
    const file = await annex2With((ws) => {
      ws.getCell('D5').value = '约7亿'; // district 技术合同成交额
      ws.getCell('C9').value = '—'; // 京山街道 高新技术企业: no target
      ws.getCell('B10').value = -8; // 岱山街道
      ws.addRow(['三家店街道', 1, 1, 1]); // duplicate
    });
    const preview = await call(core, 'import.preview', fileRequest(file));
    const at = (row: number, column = '') =>
      preview.problems.filter((p) => p.row === row && (!column || p.column === column)).map((p) => `${p.level}:${p.message}`);
    expect(at(5, 'D')).toEqual(['warning:“约7亿”按 7 导入（约数）。']);
    // A negative count is an error at its cell (issue 12), not a warning.
    expect(at(10, 'B')).toEqual(['error:岱山街道的科技型中小企业目标为负数（-8家）：以“家”计的数量或金额不能小于 0，请改正后再导入。']);
    expect(at(13)).toEqual([expect.stringMatching(/^error:“三家店街道”与第6行是同一单位/)]);
    expect(preview.problems.some((p) => p.level === 'warning' && /京山街道没有目标值/.test(p.message))).toBe(true);
    expect(preview.sheets[0].targetRows!.find((r) => r.unitText === '京山街道')!.values[1]).toBeNull();
    expect(preview.ok).toBe(false);
  });
});

describe('import: a goal list (指标/目标值/计量单位)', () => {
  it('updates the goals it names, adds the new one, and the wording follows', async () => {
    const { core } = await freshExample();
    const text = ['工作目标', '指标,目标值,计量单位', '技术合同成交额,突破8亿元,亿元', '高新技术企业,80,家', '新增省级研发平台,2,个'].join('\n');
    const file = path.join(tmp.dir, 'goals.csv');
    fs.writeFileSync(file, text);
    const preview = await call(core, 'import.preview', fileRequest(file));
    expect(preview.kind).toBe('goals');
    expect(preview.problems).toEqual([]);
    expect(preview.diff.changed.map((d) => [d.label, d.after])).toEqual([
      ['工作目标“技术合同成交额”', '技术合同成交额突破8亿元'],
      ['工作目标“高新技术企业”', '高新技术企业80家'],
    ]);
    expect(preview.diff.added.map((d) => d.label)).toEqual(['工作目标“新增省级研发平台”']);
    const out = await commit(core, fileRequest(file));
    expect(out.committed).toBe(true);
    const plan = (await call(core, 'plans.list', {}))[0];
    const goals = (await call(core, 'plan.overview', { planId: plan.id })).goals;
    const byName = (n: string) => goals.find((g) => g.indicator.name === n)!;
    expect(byName('技术合同成交额').targetValue).toBe(8);
    expect(byName('技术合同成交额').wordingFormatted).toBe('技术合同成交额突破8亿元');
    expect(byName('高新技术企业').targetValue).toBe(80);
    expect(byName('新增省级研发平台')).toMatchObject({ targetValue: 2, indicator: { measureUnit: '个', aggregation: 'sum' } });
    expect(goals.length).toBe(7);
  });
});

describe('import: the column mapping can be changed', () => {
  it('headers it does not know: choose the kind, the header row and each column', async () => {
    const { core } = await freshBare();
    const text = [
      '区科技工作安排',
      '事项,负责,参与',
      '(一) 科技创新区域优化布局行动,,',
      '推进数字经济“一号发展工程”,区发改委,"区发改委、青云谱镇"',
    ].join('\n');
    const file = path.join(tmp.dir, 'odd.csv');
    fs.writeFileSync(file, text);
    const first = await call(core, 'import.preview', fileRequest(file));
    expect(first.ok).toBe(false);
    expect(first.sheets[0].kind).toBeNull();
    expect(first.problems[0].message).toContain('没有找到表头');
    const options = { sheets: { odd: { kind: 'tasks' as const, headerRow: 2, columns: { '0': 'content' as const, '1': 'lead' as const, '2': 'responsible' as const } } } };
    const out = await commit(core, { ...fileRequest(file), options });
    expect(out.problems).toEqual([]);
    expect(out.committed).toBe(true);
    const plan = (await call(core, 'plans.list', {}))[0];
    const table = await call(core, 'tasks.table', { planId: plan.id });
    expect(table.actionLines.map((l) => l.title)).toEqual(['科技创新区域优化布局行动']);
    expect(table.actionLines[0].tasks[0]).toMatchObject({ leadUnitNames: ['区发改委'], responsibleUnitNames: ['区发改委', '青云谱镇'] });
  });
});

describe('import: 附件2 the other way round — indicators as rows, units as columns', () => {
  it('the workbook (指标 | 计量单位 | 青云谱区 | 三家店街道 …) fills an empty plan with 140/76/7 and every unit', async () => {
    const { core } = await freshBare();
    const out = await commit(core, fileRequest(fx.file('qingyunpu-annex2-transposed.xlsx')));
    expect(out.problems).toEqual([]);
    expect(out.committed).toBe(true);
    expect(out.kind).toBe('targets');
    expect(out.sheets.map((s) => [s.name, s.kind, s.orientation, s.headerRows])).toEqual([['附件2', 'targets', 'indicatorRows', [3]]]);
    const roles = out.sheets[0].columns.map((c) => `${c.letter}:${c.role}`);
    expect(roles.slice(0, 3)).toEqual(['A:indicator', 'B:measureUnit', 'C:value']);
    // The preview names each indicator by its row and each unit by its header cell.
    expect(out.sheets[0].indicators!.map((i) => [i.row, i.column, i.name, i.measureUnit])).toEqual([
      [4, 'A', '科技型中小企业', '家'],
      [5, 'A', '高新技术企业数量', '家'],
      [6, 'A', '技术合同成交额', '亿元'],
    ]);
    expect(out.sheets[0].targetRows!.map((r) => [r.row, r.column, r.unitName])).toEqual(
      seed.breakdown.rows.map(([name], i) => [3, String.fromCharCode(67 + i), name]),
    );
    expect(out.counts).toEqual({ actionLines: 0, tasks: 0, units: 8, indicators: 3, targets: 24 });
    await expectAnnex2(core);
  });

  it('GBK csv with a 单位 column (the measure unit) gives the same plan', async () => {
    const { core } = await freshBare();
    const out = await commit(core, fileRequest(fx.file('qingyunpu-annex2-transposed-gbk.csv')));
    expect(out.format).toBe('csv');
    expect(out.sheets[0].orientation).toBe('indicatorRows');
    expect(out.sheets[0].indicators!.map((i) => i.measureUnit)).toEqual(['家', '家', '亿元']);
    expect(out.problems).toEqual([]);
    expect(out.committed).toBe(true);
    await expectAnnex2(core);
  });

  it('pasted text, the measure unit in the name ("技术合同成交额（亿元）") and a PDF break in a unit name', async () => {
    const { core } = await freshBare();
    const text = fs.readFileSync(fx.file('qingyunpu-annex2-transposed.txt'), 'utf8');
    expect(text).toContain('新经济产业 集聚区');
    const out = await commit(core, { fileName: '粘贴', text });
    expect(out.format).toBe('text');
    expect(out.sheets[0].indicators!.map((i) => [i.name, i.measureUnit])).toEqual([
      ['科技型中小企业', '家'],
      ['高新技术企业数量', '家'],
      ['技术合同成交额', '亿元'],
    ]);
    expect(out.problems).toEqual([]);
    expect(out.committed).toBe(true);
    await expectAnnex2(core);
  });

  it('a two-row header ("2022年目标任务" merged over the unit names) reads the same', async () => {
    const { units, indicators } = annex2Transposed();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('分解');
    ws.addRow(['2022年有关科技创新指导性任务分解表']);
    ws.addRow(['指标名称', '计量单位', '2022年目标任务']);
    ws.addRow(['', '', ...units]);
    ws.mergeCells('A2:A3');
    ws.mergeCells('B2:B3');
    ws.mergeCells('C2:J2');
    for (const ind of indicators) ws.addRow([ind.name, ind.measure, ...ind.values]);
    const file = path.join(tmp.dir, 'two-row-transposed.xlsx');
    await wb.xlsx.writeFile(file);
    const { core } = await freshBare();
    const out = await commit(core, fileRequest(file));
    expect(out.sheets[0]).toMatchObject({ kind: 'targets', orientation: 'indicatorRows', headerRows: [2, 3] });
    expect(out.problems).toEqual([]);
    expect(out.committed).toBe(true);
    await expectAnnex2(core);
  });

  it('an unknown unit in a header cell: the problem points at that cell, with suggestions; the fix commits', async () => {
    const wb = await transposedWorkbook();
    wb.getWorksheet('附件2')!.getCell('E3').value = '洪都街'; // 洪都街道, mistyped
    const file = path.join(tmp.dir, 'transposed-unknown.xlsx');
    await wb.xlsx.writeFile(file);
    const { core, s } = await freshBare();
    const preview = await call(core, 'import.preview', fileRequest(file));
    expect(preview.ok).toBe(false);
    // Still recognised: the other seven header cells are units of the tree.
    expect(preview.sheets[0].orientation).toBe('indicatorRows');
    expect(preview.unknownUnits).toEqual([
      expect.objectContaining({ name: '洪都街', suggestions: expect.arrayContaining(['洪都街道']), places: ['附件2 第3行 E列'] }),
    ]);
    expect(preview.problems).toEqual([
      expect.objectContaining({ level: 'error', sheet: '附件2', row: 3, column: 'E', message: expect.stringContaining('是否是“洪都街道') }),
    ]);
    const before = await dumpStore(s);
    expect((await commit(core, fileRequest(file))).committed).toBe(false);
    expect(await dumpStore(s)).toBe(before);
    const hongdu = (await call(core, 'units.directory', {})).units.find((u) => u.name === '洪都街道')!;
    const out = await commit(core, { ...fileRequest(file), options: { unitFixes: { 洪都街: { unitId: hongdu.id } } } });
    expect(out.problems).toEqual([]);
    expect(out.committed).toBe(true);
    await expectAnnex2(core);
  });

  it('a cell that is not a number, an approximate one and a broken sum each point at their own cell', async () => {
    const wb = await transposedWorkbook();
    const ws = wb.getWorksheet('附件2')!;
    ws.getCell('D5').value = '很多'; // 三家店街道 · 高新技术企业数量
    ws.getCell('F4').value = '约39'; // 徐家坊街道 · 科技型中小企业
    ws.getCell('E6').value = 0.06; // 洪都街道 · 技术合同成交额: no longer adds up to 7
    const file = path.join(tmp.dir, 'transposed-bad-cells.xlsx');
    await wb.xlsx.writeFile(file);
    const { core, s } = await freshBare();
    const before = await dumpStore(s);
    const out = await commit(core, fileRequest(file));
    expect(out.committed).toBe(false);
    expect(await dumpStore(s)).toBe(before);
    expect(out.problems).toEqual([
      { level: 'warning', sheet: '附件2', row: 4, column: 'F', message: '“约39”按 39 导入（约数）。' },
      { level: 'error', sheet: '附件2', row: 5, column: 'D', message: '“很多”不是数字：三家店街道的高新技术企业数量应填以“家”计的数值。' },
      // The unreadable cell leaves the unit without a target: said on the indicator's row.
      { level: 'warning', sheet: '附件2', row: 5, column: '', message: '高新技术企业：三家店街道没有目标值。' },
      // At the district's own cell (row 6, column C): the total the sub-units are measured against.
      {
        level: 'warning',
        sheet: '附件2',
        row: 6,
        column: 'C',
        message: expect.stringMatching(/^技术合同成交额：各单位合计 7\.01亿元，与青云谱区目标 7亿元 相差 0\.01亿元/),
      },
    ]);
  });

  it('a sheet whose header it does not know: choosing 指标为行 and the header row imports it', async () => {
    const { units, indicators } = annex2Transposed();
    const lines = [['项目', ...units].join(','), ...indicators.map((i) => [`${i.name}（${i.measure}）`, ...i.values].join(','))];
    const file = path.join(tmp.dir, 'xiangmu.csv');
    fs.writeFileSync(file, lines.map((l) => l.replace(/\n/g, '')).join('\n'));
    const { core } = await freshBare();
    const first = await call(core, 'import.preview', fileRequest(file));
    expect(first.sheets[0].kind).toBeNull();
    expect(first.ok).toBe(false);
    const options = { sheets: { xiangmu: { kind: 'targets' as const, orientation: 'indicatorRows' as const, headerRow: 1 } } };
    const out = await commit(core, { ...fileRequest(file), options });
    expect(out.sheets[0].columns[0]).toMatchObject({ letter: 'A', role: 'indicator' });
    expect(out.problems).toEqual([]);
    expect(out.committed).toBe(true);
    await expectAnnex2(core);
  });

  it('the usual layout is not taken for the transposed one (and can be switched by hand)', async () => {
    const { core } = await freshBare();
    const req = fileRequest(fx.file('qingyunpu-annex2-gbk.csv'));
    const preview = await call(core, 'import.preview', req);
    expect(preview.sheets[0].orientation).toBe('unitRows');
    // Forced the other way, the indicator names become "units": all unknown, nothing can be written.
    const forced = await call(core, 'import.preview', { ...req, options: { sheets: { 'qingyunpu-annex2-gbk': { kind: 'targets', orientation: 'indicatorRows' } } } });
    expect(forced.sheets[0].orientation).toBe('indicatorRows');
    expect(forced.ok).toBe(false);
    expect(forced.unknownUnits.map((u) => u.name)).toContain('科技型中小企业(家)');
  });
});

describe('import: a database without any plan offers to start one', () => {
  it('a task table: the plan comes from the title row and the only district; nothing is written until confirmed', async () => {
    const { core, s } = await fresh('unitsOnly');
    expect(await call(core, 'plans.list', {})).toEqual([]);
    const req = fileRequest(fx.file('qingyunpu-annex1-gbk.csv'));
    const preview = await call(core, 'import.preview', req);
    const district = (await call(core, 'units.directory', {})).units.find((u) => u.name === '青云谱区')!;
    // Title row "2022年工作要点任务分解表" → the plan's name without the table's words.
    expect(preview.newPlan).toEqual({ title: '2022年工作要点', year: 2022, unitId: district.id, unitName: '青云谱区', confirmed: false });
    expect(preview.ok).toBe(false);
    expect(preview.problems.filter((p) => p.level === 'error')).toEqual([
      expect.objectContaining({ message: expect.stringContaining('可以用本文件新建工作要点“2022年工作要点”（2022年，青云谱区）') }),
    ]);
    // The rest of the preview is there: the tasks read against the district's tree.
    expect(preview.counts).toMatchObject({ actionLines: 7, tasks: 16 });
    const before = await dumpStore(s);
    expect((await commit(core, req)).committed).toBe(false);
    expect(await dumpStore(s)).toBe(before);

    const out = await commit(core, { ...req, options: { createPlan: { title: '青云谱区2022年科技创新工作要点' } } });
    expect(out.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(out.committed).toBe(true);
    const plans = await call(core, 'plans.list', {});
    expect(plans.map((p) => [p.id, p.title, p.yearStart, p.yearEnd, p.unitId])).toEqual([[out.planId, '青云谱区2022年科技创新工作要点', 2022, 2022, district.id]]);
    await expectAnnex1(core);
  });

  it('a goal list in an empty database: the plan and its district are both created', async () => {
    const { core } = await fresh('empty');
    const file = path.join(tmp.dir, '目标.csv');
    fs.writeFileSync(file, ['2022年青云谱区科技创新工作目标', '指标,目标值,计量单位', '技术合同成交额,突破7亿元,亿元', '高新技术企业,76,家'].join('\n'));
    const preview = await call(core, 'import.preview', fileRequest(file));
    expect(preview.kind).toBe('goals');
    expect(preview.newPlan).toEqual({ title: '2022年青云谱区科技创新工作目标', year: 2022, unitId: null, unitName: '青云谱区', confirmed: false });
    expect(preview.diff.added.map((d) => d.what)).toEqual(['plan', 'unit', 'goal', 'goal']);
    const out = await commit(core, { ...fileRequest(file), options: { createPlan: {} } });
    expect(out.committed).toBe(true);
    const [plan] = await call(core, 'plans.list', {});
    expect(plan).toMatchObject({ id: out.planId, title: '2022年青云谱区科技创新工作目标', yearStart: 2022 });
    const units = (await call(core, 'units.directory', {})).units;
    expect(units.map((u) => [u.name, u.kind, u.parentId])).toEqual([['青云谱区', 'district', null]]);
    expect(plan.unitId).toBe(units[0].id);
    const goals = (await call(core, 'plan.overview', { planId: plan.id })).goals;
    expect(goals.map((g) => [g.indicator.name, g.targetValue])).toEqual([
      ['技术合同成交额', 7],
      ['高新技术企业', 76],
    ]);
  });

  it('a year it cannot find must be given; without it nothing is created', async () => {
    const { core } = await fresh('empty');
    const file = path.join(tmp.dir, '青云谱区科技工作目标.csv');
    fs.writeFileSync(file, ['指标,目标值,计量单位', '高新技术企业,76,家'].join('\n'));
    const req = fileRequest(file);
    const out = await commit(core, { ...req, options: { createPlan: {} } });
    expect(out.committed).toBe(false);
    expect(out.problems).toEqual([expect.objectContaining({ level: 'error', message: '看不出新工作要点是哪一年的：请填写年份。' })]);
    expect(await call(core, 'plans.list', {})).toEqual([]);
    const fixed = await commit(core, { ...req, options: { createPlan: { year: 2023 } } });
    expect(fixed.committed).toBe(true);
    expect((await call(core, 'plans.list', {}))[0]).toMatchObject({ title: '青云谱区科技工作目标', yearStart: 2023 });
  });
});
