/**
 * The rows of every exported sheet are written as XML straight into exceljs's
 * streaming worksheet (electron/core/export/excel/rowXml.ts) — for speed at
 * 2,000 × 40. This checks the files are exactly what exceljs writes through
 * its own Row and Cell objects for the same cells: every sheet the app
 * exports (附件1 and 附件2, district and one unit; 完成情况统计表 with figures,
 * 示例数据 marks, review marks; the 催报名单), also with hostile text (formula-like,
 * control characters, very long, XML-special), compared byte for byte —
 * the sheet, its shared strings, its styles and the workbook.
 */
import JSZip from 'jszip';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SheetModel } from '../../electron/core/export/excel/sheetModel';
import type { SheetRows } from '../../electron/core/export/excel/writeXlsx';
import type { RowCell } from '../../electron/core/export/excel/rowXml';
import { testStore } from '../helpers/testStore';
import { exportFixture, type ExportFixture } from './export-excel-helpers';

/** Every sheet model the core hands to the writer, as it writes it. */
const written: { models: SheetModel[]; meta: { title: string } }[] = [];
vi.mock('../../electron/core/export/excel/writeXlsx', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../electron/core/export/excel/writeXlsx')>();
  return {
    ...original,
    writeXlsx: (models: SheetModel[], meta: { title: string }, ...rest: unknown[]) => {
      written.push({ models, meta });
      return (original.writeXlsx as (...a: unknown[]) => Promise<Buffer>)(models, meta, ...rest);
    },
  };
});
// The writer itself, not the recording mock (comparing must not record).
const { writeXlsx } = await vi.importActual<typeof import('../../electron/core/export/excel/writeXlsx')>('../../electron/core/export/excel/writeXlsx');

/** The same rows through exceljs's own API: cells, values, styles, merges, height, commit — as the writer did before. */
function exceljsRows(_wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet): SheetRows {
  const merges: [number, number, number][] = [];
  return {
    merge: (number, from, to) => {
      merges.push([number, from, to]);
    },
    write(number: number, height: number | undefined, cells: RowCell[]) {
      const row = ws.getRow(number);
      for (const c of cells) {
        const cell = row.getCell(c.col);
        if (c.kind !== 'merged') cell.value = c.value;
        cell.style = c.style;
      }
      for (const [n, from, to] of merges.splice(0)) ws.mergeCells(n, from, n, to);
      row.height = height as number;
      row.commit();
    },
  };
}

const PARTS = ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', '[Content_Types].xml'];

async function parts(bytes: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const p of PARTS) out[p] = (await zip.file(p)?.async('string')) ?? '(missing)';
  return out;
}

let fx: ExportFixture;
beforeAll(async () => {
  fx = await exportFixture(await testStore('example'));
  // Figures for the 完成情况统计表, a 示例数据 note, and hostile text where users type.
  await fx.put('洪都街道', '技术合同成交额', '2022-09', 0.04);
  await fx.put('京山街道', '科技型中小企业', '2022-09', 12);
  const [{ id: first }] = await fx.s.rows<{ id: number }>('SELECT id FROM tasks ORDER BY id LIMIT 1');
  const long = '长'.repeat(40_000);
  await fx.s.run("UPDATE tasks SET content = ?, lead_text = '=1+1', responsible_text = ? WHERE id = ?", `<b>&"'\u0001\u0007 控制字符\r\n换行`, `@SUM(A1) ${long}`, first);
  await fx.exportSheet({ sheet: 'annex1' });
  await fx.exportSheet({ sheet: 'annex1', unitId: fx.unit['洪都街道'] });
  await fx.exportSheet({ sheet: 'annex2' });
  await fx.exportSheet({ sheet: 'annex2', unitId: fx.unit['京山街道'] });
  await fx.exportSheet({ sheet: 'progress', period: '2022-09' });
  await fx.exportSheet({ sheet: 'progress', period: '2022-09', unitId: fx.unit['洪都街道'] });
  const r = await fx.s.core.call('entry.remindersExport', { planId: fx.planId, period: '2022-09' });
  if (!r.ok) throw new Error(r.error.message);
}, 120_000);
afterAll(async () => {
  await fx?.close();
});

describe('rows written as XML are the rows exceljs writes', () => {
  it('every exported sheet, byte for byte', async () => {
    expect(written.map((w) => w.meta.title)).toHaveLength(7); // 附件1 ×2, 附件2 ×2, 统计表 ×2, 催报名单
    for (const { models, meta } of written) {
      const ours = await parts(await writeXlsx(models, meta));
      const theirs = await parts(await writeXlsx(models, meta, exceljsRows));
      for (const p of PARTS) expect(ours[p], `${meta.title}: ${p}`).toBe(theirs[p]);
    }
    // What the sheets hold, so the comparison covers it: merged titles, numbers, shared text, the hostile text kept as text.
    const all = await Promise.all(written.map(async ({ models, meta }) => (await parts(await writeXlsx(models, meta)))['xl/worksheets/sheet1.xml']));
    expect(all.every((x) => x.includes('<mergeCell '))).toBe(true);
    expect(all.some((x) => /<c r="[A-Z]+\d+" s="\d+"><v>12<\/v><\/c>/.test(x))).toBe(true);
    const strings = (await parts(await writeXlsx(written[0].models, written[0].meta)))['xl/sharedStrings.xml'];
    expect(strings).toContain('=1+1');
    expect(strings).toContain('&lt;b&gt;&amp;');
  });
});
