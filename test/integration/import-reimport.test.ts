/**
 * Importing again into a plan that already has data (the review of issue 3):
 * task progress stays with its task's content when rows move; a removal that
 * would take progress with it is refused unless asked for; every target and
 * baseline change is recorded with the operator and the file; a locked plan
 * keeps its targets; new 亿元 indicators keep 4 decimals; a commit needs the
 * operator. Stores on either engine (testStore.ts), real workbooks written by exceljs.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { tempDir } from '../helpers/tempDb';
import { call, fileRequest, storesClosedAfterEach, TEST_OPERATOR } from '../helpers/importDb';
import { dumpStore, type Fill, type TestStore } from '../helpers/testStore';
import { qingyunpuWorkbook } from '../fixtures/import/make-fixtures';
import type { ImportOutcome } from '../../shared/import/types';

let tmp: { dir: string; cleanup(): void };
const store = storesClosedAfterEach();

beforeAll(() => {
  tmp = tempDir('taizhang-reimport-');
});
afterAll(() => {
  tmp?.cleanup();
});

async function open(fill: Fill, operator?: string | null): Promise<{ core: Core; s: TestStore }> {
  const s = await store(fill, { operator });
  return { core: s.core, s };
}
const example = () => open('example');

const commit = (core: Core, req: object) => call(core, 'import.commit', req as never) as Promise<ImportOutcome>;

async function write(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const file = path.join(tmp.dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** The 003 workbook with only one of its sheets. */
async function only(sheet: '附件1' | '附件2'): Promise<ExcelJS.Workbook> {
  const wb = await qingyunpuWorkbook();
  wb.removeWorksheet(wb.getWorksheet(sheet === '附件1' ? '附件2' : '附件1')!.id);
  return wb;
}

/** Rows of 附件1 holding a task (a number in column A). */
function taskRows(ws: ExcelJS.Worksheet): number[] {
  const rows: number[] = [];
  ws.eachRow((row, i) => {
    if (/^\d+$/.test(String(row.getCell(1).value ?? '').trim())) rows.push(i);
  });
  return rows;
}

const planOf = async (core: Core) => (await call(core, 'plans.list', {}))[0];

/** Saves one progress entry for each task named by seq, at its first responsible unit; returns taskId → text. */
async function saveProgress(core: Core, seqs: number[]): Promise<Map<string, string>> {
  const plan = await planOf(core);
  const sheet = await call(core, 'progress.sheet', { planId: plan.id, period: '2022Q3' });
  const saved = new Map<string, string>();
  const entries = seqs.map((seq) => {
    const row = sheet.rows.find((r) => r.taskSeq === seq)!;
    const text = `任务${seq}的进展：已完成阶段目标`;
    saved.set(row.taskContent, text);
    return { taskId: row.taskId, unitId: row.unitId, status: 'in_progress' as const, text, reportedOn: '2022-09-30' };
  });
  await call(core, 'progress.save', { planId: plan.id, period: '2022Q3', entries });
  return saved;
}

/** Every progress text with its task's content, as the plan now holds them. */
async function progressByContent(core: Core): Promise<Map<string, string>> {
  const plan = await planOf(core);
  const sheet = await call(core, 'progress.sheet', { planId: plan.id, period: '2022Q3' });
  return new Map(sheet.rows.filter((r) => r.text).map((r) => [r.taskContent, r.text]));
}

async function progressCount(s: TestStore): Promise<number> {
  const [{ n }] = await s.rows<{ n: number }>('SELECT count(*) AS n FROM progress');
  return n;
}

interface HistoryRow {
  indicator_id: number;
  unit_id: number;
  kind: string;
  old_value: number | null;
  new_value: number | null;
  old_baseline: number | null;
  new_baseline: number | null;
  changed_by: string;
  source: string;
}
const history = (s: TestStore) => s.rows<HistoryRow>('SELECT * FROM target_history ORDER BY id');

