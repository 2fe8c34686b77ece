/**
 * Backups (issue 10) on real SQLite files: a checked copy before every import
 * and return apply, 撤销本次导入 that brings the tasks and their progress back,
 * restore with what it would lose listed first and its own undo, refusals of
 * files that are not ours, a full disk that refuses the operation, the daily
 * copy, the second folder, and the revision check of an import commit.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { dailyBackupIfDue } from '../../electron/core/backup/service';
import { commitImport } from '../../electron/core/import/service';
import { PC_CALLER } from '../../electron/core/caller';
import { openDb } from '../../electron/core/db/open';
import type { BackupEntry, BackupList, RestoreImpact, RestoreResult } from '../../shared/backup/types';
import type { ImportOutcome } from '../../shared/import/types';
import { tempDir } from '../helpers/tempDb';
import { call, dumpDb, openExample } from '../helpers/importDb';

let tmp: { dir: string; cleanup(): void };
const opened: Core[] = [];
let n = 0;

beforeAll(() => {
  tmp = tempDir('taizhang-backup-');
});
afterAll(() => {
  opened.forEach((c) => c.close());
  tmp?.cleanup();
});

function example(): { core: Core; dbPath: string } {
  const dir = path.join(tmp.dir, `db-${++n}`);
  fs.mkdirSync(dir);
  const dbPath = path.join(dir, 'taizhang.db');
  const core = openExample(dbPath);
  opened.push(core);
  return { core, dbPath };
}

async function refusal(core: Core, method: string, req: unknown): Promise<{ code: string; message: string }> {
  const r = await core.call(method, req);
  if (r.ok) throw new Error(`${method} should have been refused`);
  return r.error;
}

/** Three tasks that share nothing with the plan's 16: importing it (以本表为准) replaces the task table. */
const REPLACING_TASKS = [
  '2022年工作要点任务分解表（修订）',
  '序号\t工作内容\t牵头单位\t责任单位',
  '1\t组织开展科技型企业梯次培育专项行动\t区科工局\t各街道、镇、集聚区',
  '2\t建设区级科技企业孵化器两家\t区科工局\t洪都街道',
  '3\t举办科技成果对接活动四场\t区科工局\t京山街道',
].join('\n');

const planOf = async (core: Core) => (await call(core, 'plans.list', {}))[0];
const taskContents = (dbPath: string) => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT content FROM tasks ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
};

async function saveSomeProgress(core: Core): Promise<number> {
  const plan = await planOf(core);
  const sheet = await call(core, 'progress.sheet', { planId: plan.id, period: '2022Q3' });
  const entries = sheet.rows.slice(0, 4).map((r) => ({
    taskId: r.taskId,
    unitId: r.unitId,
    status: 'in_progress' as const,
    text: `任务${r.taskSeq}：已完成阶段目标`,
    reportedOn: '2022-09-30',
  }));
  await call(core, 'progress.save', { planId: plan.id, period: '2022Q3', entries });
  return entries.length;
}

async function saveFigure(core: Core, unitName: string, value: number): Promise<void> {
  const plan = await planOf(core);
  const sheet = await call(core, 'entry.sheet', { planId: plan.id, period: '2022Q3' });
  const unit = sheet.table.rows.find((r) => r.unit.name === unitName)!.unit;
  const indicator = sheet.table.indicators.find((i) => i.name.includes('科技型中小企业'))!;
  await call(core, 'entry.save', { planId: plan.id, edits: [{ indicatorId: indicator.id, unitId: unit.id, period: '2022Q3', value }] });
}

const replacingImport = (core: Core) =>
  call(core, 'import.commit', { fileName: '修订任务.txt', text: REPLACING_TASKS, options: { allowDeleteProgress: true, replace: true } }) as Promise<ImportOutcome>;

