/**
 * Backups on both engines (issue 22): the same calls on a SQLite file and on
 * a PostgreSQL store (pg_dump copies).
 *
 * - 撤销 an operation (a task's removal) lists what was written since it —
 *   figures named with unit, indicator, period and who, progress, targets,
 *   locks, summaries, the operations after it — by ONE Op
 *   (backup/compare.ts changesSinceOp/undoLossOp): the same lines on both,
 *   nothing done without confirm; with nothing written since, it goes ahead.
 * - 第二备份位置 (backup.setMirror): a folder that is not there is refused,
 *   the same sentence on both; once set, every copy (立即备份, an operation's,
 *   a restore's copy of the state before) is written there too and the list
 *   says so; a restore keeps the setting; null clears it.
 * - 从文件恢复 (backup.addFile): a copy file the user picks is checked,
 *   listed with what it holds, restored by its id like any other (its copy of
 *   the state before undoes it); a file that is not a copy, a copy of the
 *   other engine, a damaged copy are refused in Chinese naming the file,
 *   listing nothing and changing nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import type { Caller } from '../../electron/core/caller';
import type { BackupEntry, BackupList, RestoreResult } from '../../shared/backup/types';
import type { EngineName, EngineStore } from '../helpers/engines';
import { storedRows } from '../helpers/engineWrites';
import { callOk, exampleOnBothEngines, type ExampleFixture } from '../helpers/exampleEngines';

const AT = '2022-08-31T08:00:00.000Z';
const WANG: Caller = { kind: 'command', operator: '王区' };
/** The tables whose rows a refused or undone call must leave (or bring back) exactly. */
const TABLES = ['plans', 'units', 'indicators', 'targets', 'figures', 'figure_history', 'action_lines', 'tasks', 'progress', 'period_locks', 'summaries'];

const { stores, home } = exampleOnBothEngines(8, AT);

const call = <T = unknown>(core: Core, method: string, request: unknown, caller: Caller = WANG) => callOk<T>(core, method, request, caller);
async function refusal(core: Core, method: string, request: unknown): Promise<{ code: string; message: string }> {
  const r = await core.call(method, request, WANG);
  if (r.ok) throw new Error(`${method} was expected to be refused`);
  return r.error;
}
/** The same question to both stores. */
async function both<T>(ask: (f: ExampleFixture, engine: EngineName) => Promise<T>): Promise<[T, T]> {
  return [await ask(stores.sqlite, 'sqlite'), await ask(stores.postgres, 'postgres')];
}
const rows = (f: ExampleFixture) => storedRows(f.s, TABLES);

/** The last task of the plan, removed with its copy first (a removal is an operation whose copy backup.undo restores). */
async function removeLastTask(f: ExampleFixture): Promise<BackupEntry> {
  const [task] = await f.s.sql(`SELECT t.id FROM tasks t JOIN action_lines a ON a.id = t.action_line_id WHERE a.plan_id = ${f.planId} ORDER BY t.id DESC LIMIT 1`);
  const removed = await call<{ done: boolean; backup: { id: string } | null }>(f.s.core, 'tasks.remove', { planId: f.planId, taskId: Number(task.id), confirm: true });
  expect(removed.done).toBe(true);
  const list = await call<BackupList>(f.s.core, 'backup.list', {});
  return list.backups.find((b) => b.id === removed.backup?.id)!;
}

