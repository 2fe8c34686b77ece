/** The 青云谱区 2022 example that every new database opens with. */
import example from '../../../seeds/qingyunpu-2022.json';
import type { Db } from '../db/open';
import { writeTx } from '../db/tx';
import { loadPlanSeed, type LoadedPlan } from './loadPlan';

export const EXAMPLE_NAME = 'seeds/qingyunpu-2022.json';

/** Loads the example and marks its plan 示例, so every screen and export can say so. */
export function loadExample(db: Db): LoadedPlan {
  return writeTx(db, () => {
    const loaded = loadPlanSeed(db, example, EXAMPLE_NAME);
    db.prepare('UPDATE plans SET example = 1 WHERE id = ?').run(loaded.planId);
    return loaded;
  });
}
