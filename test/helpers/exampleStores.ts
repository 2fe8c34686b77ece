/**
 * The store most engines tests start from (issue 22): the 青云谱区 example
 * with months of generated 示例数据 (dashboardSample.ts), written by the same
 * Ops to a SQLite file or a PostgreSQL store, so both hold the same rows.
 */
import { loadExampleOp } from '../../electron/core/seed/example';
import { writeSampleMonthsOp } from './dashboardSample';
import type { EngineStore } from './engines';

/** The example plus 2022's months 1..`months` of sample figures and progress, stamped `at`; the plan's id. */
export async function writeExampleWithSamples(s: EngineStore, months: number, at: string): Promise<number> {
  const { planId } = await s.store.write(loadExampleOp('qingyunpu-2022'));
  await s.store.write(writeSampleMonthsOp(2022, months, at));
  return planId;
}

/** The codes the seed leaves out are random (repos/units.ts newCode): made the same on both stores, so views compare whole. */
export async function sameRandomCodes(s: EngineStore): Promise<void> {
  await s.sql(`UPDATE units SET code = 'T' || id WHERE code LIKE 'U%'`);
  await s.sql(`UPDATE indicators SET code = 'T' || id WHERE code LIKE 'I%'`);
}
