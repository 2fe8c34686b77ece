/** The 青云谱区 2022 example that every new database opens with. */
import example from '../../../seeds/qingyunpu-2022.json';
import type { Db } from '../db/open';
import { loadPlanSeed, type LoadedPlan } from './loadPlan';

export const EXAMPLE_NAME = 'seeds/qingyunpu-2022.json';

export function loadExample(db: Db): LoadedPlan {
  return loadPlanSeed(db, example, EXAMPLE_NAME);
}
