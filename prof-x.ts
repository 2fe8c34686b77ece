import { exceljsBaseline } from './bench/cases/export-excel';
import { progressSheetBenchmark } from './bench/cases/export-excel';
import { buildProgressTable, type ProgressInput } from './shared/figures/progressTable';
import { buildProgress } from './electron/core/export/excel/progress';
import { writeXlsx } from './electron/core/export/excel/writeXlsx';
(async () => {
  const input = progressSheetBenchmark.setup!() as ProgressInput;
  for (let i = 0; i < 4; i++) {
    let t = performance.now(); await exceljsBaseline.run(exceljsBaseline.setup!()); const a = performance.now() - t;
    t = performance.now(); const table = buildProgressTable(input); const t1 = performance.now() - t;
    t = performance.now(); const built = buildProgress({ table }); const t2 = performance.now() - t;
    t = performance.now(); await writeXlsx([built.model], { title: built.title }); const t3 = performance.now() - t;
    console.log('base', a.toFixed(0), 'table', t1.toFixed(0), 'model', t2.toFixed(0), 'write', t3.toFixed(0), ((t1+t2+t3)/a).toFixed(2));
  }
})();
