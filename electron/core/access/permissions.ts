/**
 * What each API method needs of a logged-in account — ONE table, every method
 * of shared/api/contract.ts in it (the `satisfies` below makes a missing one a
 * type error; test/unit/permissions.test.ts checks it again at run time).
 * dispatch.ts checks it before any handler runs, whatever the door.
 *
 * `need`:
 * - read:  any account (admin, entry, viewer);
 * - enter: admin or entry (填报员) — writing figures, progress, summaries;
 * - admin: admin (管理员) only — the plan, imports, exchange, locks, 审核, backups, accounts;
 * - self:  any account, about itself (its own password).
 *
 * `unit` says how an entry account (bound to one unit) is kept to its unit:
 * - request: the request's `unitId` must be its unit (absent: it is taken to be);
 * - edits / entries: every item of `edits` / `entries` must be of its unit;
 * - answer: the handler narrows what it answers to the caller (access/scope.ts:
 *   its unit's rows, the district's published figures, never another unit's entries);
 * - none: nothing in it belongs to one unit (the plan's published structure).
 *
 * The desktop window, `npm run web` and the CLI have no accounts: their
 * callers pass unchecked, as before (the district working alone).
 */
import type { ApiMethod } from '../../../shared/api/contract';

export type Need = 'read' | 'enter' | 'admin' | 'self';
export type UnitRule = 'request' | 'edits' | 'entries' | 'answer';

export interface MethodAccess {
  need: Need;
  /** Empty: nothing unit-specific. */
  unit: readonly UnitRule[];
}

const read = (...unit: UnitRule[]): MethodAccess => ({ need: 'read', unit });
const enter = (...unit: UnitRule[]): MethodAccess => ({ need: 'enter', unit });
const ADMIN: MethodAccess = { need: 'admin', unit: [] };

export const METHOD_ACCESS = {
  // The plan as issued: goals, 附件1, the tree's names are published; 附件2 and sum checks are narrowed.
  'app.info': read('answer'),
  'plans.list': read(),
  'plan.overview': read('answer'),
  'plan.units': read('answer'),
  'units.directory': read(),
  'tasks.table': read(),
  'targets.breakdown': read('answer'),
  'targets.history': read('answer'),
  'figures.progress': read('request', 'answer'),
  'operator.get': read(),
  // Refused for accounts by the core itself (caller.ts): an account's operator is its name.
  'operator.set': read(),
  'entry.sheet': read('answer'),
  'entry.grid': read('answer'),
  'entry.unitYear': read('request'),
  'entry.save': enter('edits'),
  'entry.revision': read(),
  'entry.history': read('request'),
  'entry.locks': read(),
  'entry.lock': ADMIN,
  'entry.unlock': ADMIN,
  'progress.sheet': read('request'),
  'progress.save': enter('entries'),
  'progress.history': read('request'),
  'entry.reminders': read('answer'),
  // Reminding the units (催报) is the district's work.
  'entry.remindersSent': ADMIN,
  'entry.remindersExport': ADMIN,
  'export.excel': read('request', 'answer'),
  'summary.get': read('request'),
  'summary.save': enter('request'),
  'summary.prefill': read('request'),
  'summary.preview': read('request', 'answer'),
  'summary.pdf': read('request', 'answer'),
  'summary.docx': read('request', 'answer'),
  'import.preview': ADMIN,
  'import.commit': ADMIN,
  'exchange.export': ADMIN,
  'exchange.review': ADMIN,
  'exchange.apply': ADMIN,
  'exchange.openPackage': ADMIN,
  'exchange.packageInfo': read(),
  'exchange.exportReturn': ADMIN,
  // 导出全部 (issue 16) and plans between levels (issue 20): the district's (or city's) exchange.
  'exchange.exportZip': ADMIN,
  'exchange.exportToFolder': ADMIN,
  'exchange.issue': ADMIN,
  'exchange.receive': ADMIN,
  'exchange.issued': ADMIN,
  'exchange.adoptIssued': ADMIN,
  'exchange.exportToParent': ADMIN,
  'backup.list': ADMIN,
  'backup.create': ADMIN,
  'backup.addFile': ADMIN,
  'backup.inspect': ADMIN,
  'backup.restore': ADMIN,
  'backup.undo': ADMIN,
  'backup.setMirror': ADMIN,
  'goals.save': ADMIN,
  'goals.reorder': ADMIN,
  'goals.remove': ADMIN,
  'targets.save': ADMIN,
  'actionLines.save': ADMIN,
  'actionLines.move': ADMIN,
  'actionLines.remove': ADMIN,
  'tasks.save': ADMIN,
  'tasks.move': ADMIN,
  'tasks.remove': ADMIN,
  'plan.create': ADMIN,
  'plan.update': ADMIN,
  'plan.archive': ADMIN,
  'plan.delete': ADMIN,
  'plan.edits': read(),
  'indicator.years': read('answer'),
  'example.load': ADMIN,
  'ledger.create': ADMIN,
  // 设置 → 单位与部门: the district keeps the tree; names, aliases and their history are published.
  'units.save': ADMIN,
  'units.reorder': ADMIN,
  'units.setActive': ADMIN,
  'units.merge': ADMIN,
  'groups.save': ADMIN,
  'groups.remove': ADMIN,
  'units.aliases': read(),
  'units.edits': read(),
  'dashboard.get': read('request', 'answer'),
  'dashboard.pdf': read('request', 'answer'),
  'dashboard.pages': read('request', 'answer'),
  'account.me': read(),
  'account.changePassword': { need: 'self', unit: [] },
  'users.list': ADMIN,
  'users.add': ADMIN,
  'users.update': ADMIN,
  'users.disable': ADMIN,
  'users.setPassword': ADMIN,
  'users.events': ADMIN,
  'review.list': read('answer'),
  'review.approve': ADMIN,
  'review.return': ADMIN,
  'review.history': read('request'),
  // 同步 (electron/core/sync/): a desktop's own settings and runs are the district's single-user doors' only
  // (an account is refused by the handler); the server side is a 填报员's, kept to its unit by the handler.
  'sync.settings': ADMIN,
  'sync.configure': ADMIN,
  'sync.run': ADMIN,
  'sync.marks': read(),
  'sync.pull': enter('answer'),
  'sync.push': enter('answer'),
  'sync.conflicts': ADMIN,
  'sync.resolve': ADMIN,
} as const satisfies Record<ApiMethod, MethodAccess>;
