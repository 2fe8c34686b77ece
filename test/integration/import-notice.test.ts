/**
 * The issued notice itself (issue 19): seed 003, 青政办发〔2022〕16号, as a
 * Word file made two ways — by a Word-like writer (the `docx` package:
 * w:gridSpan, w:vMerge, 附件1 continued after a page break as a second table)
 * and by LibreOffice from HTML (rowspan/colspan) — read into the one preview
 * and committed all or nothing, on either engine (testStore.ts): 6 goals, 16 tasks in 7
 * action lines with their lead and responsible units, 附件2's 8 units × 3
 * indicators adding up to 140/76/7.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportOptions, ImportOutcome } from '../../shared/import/types';
import { placeText } from '../../shared/import/place';
import type { Core } from '../../electron/core';
import { call, storesClosedAfterEach } from '../helpers/importDb';
import { tempDir } from '../helpers/tempDb';
import { dumpStore, type TestStore } from '../helpers/testStore';
import { libreOfficeDocx, seedDocumentAsNotice, seedNotice, seedNoticeWithoutAnnexes, seedPlan, wordLikeDocx, type NoticeModel } from '../helpers/noticeFixtures';

let tmp: { dir: string; cleanup(): void };
const files: Record<string, Buffer> = {};
const store = storesClosedAfterEach();

beforeAll(async () => {
  tmp = tempDir('taizhang-notice-');
  files.word = await wordLikeDocx(seedNotice({ split: true }));
  files.lo = libreOfficeDocx(seedNotice({ split: false }), tmp.dir);
}, 120_000);
afterAll(async () => {
  tmp?.cleanup();
});

async function open(kind: 'units' | 'example'): Promise<{ core: Core; db: TestStore }> {
  const db = await store(kind === 'units' ? 'unitsOnly' : 'example');
  return { core: db.core, db };
}
async function commit(core: Core, bytes: Buffer, options: ImportOptions, dryRun = false, fileName = '青政办发〔2022〕16号.docx'): Promise<ImportOutcome> {
  return call(core, 'import.commit', { fileName, dataBase64: bytes.toString('base64'), options, dryRun });
}

/** Blocks of a notice with some paragraph text replaced (another year, another number). */
function edited(model: NoticeModel, edit: (text: string) => string): NoticeModel {
  return {
    blocks: model.blocks.map((b) =>
      b.kind === 'p' ? { ...b, lines: b.lines.map(edit) } : b.kind === 'table' ? { ...b, rows: b.rows.map((r) => r.map((c) => ({ ...c, lines: c.lines.map(edit) }))) } : b,
    ),
  };
}

interface Row {
  [key: string]: unknown;
}
const query = (db: TestStore, sql: string, ...params: unknown[]): Promise<Row[]> => db.rows<Row>(sql, ...params);

const seed = seedPlan();

