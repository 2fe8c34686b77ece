/**
 * `app.info` (概览's header, `taizhang info`): the first API answer written over the query layer
 * (store/query.ts), so it is the same on a SQLite file and a PostgreSQL store (issue 22).
 */
import type { AppInfo } from '../../../shared/api/views';
import { SCHEMA_VERSION } from '../db/migrations';
import { countsOp } from '../db/repos/counts';
import { listPlansOp } from '../db/repos/plans';
import { APP_NAME, APP_VERSION } from '../version';
import { accountOf, type Caller } from '../caller';
import type { Op } from '../store/query';

/** `where`: the file path or the PostgreSQL URL without its password (store/location.ts). */
export function* appInfoOp(where: string, caller: Caller): Op<AppInfo> {
  return {
    appName: APP_NAME,
    appVersion: APP_VERSION,
    schemaVersion: SCHEMA_VERSION,
    // Where the server keeps its store is the admin's business, not a street's or a leader's.
    dbPath: (accountOf(caller)?.role ?? 'admin') === 'admin' ? where : '',
    counts: yield* countsOp(),
    plans: yield* listPlansOp(),
  };
}
