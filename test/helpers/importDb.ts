/**
 * Stores for the import tests. The tests of test/integration ask testStore.ts for theirs (both engines):
 * `storesClosedAfterEach` opens them and closes each after its test. What a browser test or a
 * SQLite-only test still opens as a file of its own — the example, the plan without its annexes, only
 * the units, and a dump of the file — is here too, filled by the same Ops as testStore.ts's stores.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import { openCore, type Core } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { writeTxOp } from '../../electron/core/db/tx';
import type { ApiMethod, ApiRequest, ApiResponse } from '../../shared/api/contract';
import { barePlanOp, FILLS, TEST_OPERATOR, testStore, type Fill, type TestStore } from './testStore';

/** The operator the import tests commit as (a commit needs one: targets are audited with it). */
export { TEST_OPERATOR };

/**
 * New stores on the project's engine (testStore.ts), each closed after the test that opened it: a
 * file of many tests keeps few connections to PostgreSQL open. Call once at the top of a test file.
 */
export function storesClosedAfterEach(): (fill?: Fill, options?: { operator?: string | null }) => Promise<TestStore> {
  const open: TestStore[] = [];
  afterEach(async () => {
    while (open.length) await open.pop()!.close();
  });
  return async (fill, options) => {
    const s = await testStore(fill, options);
    open.push(s);
    return s;
  };
}

/** Sets the operator name straight in the file (works while a core has it open). */
export function setOperator(dbPath: string, name = TEST_OPERATOR): void {
  const db = new Database(dbPath);
  try {
    db.prepare("INSERT INTO settings (key, value) VALUES ('operator', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(name);
  } finally {
    db.close();
  }
}

/** A file with the 青云谱区 2022 plan with its units, groups and goals, but no 附件1 tasks and no 附件2 breakdown; the operator set. */
export function openBarePlan(dbPath: string, operator: string | null = TEST_OPERATOR): Core {
  const { db } = openDb(dbPath);
  writeTxOp(db, barePlanOp());
  db.close();
  if (operator) setOperator(dbPath, operator);
  return openCore({ dbPath });
}

/** The example database file (the full 青云谱区 2022 plan), with the operator set. */
export function openExample(dbPath: string): Core {
  const core = openCore({ dbPath });
  setOperator(dbPath);
  return core;
}

/** A file with the 青云谱区 unit tree and its groups, but no plan at all (as after the last plan was deleted); the operator set. */
export function openUnitsOnly(dbPath: string, operator: string | null = TEST_OPERATOR): Core {
  const { db } = openDb(dbPath);
  writeTxOp(db, FILLS.unitsOnly());
  db.exec('DELETE FROM plans');
  db.close();
  if (operator) setOperator(dbPath, operator);
  return openCore({ dbPath });
}

export async function call<M extends ApiMethod>(core: Core, method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
  const r = await core.call(method, request);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as ApiResponse<M>;
}

/** Every row of every table of a SQLite file, as text: equal dumps mean nothing was written (a TestStore: testStore.ts dumpStore). */
export function dumpDb(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all()]));
  } finally {
    db.close();
  }
}

export const fileRequest = (file: string) => ({
  fileName: path.basename(file),
  dataBase64: fs.readFileSync(file).toString('base64'),
});
