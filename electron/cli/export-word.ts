/**
 * `taizhang export word --summary [--unit NAME] --year Y [--plan ID] [--period P]
 * [--date YYYY-MM-DD] [--draft [--mark 征求意见稿]] --out FILE`: the same
 * 年度工作总结 as `export pdf`, as a Word document (.docx, summary.docx) set up
 * for editing in Word or WPS. Options, checks, messages and JSON are those of
 * `export pdf` (export-summary.ts); "pages" is null (Word paginates).
 */
import { callOrThrow } from './command';
import type { ExportSubcommand } from './export';
import { runSummaryExport, SUMMARY_OPTIONS, summaryUsage } from './export-summary';

export const wordExport: ExportSubcommand = {
  name: 'word',
  usage: summaryUsage('export word', '总结.docx'),
  options: SUMMARY_OPTIONS,
  run: (ctx) =>
    runSummaryExport(ctx, {
      kind: 'Word文档',
      outExample: '2022年工作总结.docx',
      make: async (c, request) => ({ ...(await callOrThrow(c.core, 'summary.docx', request)), pages: null }),
    }),
};