describe('a copy before every import commit, and 撤销本次导入', () => {
  it('takes a checked copy (quick_check ok, counts of the state before) and lists it with its reason', async () => {
    const { core, dbPath } = example();
    const before = taskContents(dbPath);
    const out = await replacingImport(core);
    expect(out.committed).toBe(true);
    expect(out.backup?.id).toMatch(/^\d{8}-\d{6}-[0-9a-f]{4}$/);
    const list = (await call(core, 'backup.list', {})) as BackupList;
    const entry = list.backups.find((b) => b.id === out.backup!.id)!;
    expect(entry).toMatchObject({ kind: 'operation', operation: 'import', reason: '导入 修订任务.txt', by: '测试员' });
    expect(entry.counts.tasks).toBe(before.length);
    expect(entry.after).not.toBeNull();
    expect(path.dirname(entry.file)).toBe(path.join(path.dirname(dbPath), 'backups'));
    const copy = new Database(entry.file, { readonly: true });
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT content FROM tasks ORDER BY id').pluck().all()).toEqual(before);
    copy.close();
  });

  it('a destructive import is undone: the 16 tasks come back with their progress', async () => {
    const { core, dbPath } = example();
    const before = taskContents(dbPath);
    await saveSomeProgress(core);
    const progressBefore = dumpTable(dbPath, 'progress');
    const out = await replacingImport(core);
    expect(taskContents(dbPath)).toHaveLength(3);
    const undo = (await call(core, 'backup.undo', { id: out.backup!.id })) as RestoreResult;
    expect(undo.done).toBe(true);
    expect(undo.impact.lost).toEqual([]);
    expect(taskContents(dbPath)).toEqual(before);
    expect(dumpTable(dbPath, 'progress')).toBe(progressBefore);
    // The undo itself is undoable: its copy holds the imported state.
    expect(undo.before?.operation).toBe('undo');
    expect(undo.before?.reason).toMatch(/^撤销“导入 修订任务.txt”（\d{4}-\d\d-\d\d \d\d:\d\d）$/);
    const redo = (await call(core, 'backup.undo', { id: undo.before!.id })) as RestoreResult;
    expect(redo.done).toBe(true);
    expect(taskContents(dbPath)).toHaveLength(3);
  });

  it('lists what was written after the import and asks before undoing it', async () => {
    const { core, dbPath } = example();
    const out = await replacingImport(core);
    await saveFigure(core, '洪都街道', 6);
    const asked = (await call(core, 'backup.undo', { id: out.backup!.id })) as RestoreResult;
    expect(asked.done).toBe(false);
    expect(asked.impact.lost.map((l) => l.text).join('\n')).toMatch(/洪都街道 · 科技型中小企业.*改为 6（测试员/);
    expect(taskContents(dbPath)).toHaveLength(3); // nothing happened
    const done = (await call(core, 'backup.undo', { id: out.backup!.id, confirm: true })) as RestoreResult;
    expect(done.done).toBe(true);
    expect(taskContents(dbPath)).toHaveLength(16);
  });

  it('a dry run, a refused import and an import that changes nothing take no copy', async () => {
    const { core } = example();
    await call(core, 'import.commit', { fileName: 'x.txt', text: REPLACING_TASKS, dryRun: true, options: { allowDeleteProgress: true, replace: true } });
    const bad = (await call(core, 'import.commit', { fileName: '坏.txt', text: '序号\t工作内容\n1\t' })) as ImportOutcome;
    expect(bad.committed).toBe(false);
    expect(((await call(core, 'backup.list', {})) as BackupList).backups).toEqual([]);
  });

  it('refuses a commit whose preview read other data ("数据已被他人修改，请重新预览") and writes nothing', async () => {
    const { core, dbPath } = example();
    const req = { fileName: '修订任务.txt', text: REPLACING_TASKS, options: { allowDeleteProgress: true, replace: true } };
    const preview = (await call(core, 'import.preview', req)) as ImportOutcome;
    expect(preview.revision).toMatch(/^[0-9a-f]{32}$/);
    // Meanwhile another window changes a target (an import of one street's target).
    await call(core, 'import.commit', { fileName: '调整.csv', text: '单位,科技型中小企业（家）\n洪都街道,9\n' });
    const dump = dumpDb(dbPath);
    const refused = await refusal(core, 'import.commit', { ...req, expectRevision: preview.revision });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain('数据已被他人修改，请重新预览');
    expect(dumpDb(dbPath)).toBe(dump);
    // Typing figures meanwhile does not count as a change of what the preview read.
    const again = (await call(core, 'import.preview', req)) as ImportOutcome;
    await saveFigure(core, '京山街道', 3);
    const ok = (await call(core, 'import.commit', { ...req, expectRevision: again.revision })) as ImportOutcome;
    expect(ok.committed).toBe(true);
  });

  it('not enough disk space: the import is refused with what it needs, nothing written, no copy left', async () => {
    const { core, dbPath } = example();
    core.close();
    const db = openDb(dbPath).db;
    const dump = dumpDb(dbPath);
    const ctx = { db, dbPath, caller: PC_CALLER, free: () => 3 * 1024 * 1024 };
    await expect(commitImport(ctx, { fileName: '修订任务.txt', text: REPLACING_TASKS, options: { allowDeleteProgress: true, replace: true } })).rejects.toThrow(
      /磁盘空间不足：导入前需要先备份数据库，约需 \d+ MB，但“.*backups”所在磁盘只剩 3 MB。请清理磁盘后重试；导入未执行/,
    );
    db.close();
    expect(dumpDb(dbPath)).toBe(dump);
    expect(fs.readdirSync(path.join(path.dirname(dbPath), 'backups')).filter((f) => f.endsWith('.db') || f.endsWith('.tmp'))).toEqual([]);
  });
});

