/**
 * 同步: a desktop PC connected to the bureau's server. Two sides:
 * - the desktop's (设置 → 服务器, 立即同步, the grid's marks): `sync.settings`,
 *   `sync.configure`, `sync.run`, `sync.marks`;
 * - the server's, called by a desktop logged in as a 填报员 account:
 *   `sync.pull`, `sync.push` (shared/sync/wire.ts); and the district's answer to
 *   conflicts: `sync.conflicts`, `sync.resolve`.
 */
import { z } from 'zod';
import { method } from '../method';
import type { SyncConflictView, SyncMarks, SyncReport, SyncSettingsView } from '../../sync/views';
import { pushRequestSchema, SYNC_PROTOCOL, type PullAnswer, type PushAnswer } from '../../sync/wire';
import { planId } from './plan';

const password = z.string().min(1, '请填写密码').max(200);

export const syncMethods = {
  'sync.settings': method<SyncSettingsView>()(z.object({}).strict(), '设置 → 服务器: the address, the account, where the password is kept, the linked plans, the last sync, what waits to be sent.'),
  'sync.configure': method<SyncSettingsView>()(
    z
      .object({
        server: z.string().trim().min(1, '请填写服务器地址').max(200),
        account: z.string().trim().min(1, '请填写账户名').max(40),
        /** Given: kept encrypted by the system's credential store; null: forgotten; absent: left as it is. */
        password: password.nullable().optional(),
      })
      .strict(),
    'Saves 设置 → 服务器. The password only where the system has a credential store (Electron safeStorage), never in clear.',
  ),
  'sync.run': method<SyncReport>()(
    z.object({ password: password.optional() }).strict(),
    'One pull and push with the server; `password` when none is kept on this PC. offline: nothing sent, what changed here stays queued.',
  ),
  'sync.marks': method<SyncMarks>()(z.object({ planId }).strict(), 'Per cell of this PC’s unit: 待发送, 已发送, 已审核, 已退回 (reason), 冲突, 未接收.'),
  'sync.pull': method<PullAnswer>()(
    z.object({ protocol: z.literal(SYNC_PROTOCOL, '桌面版与服务器的同步协议版本不一致，请升级科创台账') }).strict(),
    'Server side, for a 填报员 account: its unit’s plans, targets, tasks, the district’s published figures, its own figures, progress, 审核 states and conflicts.',
  ),
  'sync.push': method<PushAnswer>()(
    pushRequestSchema,
    'Server side, for a 填报员 account: its changed cells with the value each started from; they land as 待审核, a cell the district changed meanwhile is a conflict. Idempotent by batchId.',
  ),
  'sync.conflicts': method<{ conflicts: SyncConflictView[] }>()(
    z.object({ planId, state: z.enum(['open', 'all']).optional() }).strict(),
    'Server side, for the district: cells a street pushed that the district had changed meanwhile.',
  ),
  'sync.resolve': method<{ conflict: SyncConflictView }>()(
    z.object({ id: z.number().int().positive(), take: z.boolean() }).strict(),
    'The district decides a conflict: take the street’s value (it lands as 待审核) or keep its own.',
  ),
} as const;
