/**
 * `taizhang sync [--server 地址 --account 账户] [--password-stdin] [--json] --db FILE --operator NAME`:
 * one pull and push with the bureau's server (electron/core/sync/), for a
 * scheduled task. The command line has no system credential store: the
 * password is never stored by it — it comes from standard input
 * (--password-stdin) or the TAIZHANG_SYNC_PASSWORD environment variable,
 * for this run only. --server/--account are remembered as 设置 → 服务器 does.
 *
 * Exit 0 done (conflicts included: they wait for the district), 1 refused or
 * not reached (what changed stays queued for the next run), 2 wrong usage.
 */
import { ApiError } from '../../shared/api/errors';
import { periodLabel } from '../../shared/periods';
import { REVIEW_STATE_LABEL } from '../../shared/review/states';
import type { SyncReport } from '../../shared/sync/views';
import { desktopSyncRefusal } from '../core/sync/serverStore';
import { callOrThrow, type CliCommand } from './command';
import { optionText, Refusal, UsageError } from './output';

const USAGE = [
  'taizhang sync [--server 地址 --account 账户] [--password-stdin] [--json] --db 数据库文件 --operator 姓名',
  '',
  '  --server 地址       服务器地址，如 http://10.1.2.3:4420（记住，下次可省略）',
  '  --account 账户      本单位的填报员账户（记住，下次可省略）',
  '  --password-stdin    从标准输入读取密码；也可用环境变量 TAIZHANG_SYNC_PASSWORD。命令行不保存密码。',
  '',
  '退出状态：0 同步完成（含待区里决定的冲突），1 被拒绝或连不上服务器（本机修改已排队），2 用法错误。',
].join('\n');

const refusing = (err: unknown) => {
  throw err instanceof ApiError && err.code !== 'internal' ? new Refusal(err.message) : err;
};

function text(r: SyncReport): string {
  const lines = [r.message];
  for (const c of r.pulled.changes) lines.push(`  收到：${c.label}${c.old !== null ? `  ${c.old} → ${c.new}` : `  ${c.new}`}${c.kept ? '（本机的值保留，待区里决定）' : ''}`);
  for (const c of r.conflicts) lines.push(`  冲突：${c.label}  本机 ${c.mine}，区里 ${c.theirs}（由区里决定）`);
  for (const c of r.refused) lines.push(`  未接收：${c.label}：${c.message}`);
  for (const v of r.reviews) lines.push(`  审核：${v.plan} ${periodLabel(v.period)}  ${REVIEW_STATE_LABEL[v.state]}${v.reason ? `（退回原因：${v.reason}）` : ''}`);
  if (r.queued) lines.push(`  待发送：${r.queued} 项`);
  return lines.join('\n');
}

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: '与区里的服务器同步一次（下载工作要点、上传完成数与任务进展）：sync --password-stdin --operator 姓名',
  usage: USAGE,
  // A PostgreSQL store is a server's: desktops sync with it from their own 台账 file.
  postgresRefusal: desktopSyncRefusal,
  options: {
    server: { type: 'string' },
    account: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  },
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`sync 不接受参数“${ctx.args[0].slice(0, 40)}”。`);
    const server = optionText(ctx.options?.server);
    const account = optionText(ctx.options?.account);
    if (server || account) {
      const now = await callOrThrow(ctx.core, 'sync.settings', {});
      const s = server ?? now.server;
      const a = account ?? now.account;
      if (!s) throw new UsageError('请用 --server 给出服务器地址。');
      if (!a) throw new UsageError('请用 --account 给出本单位的填报员账户。');
      await callOrThrow(ctx.core, 'sync.configure', { server: s, account: a }).catch(refusing);
    }
    let password: string | undefined;
    if (ctx.options?.['password-stdin'] === true) {
      if (!ctx.io.in) throw new UsageError('此环境无法读取标准输入。');
      password = (await ctx.io.in()).replace(/\r?\n$/, '');
      if (!password) throw new UsageError('标准输入中没有密码。');
    } else if (process.env.TAIZHANG_SYNC_PASSWORD) {
      password = process.env.TAIZHANG_SYNC_PASSWORD;
    }
    const report = await callOrThrow(ctx.core, 'sync.run', password ? { password } : {}).catch(refusing);
    if (ctx.json) ctx.io.out(JSON.stringify(report));
    else if (report.ok) ctx.io.out(text(report));
    else ctx.io.err(text(report));
    return report.ok ? 0 : 1;
  },
};
