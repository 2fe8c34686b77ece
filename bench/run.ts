/**
 * `npm run bench [-- --runs N] [--only TEXT] [--json]`: speed goals live here, never in timed tests.
 * `--only summary` runs the benchmarks whose name contains the text (the baseline always runs).
 */
import { formatResults, runAll } from './harness';
import { databaseBenchmarks, sqliteBaseline } from './cases/database';
import { entryBenchmarks } from './cases/entry';
import { exportExcelBenchmarks } from './cases/export-excel';
import { summaryBenchmarks } from './cases/summary-pdf';
import { importBenchmarks } from './cases/import';

const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 9;

const onlyArg = args.indexOf('--only');
const only = onlyArg >= 0 ? args[onlyArg + 1] : null;

const benchmarks = [
  ...databaseBenchmarks,
  ...importBenchmarks,
  ...entryBenchmarks,
  ...exportExcelBenchmarks,
  ...summaryBenchmarks,
].filter((b) => !only || b.name.includes(only));
const results = await runAll(benchmarks, sqliteBaseline, runs);
if (args.includes('--json')) console.log(JSON.stringify(results, null, 2));
else {
  console.log(`Taizhang bench — Node ${process.version}, ${runs} runs each, median\n`);
  console.log(formatResults(results));
}
