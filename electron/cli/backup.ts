/**
 * `taizhang backup create [--note TEXT]`, `backup list`, `backup restore ID|FILE [--yes]`,
 * `backup undo ID [--yes]` (all with --json): the copies beside the database
 * (electron/core/backup). A restore or undo that would take data away lists it and is
 * refused (exit 1) unless --yes says the user saw it; a copy of the current state is
 * always taken first, so it can be undone with `backup undo` of that copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BackupEntry, RestoreResult } from '../../shared/backup/types';
import { localTimeText } from '../../shared/dates';
import { callOrThrow, type CliCommand, type CliContext } from './command';
import { UsageError } from './output';

const USAGE = [
  'taizhang backup create [--note 说明] [--json]',
  'taizhang backup list [--json]',
  'taizhang backup restore 备份编号|文件 [--yes] [--json]',
  'taizhang backup undo 备份编号 [--yes] [--json]',
].join('\n');

const ID = /^\d{8}-\d{6}-[0-9a-f]{4}$/;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The fields `backup list --json` promises, and what else scripts may use. */
const listed = (b: BackupEntry) => ({
  id: b.id,
  file: b.file,
  createdAt: b.createdAt,
  reason: b.reason,
  bytes: b.bytes,
  counts: b.counts,
  kind: b.kind,
  operation: b.operation,
  by: b.by,
});

function line(b: BackupEntry): string {
  const c = b.counts;
  return `${b.id}  ${localTimeText(b.createdAt)}  ${b.reason}  ${mb(b.bytes)}  （工作要点 ${c.plans}，单位 ${c.units}，完成数 ${c.figures}，任务 ${c.tasks}）`;
}

async function list(ctx: CliContext): Promise<number> {
  const result = await callOrThrow(ctx.core, 'backup.list', {});
  if (ctx.json) {
    ctx.io.out(JSON.stringify({ dir: result.dir, mirrorDir: result.mirrorDir, backups: result.backups.map(listed) }));
    return 0;
  }
  ctx.io.out(
    result.backups.length
      ? [`备份文件夹：${result.dir}`, ...result.backups.map(line)].join('\n')
      : `还没有备份（备份文件夹：${result.dir}）。可用 taizhang backup create 立即备份。`,
  );
  return 0;
}

async function create(ctx: CliContext): Promise<number> {
  const note = typeof ctx.options?.note === 'string' ? ctx.options.note : undefined;
  const entry = await callOrThrow(ctx.core, 'backup.create', note ? { note } : {});
  ctx.io.out(ctx.json ? JSON.stringify({ ok: true, backup: listed(entry) }) : `已备份：${line(entry)}\n${entry.file}`);
  return 0;
}

function report(ctx: CliContext, result: RestoreResult, doneText: string): number {
  if (ctx.json) {
    ctx.io.out(
      JSON.stringify({
        ok: result.done,
        lost: result.impact.lost,
        regained: result.impact.regained,
        before: result.before ? listed(result.before) : null,
      }),
    );
    return result.done ? 0 : 1;
  }
  if (!result.done) {
    ctx.io.err(['恢复将带走以下数据，未执行：', ...result.impact.lost.map((l) => `  · ${l.text}`), '确认无误后请加 --yes 再运行。'].join('\n'));
    return 1;
  }
  const lines = [doneText, ...result.impact.lost.map((l) => `  · ${l.text.replace(/^恢复后将/, '已')}`)];
  if (result.before) lines.push(`恢复前的数据已备份（${result.before.id}）；如需撤销本次恢复：taizhang backup undo ${result.before.id}`);
  ctx.io.out(lines.join('\n'));
  return 0;
}

async function restore(ctx: CliContext, target: string | undefined): Promise<number> {
  if (!target) throw new UsageError('请给出要恢复的备份编号（taizhang backup list 可查看）或备份文件的路径。');
  const confirm = ctx.options?.yes === true;
  const source = ID.test(target) && !fs.existsSync(target) ? { id: target } : { file: path.resolve(target) };
  const result = await callOrThrow(ctx.core, 'backup.restore', { ...source, confirm });
  return report(ctx, result, `已恢复到 ${'id' in source ? source.id : source.file}。`);
}

async function undo(ctx: CliContext, id: string | undefined): Promise<number> {
  if (!id || !ID.test(id)) throw new UsageError('请给出操作前备份的编号（taizhang backup list 可查看），如 20221003-101530-7f3a。');
  const result = await callOrThrow(ctx.core, 'backup.undo', { id, confirm: ctx.options?.yes === true });
  return report(ctx, result, `已撤销（数据回到备份 ${id} 时的状态）。`);
}

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: '备份与恢复：立即备份、查看备份、从备份恢复、撤销一次导入',
  usage: USAGE,
  // On a PostgreSQL store the copies are pg_dump files (electron/core/store/postgres/backup.ts).
  postgres: true,
  options: {
    note: { type: 'string' },
    yes: { type: 'boolean', default: false },
  },
  // Failures (wrong usage, a refused restore, a full disk) go through the CLI's one path, cli/failure.ts.
  async run(ctx) {
    const [sub, target, ...extra] = ctx.args;
    if (extra.length) throw new UsageError(`多余的参数：${extra.join(' ')}`);
    if (sub === 'list') return list(ctx);
    if (sub === 'create') return create(ctx);
    if (sub === 'restore') return restore(ctx, target);
    if (sub === 'undo') return undo(ctx, target);
    throw new UsageError(sub ? `未知的子命令“${sub}”。` : '请说明要 create、list、restore 还是 undo。');
  },
};
