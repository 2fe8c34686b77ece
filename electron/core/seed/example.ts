/**
 * The examples a new database can open with: 青云谱区 2022 (the default, a
 * district and its streets) and 南昌市 2022 (the city above it, its districts
 * and counties as sub-units; per-district targets generated, 示例数据).
 */
import qingyunpu from '../../../seeds/qingyunpu-2022.json';
import nanchang from '../../../seeds/nanchang-2022.json';
import type { Db } from '../db/open';
import { writeTx } from '../db/tx';
import { loadPlanSeed, type LoadedPlan } from './loadPlan';

export const EXAMPLE_NAME = 'seeds/qingyunpu-2022.json';

export const EXAMPLES = {
  'qingyunpu-2022': { file: 'seeds/qingyunpu-2022.json', seed: qingyunpu as unknown, label: '青云谱区 2022' },
  'nanchang-2022': { file: 'seeds/nanchang-2022.json', seed: nanchang as unknown, label: '南昌市 2022' },
} as const;
export type ExampleName = keyof typeof EXAMPLES;
export const DEFAULT_EXAMPLE: ExampleName = 'qingyunpu-2022';
export const isExampleName = (v: string): v is ExampleName => Object.prototype.hasOwnProperty.call(EXAMPLES, v);

/** Whether the database holds that example's plan already (by its source document). */
export function hasExample(db: Db, name: ExampleName): boolean {
  const source = (EXAMPLES[name].seed as { source: string }).source;
  return db.prepare('SELECT 1 FROM plans WHERE example = 1 AND source = ?').pluck().get(source) === 1;
}

/** Loads an example and marks its plan 示例, so every screen and export can say so. */
export function loadExample(db: Db, name: ExampleName = DEFAULT_EXAMPLE): LoadedPlan {
  const { file, seed } = EXAMPLES[name];
  return writeTx(db, () => {
    const loaded = loadPlanSeed(db, seed, file);
    db.prepare('UPDATE plans SET example = 1 WHERE id = ?').run(loaded.planId);
    return loaded;
  });
}
