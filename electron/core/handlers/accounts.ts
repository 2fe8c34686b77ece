/** Handlers of shared/api/methods/accounts.ts: thin, the rules are in electron/core/accounts/ (the same on PostgreSQL: store/postgres/core.ts). */
import type { accountMethods } from '../../../shared/api/methods/accounts';
import { accountOf, requireOperator } from '../caller';
import { runSync } from '../store/query';
import { addUser, changeOwnPassword, resetPassword, setUserDisabled, updateUser } from '../accounts/service';
import { accountEventsOp, accountMeOp, usersListOp } from '../accounts/views';
import type { HandlersOf } from './types';

export const accountHandlers: HandlersOf<typeof accountMethods> = {
  'account.me': ({ db, caller }) => runSync(db, accountMeOp(caller)),
  'account.changePassword': async ({ db, caller }, { oldPassword, newPassword }) => {
    // authorize() lets only accounts reach here ('self').
    await changeOwnPassword(db, accountOf(caller)!, oldPassword, newPassword);
    return { ok: true };
  },
  'users.list': ({ db }) => runSync(db, usersListOp()),
  'users.add': ({ db, caller }, req) => addUser(db, req, requireOperator(db, caller)),
  'users.update': ({ db, caller }, req) => updateUser(db, req, requireOperator(db, caller)),
  'users.disable': ({ db, caller }, { id, disabled }) => setUserDisabled(db, id, disabled, requireOperator(db, caller)),
  'users.setPassword': ({ db, caller }, { id, password }) => resetPassword(db, id, password, requireOperator(db, caller)),
  'users.events': ({ db }, req) => runSync(db, accountEventsOp(req)),
};
