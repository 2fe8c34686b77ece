/** Databases for the import tests: a plan without its annexes, a table dump to prove "nothing written". */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openCore, type Core } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { loadPlanSeed } from '../../electron/core/seed/loadPlan';
import type { ApiMethod, ApiRequest, ApiResponse } from '../../shared/api/contract';

const SEED = path.resolve(__dirname, '../../seeds/qingyunpu-2022.json');

/** The operator the import tests commit as (a commit needs one: targets are audited with it). */
export const TEST_OPERATOR = '测试员';

/** Sets the operator name straight in the file (works while a core has it open). */
export function setOperator(dbPath: string, name = TEST_OPERATOR): void {
  const db = new Database(dbPath);
  try {
    db.prepare("INSERT INTO settings (key, value) VALUES ('operator', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(name);
  } finally {
    db.close();
  }
}

/** The 青云谱区 2022 plan with its units, groups and goals, but no 附件1 tasks and no 附件2 breakdown; the operator set. */
export function openBarePlan(dbPath: string, operator: string | null = TEST_OPERATOR): Core {
  const seed = JSON.parse(fs.readFileSync(SEED, 'utf8'));
  delete seed.breakdown;
  seed.actionLines = [];
  const { db } = openDb(dbPath);
  loadPlanSeed(db, seed, 'bare plan');
  db.close();
  if (operator) setOperator(dbPath, operator);
  return openCore({ dbPath });
}

/** The example database (the full 青云谱区 2022 plan), with the operator set. */
export function openExample(dbPath: string): Core {
  const core = openCore({ dbPath });
  setOperator(dbPath);
  return core;
}

/** The 青云谱区 unit tree and its groups, but no plan at all (as after the last plan was deleted); the operator set. */
export function openUnitsOnly(dbPath: string, operator: string | null = TEST_OPERATOR): Core {
  const { db } = openDb(dbPath);
  loadPlanSeed(db, JSON.parse(fs.readFileSync(SEED, 'utf8')), 'units only');
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

/** Every row of every table, as text: equal dumps mean nothing was written. */
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
