/**
 * `taizhang export pdf --summary [--unit NAME] --year Y [--plan ID] [--period P]
 * [--date YYYY-MM-DD] [--draft [--mark 征求意见稿]] --out FILE`: the 年度工作总结
 * (or the 上半年/前三季度… one, by --period) as a PDF (summary.pdf). Options,
 * checks, messages and JSON are those of every summary export (export-summary.ts).
 */
import { callOrThrow } from './command';
import type { ExportSubcommand } from './export';
import { runSummaryExport, SUMMARY_OPTIONS, summaryUsage } from './export-summary';

export const pdfExport: ExportSubcommand = {
  name: 'pdf',
  usage: summaryUsage('export pdf', '总结.pdf'),
  options: SUMMARY_OPTIONS,
  run: (ctx) =>
    runSummaryExport(ctx, {
      kind: 'PDF',
      outExample: '2022年工作总结.pdf',
      make: async (c, request) => callOrThrow(c.core, 'summary.pdf', request),
    }),
};
