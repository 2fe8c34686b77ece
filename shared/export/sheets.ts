/**
 * The Excel tables 报表导出 makes, and their names as the screens show them.
 * Apart from the API's schemas (shared/api/methods/export.ts) so the window
 * can name them without loading zod and every method's schema at start-up.
 */
export const EXCEL_SHEETS = ['annex1', 'annex2', 'progress'] as const;
export type ExcelSheet = (typeof EXCEL_SHEETS)[number];

export const EXCEL_SHEET_LABEL: Record<ExcelSheet, string> = {
  annex1: '附件1 任务分解表',
  annex2: '附件2 指导性任务分解表',
  progress: '完成情况统计表',
};
