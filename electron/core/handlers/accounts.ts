/** Handlers of shared/api/methods/accounts.ts: thin, the rules are in electron/core/accounts/. */
import type { accountMethods } from '../../../shared/api/methods/accounts';
import { accountOf, requireOperator } from '../caller';
import { getUnit } from '../db/repos/units';
import { listAccountEvents, listUsers, publicView } from '../db/repos/users';
import { addUser, changeOwnPassword, resetPassword, setUserDisabled, updateUser } from '../accounts/service';
import type { HandlersOf } from './types';

export const accountHandlers: HandlersOf<typeof accountMethods> = {
  'account.me': ({ db, caller }) => {
    const account = accountOf(caller);
    return { account: account && { ...account, unitName: account.unitId == null ? null : (getUnit(db, account.unitId)?.name ?? null) } };
  },
  'account.changePassword': async ({ db, caller }, { oldPassword, newPassword }) => {
    // authorize() lets only accounts reach here ('self').
    await changeOwnPassword(db, accountOf(caller)!, oldPassword, newPassword);
    return { ok: true };
  },
  'users.list': ({ db }) => ({ users: listUsers(db).map(publicView) }),
  'users.add': ({ db, caller }, req) => addUser(db, req, requireOperator(db, caller)),
  'users.update': ({ db, caller }, req) => updateUser(db, req, requireOperator(db, caller)),
  'users.disable': ({ db, caller }, { id, disabled }) => setUserDisabled(db, id, disabled, requireOperator(db, caller)),
  'users.setPassword': ({ db, caller }, { id, password }) => resetPassword(db, id, password, requireOperator(db, caller)),
  'users.events': ({ db }, { userId, limit }) => ({ events: listAccountEvents(db, userId, limit ?? 200) }),
};