function dumpTable(dbPath: string, table: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    return JSON.stringify(db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all());
  } finally {
    db.close();
  }
}

describe('设置 → 备份与恢复: 立即备份, restore with what it loses, undo of the restore', () => {
  it('says what the current data has that the copy lacks, restores after confirm, and the restore can be undone', async () => {
    const { core, dbPath } = example();
    const manual = (await call(core, 'backup.create', { note: '月底前' })) as BackupEntry;
    expect(manual).toMatchObject({ kind: 'manual', reason: '手动备份：月底前' });
    await saveFigure(core, '洪都街道', 5);
    await saveFigure(core, '京山街道', 7);
    const figuresNow = dumpTable(dbPath, 'figures');
    const impact = (await call(core, 'backup.inspect', { id: manual.id })) as RestoreImpact;
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect(impact.lost).toEqual([{ what: 'figures', count: 2, text: `恢复后将失去 ${day} 之后录入或修改的 2 个完成数` }]);
    const asked = (await call(core, 'backup.restore', { id: manual.id })) as RestoreResult;
    expect(asked.done).toBe(false);
    expect(dumpTable(dbPath, 'figures')).toBe(figuresNow);
    const done = (await call(core, 'backup.restore', { id: manual.id, confirm: true })) as RestoreResult;
    expect(done.done).toBe(true);
    expect(dumpTable(dbPath, 'figures')).toBe('[]');
    expect(done.before).toMatchObject({ kind: 'operation', operation: 'restore' });
    const undone = (await call(core, 'backup.undo', { id: done.before!.id })) as RestoreResult;
    expect(undone.done).toBe(true);
    expect(dumpTable(dbPath, 'figures')).toBe(figuresNow);
  });

  it('keeps this PC’s operator and second folder when restoring an older copy', async () => {
    const { core, dbPath } = example();
    const copy = (await call(core, 'backup.create', {})) as BackupEntry;
    await call(core, 'operator.set', { name: '李四' });
    await call(core, 'backup.restore', { id: copy.id, confirm: true });
    expect(await call(core, 'operator.get', {})).toEqual({ name: '李四' });
    expect(fs.existsSync(dbPath)).toBe(true);
  });

  it('refuses, before anything changes, a file that is not a Taizhang database, a damaged one and a newer one', async () => {
    const { core, dbPath } = example();
    const dump = dumpDb(dbPath);
    const text = path.join(tmp.dir, 'note.db');
    fs.writeFileSync(text, '这不是数据库');
    expect((await refusal(core, 'backup.restore', { file: text, confirm: true })).message).toMatch(/不是科创台账的数据库文件/);
    const other = path.join(tmp.dir, 'other.db');
    const o = new Database(other);
    o.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    o.pragma('user_version = 1');
    o.close();
    expect((await refusal(core, 'backup.restore', { file: other, confirm: true })).message).toMatch(/别的程序的数据库/);
    const newer = path.join(tmp.dir, 'newer.db');
    fs.copyFileSync((await call(core, 'backup.create', {}) as BackupEntry).file, newer);
    const w = new Database(newer);
    w.pragma('user_version = 999');
    w.close();
    const refusedNewer = await refusal(core, 'backup.restore', { file: newer, confirm: true });
    expect(refusedNewer.code).toBe('db_too_new');
    expect(refusedNewer.message).toMatch(/较新版本的科创台账/);
    const damaged = path.join(tmp.dir, 'damaged.db');
    const good = fs.readFileSync((await call(core, 'backup.create', {}) as BackupEntry).file);
    fs.writeFileSync(damaged, Buffer.concat([good.subarray(0, 4096), Buffer.alloc(good.length - 4096, 0x5a)]));
    expect((await refusal(core, 'backup.restore', { file: damaged, confirm: true })).message).toMatch(/已损坏/);
    expect(dumpDb(dbPath)).toBe(dump);
  });

  it('从文件恢复: a copy brought on a USB stick is checked, listed and restored', async () => {
    const { core, dbPath } = example();
    const stick = (await call(core, 'backup.create', {})) as BackupEntry;
    const bytes = fs.readFileSync(stick.file);
    await saveFigure(core, '洪都街道', 4);
    const added = (await call(core, 'backup.addFile', { fileName: 'U盘备份.db', dataBase64: bytes.toString('base64') })) as BackupEntry;
    expect(added.reason).toBe('从文件载入：U盘备份.db');
    const done = (await call(core, 'backup.restore', { id: added.id, confirm: true })) as RestoreResult;
    expect(done.done).toBe(true);
    expect(dumpTable(dbPath, 'figures')).toBe('[]');
    const notDb = await refusal(core, 'backup.addFile', { fileName: 'x.db', dataBase64: Buffer.from('hello').toString('base64') });
    expect(notDb.message).toMatch(/不是科创台账的数据库文件/);
  });

  it('writes every copy to the second folder too and says which copies it holds', async () => {
    const { core } = example();
    const mirror = path.join(tmp.dir, `usb-${n}`);
    expect((await refusal(core, 'backup.setMirror', { dir: mirror })).message).toMatch(/无法写入文件夹/);
    fs.mkdirSync(mirror);
    await call(core, 'backup.setMirror', { dir: mirror });
    const entry = (await call(core, 'backup.create', {})) as BackupEntry;
    expect(fs.existsSync(path.join(mirror, path.basename(entry.file)))).toBe(true);
    const list = (await call(core, 'backup.list', {})) as BackupList;
    expect(list.mirrorDir).toBe(mirror);
    expect(list.backups[0].mirror).toEqual({ file: path.join(mirror, path.basename(entry.file)) });
  });
});

describe('the daily copy', () => {
  it('is taken when an existing database opens and the newest daily copy is older than 20 hours', () => {
    const { core, dbPath } = example();
    core.close();
    const db = openDb(dbPath).db;
    const t0 = new Date('2022-10-03T08:00:00');
    const first = dailyBackupIfDue({ db, dbPath, now: () => t0 });
    expect(first).toMatchObject({ kind: 'daily', reason: '每日备份' });
    expect(dailyBackupIfDue({ db, dbPath, now: () => new Date(t0.getTime() + 19 * 3600_000) })).toBeNull();
    expect(dailyBackupIfDue({ db, dbPath, now: () => new Date(t0.getTime() + 21 * 3600_000) })).not.toBeNull();
    db.close();
  });
});
