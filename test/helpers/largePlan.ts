/**
 * A synthetic plan at the scale the entry grid promises (2,000 units × 40
 * indicators), written straight into a database file. Not sample data shown
 * to users: it lives only in test and bench temp databases.
 */
import { openDb } from '../../electron/core/db/open';
import { insertIndicator, upsertTarget } from '../../electron/core/db/repos/indicators';
import { insertPlan } from '../../electron/core/db/repos/plans';
import { insertUnit } from '../../electron/core/db/repos/units';

export interface LargePlan {
  planId: number;
  districtId: number;
  unitIds: number[];
  indicatorIds: number[];
}

export interface LargePlanOptions {
  units?: number;
  indicators?: number;
  /** Monthly periods of 2022 to fill with a figure for every unit × indicator (e.g. ['2022-08', '2022-09']). */
  filledPeriods?: string[];
}

export function buildLargePlan(dbPath: string, options: LargePlanOptions = {}): LargePlan {
  const unitCount = options.units ?? 2000;
  const indicatorCount = options.indicators ?? 40;
  const { db } = openDb(dbPath);
  try {
    return db.transaction((): LargePlan => {
      const districtId = insertUnit(db, { name: '压力测试区', kind: 'district', parentId: null, sortOrder: 0 });
      const unitIds = Array.from({ length: unitCount }, (_, i) =>
        insertUnit(db, { name: `测试街道${String(i + 1).padStart(4, '0')}`, kind: 'street', parentId: districtId, sortOrder: i + 1 }),
      );
      const planId = insertPlan(db, {
        unitId: districtId,
        title: '压力测试工作要点',
        yearStart: 2022,
        yearEnd: 2022,
        docNumber: null,
        issuedOn: null,
        issuer: null,
        source: null,
      });
      const indicatorIds: number[] = [];
      for (let j = 0; j < indicatorCount; j++) {
        const id = insertIndicator(db, {
          planId,
          name: `测试指标${String(j + 1).padStart(2, '0')}`,
          measureUnit: '家',
          aggregation: 'sum',
          frequency: 'monthly',
          decimals: 0,
          sortOrder: j,
          wording: null,
          wordingText: null,
          baseline: null,
          decomposed: true,
        });
        indicatorIds.push(id);
        for (const unitId of unitIds) upsertTarget(db, { indicatorId: id, unitId, value: 10, valueMax: null });
      }
      const insert = db.prepare(
        `INSERT INTO figures (indicator_id, unit_id, period, value, note, entered_by, entered_at)
         VALUES (?, ?, ?, ?, NULL, '压力测试', '2022-10-01T00:00:00.000Z')`,
      );
      (options.filledPeriods ?? []).forEach((period, p) => {
        indicatorIds.forEach((indicatorId, j) =>
          // Spread values so rates and ranks differ between units; later months are higher (cumulative).
          unitIds.forEach((unitId, i) => insert.run(indicatorId, unitId, period, 1 + ((i * 7 + j * 3) % 9) + p)),
        );
      });
      return { planId, districtId, unitIds, indicatorIds };
    })();
  } finally {
    db.close();
  }
}
