/**
 * The accounts API's read answers (account.me, users.list, users.events) as Ops of the query layer
 * (store/query.ts): the SQLite handlers (handlers/accounts.ts) and the PostgreSQL core
 * (store/postgres/core.ts) answer with the same code.
 */
import type { AccountEvent, AccountView } from '../../../shared/accounts/roles';
import type { MeView } from '../../../shared/api/methods/accounts';
import { accountOf, type Caller } from '../caller';
import { getUnitOp } from '../db/repos/units';
import { listAccountEventsOp, listUsersOp, publicView } from '../db/repos/users';
import type { Op } from '../store/query';

/** The records shown at most when no limit is asked for. */
const EVENTS_SHOWN = 200;

export function* accountMeOp(caller: Caller): Op<MeView> {
  const account = accountOf(caller);
  if (!account) return { account: null };
  return { account: { ...account, unitName: account.unitId == null ? null : ((yield* getUnitOp(account.unitId))?.name ?? null) } };
}

export function* usersListOp(): Op<{ users: AccountView[] }> {
  return { users: (yield* listUsersOp()).map(publicView) };
}

export function* accountEventsOp(request: { userId?: number; limit?: number }): Op<{ events: AccountEvent[] }> {
  return { events: yield* listAccountEventsOp(request.userId, request.limit ?? EVENTS_SHOWN) };
}
