/**
 * Import on both engines (issue 22): the 青云谱区 workbook as bureaus make it
 * (title rows, merged two-row headers, category rows, 序号 and numbers as text,
 * the district's 合计 formulas — test/fixtures/import/make-fixtures.ts) previewed
 * and committed into the same bare plan on a SQLite file and on PostgreSQL:
 * deep-equal previews and outcomes, and the same plan afterwards (plan.overview,
 * targets.breakdown, tasks.table, target_history). A re-import that changes one
 * target; a refused import writes nothing; a commit that fails after its writes
 * leaves the PostgreSQL store as it was (and its copy unlisted); the copy taken
 * before a commit is listed and `backup.undo` restores the state before the
 * import; `taizhang import … --db postgres://…` answers as on a file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlanSeedOp } from '../../electron/core/seed/loadPlan';
import { planSnapshotOp } from '../../electron/core/import/snapshot';
import { writeImportOp } from '../../electron/core/import/write';
import { takeCopyOp } from '../../electron/core/backup/service';
import { runWithBackupPg, listBackupsPg, type PgBackupContext } from '../../electron/core/store/postgres/backup';
import { connectPostgres } from '../../electron/core/store/postgres/pool';
import type { Op } from '../../electron/core/store/query';
import { analyseImport } from '../../shared/import/analyse';
import { parseCsv } from '../../shared/import/text';
import type { ImportOutcome, ImportPreview } from '../../shared/import/types';
import { annex2Csv, qingyunpuWorkbook } from '../fixtures/import/make-fixtures';
import { openEngine, stopEngines, type EngineStore } from '../helpers/engines';
import { taizhang } from '../helpers/cli';

const SEED = path.resolve(__dirname, '../../seeds/qingyunpu-2022.json');
const OPERATOR = '测试员';
const CALLER = { kind: 'command' as const, operator: OPERATOR };
let lite: EngineStore;
let pgs: EngineStore;
let home: string;
let savedHome: string | undefined;
let dir: string;
let pool: pg.Pool;
let planId: number;

/** The 青云谱区 2022 plan with its units, groups and goals, but no 附件1 tasks and no 附件2 breakdown (test/helpers/importDb.ts openBarePlan). */
async function bare(s: EngineStore): Promise<number> {
  const seed = JSON.parse(fs.readFileSync(SEED, 'utf8'));
  delete seed.breakdown;
  seed.actionLines = [];
  const { planId } = await s.store.write(loadPlanSeedOp(seed, 'bare plan'));
  await sameCodes(s);
  return planId;
}

/** The codes the seed and an import leave out are random (repos/units.ts newCode): the same ones on both, so the stores compare whole. */
async function sameCodes(s: EngineStore): Promise<void> {
  await s.sql(`UPDATE units SET code = 'T' || id WHERE code LIKE 'U%'`);
  await s.sql(`UPDATE indicators SET code = 'T' || id WHERE code LIKE 'I%'`);
}

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'taizhang-import-engines-'));
  dir = path.join(home, 'files');
  fs.mkdirSync(dir);
  // pg_dump copies go to the per-user folder's backups/: a temporary one here.
  savedHome = process.env.XDG_CONFIG_HOME;
  process.env.XDG_CONFIG_HOME = home;
  [lite, pgs] = [await openEngine('sqlite'), await openEngine('postgres')];
  const ids = [await bare(lite), await bare(pgs)];
  expect(ids[1]).toBe(ids[0]);
  planId = ids[0];
  pool = await connectPostgres(pgs.db, pgs.db);
}, 180_000);

