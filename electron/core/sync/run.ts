/**
 * One sync of this PC with the bureau's server (同步): log in with the
 * account of 设置 → 服务器, pull (applyPull.ts), push what changed here
 * (push.ts), log out. The same for the window's 立即同步, its timer, and
 * `taizhang sync`. A server that cannot be reached is not a failure of the
 * data: the report says so (`offline`), and what changed here stays queued.
 */
import { ApiError } from '../../../shared/api/errors';
import { periodLabel } from '../../../shared/periods';
import type { SyncReport, SyncSettingsView } from '../../../shared/sync/views';
import { SYNC_PROTOCOL, pullAnswerSchema, type PushRequest } from '../../../shared/sync/wire';
import type { BackupContext } from '../backup/service';
import type { Db } from '../db/open';
import { writeTx } from '../db/tx';
import { setSetting } from '../db/repos/settings';
import { applyPull, type PullOutcome } from './applyPull';
import { normaliseServer, ServerClient, SyncOffline } from './client';
import { batchKeys, emptyTally, pendingKeys, pushLink } from './push';
import type { SecretStore } from './secrets';
import { ACCOUNT_KEY, lastRun, listLinks, outboxOf, PASSWORD_KEY, SERVER_KEY, setLastRun, syncConfig } from './store';

export interface SyncContext extends BackupContext {
  secrets: SecretStore;
}

/** How many of this PC's cells wait to be sent, over every linked plan. */
export function queuedCount(db: Db): number {
  return listLinks(db).reduce((n, l) => {
    const keys = new Set(pendingKeys(db, l));
    for (const e of outboxOf(db, l.planId)) for (const k of batchKeys(l, JSON.parse(e.payload) as PushRequest)) keys.add(k);
    return n + keys.size;
  }, 0);
}

export function syncSettings(ctx: SyncContext): SyncSettingsView {
  const { db } = ctx;
  const c = syncConfig(db);
  const titles = new Map((db.prepare('SELECT id, title FROM plans').raw().all() as [number, string][]).map(([id, t]) => [id, t]));
  return {
    server: c.server,
    account: c.account,
    passwordStored: c.encryptedPassword !== null && ctx.secrets.place.kind === 'system',
    secrets: ctx.secrets.place,
    links: listLinks(db).map((l) => ({ planId: l.planId, title: titles.get(l.planId) ?? '', pulledAt: l.pulledAt })),
    last: lastRun(db),
    queued: queuedCount(db),
  };
}

/**
 * 设置 → 服务器 saved: the address and account; the password encrypted by the system's store
 * (`password` given), forgotten (`null`), or left as it is (absent).
 */
export async function configureSync(ctx: SyncContext, req: { server: string; account: string; password?: string | null }): Promise<SyncSettingsView> {
  const server = normaliseServer(req.server);
  const account = req.account.trim();
  let encrypted: string | null | undefined;
  if (req.password === null) encrypted = null;
  else if (req.password !== undefined) {
    if (ctx.secrets.place.kind !== 'system') {
      throw new ApiError('bad_request', `${ctx.secrets.place.text}请不要在这里填写密码，同步时再输入。`);
    }
    encrypted = await ctx.secrets.encrypt(req.password);
  }
  writeTx(ctx.db, () => {
    setSetting(ctx.db, SERVER_KEY, server);
    setSetting(ctx.db, ACCOUNT_KEY, account);
    if (encrypted !== undefined) setSetting(ctx.db, PASSWORD_KEY, encrypted ?? '');
  });
  return syncSettings(ctx);
}

function labeller(db: Db, planId: number) {
  return (key: string) => {
    const [kind, idText, period] = key.split('|');
    const name =
      kind === 'f'
        ? (db.prepare('SELECT name FROM indicators WHERE id = ?').pluck().get(Number(idText)) as string | undefined)
        : `任务${(db.prepare('SELECT seq FROM tasks WHERE id = ?').pluck().get(Number(idText)) as number | undefined) ?? ''}的进展`;
    void planId;
    return `${name ?? key}（${periodLabel(period)}）`;
  };
}

export async function runSync(ctx: SyncContext, by: string, input: { password?: string | null } = {}): Promise<SyncReport> {
  const { db } = ctx;
  const config = syncConfig(db);
  if (!config.server || !config.account) {
    throw new ApiError('bad_request', '尚未设置服务器：请先在“设置 → 服务器”中填写服务器地址和本单位的填报员账户（命令行：taizhang sync --server 地址 --account 账户）。');
  }
  let password = input.password ?? null;
  if (!password && config.encryptedPassword && ctx.secrets.place.kind === 'system') password = await ctx.secrets.decrypt(config.encryptedPassword);
  if (!password) {
    throw new ApiError(
      'bad_request',
      ctx.secrets.place.kind === 'system'
        ? '本机没有保存服务器账户的密码：请在“设置 → 服务器”中填写密码后保存，或同步时输入。'
        : `${ctx.secrets.place.text}`,
    );
  }
  const server = normaliseServer(config.server);
  const client = new ServerClient(server);
  const at = new Date().toISOString();
  let pulled: PullOutcome = { plans: 0, created: 0, changes: [] };
  const tally = emptyTally();
  let offline: string | null = null;
  try {
    await client.login(config.account, password);
    const answer = pullAnswerSchema.safeParse(await client.call<unknown>('sync.pull', { protocol: SYNC_PROTOCOL }));
    if (!answer.success) throw new ApiError('bad_request', `服务器 ${server} 发来的数据格式不对（${answer.error.issues[0]?.path.join('.') || '整体'}），本机未作任何修改。请让区里核对服务器的版本。`);
    pulled = applyPull(ctx, server, answer.data, by);
    for (const link of listLinks(db).filter((l) => l.serverId === answer.data.serverId)) {
      await pushLink(db, client, link, by, tally, labeller(db, link.planId));
    }
  } catch (err) {
    if (!(err instanceof SyncOffline)) throw err;
    offline = err.message;
  } finally {
    await client.logout();
  }
  const reviews = listLinks(db).flatMap((l) => {
    const title = (db.prepare('SELECT title FROM plans WHERE id = ?').pluck().get(l.planId) as string) ?? '';
    return (db.prepare('SELECT period, state, reason FROM sync_reviews WHERE plan_id = ? ORDER BY period').all(l.planId) as { period: string; state: SyncReport['reviews'][number]['state']; reason: string | null }[]).map(
      (r) => ({ plan: title, ...r }),
    );
  });
  const queued = queuedCount(db);
  const message = offline
    ? offline
    : [
        `已与服务器同步：收到 ${pulled.changes.length} 处变化`,
        `发送 ${tally.applied} 项`,
        tally.conflicts ? `${tally.conflicts} 项与区里的修改冲突（由区里决定）` : '',
        tally.refused ? `${tally.refused} 项未被接收` : '',
        tally.resent ? `补发了上次中断的 ${tally.resent} 批` : '',
      ]
        .filter(Boolean)
        .join('，') + '。';
  const report: SyncReport = {
    at,
    ok: offline === null,
    offline: offline !== null,
    message,
    server,
    account: config.account,
    pulled,
    pushed: { batches: tally.batches, applied: tally.applied, unchanged: tally.unchanged, conflicts: tally.conflicts, refused: tally.refused, resent: tally.resent },
    conflicts: tally.conflictList,
    refused: tally.refusedList,
    queued,
    reviews,
  };
  writeTx(db, () => setLastRun(db, { at, ok: report.ok, offline: report.offline, message }));
  return report;
}
