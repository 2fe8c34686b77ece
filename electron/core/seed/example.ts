/**
 * The examples a new database can open with: 青云谱区 2022 (the default, a
 * district and its streets) and 南昌市 2022 (the city above it, its districts
 * and counties as sub-units; per-district targets generated, 示例数据).
 */
import qingyunpu from '../../../seeds/qingyunpu-2022.json';
import nanchang from '../../../seeds/nanchang-2022.json';
import type { Db } from '../db/open';
import { writeTxOp } from '../db/tx';
import { markExamplePlanOp } from '../db/repos/plans';
import { get, query, runSync, type Op } from '../store/query';
import { loadPlanSeedOp, type LoadedPlan } from './loadPlan';

export const EXAMPLE_NAME = 'seeds/qingyunpu-2022.json';

export const EXAMPLES = {
  'qingyunpu-2022': { file: 'seeds/qingyunpu-2022.json', seed: qingyunpu as unknown, label: '青云谱区 2022' },
  'nanchang-2022': { file: 'seeds/nanchang-2022.json', seed: nanchang as unknown, label: '南昌市 2022' },
} as const;
export type ExampleName = keyof typeof EXAMPLES;
export const DEFAULT_EXAMPLE: ExampleName = 'qingyunpu-2022';
export const isExampleName = (v: string): v is ExampleName => Object.prototype.hasOwnProperty.call(EXAMPLES, v);

const EXAMPLE_PLAN_FROM = query<{ id: number }, { source: string }>((qb, p) =>
  qb.selectFrom('plans').select('id').where('example', '=', 1).where('source', '=', p('source')).limit(1),
);

/** Whether the database holds that example's plan already (by its source document). */
export function* hasExampleOp(name: ExampleName): Op<boolean> {
  const source = (EXAMPLES[name].seed as { source: string }).source;
  return (yield* get(EXAMPLE_PLAN_FROM, { source })) !== undefined;
}

export function hasExample(db: Db, name: ExampleName): boolean {
  return runSync(db, hasExampleOp(name));
}

/**
 * Loads an example and marks its plan 示例, so every screen and export can say so. One write
 * transaction: writeTxOp on SQLite (loadExample), writeTxPgOp on PostgreSQL (store/postgres/core.ts).
 */
export function* loadExampleOp(name: ExampleName = DEFAULT_EXAMPLE): Op<LoadedPlan> {
  const { file, seed } = EXAMPLES[name];
  const loaded = yield* loadPlanSeedOp(seed, file);
  yield* markExamplePlanOp(loaded.planId);
  return loaded;
}

export function loadExample(db: Db, name: ExampleName = DEFAULT_EXAMPLE): LoadedPlan {
  return writeTxOp(db, loadExampleOp(name));
}

/** The example loaded unless the store holds it already — decided inside the one write transaction, so two starts at once load it once. */
export function* loadExampleIfMissingOp(name: ExampleName): Op<LoadedPlan | null> {
  if (yield* hasExampleOp(name)) return null;
  return yield* loadExampleOp(name);
}