describe('re-importing a task table keeps progress with its task', () => {
  it('a task inserted as No. 2: every later task keeps its own progress, nothing is removed', async () => {
    const { core, s } = await example();
    const saved = await saveProgress(core, [2, 5, 16]);
    const wb = await only('附件1');
    const ws = wb.getWorksheet('附件1')!;
    const rows = taskRows(ws);
    ws.spliceRows(rows[1], 0, [2, '建设科技成果转化中试基地，推动成果就地转化', '区科工局', '区科工局、洪都街道']);
    // Renumber the tasks below the new one, as a bureau would.
    for (const r of taskRows(ws).slice(2)) ws.getRow(r).getCell(1).value = Number(String(ws.getRow(r).getCell(1).value).trim()) + 1;
    const file = await write(wb, 'inserted.xlsx');

    const preview = await call(core, 'import.preview', fileRequest(file));
    expect(preview.ok).toBe(true);
    expect(preview.progressLoss).toEqual([]);
    expect(preview.diff.removed).toEqual([]);
    expect(preview.diff.added).toEqual([expect.objectContaining({ what: 'task', label: '任务 2' })]);
    expect(preview.diff.changed).toEqual([]);

    const before = await progressCount(s);
    expect((await commit(core, fileRequest(file))).committed).toBe(true);
    expect(await progressCount(s)).toBe(before);
    // Each progress text is still on the task with the content it was written for.
    expect(await progressByContent(core)).toEqual(saved);
    const table = await call(core, 'tasks.table', { planId: (await planOf(core)).id });
    expect(table.taskCount).toBe(17);
    const tasks = table.actionLines.flatMap((l) => l.tasks);
    expect(tasks[1].content).toBe('建设科技成果转化中试基地，推动成果就地转化');
    expect(tasks.map((t) => t.seq)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  it('tasks reordered and one reworded: progress follows the content, the reworded one keeps its place', async () => {
    const { core } = await example();
    const saved = await saveProgress(core, [3, 4, 6]);
    const wb = await only('附件1');
    const ws = wb.getWorksheet('附件1')!;
    const [, , r3, r4, , r6] = taskRows(ws);
    // Swap the contents (and units) of tasks 3 and 4; reword task 6 slightly (punctuation and a word).
    const c3 = [3, 4].map((i) => ws.getRow(r3).getCell(i).value);
    const c4 = [3, 4].map((i) => ws.getRow(r4).getCell(i).value);
    const t3 = ws.getRow(r3).getCell(2).value;
    ws.getRow(r3).getCell(2).value = ws.getRow(r4).getCell(2).value;
    ws.getRow(r4).getCell(2).value = t3;
    [3, 4].forEach((c, i) => {
      ws.getRow(r3).getCell(c).value = c4[i];
      ws.getRow(r4).getCell(c).value = c3[i];
    });
    const old6 = String(ws.getRow(r6).getCell(2).value);
    ws.getRow(r6).getCell(2).value = `${old6.replace(/[，。]/g, ' ')}（2022年内完成）`;
    const file = await write(wb, 'reordered.xlsx');
    const out = await commit(core, fileRequest(file));
    expect(out.committed).toBe(true);
    expect(out.diff.removed).toEqual([]);
    const now = await progressByContent(core);
    const contents = [...saved.keys()];
    // The fixture's 附件1 keeps 003's extraction spaces ("年营收 3 亿元"), which the example's seed text no longer has.
    const squashed = new Map([...now].map(([k, v]) => [k.replace(/\s+/g, ''), v]));
    expect(squashed.get(contents[0].replace(/\s+/g, ''))).toBe(saved.get(contents[0])); // old task 3, now No. 4
    expect(squashed.get(contents[1].replace(/\s+/g, ''))).toBe(saved.get(contents[1])); // old task 4, now No. 3
    const reworded = [...now.keys()].find((k) => k.endsWith('（2022年内完成）'))!;
    expect(now.get(reworded)).toBe(saved.get(contents[2]));
  });

  it('removing a task that has progress: listed in the preview, refused without the option, done with it', async () => {
    const { core, s } = await example();
    await saveProgress(core, [16]);
    const wb = await only('附件1');
    const ws = wb.getWorksheet('附件1')!;
    ws.spliceRows(ws.rowCount, 1); // drop task 16
    const file = await write(wb, 'removed.xlsx');

    const preview = await call(core, 'import.preview', fileRequest(file));
    expect(preview.ok).toBe(false);
    expect(preview.progressLoss).toEqual([{ seq: 16, content: expect.stringContaining(''), entries: 1 }]);
    expect(preview.diff.removed).toEqual(
      expect.arrayContaining([expect.objectContaining({ what: 'task', label: expect.stringMatching(/^任务16（.+）的1条任务进展将被删除$/) })]),
    );
    expect(preview.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'error', sheet: '附件1', message: expect.stringMatching(/^任务16（.+）已有 1 条任务进展.*同时删除这些任务的进展记录.*--allow-delete-progress/) }),
      ]),
    );

    const before = await dumpStore(s);
    const refused = await commit(core, fileRequest(file));
    expect(refused.committed).toBe(false);
    expect(await dumpStore(s)).toBe(before);

    const allowed = await commit(core, { ...fileRequest(file), options: { allowDeleteProgress: true } });
    expect(allowed.committed).toBe(true);
    expect(allowed.progressLoss).toEqual([expect.objectContaining({ seq: 16, entries: 1 })]);
    expect(await progressCount(s)).toBe(0);
    expect((await call(core, 'tasks.table', { planId: (await planOf(core)).id })).taskCount).toBe(15);
  });

  it('removing a task without progress needs no option', async () => {
    const { core } = await example();
    await saveProgress(core, [1]);
    const wb = await only('附件1');
    const ws = wb.getWorksheet('附件1')!;
    ws.spliceRows(ws.rowCount, 1);
    const out = await commit(core, fileRequest(await write(wb, 'removed-plain.xlsx')));
    expect(out.committed).toBe(true);
    expect(out.progressLoss).toEqual([]);
    expect((await progressByContent(core)).size).toBe(1);
  });
});

