import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { progressSheetBenchmark, exceljsBaseline } from '/work/main/bench/cases/export-excel';
import { buildProgressTable, type ProgressInput } from '/work/main/shared/figures/progressTable';
import { buildProgress } from '/work/main/electron/core/export/excel/progress';
import { writeXlsx } from '/work/main/electron/core/export/excel/writeXlsx';
const input = (progressSheetBenchmark.setup as () => ProgressInput)();
const model = (exceljsBaseline.setup as () => any)();
const style = { font: { name: '仿宋_GB2312', size: 12 }, alignment: { horizontal: 'right', vertical: 'middle' }, border: { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }, numFmt: '0.00' } as any;
async function styled() {
  const stream = new PassThrough(); const chunks: Buffer[] = []; stream.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet('x');
  model.rows.forEach((row: any, r: number) => { const x = ws.getRow(r + 1); row.cells.forEach((c: any, i: number) => { if (c) { const cell = x.getCell(i + 1); cell.value = c.value; cell.style = style; } }); x.height = 20; x.commit(); });
  ws.commit(); await wb.commit();
}
const t = async (f: () => Promise<unknown>) => { const s = performance.now(); await f(); return performance.now() - s; };
for (let k = 0; k < 5; k++) {
  const a = await t(() => exceljsBaseline.run(model) as Promise<unknown>);
  const b = await t(styled);
  const c = await t(async () => { const built = buildProgress({ table: buildProgressTable(input) }); await writeXlsx([built.model], { title: built.title }); });
  console.log('values', a.toFixed(0), 'styled(one style)', b.toFixed(0), (b / a).toFixed(2), 'ours', c.toFixed(0), (c / a).toFixed(2));
}