describe('撤销: what was written since an operation, listed by one Op on both engines', () => {
  it('figures, progress, targets, locks, a summary and a later operation listed alike; nothing done without confirm, all of it undone with', async () => {
    const lines = await both(async (f) => {
      const { s, planId, unit, monthly } = f;
      const op = await removeLastTask(f);
      const [aug] = await s.sql(`SELECT value FROM figures WHERE indicator_id = ${monthly} AND unit_id = ${unit['洪都街道']} AND period = '2022-08'`);
      const [jing] = await s.sql(`SELECT value FROM figures WHERE indicator_id = ${monthly} AND unit_id = ${unit['京山街道']} AND period = '2022-08'`);
      await call(s.core, 'entry.save', {
        planId,
        edits: [
          { indicatorId: monthly, unitId: unit['洪都街道'], period: '2022-09', value: Number(aug.value) + 1, confirmed: true },
          { indicatorId: monthly, unitId: unit['京山街道'], period: '2022-09', value: Number(jing.value) + 2, confirmed: true },
        ],
      });
      const sheet = await call<{ rows: { taskId: number; unitId: number }[] }>(s.core, 'progress.sheet', { planId, period: '2022-09' });
      await call(s.core, 'progress.save', {
        planId,
        period: '2022-09',
        entries: [{ taskId: sheet.rows[0].taskId, unitId: sheet.rows[0].unitId, status: 'done', text: '已完成', reportedOn: '2022-09-28' }],
      });
      await call(s.core, 'targets.save', { planId, edits: [{ indicatorId: monthly, unitId: unit['洪都街道'], value: 30 }] });
      await call(s.core, 'entry.lock', { planId, period: '2022-09' });
      await call(s.core, 'summary.save', { planId, unitId: unit['青云谱区'], year: 2022, title: '2022年工作总结' });
      const later = await removeLastTask(f);
      const now = await rows(f);

      const asked = await call<RestoreResult>(s.core, 'backup.undo', { id: op.id });
      expect(asked.done).toBe(false);
      expect(await rows(f)).toBe(now);
      expect(asked.impact.lost.map((l) => l.what)).toEqual(['figures', 'progress', 'targets', 'locks', 'summaries', 'operations']);
      expect(asked.impact.lost[5].text).toContain(later.reason);

      const undone = await call<RestoreResult>(s.core, 'backup.undo', { id: op.id, confirm: true });
      expect(undone.done).toBe(true);
      // The task the operation removed is back, and what followed it is gone.
      expect(await rows(f)).not.toBe(now);
      const restoredFromCopy = await call<RestoreResult>(s.core, 'backup.undo', { id: undone.before!.id, confirm: true });
      expect(restoredFromCopy.done).toBe(true);
      expect(await rows(f)).toBe(now);
      return asked.impact.lost;
    });
    expect(lines[1]).toEqual(lines[0]);
    const figures = lines[0][0];
    expect(figures.count).toBe(2);
    expect(figures.text).toMatch(/^之后录入的完成数将一并撤销：洪都街道 · .+（2022-09）改为 [\d.]+（王区，\d{4}-\d{2}-\d{2}）；京山街道 · .+（2022-09）改为 [\d.]+（王区，/);
    expect(lines[0].slice(1, 5).map((l) => [l.what, l.count])).toEqual([
      ['progress', 1],
      ['targets', 1],
      // September locks 2022Q3 with it (the quarter ending with it): two lock events.
      ['locks', 2],
      ['summaries', 1],
    ]);
  }, 180_000);

  it('with nothing written since, the undo goes ahead without confirm on both', async () => {
    const [lite, pg] = await both(async (f) => {
      const before = await rows(f);
      const op = await removeLastTask(f);
      const undone = await call<RestoreResult>(f.s.core, 'backup.undo', { id: op.id });
      expect(await rows(f)).toBe(before);
      return { done: undone.done, lost: undone.impact.lost };
    });
    expect(lite).toEqual({ done: true, lost: [] });
    expect(pg).toEqual(lite);
  }, 120_000);
});

describe('第二备份位置: every copy also written to a second folder', () => {
  it('refused for a folder that is not there; once set, 立即备份, an operation’s and a restore’s copies land there too; kept by a restore; cleared by null', async () => {
    const messages = await both(async (f, engine) => {
      const { core } = f.s;
      const usb = path.join(home(), `usb-${engine}`);
      const missing = await refusal(core, 'backup.setMirror', { dir: usb });
      expect(missing.code).toBe('bad_request');
      expect((await call<BackupList>(core, 'backup.list', {})).mirrorDir).toBeNull();
      fs.mkdirSync(usb);
      expect(await call(core, 'backup.setMirror', { dir: ` ${usb} ` })).toEqual({ mirrorDir: usb });

      const manual = await call<BackupEntry>(core, 'backup.create', { note: '月底前' });
      const op = await removeLastTask(f);
      const restored = await call<RestoreResult>(core, 'backup.restore', { id: manual.id, confirm: true });
      expect(restored.done).toBe(true);
      const copies = [manual, op, restored.before!];
      for (const c of copies) expect(fs.existsSync(path.join(usb, path.basename(c.file))), c.reason).toBe(true);
      expect(path.extname(manual.file)).toBe(engine === 'sqlite' ? '.db' : '.dump');
      // The manifest goes beside the copies, so the folder alone says what each one is.
      expect(fs.readdirSync(usb).filter((n) => n.endsWith('.backups.json'))).toHaveLength(1);

      const list = await call<BackupList>(core, 'backup.list', {});
      expect(list.mirrorDir).toBe(usb);
      for (const c of copies) expect(list.backups.find((b) => b.id === c.id)!.mirror).toEqual({ file: path.join(usb, path.basename(c.file)) });
      // A copy the second folder lost (a U盘 that was emptied) is said to be missing there.
      fs.rmSync(path.join(usb, path.basename(manual.file)));
      expect((await call<BackupList>(core, 'backup.list', {})).backups.find((b) => b.id === manual.id)!.mirror).toEqual({ error: '第二备份位置中没有这份备份' });

      expect(await call(core, 'backup.setMirror', { dir: null })).toEqual({ mirrorDir: null });
      const after = await call<BackupEntry>(core, 'backup.create', {});
      expect(fs.existsSync(path.join(usb, path.basename(after.file)))).toBe(false);
      expect((await call<BackupList>(core, 'backup.list', {})).mirrorDir).toBeNull();
      return missing.message.replace(usb, '<usb>');
    });
    expect(messages[0]).toBe('无法写入文件夹“<usb>”：请确认它存在（如 U 盘已插好、网络共享已连接）并且可以写入。');
    expect(messages[1]).toBe(messages[0]);
  }, 180_000);
});

