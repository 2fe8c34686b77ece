/**
 * The core: everything with logic and I/O. Doors (Electron IPC, web host,
 * CLI) open it with openCore() and talk to it only through call().
 */
import { EventEmitter } from 'node:events';
import type { ApiEventName, ApiEvents } from '../../shared/api/contract';
import type { Core, CoreOptions } from './core';
import { openDb } from './db/open';
import { dispatch } from './dispatch';
import { PC_CALLER } from './caller';
import { DEFAULT_EXAMPLE, EXAMPLES, hasExample, isExampleName, loadExample } from './seed/example';
import { ApiError } from '../../shared/api/errors';
import { backupBeforeMigration, dailyBackupIfDue } from './backup/service';
import { errorLogBeside } from './log';
import { accountForSession, login, recordLogout } from './accounts/login';

export type { Caller, Core, CoreAuth, CoreOptions, LoginResult, OperatorSlot, SessionAccount } from './core';
export { APP_DIR_NAME, DB_FILE_NAME } from './paths';
export { defaultDbPath, isPostgresUrl, shownLocation, storeLocation, type StoreLocation } from './store/location';

/** Opens (creating and migrating as needed) the database; throws ApiError with a Chinese message if it cannot. */
export function openCore(options: CoreOptions): Core {
  const backupCtx = { dbPath: options.dbPath };
  const { db, created } = openDb(options.dbPath, {
    // An existing file about to be migrated: a checked copy first, under the same write lock.
    beforeMigrate: (opened, from, to) =>
      backupBeforeMigration({ ...backupCtx, db: opened }, from, to),
  });
  const hasPlans = (db.prepare('SELECT count(*) FROM plans').pluck().get() as number) > 0;
  const wanted = options.example ?? DEFAULT_EXAMPLE;
  if (!isExampleName(wanted)) {
    db.close();
    throw new ApiError('bad_request', `没有名为“${wanted}”的示例。可用：${Object.keys(EXAMPLES).join('、')}。`);
  }
  const seedNew = (options.seedIfNew ?? true) && created && !hasPlans;
  if (seedNew || (options.example !== undefined && !hasExample(db, wanted))) {
    try {
      loadExample(db, wanted);
    } catch (err) {
      db.close();
      throw err;
    }
  }
  const log = errorLogBeside(options.dbPath);
  if (!created && (options.dailyBackup ?? true)) {
    try {
      dailyBackupIfDue({ db, dbPath: options.dbPath });
    } catch (err) {
      // A missed daily copy must not keep anyone from working: said in the log, tried again at the next start.
      log.error('daily backup', err);
    }
  }
  const events = new EventEmitter();
  const ctx = {
    db,
    dbPath: options.dbPath,
    log,
    secrets: options.secrets,
    emit: <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void events.emit(event, payload),
  };
  let closed = false;
  return {
    dbPath: options.dbPath,
    async call(method, request, caller = PC_CALLER) {
      if (closed) return { ok: false, error: { code: 'internal', message: '数据库已关闭。' } };
      return dispatch({ ...ctx, caller }, method, request);
    },
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      events.on(event, listener);
      return () => events.off(event, listener);
    },
    auth: {
      login: (name, password, from) => login(db, name, password, from),
      account: (id, passwordSetAt) => (closed ? null : accountForSession(db, id, passwordSetAt)),
      loggedOut: (account, from, why) => {
        if (!closed) recordLogout(db, account, from, why);
      },
    },
    close() {
      if (closed) return;
      closed = true;
      events.removeAllListeners();
      db.close();
    },
  };
}
