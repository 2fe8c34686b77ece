/**
 * Every API method's access by role, method by method. The table below is
 * written out here on purpose, apart from electron/core/access/permissions.ts:
 * a new method without a rule fails (the type check, and the first test), a
 * new method without a line here fails, and a rule changed there without a
 * line changed here fails. Then each method is called as a 填报员 and as a
 * 查看 account through the core's dispatch (the server door's path), and is
 * refused exactly where this table says — before its request is even read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodObject, ZodRawShape } from 'zod';
import type { Core } from '../../electron/core';
import { METHOD_ACCESS } from '../../electron/core/access/permissions';
import { API_METHODS, apiContract, type ApiMethod } from '../../shared/api/contract';
import type { AccountView } from '../../shared/accounts/roles';
import { addAccount, asAccount } from '../helpers/accounts';
import { testStore, type TestStore } from '../helpers/testStore';

/** admin: 管理员 only; enter: 管理员 and 填报员; read: every account; self: every account, about itself. */
const EXPECTED: Record<ApiMethod, 'admin' | 'enter' | 'read' | 'self'> = {
  'app.info': 'read',
  'plans.list': 'read',
  'plan.overview': 'read',
  'plan.units': 'read',
  'units.directory': 'read',
  'tasks.table': 'read',
  'targets.breakdown': 'read',
  'targets.history': 'read',
  'figures.progress': 'read',
  'operator.get': 'read',
  'operator.set': 'read', // refused to every account by the core: an account's operator is its name
  'entry.sheet': 'read',
  'entry.grid': 'read',
  'entry.unitYear': 'read',
  'entry.save': 'enter',
  'entry.revision': 'read',
  'entry.history': 'read',
  'entry.locks': 'read',
  'entry.lock': 'admin',
  'entry.unlock': 'admin',
  'progress.sheet': 'read',
  'progress.save': 'enter',
  'progress.history': 'read',
  'entry.reminders': 'read',
  'entry.remindersSent': 'admin',
  'entry.remindersExport': 'admin',
  'export.excel': 'read',
  'summary.get': 'read',
  'summary.save': 'enter',
  'summary.prefill': 'read',
  'summary.preview': 'read',
  'summary.pdf': 'read',
  'summary.docx': 'read',
  'import.preview': 'admin',
  'import.commit': 'admin',
  'exchange.export': 'admin',
  'exchange.review': 'admin',
  'exchange.apply': 'admin',
  'exchange.openPackage': 'admin',
  'exchange.packageInfo': 'read',
  'exchange.exportReturn': 'admin',
  'exchange.exportZip': 'admin',
  'exchange.exportToFolder': 'admin',
  'exchange.issue': 'admin',
  'exchange.receive': 'admin',
  'exchange.issued': 'admin',
  'exchange.adoptIssued': 'admin',
  'exchange.exportToParent': 'admin',
  'backup.list': 'admin',
  'backup.create': 'admin',
  'backup.addFile': 'admin',
  'backup.inspect': 'admin',
  'backup.restore': 'admin',
  'backup.undo': 'admin',
  'backup.setMirror': 'admin',
  'goals.save': 'admin',
  'goals.reorder': 'admin',
  'goals.remove': 'admin',
  'targets.save': 'admin',
  'actionLines.save': 'admin',
  'actionLines.move': 'admin',
  'actionLines.remove': 'admin',
  'tasks.save': 'admin',
  'tasks.move': 'admin',
  'tasks.remove': 'admin',
  'plan.create': 'admin',
  'plan.update': 'admin',
  'plan.archive': 'admin',
  'plan.delete': 'admin',
  'plan.edits': 'read',
  'indicator.years': 'read',
  'example.load': 'admin',
  'ledger.create': 'admin',
  'units.save': 'admin',
  'units.reorder': 'admin',
  'units.setActive': 'admin',
  'units.merge': 'admin',
  'groups.save': 'admin',
  'groups.remove': 'admin',
  'units.aliases': 'read',
  'units.edits': 'read',
  'dashboard.get': 'read',
  'dashboard.pdf': 'read',
  'dashboard.pages': 'read',
  'account.me': 'read',
  'account.changePassword': 'self',
  'users.list': 'admin',
  'users.add': 'admin',
  'users.update': 'admin',
  'users.disable': 'admin',
  'users.setPassword': 'admin',
  'users.events': 'admin',
  'review.list': 'read',
  'review.approve': 'admin',
  'review.return': 'admin',
  'review.history': 'read',
  // 同步: the desktop's own side is refused to every account by its handler (the server is not a desktop).
  'sync.settings': 'admin',
  'sync.configure': 'admin',
  'sync.run': 'admin',
  'sync.marks': 'read',
  'sync.pull': 'enter',
  'sync.push': 'enter',
  'sync.conflicts': 'admin',
  'sync.resolve': 'admin',
};

