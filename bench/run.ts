/**
 * `npm run bench [-- --runs N] [--json] [--only TEXT]`: speed goals live here, never in timed tests.
 */
import { formatResults, runAll } from './harness';
import { databaseBenchmarks, sqliteBaseline } from './cases/database';
import { entryBenchmarks } from './cases/entry';
import { exportExcelBenchmarks } from './cases/export-excel';
import { summaryBenchmarks } from './cases/summary-pdf';
import { importBenchmarks } from './cases/import';
import { noticeBenchmarks } from './cases/import-notice';
import { backupBenchmarks } from './cases/backup';
import { hostileBenchmarks } from './cases/import-hostile';
import { closeDashboardBench, dashboardBenchmarks } from './cases/dashboard';
import { cliBenchmarks } from './cases/cli';
import { targetBenchmarks } from './cases/targets';
import { levelsBenchmarks } from './cases/levels';
import { serveBenchmarks } from './cases/serve-load';

const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 9;

const only = args.indexOf('--only');
const all = [
  ...databaseBenchmarks,
  ...cliBenchmarks,
  ...importBenchmarks,
  ...noticeBenchmarks,
  ...hostileBenchmarks,
  ...entryBenchmarks,
  ...targetBenchmarks,
  ...exportExcelBenchmarks,
  ...summaryBenchmarks,
  ...backupBenchmarks,
  ...dashboardBenchmarks,
  ...levelsBenchmarks,
  ...serveBenchmarks,
];
// `--only TEXT` runs the benchmarks whose name contains TEXT (their baselines run too).
const benchmarks = only >= 0 ? all.filter((b) => b.name.includes(args[only + 1])) : all;
const results = await runAll(benchmarks, sqliteBaseline, runs);
await closeDashboardBench();
if (args.includes('--json')) console.log(JSON.stringify(results, null, 2));
else {
  console.log(`Taizhang bench — Node ${process.version}, ${runs} runs each, median\n`);
  console.log(formatResults(results));
}