afterAll(async () => {
  await pool?.end();
  await lite?.close();
  await pgs?.close();
  await stopEngines();
  if (savedHome === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = savedHome;
  fs.rmSync(home, { recursive: true, force: true });
}, 60_000);

/** Times and backup ids differ between the two runs (stamped when made): one placeholder each. */
const timeless = (v: unknown): unknown =>
  JSON.parse(
    JSON.stringify(v)
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>')
      .replace(/"id":"\d{8}-\d{6}[^"]*"/g, '"id":"<backup>"'),
  );

async function call<T>(s: EngineStore, method: string, request: unknown): Promise<T> {
  const r = await s.core.call(method, request, CALLER);
  if (!r.ok) throw Object.assign(new Error(`${s.engine} ${method}: ${r.error.message}`), { code: r.error.code });
  return r.value as T;
}

/** The same call on both engines: deep-equal answers (times aside); the SQLite one is returned. */
async function same<T>(method: string, request: unknown): Promise<T> {
  const [a, b] = [await call<T>(lite, method, request), await call<T>(pgs, method, request)];
  expect(timeless(b), `${method}`).toEqual(timeless(a));
  return a;
}

/** What an import changes, read on both and compared: the plan's screens and the audit trail. */
async function samePlan(): Promise<void> {
  await same('plan.overview', { planId });
  await same('targets.breakdown', { planId });
  await same('tasks.table', { planId });
  await same('units.directory', {});
  const history = 'SELECT id, plan_id, indicator_id, unit_id, kind, old_value, old_value_max, new_value, new_value_max, old_baseline, new_baseline, changed_by, source FROM target_history ORDER BY id';
  expect(await pgs.sql(history)).toEqual(await lite.sql(history));
}

/** Every row of the tables an import writes, on one store: equal dumps mean nothing was written. */
async function dump(s: EngineStore): Promise<unknown> {
  const out: Record<string, unknown> = {};
  for (const [t, order] of [
    ['plans', 'id'],
    ['units', 'id'],
    ['indicators', 'id'],
    ['targets', 'indicator_id, unit_id'],
    ['target_history', 'id'],
    ['action_lines', 'id'],
    ['tasks', 'id'],
    ['task_units', 'task_id, role, sort_order'],
    ['unit_aliases', 'alias'],
  ]) {
    out[t] = await s.sql(`SELECT * FROM ${t} ORDER BY ${order}`);
  }
  return out;
}

async function file(wb: ExcelJS.Workbook, name: string): Promise<{ fileName: string; dataBase64: string; path: string }> {
  const p = path.join(dir, name);
  await wb.xlsx.writeFile(p);
  return { fileName: name, dataBase64: fs.readFileSync(p).toString('base64'), path: p };
}

const request = (f: { fileName: string; dataBase64: string }) => ({ fileName: f.fileName, dataBase64: f.dataBase64, planId });

describe('import on SQLite and PostgreSQL', () => {
  /** Each store's copy taken before the first commit, and each store as it was then. */
  const copies = new Map<EngineStore, string>();
  const beforeImport = new Map<EngineStore, unknown>();

  it('a bureau workbook: the same preview, the same outcome, the same plan afterwards', async () => {
    const f = await file(await qingyunpuWorkbook(), '青云谱区2022年工作要点.xlsx');
    const preview = await same<ImportPreview>('import.preview', request(f));
    expect(preview.ok).toBe(true);
    expect(preview.counts.tasks).toBe(16);
    expect(preview.counts.targets).toBe(24);
    for (const s of [lite, pgs]) beforeImport.set(s, await dump(s));
    const outcomes: ImportOutcome[] = [];
    for (const s of [lite, pgs]) {
      const outcome = await call<ImportOutcome>(s, 'import.commit', { ...request(f), expectRevision: preview.revision });
      expect(outcome.committed).toBe(true);
      expect(outcome.backup).not.toBeNull();
      copies.set(s, outcome.backup!.id);
      outcomes.push(outcome);
    }
    expect(timeless(outcomes[1])).toEqual(timeless(outcomes[0]));
    await sameCodes(lite);
    await sameCodes(pgs);
    await samePlan();
    const rows = await pgs.sql(`SELECT count(*) AS n FROM target_history WHERE kind = 'target' AND source = '${f.fileName}' AND changed_by = '${OPERATOR}'`);
    // The 7 sub-units × 3 indicators are new (the district's three came with the plan's goals, unchanged).
    expect(rows).toEqual([{ n: 21 }]);
  });

  it("a re-import that changes one target (and so the district's total): two changes in the diff, two records, on both", async () => {
    const wb = await qingyunpuWorkbook();
    const ws = wb.getWorksheet('附件2')!;
    // 第6行 is the first sub-unit: its 科技型中小企业 goes up by 5, and the district's 合计 (第5行, a formula's result) with it.
    const cell = ws.getCell('B6');
    cell.value = Number(cell.value) + 5;
    const total = ws.getCell('B5');
    const formula = total.value as { formula: string; result: number };
    total.value = { formula: formula.formula, result: formula.result + 5 };
    const f = await file(wb, '青云谱区2022年工作要点-修改.xlsx');
    const preview = await same<ImportPreview>('import.preview', request(f));
    expect(preview.diff.totals).toEqual({ added: 0, changed: 2, removed: 0 });
    const outcome = await same<ImportOutcome>('import.commit', request(f));
    expect(outcome.committed).toBe(true);
    await samePlan();
    const changed = await pgs.sql(`SELECT old_value, new_value FROM target_history WHERE source = '${f.fileName}'`);
    expect(changed).toHaveLength(2);
    expect(changed.map((r) => Number(r.new_value) - Number(r.old_value))).toEqual([5, 5]);
  });

  it('a refused import (a unit the plan does not know) writes nothing on either', async () => {
    const wb = await qingyunpuWorkbook();
    wb.getWorksheet('附件2')!.getCell('A6').value = '不存在街道';
    const f = await file(wb, '有错误.xlsx');
    const [a, b] = [await dump(lite), await dump(pgs)];
    const outcome = await same<ImportOutcome>('import.commit', request(f));
    expect(outcome.committed).toBe(false);
    expect(outcome.problems.some((p) => p.level === 'error' && p.message.includes('不存在街道'))).toBe(true);
    expect(await dump(lite)).toEqual(a);
    expect(await dump(pgs)).toEqual(b);
  });

  it('a commit that fails after its writes leaves the PostgreSQL store unchanged, and its copy unlisted', async () => {
    const ctx: PgBackupContext = { pool, url: pgs.db, shown: pgs.db };
    const snapshot = await pgs.store.read(planSnapshotOp(planId));
    const csv = annex2Csv().replace(/,(\d+),/, (_m, n) => `,${Number(n) + 1},`);
    const { write } = analyseImport([parseCsv(csv, '目标')], snapshot, {}, { fileName: 'half.csv', format: 'csv' });
    expect(write).not.toBeNull();
    const before = await dump(pgs);
    const listed = (await listBackupsPg(ctx)).backups.length;
    function* interrupted(): Op<never> {
      yield* takeCopyOp();
      yield* writeImportOp(write!, { by: OPERATOR, at: new Date().toISOString(), source: 'half.csv' });
      throw new Error('interrupted after the writes');
    }
    await expect(runWithBackupPg(ctx, { spec: { operation: 'import', reason: '导入 half.csv', by: OPERATOR, what: '导入' }, op: interrupted() })).rejects.toThrow(
      'interrupted after the writes',
    );
    expect(await dump(pgs)).toEqual(before);
    expect((await listBackupsPg(ctx)).backups).toHaveLength(listed);
    // The same write, let through, does change the store: the check above could fail.
    await pgs.store.write(writeImportOp(write!, { by: OPERATOR, at: new Date().toISOString(), source: 'half.csv' }));
    expect(await dump(pgs)).not.toEqual(before);
  });

  it('the copy taken before the first commit is listed, and backup.undo restores the state before that import (on both)', async () => {
    for (const s of [lite, pgs]) {
      const list = await call<{ backups: { id: string; operation: string | null; reason: string }[] }>(s, 'backup.list', {});
      expect(list.backups.find((b) => b.id === copies.get(s)), s.engine).toMatchObject({ operation: 'import', reason: '导入 青云谱区2022年工作要点.xlsx' });
      const undone = await call<{ done: boolean }>(s, 'backup.undo', { id: copies.get(s), confirm: true });
      expect(undone.done, s.engine).toBe(true);
      expect(await dump(s), s.engine).toEqual(beforeImport.get(s));
    }
  }, 120_000);

  it('a commit whose preview read other data is refused on both (decided under the writers\' lock), writing nothing', async () => {
    const f = await file(await qingyunpuWorkbook(), '预览之后.xlsx');
    const preview = await same<ImportPreview>('import.preview', request(f));
    for (const s of [lite, pgs]) {
      // Another program adds a unit between the preview and 确认导入.
      await s.sql(`INSERT INTO units (name, kind, parent_id, sort_order, code, active) SELECT '预览后新增街道', 'street', unit_id, 99, 'T-late', 1 FROM plans WHERE id = ${planId}`);
      const before = await dump(s);
      const r = await s.core.call('import.commit', { ...request(f), expectRevision: preview.revision }, CALLER);
      expect(r.ok, s.engine).toBe(false);
      expect(!r.ok && r.error.code).toBe('conflict');
      expect(!r.ok && r.error.message).toContain('数据已被他人修改，请重新预览');
      expect(await dump(s), s.engine).toEqual(before);
      await s.sql(`DELETE FROM units WHERE code = 'T-late'`);
    }
  });

  it('a store without a plan: the import starts one (new ids by RETURNING id), the same on both', async () => {
    const fresh = [await openEngine('sqlite'), await openEngine('postgres')];
    try {
      for (const s of fresh) {
        await s.store.write(loadPlanSeedOp(JSON.parse(fs.readFileSync(SEED, 'utf8')), 'units only'));
        await s.sql('DELETE FROM plans');
        await sameCodes(s);
      }
      // SQLite gives a new row max(id) + 1 (ids of the deleted plan come again); PostgreSQL's identity goes on: the same here.
      for (const t of ['plans', 'indicators', 'action_lines', 'tasks', 'target_history']) {
        await fresh[1].sql(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), coalesce(max(id), 0) + 1, false) FROM ${t}`);
      }
      const wb = await qingyunpuWorkbook();
      wb.removeWorksheet(wb.getWorksheet('附件1')!.id);
      const f = await file(wb, '附件2-首次.xlsx');
      const req = { fileName: f.fileName, dataBase64: f.dataBase64, options: { createPlan: {} } };
      const outcomes = [];
      for (const s of fresh) outcomes.push(await call<ImportOutcome>(s, 'import.commit', req));
      expect(outcomes[0].committed).toBe(true);
      expect(outcomes[0].newPlan).not.toBeNull();
      expect(timeless(outcomes[1])).toEqual(timeless(outcomes[0]));
      const started = outcomes[0].planId!;
      for (const s of fresh) await sameCodes(s);
      for (const method of ['plan.overview', 'targets.breakdown', 'tasks.table']) {
        const [a, b] = [await call(fresh[0], method, { planId: started }), await call(fresh[1], method, { planId: started })];
        expect(timeless(b), method).toEqual(timeless(a));
      }
      const history = "SELECT plan_id, indicator_id, unit_id, kind, new_value, new_value_max, changed_by, source FROM target_history WHERE kind = 'target' ORDER BY indicator_id, unit_id";
      const rows = await fresh[1].sql(history);
      expect(rows).toEqual(await fresh[0].sql(history));
      expect(rows).toHaveLength(24);
    } finally {
      for (const s of fresh) await s.close();
    }
  }, 120_000);

  it('taizhang import --db postgres://… answers as on a file', async () => {
    const f = await file(await qingyunpuWorkbook(), '命令行导入.xlsx');
    // Both stores hold the bare plan again (the undo above): a dry run first, then the commit.
    const runs = [];
    for (const s of [lite, pgs]) {
      const dry = await taizhang(['import', f.path, '--db', s.db, '--dry-run', '--json', '--plan', String(planId)]);
      const real = await taizhang(['import', f.path, '--db', s.db, '--operator', OPERATOR, '--json', '--plan', String(planId)]);
      runs.push([dry, real]);
    }
    const [[liteDry, liteReal], [pgDry, pgReal]] = runs;
    expect(pgDry.code, pgDry.stderr).toBe(0);
    expect(pgReal.code, pgReal.stderr).toBe(0);
    expect(JSON.parse(pgReal.stdout).ok).toBe(true);
    expect(liteDry.code).toBe(0);
    expect(liteReal.code).toBe(0);
    expect(JSON.parse(pgDry.stdout)).toEqual(JSON.parse(liteDry.stdout));
    expect(JSON.parse(pgReal.stdout)).toEqual(JSON.parse(liteReal.stdout));
    expect(JSON.parse(pgReal.stdout).diff.added).toBeGreaterThan(20);
    await sameCodes(lite);
    await sameCodes(pgs);
    await samePlan();
  }, 60_000);
});
