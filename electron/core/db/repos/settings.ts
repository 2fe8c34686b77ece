/** Small key/value settings (table `settings` of migration 001). */
import type { Db } from '../open';
import { get, query, run, runSync, type Op } from '../../store/query';

const SETTING = query<{ value: string }, { key: string }>((qb, p) => qb.selectFrom('settings').select('value').where('key', '=', p('key')));

/** Over the query layer (store/query.ts): the same on a SQLite file and a PostgreSQL store. */
export function* getSettingOp(key: string): Op<string | null> {
  return (yield* get(SETTING, { key }))?.value ?? null;
}

export function getSetting(db: Db, key: string): string | null {
  return runSync(db, getSettingOp(key));
}

const PUT_SETTING = query<never, { key: string; value: string }>((qb, p) =>
  qb
    .insertInto('settings')
    .values({ key: p('key'), value: p('value') })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))),
);

/** Inside a write transaction. */
export function* setSettingOp(key: string, value: string): Op<void> {
  yield* run(PUT_SETTING, { key, value });
}

export function setSetting(db: Db, key: string, value: string): void {
  runSync(db, setSettingOp(key, value));
}

/** The name recorded with every figure and progress entry (asked on first run, changed in 设置). */
export const OPERATOR_KEY = 'operator';