describe('从文件恢复: a copy the user picks, checked, listed and restored like the others', () => {
  it('listed with what it holds, restored by its id (undoable); bad files refused naming the file, nothing listed or changed', async () => {
    const copies = {} as Record<EngineName, Buffer>;
    await both(async (f, engine) => {
      const { core } = f.s;
      const made = await call<BackupEntry>(core, 'backup.create', {});
      copies[engine] = fs.readFileSync(made.file);
      const held = await rows(f);
      // Data written after the copy, which the restore of the picked file takes away.
      await call(core, 'entry.lock', { planId: f.planId, period: '2022-11' });
      await call(core, 'units.save', { unit: { name: '新设街道', fullName: null, kind: 'street', parentId: f.unit['青云谱区'] } });
      const changed = await rows(f);

      const name = engine === 'sqlite' ? 'U盘备份.db' : 'U盘备份.dump';
      const added = await call<BackupEntry>(core, 'backup.addFile', { fileName: name, dataBase64: copies[engine].toString('base64') });
      expect(added).toMatchObject({ kind: 'manual', operation: null, reason: `从文件载入：${name}`, by: '王区', bytes: copies[engine].length, counts: made.counts });
      expect(added.schemaVersion).toBe(made.schemaVersion);
      expect(fs.readFileSync(added.file).equals(copies[engine])).toBe(true);
      expect((await call<BackupList>(core, 'backup.list', {})).backups.map((b) => b.id)).toContain(added.id);
      expect(await rows(f)).toBe(changed);

      const inspected = await call<{ lost: unknown[] }>(core, 'backup.inspect', { id: added.id });
      expect(inspected.lost.length).toBeGreaterThan(0);
      const restored = await call<RestoreResult>(core, 'backup.restore', { id: added.id, confirm: true });
      expect(restored.done).toBe(true);
      expect(await rows(f)).toBe(held);
      // The restore took a copy of the state before it: undoing it brings that state back.
      expect((await call<RestoreResult>(core, 'backup.undo', { id: restored.before!.id, confirm: true })).done).toBe(true);
      expect(await rows(f)).toBe(changed);
    });

    const truncatedDump = copies.postgres.subarray(0, Math.floor(copies.postgres.length * 0.6));
    const refusals = await both(async (f, engine) => {
      const { core } = f.s;
      const now = await rows(f);
      const listed = (await call<BackupList>(core, 'backup.list', {})).backups.length;
      const bad: [string, Buffer][] = [
        ['说明.txt', Buffer.from('这不是备份\n')],
        [engine === 'sqlite' ? '服务器备份.dump' : '桌面备份.db', engine === 'sqlite' ? copies.postgres : copies.sqlite],
        ...(engine === 'postgres' ? ([['损坏.dump', truncatedDump]] as [string, Buffer][]) : []),
      ];
      const messages: string[] = [];
      for (const [fileName, bytes] of bad) {
        const r = await refusal(core, 'backup.addFile', { fileName, dataBase64: bytes.toString('base64') });
        expect(r.code, fileName).toBe('db_unreadable');
        expect(r.message, fileName).toContain(`“${fileName}”`);
        expect(r.message, fileName).toContain('当前数据没有任何改动');
        messages.push(r.message);
      }
      expect((await call<BackupList>(core, 'backup.list', {})).backups).toHaveLength(listed);
      expect(await rows(f)).toBe(now);
      return messages;
    });
    expect(refusals[0]).toEqual([
      '“说明.txt”不是科创台账的数据库文件（也不是任何 SQLite 数据库），不能用来恢复。当前数据没有任何改动。',
      '“服务器备份.dump”不是科创台账的数据库文件（也不是任何 SQLite 数据库），不能用来恢复。当前数据没有任何改动。',
    ]);
    expect(refusals[1][0]).toBe('“说明.txt”不是 PostgreSQL 的备份文件（pg_dump 自定义格式），不能用来恢复。当前数据没有任何改动。');
    expect(refusals[1][1]).toBe('“桌面备份.db”是 SQLite 数据库文件（桌面版的数据库或其备份），不能恢复到 PostgreSQL 数据库。当前数据没有任何改动。');
    expect(refusals[1][2]).toMatch(/^“损坏\.dump”已损坏，无法读取（.+）。请换一个备份。当前数据没有任何改动。$/);
    // Nothing of the refused uploads stays behind in the backups folder.
    for (const dir of [path.join(path.dirname(stores.sqlite.s.db), 'backups'), path.join(home(), 'Taizhang', 'backups')]) {
      expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    }
  }, 180_000);
});