let s: TestStore;
let core: Core;
let entry: AccountView;
let viewer: AccountView;

beforeAll(async () => {
  s = await testStore('example', { operator: null });
  core = s.core;
  const dir = (await core.call('units.directory', {})) as { ok: true; value: { units: { id: number; name: string }[] } };
  const hongdu = dir.value.units.find((u) => u.name === '洪都街道')!.id;
  entry = await addAccount(core, '洪都填报员', 'entry', hongdu);
  viewer = await addAccount(core, '李局长', 'viewer');
});
afterAll(() => s?.close());

describe('the permission table', () => {
  it('has one rule for every method of the API, and this test one line for each', () => {
    expect(Object.keys(METHOD_ACCESS).sort()).toEqual([...API_METHODS].sort());
    expect(Object.keys(EXPECTED).sort()).toEqual([...API_METHODS].sort());
  });

  it.each(API_METHODS.map((m) => [m]))('%s: the rule is the one written here', (method) => {
    expect(METHOD_ACCESS[method].need).toBe(EXPECTED[method]);
  });

  it('a unit rule names a field the request really has (else it could not keep a 填报员 to its unit)', () => {
    for (const method of API_METHODS) {
      const shape = (apiContract[method].request as unknown as ZodObject<ZodRawShape>).shape;
      for (const rule of METHOD_ACCESS[method].unit) {
        if (rule === 'request') expect(Object.keys(shape), method).toContain('unitId');
        if (rule === 'edits' || rule === 'entries') expect(Object.keys(shape), method).toContain(rule);
      }
    }
  });
});

describe('each method through dispatch', () => {
  const refusedFor = (role: 'entry' | 'viewer', need: string) =>
    need === 'admin' || (need === 'enter' && role === 'viewer');

  it.each(API_METHODS.map((m) => [m]))('%s: a 填报员 and a 查看 account are refused exactly where the table says', async (method) => {
    for (const [role, account] of [['entry', entry], ['viewer', viewer]] as const) {
      // An empty request: a refused role is refused before it is read; an allowed one gets past the gate (then perhaps a validation error).
      const r = await core.call(method, {}, asAccount(account));
      const refused = !r.ok && r.error.code === 'forbidden';
      expect(refused, `${method} as ${role}: ${r.ok ? 'ok' : r.error.message}`).toBe(refusedFor(role, EXPECTED[method]));
      if (refused && !r.ok) expect(r.error.message).toMatch(/只有管理员可以进行|只能查看和导出/);
    }
  });

  it('the desktop window, `npm run web` and the CLI have no accounts: nothing is refused to them', async () => {
    for (const caller of [{ kind: 'pc' as const }, { kind: 'command' as const, operator: '王芳' }, { kind: 'session' as const, slot: { name: '王芳' } }]) {
      for (const method of ['users.list', 'backup.list', 'review.list'] as const) {
        const r = await core.call(method, method === 'review.list' ? { planId: 1 } : {}, caller);
        expect(r.ok, `${method} as ${caller.kind}`).toBe(true);
      }
    }
  });
});