describe('targets and baselines: operator, history, locks', () => {
  it('a changed and a removed target are written with the operator and file in target_history', async () => {
    const { core, s } = await example();
    const wb = await only('附件2');
    const ws = wb.getWorksheet('附件2')!;
    ws.getCell('B7').value = 9; // 洪都街道 科技型中小企业 8 → 9
    ws.getCell('C8').value = null; // 徐家坊街道 高新技术企业: target removed
    const file = await write(wb, '附件2-修订.xlsx');
    // By default the empty cell removes nothing (merge); 以本表为准 (replace) removes it.
    const merged = await call(core, 'import.preview', fileRequest(file));
    expect(merged.diff.removed).toEqual([]);
    expect(merged.replace).toEqual({ targetsNotInFile: 1, tasks: null, chosen: false });
    const req = { ...fileRequest(file), options: { replace: true } };
    const out = await commit(core, req);
    expect(out.committed).toBe(true);
    const plan = await planOf(core);
    const b = await call(core, 'targets.breakdown', { planId: plan.id });
    const hongdu = b.rows.find((r) => r.unit.name === '洪都街道')!;
    const xujiafang = b.rows.find((r) => r.unit.name === '徐家坊街道')!;
    const [smes, hightech] = b.indicators;
    const rows = (await history(s));
    expect(rows).toEqual([
      expect.objectContaining({ kind: 'target', indicator_id: hightech.id, unit_id: xujiafang.unit.id, old_value: expect.any(Number), new_value: null, changed_by: TEST_OPERATOR, source: '附件2-修订.xlsx' }),
      expect.objectContaining({ kind: 'target', indicator_id: smes.id, unit_id: hongdu.unit.id, old_value: 8, new_value: 9, changed_by: TEST_OPERATOR, source: '附件2-修订.xlsx' }),
    ]);
    // Importing the same file again changes nothing and records nothing more.
    expect((await commit(core, req)).committed).toBe(true);
    expect((await history(s))).toHaveLength(2);
    // The API (指标分解 → 修改记录) gives the same, with names, newest first.
    expect(await call(core, 'targets.history', { planId: plan.id })).toEqual([
      expect.objectContaining({ kind: 'target', unitName: '洪都街道', indicatorName: '科技型中小企业', oldValue: 8, newValue: 9, decimals: 0 }),
      expect.objectContaining({ kind: 'target', unitName: '徐家坊街道', indicatorName: '高新技术企业', oldValue: 19, newValue: null, changedBy: TEST_OPERATOR, source: '附件2-修订.xlsx' }),
    ]);
  });

  it('a baseline (基数) change from a goal list is recorded, and shown in the preview', async () => {
    const { core, s } = await example();
    const file = path.join(tmp.dir, '目标-基数.csv');
    fs.writeFileSync(file, ['工作目标', '指标,目标值,计量单位,上年完成', '高新技术企业,76,家,61'].join('\n'));
    const preview = await call(core, 'import.preview', fileRequest(file));
    expect(preview.diff.changed).toEqual([expect.objectContaining({ label: '工作目标“高新技术企业”的基数（上年完成）', before: '无', after: '61' })]);
    expect((await commit(core, fileRequest(file))).committed).toBe(true);
    const ind = (await call(core, 'plan.overview', { planId: (await planOf(core)).id })).goals.find((g) => g.indicator.name === '高新技术企业')!;
    expect((await history(s))).toEqual([
      expect.objectContaining({ kind: 'baseline', indicator_id: ind.indicator.id, old_baseline: null, new_baseline: 61, changed_by: TEST_OPERATOR, source: '目标-基数.csv' }),
    ]);
    expect(await call(core, 'targets.history', { planId: (await planOf(core)).id })).toEqual([
      expect.objectContaining({ kind: 'baseline', indicatorName: '高新技术企业', unitName: '青云谱区', oldValue: null, newValue: 61 }),
    ]);
  });

  it('first targets of a bare plan are recorded as added (old value empty)', async () => {
    const { core, s } = await open('barePlan');
    const out = await commit(core, fileRequest(await write(await only('附件2'), '附件2.xlsx')));
    expect(out.committed).toBe(true);
    const rows = (await history(s));
    // 7 sub-units × 3 indicators; the district's 140/76/7 were already the plan's goals.
    expect(rows).toHaveLength(21);
    expect(rows.every((r) => r.kind === 'target' && r.old_value === null && r.new_value !== null && r.changed_by === TEST_OPERATOR)).toBe(true);
  });

  it('a plan with no targets at all (the import starts it): every target written is recorded once, as added, and nothing else', async () => {
    const { core, s } = await open('unitsOnly');
    const file = await write(await only('附件2'), '附件2-首次.xlsx');
    const out = await commit(core, { ...fileRequest(file), options: { createPlan: {} } });
    expect(out.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(out.committed).toBe(true);
    const targets = await s.rows('SELECT i.plan_id, t.indicator_id, t.unit_id, t.value, t.value_max FROM targets t JOIN indicators i ON i.id = t.indicator_id ORDER BY 2, 3');
    // The district's 140/76/7 and 7 sub-units × 3 indicators.
    expect(targets).toHaveLength(24);
    const recorded = await s.rows(
      `SELECT plan_id, indicator_id, unit_id, new_value AS value, new_value_max AS value_max FROM target_history
        WHERE kind = 'target' AND old_value IS NULL AND old_value_max IS NULL AND changed_by = ? AND source = ? ORDER BY 2, 3`,
      TEST_OPERATOR,
      '附件2-首次.xlsx',
    );
    expect(recorded).toEqual(targets);
    expect(await s.rows("SELECT count(*) AS n, count(DISTINCT changed_at) AS at FROM target_history WHERE kind = 'target'")).toEqual([{ n: 24, at: 1 }]);
    // Importing it again records nothing more: every target is unchanged.
    expect((await commit(core, fileRequest(file))).committed).toBe(true);
    expect((await history(s)).filter((r) => r.kind === 'target')).toHaveLength(24);
  });

  it('a locked period refuses changed targets (Chinese message, nothing written); unlocking lets it in', async () => {
    const { core, s } = await example();
    const plan = await planOf(core);
    await call(core, 'entry.lock', { planId: plan.id, period: '2022Q1' });
    const wb = await only('附件2');
    wb.getWorksheet('附件2')!.getCell('B7').value = 9;
    const file = await write(wb, 'locked.xlsx');
    const before = await dumpStore(s);
    const out = await commit(core, fileRequest(file));
    expect(out.committed).toBe(false);
    expect(out.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          level: 'error',
          message: expect.stringMatching(/2022年.*已锁定，请先解锁（填写原因）后再导入目标。.*洪都街道 · 科技型中小企业 8 → 9/),
        }),
      ]),
    );
    expect(await dumpStore(s)).toBe(before);
    await call(core, 'entry.unlock', { planId: plan.id, period: '2022Q1', reason: '区里下达了修订后的目标' });
    expect((await commit(core, fileRequest(file))).committed).toBe(true);
  });

  it('a locked period still lets new targets in (nothing overwritten) and a re-import of the same values', async () => {
    const { core } = await open('barePlan');
    const plan = await planOf(core);
    await call(core, 'entry.lock', { planId: plan.id, period: '2022-03' });
    const file = await write(await only('附件2'), '附件2-新增.xlsx');
    const out = await commit(core, fileRequest(file));
    expect(out.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(out.committed).toBe(true);
    expect((await commit(core, fileRequest(file))).committed).toBe(true);
  });

  it('a locked period refuses a baseline change from a goal list', async () => {
    const { core } = await example();
    const plan = await planOf(core);
    await call(core, 'entry.lock', { planId: plan.id, period: '2022' });
    const file = path.join(tmp.dir, '目标-基数-锁定.csv');
    fs.writeFileSync(file, ['工作目标', '指标,目标值,计量单位,上年完成', '高新技术企业,76,家,61'].join('\n'));
    const out = await commit(core, fileRequest(file));
    expect(out.committed).toBe(false);
    expect(out.problems.map((p) => p.message)).toEqual([expect.stringMatching(/已锁定，请先解锁.*高新技术企业 基数 无 → 61/)]);
  });

  it('a commit needs the operator: refused in Chinese, nothing written; a dry run and a preview do not', async () => {
    const { core, s } = await open('barePlan', null);
    const req = fileRequest(await write(await only('附件2'), 'no-operator.xlsx'));
    const before = await dumpStore(s);
    expect((await call(core, 'import.preview', req)).ok).toBe(true);
    expect((await call(core, 'import.commit', { ...req, dryRun: true })).ok).toBe(true);
    const r = await core.call('import.commit', req);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('尚未设置操作员姓名');
    expect(await dumpStore(s)).toBe(before);
    await call(core, 'operator.set', { name: '李明' });
    expect((await commit(core, req)).committed).toBe(true);
    expect(new Set((await history(s)).map((h) => h.changed_by))).toEqual(new Set(['李明']));
  });
});

describe('new indicators get the decimals their measure unit needs', () => {
  it('a new 亿元 indicator keeps 4 decimals, so 0.0512 亿元 can be entered', async () => {
    const { core } = await open('barePlan');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('分解');
    ws.addRow(['单位', '研发经费投入（亿元）', '新增孵化器（个）', '研发人员（人）']);
    ws.addRow(['洪都街道', 0.5, 1, 20]);
    ws.addRow(['京山街道', 0.3, 2, 30]);
    const out = await commit(core, fileRequest(await write(wb, 'new-indicators.xlsx')));
    expect(out.committed).toBe(true);
    const plan = await planOf(core);
    const b = await call(core, 'targets.breakdown', { planId: plan.id });
    const decimals = Object.fromEntries(b.indicators.map((i) => [i.name, i.decimals]));
    expect(decimals).toEqual({ 研发经费投入: 4, 新增孵化器: 0, 研发人员: 0 });
  });
});
