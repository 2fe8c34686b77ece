/** Databases for the import tests: a plan without its annexes, a table dump to prove "nothing written". */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openCore, type Core } from '../../electron/core';
import { openDb } from '../../electron/core/db/open';
import { loadPlanSeed } from '../../electron/core/seed/loadPlan';
import type { ApiMethod, ApiRequest, ApiResponse } from '../../shared/api/contract';

const SEED = path.resolve(__dirname, '../../seeds/qingyunpu-2022.json');

/** The 青云谱区 2022 plan with its units, groups and goals, but no 附件1 tasks and no 附件2 breakdown. */
export function openBarePlan(dbPath: string): Core {
  const seed = JSON.parse(fs.readFileSync(SEED, 'utf8'));
  delete seed.breakdown;
  seed.actionLines = [];
  const { db } = openDb(dbPath);
  loadPlanSeed(db, seed, 'bare plan');
  db.close();
  return openCore({ dbPath });
}

/** The 青云谱区 unit tree and its groups, but no plan at all (as after the last plan was deleted). */
export function openUnitsOnly(dbPath: string): Core {
  const { db } = openDb(dbPath);
  loadPlanSeed(db, JSON.parse(fs.readFileSync(SEED, 'utf8')), 'units only');
  db.exec('DELETE FROM plans');
  db.close();
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
