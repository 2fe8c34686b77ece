/**
 * What the issue asks of the data behind the documents, end to end on real
 * stores (SQLite files, or PostgreSQL in the `postgres` project: testStore.ts):
 * - 附件2 pasted from the issued notice (003's own text, with the spaces its
 *   PDF extraction left: "2022 年高新技术 企业数量 (家)") keeps its column
 *   headers, and the exported 附件2 prints them, numbers as written;
 * - the 完成情况统计表 follows the one rule for a goal the plan keeps at the
 *   district: two streets report one platform each, the district shows 2;
 * - 工作思路 is pre-filled from next year's plan when the database has one.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { writeFigureOp } from '../../electron/core/db/repos/figures';
import { loadPlanSeedOp } from '../../electron/core/seed/loadPlan';
import { prefillForOp, resolveSummaryTargetOp } from '../../electron/core/export/pdf/summaryData';
import { call } from '../helpers/importDb';
import { exampleIdsOp } from '../helpers/summaryFixtures';
import { testStore, type Fill, type TestStore } from '../helpers/testStore';

const documentText = fs.readFileSync(new URL('../../seeds/documents/003_qingyunpu_2022.txt', import.meta.url), 'utf8');
/** 003's 附件2 exactly as the document's text has it: title, header row, eight rows. */
const annex2Text = documentText.slice(documentText.indexOf('2022 年有关科技创新指导性任务分解表'), documentText.indexOf('青云谱区人民政府办公室\n\n2022年6月16日'));

let s: TestStore | null = null;
/** The test's store, closed after it. */
async function store(fill: Fill): Promise<TestStore> {
  s = await testStore(fill);
  return s;
}
afterEach(async () => {
  await s?.close();
  s = null;
});

async function annex2Rows(c: Core, planId: number): Promise<unknown[][]> {
  const x = await call(c, 'export.excel', { planId, sheet: 'annex2' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('附件2 headers as the notice issued them', () => {
  it('a pasted 附件2 keeps its headers, cleaned of extraction spaces, and the export prints them', async () => {
    const { core } = await store('barePlan');
    const planId = (await call(core, 'plans.list', {}))[0].id;
    expect(annex2Text).toContain('2022 年高新技术 企业数量 (家)');
    const out = await call(core, 'import.commit', { fileName: '附件2.txt', text: annex2Text });
    expect(out.committed).toBe(true);
    const rows = await annex2Rows(core, planId);
    expect(rows[2]).toEqual(['县区', '科技型中小企业', '2022年高新技术企业数量\n（家）', '2022年技术合同成交额\n（亿元）']);
    expect(rows[3]).toEqual(['青云谱区', 140, 76, 7]);
    expect(rows[5]).toEqual(['洪都街道', 8, 4, 0.05]);
  });
});

describe('the one rule in the 完成情况统计表', () => {
  it('two streets report one 新增研发平台 each: the district row shows 2, as the summary does', async () => {
    const s = await store('example');
    const { core } = s;
    const ids = await s.store.read(exampleIdsOp());
    for (const u of ['三家店街道', '洪都街道']) {
      await s.store.write(writeFigureOp({ indicatorId: ids.indicator['新增市级以上研发平台和创新载体'], unitId: ids.unit[u], period: '2022', value: 1, by: '测试员' }));
    }
    const x = await call(core, 'export.excel', { planId: ids.plan, sheet: 'progress', period: '2022' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    let section = -1;
    ws.eachRow((row, r) => {
      if (section < 0 && String(row.getCell(1).value).includes('新增市级以上研发平台和创新载体')) section = r;
    });
    expect(section).toBeGreaterThan(0);
    let district: unknown[] | null = null;
    for (let r = section + 1; r <= ws.rowCount && !district; r++) {
      const values = (ws.getRow(r).values as unknown[]).slice(1);
      if (values[0] === '青云谱区' || String(values[0]).startsWith('青云谱区')) district = values;
    }
    expect(district).not.toBeNull();
    expect(district![2]).toBe(2);
  });
});

describe('工作思路 from next year’s plan', () => {
  it('a 2023 plan of the same district: its goals and action lines, not the 2022 leftovers', async () => {
    const s = await store('example');
    const seed = JSON.parse(fs.readFileSync(new URL('../../seeds/qingyunpu-2022.json', import.meta.url), 'utf8'));
    seed.plan = { ...seed.plan, title: '2023年青云谱区科技创新工作要点（测试用）', yearStart: 2023, yearEnd: 2023, docNumber: null };
    seed.goals = [{ ...seed.goals[4], wording: '技术合同成交额突破8亿元' }];
    seed.actionLines = [seed.actionLines[1]];
    delete seed.breakdown;
    seed.source = 'test';
    await s.store.write(loadPlanSeedOp(seed, 'test'));
    const planId = (await s.store.read(exampleIdsOp())).plan; // the 2022 plan comes first
    const { nextYear } = await s.store.read(
      (function* () {
        return yield* prefillForOp(yield* resolveSummaryTargetOp(planId));
      })(),
    );
    expect(nextYear).toEqual([
      { level: 0, text: '2023年，将按照《2023年青云谱区科技创新工作要点（测试用）》的部署，重点抓好以下工作。' },
      { level: 2, text: '2023年工作目标' },
      { level: 3, text: '力争技术合同成交额突破8亿元。' },
      { level: 2, text: '重点工作' },
      { level: 3, text: '科技创新平台增量升级行动。年营收3亿元以上工业企业研发机构全覆盖；打造专业化创新载体。' },
    ]);
  });
});
