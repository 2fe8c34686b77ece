/**
 * Who is calling the core, as each door says it. Every write records an
 * operator (操作员); where that name comes from depends on the door:
 *
 * - `pc`: the desktop window (and any caller that says nothing) — the PC's
 *   operator setting (设置 → 操作员), kept in the database.
 * - `command`: one CLI command — its `--operator` for that command only,
 *   else the PC's setting; `operator.set` does not outlive the command.
 * - `session`: one browser tab of the web door (or one script using the
 *   printed token) — its own name, asked on its first write and kept by the
 *   door for that session only, so a colleague's tab never writes under it.
 * - `account`: a logged-in account of `taizhang serve` — its name, always;
 *   what it may call and see is checked in dispatch.ts (access/permissions.ts).
 *
 * The first three are the district's own single-user doors: everything is
 * allowed to them, as it always was. Only an account is checked.
 */
import { ApiError } from '../../shared/api/errors';
import type { AccountRef } from '../../shared/accounts/roles';
import type { Db } from './db/open';
import { getSettingOp, OPERATOR_KEY, setSettingOp } from './db/repos/settings';
import { writeTxOp } from './db/tx';
import { runSync, type Op } from './store/query';

/** A door's own place for a session's name (the web host keeps one per session). */
export interface OperatorSlot {
  name: string | null;
}

export type Caller =
  | { kind: 'pc' }
  | { kind: 'command'; operator?: string }
  | { kind: 'session'; slot: OperatorSlot }
  /** `from`: the address the request came from, for the security record (account_events). */
  | { kind: 'account'; account: AccountRef; from?: string | null };

export const PC_CALLER: Caller = { kind: 'pc' };

function* storedOperator(): Op<string | null> {
  const name = yield* getSettingOp(OPERATOR_KEY);
  return name?.trim() || null;
}

/**
 * The name this caller's writes are recorded under, or null when none is known yet. An Op of the
 * query layer (store/query.ts): the same rule on a SQLite file and a PostgreSQL store.
 */
export function* operatorOfOp(caller: Caller): Op<string | null> {
  switch (caller.kind) {
    case 'pc':
      return yield* storedOperator();
    case 'command':
      return caller.operator?.trim() || (yield* storedOperator());
    case 'session':
      return caller.slot.name?.trim() || null;
    case 'account':
      return caller.account.name;
  }
}

export function operatorOf(db: Db, caller: Caller): string | null {
  return runSync(db, operatorOfOp(caller));
}

/** The logged-in account of the call, or null for the single-user doors (desktop, `npm run web`, CLI). */
export function accountOf(caller: Caller): AccountRef | null {
  return caller.kind === 'account' ? caller.account : null;
}

/**
 * operator.set: remembers the name where this caller keeps it. The PC's setting is written by the
 * Op `setOperatorOp` (one write transaction, either engine); the others are the door's own slots.
 */
export function setOperatorOf(db: Db, caller: Caller, name: string): void {
  const op = setOperatorOp(caller, name);
  if (op) writeTxOp(db, op);
}

/** operator.set's store write (the PC's setting), or null when the name is kept by the caller itself. */
export function setOperatorOp(caller: Caller, name: string): Op<void> | null {
  switch (caller.kind) {
    case 'pc':
      return setSettingOp(OPERATOR_KEY, name);
    case 'command':
      caller.operator = name;
      return null;
    case 'session':
      caller.slot.name = name;
      return null;
    case 'account':
      throw new ApiError('bad_request', `已用账户“${caller.account.name}”登录：修改记录写明的就是这个账户，不能另设操作员姓名。`);
  }
}

/** The operator for a write; refuses with what to do when none is known. */
export function* requireOperatorOp(caller: Caller): Op<string> {
  const name = yield* operatorOfOp(caller);
  if (!name) {
    throw new ApiError(
      'bad_request',
      caller.kind === 'command'
        ? '尚未设置操作员姓名：请加 --operator 姓名，记录会写明由谁修改。'
        : '尚未设置操作员姓名：请先在“设置 → 操作员”中填写您的姓名，填报记录会写明由谁修改。',
    );
  }
  return name;
}

export function requireOperator(db: Db, caller: Caller): string {
  return runSync(db, requireOperatorOp(caller));
}