describe.each([
  ['a Word-like writer (docx: w:gridSpan, w:vMerge, 附件1 continued as a second table)', 'word'],
  ['LibreOffice from HTML (rowspan, colspan)', 'lo'],
])('seed 003 made by %s', (_label, which) => {
  it('starts the 2022 plan exactly as the notice issued it: head, 6 goals, 16 tasks in 7 lines, 附件2 adding up to 140/76/7', async () => {
    const { core, db } = await open('units');
    const out = await commit(core, files[which], { createPlan: {} });
    expect(out.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(out.committed).toBe(true);
    expect(out.format).toBe('docx');
    expect(out.counts).toEqual({ actionLines: 7, tasks: 16, units: 19, indicators: 6, targets: 27 });

    const [plan] = await query(db, 'SELECT title, doc_number, issuer, issued_on, year_start, year_end FROM plans');
    expect(plan).toEqual({ title: seed.plan.title, doc_number: seed.plan.docNumber, issuer: seed.plan.issuer, issued_on: seed.plan.issuedOn, year_start: 2022, year_end: 2022 });

    // The goals, with their wording as the notice writes it, as the plan's indicators and district targets.
    const unitId = async (name: string) => (await query(db, 'SELECT id FROM units WHERE name = ?', name))[0].id as number;
    const district = await unitId('青云谱区');
    const goals = await query(db, 'SELECT i.name, i.measure_unit, i.wording_text, i.aggregation, t.value, t.value_max FROM indicators i LEFT JOIN targets t ON t.indicator_id = i.id AND t.unit_id = ? ORDER BY i.sort_order', district);
    expect(goals.map((g) => g.wording_text)).toEqual(seed.goals.map((g) => g.wording));
    expect(goals.map((g) => [g.measure_unit, g.value, g.value_max])).toEqual([
      ['%', 0.55, null],
      ['家', 140, null],
      ['家', 76, null],
      ['个', 1, 3],
      ['亿元', 7, null],
      ['件', 27, null],
    ]);
    expect(goals.filter((g) => g.aggregation === 'none').map((g) => g.name)).toEqual(['全社会R&D经费投入占全区GDP比重', '万人有效发明专利拥有量']);

    // 附件1: every task with its content, lead and responsible units as the seed transcribes them.
    const lines = await query(db, 'SELECT id, title FROM action_lines ORDER BY seq');
    expect(lines.map((l) => l.title)).toEqual(seed.actionLines.map((l) => l.title));
    // Each task's lead units joined by commas, as SQLite's group_concat gives them (PostgreSQL has string_agg instead: joined here).
    const leads = new Map<unknown, string[]>();
    for (const r of await query(db, "SELECT tu.task_id, u.name FROM task_units tu JOIN units u ON u.id = tu.unit_id WHERE tu.role = 'lead' ORDER BY tu.task_id, u.id")) {
      leads.set(r.task_id, [...(leads.get(r.task_id) ?? []), String(r.name)]);
    }
    const tasks = (
      await query(
        db,
        `SELECT t.id, t.seq, t.content, t.lead_text, t.responsible_text, l.seq AS line
         FROM tasks t JOIN action_lines l ON l.id = t.action_line_id ORDER BY t.seq`,
      )
    ).map(({ id, ...t }): Row => ({ ...t, lead: leads.get(id)?.join(',') ?? null }));
    const expected = seed.actionLines.flatMap((l, i) => l.tasks.map((t) => ({ line: i + 1, content: t.content, lead_text: t.lead, responsible_text: t.responsible, lead: t.lead })));
    expect(tasks.map(({ seq: _seq, ...t }) => t)).toEqual(expected);

    // 附件2: 8 units × 3 indicators under their issued headers; the sub-units add up to the district.
    for (const [col, column] of seed.breakdown.columns.entries()) {
      const [ind] = await query(db, 'SELECT id, decomposed, issued_header FROM indicators WHERE issued_header = ? OR name = ?', column.header, column.indicator);
      expect(ind.decomposed).toBe(1);
      for (const r of seed.breakdown.rows) {
        const [t] = await query(db, 'SELECT value FROM targets WHERE indicator_id = ? AND unit_id = ?', ind.id, await unitId(String(r[0])));
        expect(t.value).toBe(r[col + 1]);
      }
      // Rounded here: PostgreSQL's round(…, 6) takes no double precision.
      const [sum] = await query(db, 'SELECT sum(value) AS s, count(*) AS c FROM targets WHERE indicator_id = ? AND unit_id <> ?', ind.id, district);
      expect([sum.c, Number((sum.s as number).toFixed(6))]).toEqual([7, [140, 76, 7][col]]);
    }
  });

  it('into the example database, which holds seed 003 already, it changes nothing; the one warning says where in the notice', async () => {
    const { core, db } = await open('example');
    const before = await dumpStore(db);
    const out = await commit(core, files[which], { fullDiff: true }, true);
    expect(out.ok).toBe(true);
    expect(out.diff.totals).toEqual({ added: 0, changed: 0, removed: 0 });
    expect(out.notice).toMatchObject({ docNumber: '青政办发〔2022〕16号', issuer: '青云谱区人民政府办公室', issuedOn: '2022-06-16' });
    expect(out.sheets.map((s) => [s.name, s.kind, s.included])).toEqual([
      ['正文·工作目标', 'goals', true],
      [which === 'word' ? '附件1（第1、2个表格）' : '附件1（第1个表格）', 'tasks', true],
      [which === 'word' ? '附件2（第3个表格）' : '附件2（第2个表格）', 'targets', true],
      ['正文·重点工作', 'tasks', false],
    ]);
    const warning = out.problems.map((p) => [p.level, placeText(p, out.sheets.find((s) => s.name === p.sheet)?.origin), p.message]);
    // Task 14's 区直相关部门: the second table's 10th row in the Word-like file (its header repeated on top), the 21st of the one table otherwise.
    expect(warning).toEqual([['warning', which === 'word' ? '附件1 第2个表格 第10行 第4列' : '附件1 第1个表格 第21行 第4列', '“区直相关部门”按全部 11 个部门导入；如只指其中几个部门，请在表中写明部门名称。']]);
    expect(await dumpStore(db)).toBe(before);
  });
});

describe('other notices', () => {
  it('without annexes, the tasks come from the paragraphs ending in （责任单位：…）; the first named unit leads; rows are paragraphs', async () => {
    const { core, db } = await open('units');
    const out = await commit(core, await wordLikeDocx(seedNoticeWithoutAnnexes()), { createPlan: {} });
    expect(out.committed).toBe(true);
    expect(out.counts).toMatchObject({ actionLines: 7, tasks: 13, indicators: 6, targets: 6 });
    const sheet = out.sheets.find((s) => s.kind === 'tasks')!;
    expect(sheet).toMatchObject({ name: '正文·重点工作', included: true });
    // The head and preamble take 8 paragraphs, "一、工作目标" and its 6 paragraphs 7 more, "二、重点工作" is 第16段 and
    // "（一）…" 第17段; task 1 starts at 第18段 and goes on in 第19段 (a page break cut it), so task 2 is 第20段.
    expect(sheet.actionLines![0]).toMatchObject({ row: 17, title: '科技创新区域优化布局行动', tasks: [{ row: 18, seq: 1, leadText: '区发改委', leadFromFirst: true }, { row: 20, seq: 2 }] });
    const tasks = await query(db, 'SELECT seq, lead_text, responsible_text, content FROM tasks ORDER BY seq');
    expect(tasks.map((t) => t.lead_text)).toEqual(['区发改委', '区科工局', '区科工局', '区科工局', '区科工局', '区科工局', '区科工局', '区科工局', '区科工局', '区科工局', '区金融办', '区委人才办', '区科工局']);
    // Task 6's units stand in the paragraph after it, task 13's list is closed on the next line: both joined.
    expect(tasks[5].responsible_text).toBe('区科工局，各街道、镇、集聚区');
    expect(tasks[12].responsible_text).toBe('区科工局，各街道、镇、集聚区');
    expect(String(tasks[0].content)).toMatch(/^推进数字经济“一号发展工程”。加大对发展数字经济的宣传力度/);
  });

  it("another year's notice is not merged into this year's plan: its title says the year; it can start that year's plan with its 文号", async () => {
    const model = edited(seedNotice({ split: false }), (t) => t.replace(/2022年青云谱区/g, '2023年青云谱区').replace('〔2022〕16号', '〔2023〕9号'));
    const bytes = await wordLikeDocx(model);
    const { core, db } = await open('example');
    const before = await dumpStore(db);
    const refused = await commit(core, bytes, {});
    expect(refused.committed).toBe(false);
    expect(refused.yearMismatch).toEqual({ fileYear: 2023, planYears: '2022年', source: '通知标题“2023年青云谱区科技创新基础大提升工作要点”' });
    expect(refused.newPlan).toMatchObject({ year: 2023, docNumber: '青政办发〔2023〕9号', issuer: '青云谱区人民政府办公室', issuedOn: '2022-06-16' });
    expect(await dumpStore(db)).toBe(before);
    const started = await commit(core, bytes, { createPlan: {} });
    expect(started.committed).toBe(true);
    const plans = await query(db, 'SELECT title, year_start, doc_number FROM plans ORDER BY id');
    expect(plans[1]).toEqual({ title: '2023年青云谱区科技创新基础大提升工作要点', year_start: 2023, doc_number: '青政办发〔2023〕9号' });
  });

  it('附件2 disagreeing with the goal paragraph is an error at its cell; an unknown unit is named where the notice writes it', async () => {
    const model = seedNotice({ split: false });
    const annex2 = model.blocks.filter((b) => b.kind === 'table')[1];
    if (annex2.kind !== 'table') throw new Error('no 附件2');
    annex2.rows[1][1] = { lines: ['150'] };
    const annex1 = model.blocks.filter((b) => b.kind === 'table')[0];
    if (annex1.kind !== 'table') throw new Error('no 附件1');
    annex1.rows[2][2] = { lines: ['区数据局'] };
    const { core, db } = await open('example');
    const before = await dumpStore(db);
    const out = await commit(core, await wordLikeDocx(model), {});
    expect(out.committed).toBe(false);
    const at = (p: (typeof out.problems)[number]) => placeText(p, out.sheets.find((s) => s.name === p.sheet)?.origin);
    const errors = out.problems.filter((p) => p.level === 'error').map((p) => [at(p), p.message]);
    expect(errors).toEqual([
      ['附件1 第1个表格 第3行', expect.stringMatching(/^未知单位“区数据局”（附件1 第1个表格 第3行）。/)],
      ['附件2 第2个表格 第2行 第2列', '青云谱区的科技型中小企业在本表为 150家，而正文·工作目标第12段的工作目标是“科技型中小企业140家”（140家），两处不一致。请核对通知，改正后再导入。'],
    ]);
    expect(await dumpStore(db)).toBe(before);
  });

  it('附件2 continued after a page break, its header typed again, reads as one table', async () => {
    const model = seedNotice({ split: false });
    const at = model.blocks.findIndex((b, i) => b.kind === 'table' && i > model.blocks.findIndex((x) => x.kind === 'table'));
    const annex2 = model.blocks[at];
    if (annex2.kind !== 'table') throw new Error('no 附件2');
    const second = { ...annex2, rows: [annex2.rows[0], ...annex2.rows.slice(5)] };
    model.blocks.splice(at, 1, { ...annex2, rows: annex2.rows.slice(0, 5) }, { kind: 'pageBreak' }, second);
    const { core } = await open('example');
    const out = await commit(core, await wordLikeDocx(model), { fullDiff: true }, true);
    expect(out.sheets.map((s) => s.name)).toContain('附件2（第2、3个表格）');
    expect(out.ok).toBe(true);
    expect(out.diff.totals).toEqual({ added: 0, changed: 0, removed: 0 });
    expect(out.sheets.find((s) => s.name === '附件2（第2、3个表格）')!.targetRows!.map((r) => [r.row, r.unitName])).toEqual([
      [2, '青云谱区'],
      [3, '三家店街道'],
      [4, '洪都街道'],
      [5, '徐家坊街道'],
      [7, '京山街道'],
      [8, '岱山街道'],
      [9, '青云谱镇'],
      [10, '新经济产业集聚区'],
    ]);
  });

  it("the city's plan (seed 000) and a five-year plan (seed 002) as Word documents: goals after a lead-in line, groups as top headings", async () => {
    const { core } = await open('example');
    const nanchang = await commit(core, await wordLikeDocx(seedDocumentAsNotice('000_nanchang_2022_plan.txt')), { createPlan: {} }, true, '南昌市2022年工作要点.docx');
    expect(nanchang.notice?.title).toBe('2022年南昌市科技创新基础大提升工作要点');
    expect(nanchang.counts).toMatchObject({ actionLines: 7, tasks: 23, indicators: 12 });
    const goals = nanchang.sheets.find((s) => s.kind === 'goals')!;
    expect(goals.name).toBe('正文·工作目标');
    expect(goals.goals!.map((g) => `${g.name} ${g.value}${g.measureUnit}`)).toContain('技术合同成交额 110亿元');
    // The city's departments are not in a district's tree: named, with where the notice names them first.
    expect(nanchang.problems.find((p) => p.message.startsWith('未知单位“市科技局”'))).toMatchObject({ sheet: '正文·任务', row: 22 });

    const ganzhou = await commit(core, await wordLikeDocx(seedDocumentAsNotice('002_ganzhou_14th_plan.txt')), { createPlan: { year: 2021 } }, true, '赣州市实施方案.docx');
    expect(ganzhou.counts).toMatchObject({ actionLines: 8, tasks: 33, indicators: 0 });
    // Its goal section is prose: said, not an error that would hold the tasks back.
    expect(ganzhou.problems.filter((p) => p.sheet === '正文·总体目标')).toEqual([expect.objectContaining({ level: 'warning', message: expect.stringContaining('没有读出具体的指标和目标值') })]);
  });

  it('a plan without 文号, issuer and date gets them from the notice; what a plan says is never overwritten', async () => {
    const { core, db } = await open('example');
    await db.run('UPDATE plans SET doc_number = NULL, issued_on = NULL');
    const out = await commit(core, files.word, { fullDiff: true });
    expect(out.committed).toBe(true);
    expect(out.diff.changed.map((d) => [d.label, d.before, d.after])).toEqual([
      ['工作要点的文号', '（未填）', '青政办发〔2022〕16号'],
      ['工作要点的印发日期', '（未填）', '2022-06-16'],
    ]);
    expect(await query(db, 'SELECT doc_number, issuer, issued_on FROM plans')).toEqual([{ doc_number: '青政办发〔2022〕16号', issuer: '青云谱区人民政府办公室', issued_on: '2022-06-16' }]);
  });
});

it('the fixtures are what they claim: the Word-like file has w:vMerge and w:gridSpan and two tables for 附件1; LibreOffice wrote the other', async () => {
  const JSZip = (await import('jszip')).default;
  const xml = async (b: Buffer) => (await JSZip.loadAsync(b)).file('word/document.xml')!.async('string');
  const word = await xml(files.word);
  const lo = await xml(files.lo);
  for (const d of [word, lo]) {
    expect(d).toMatch(/<w:vMerge w:val="restart"\/>/);
    expect(d).toMatch(/<w:gridSpan w:val="4"\/>/);
    expect(d).toMatch(/<w:tblHeader/);
  }
  expect(word.match(/<w:tbl>/g)).toHaveLength(3);
  expect(lo.match(/<w:tbl>/g)).toHaveLength(2);
  expect((await JSZip.loadAsync(files.lo)).file('docProps/app.xml')).not.toBeNull();
  expect(await (await JSZip.loadAsync(files.lo)).file('docProps/app.xml')!.async('string')).toMatch(/LibreOffice/);
  expect(fs.existsSync(tmp.dir)).toBe(true);
});
