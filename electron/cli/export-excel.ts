/**
 * `taizhang export excel --sheet annex1|annex2|progress [--unit NAME]
 * [--period P] [--plan ID] --out FILE`: calls export.excel and writes the
 * bytes it returns. The file appears whole or not at all (written beside
 * the target, then renamed).
 */
import path from 'node:path';
import { EXCEL_SHEETS, EXCEL_SHEET_LABEL, type ExcelSheet } from '../../shared/api/methods/export';
import { optionText as str, UsageError, writeWhole } from './output';
import { planIdOf, unitIdOf } from './lookup';
import { callOrThrow } from './command';
import type { ExportSubcommand } from './export';

const USAGE = 'taizhang export excel --sheet annex1|annex2|progress [--unit 单位名称] [--period 2022-09] [--plan 计划编号] --out 文件.xlsx';

export const excelExport: ExportSubcommand = {
  name: 'excel',
  usage: USAGE,
  options: {
    sheet: { type: 'string' },
    unit: { type: 'string' },
    period: { type: 'string' },
    plan: { type: 'string' },
    out: { type: 'string', short: 'o' },
  },
  async run(ctx) {
    const o = ctx.options ?? {};
    const sheet = str(o.sheet);
    const out = str(o.out);
    if (!sheet || !(EXCEL_SHEETS as readonly string[]).includes(sheet)) {
      throw new UsageError(`${sheet ? `未知的报表“${sheet}”。` : '请用 --sheet 选择报表。'}可选：${EXCEL_SHEETS.map((s) => `${s}（${EXCEL_SHEET_LABEL[s]}）`).join('、')}。`);
    }
    if (!out) throw new UsageError('请用 --out 指定要写入的文件，例如 --out 附件1.xlsx。');
    if (sheet === 'progress' && !str(o.period)) throw new UsageError('导出完成情况统计表需要 --period，例如 --period 2022-09（1-9月）、2022Q3 或 2022。');
    const planId = await planIdOf(ctx, str(o.plan));
    const unitId = await unitIdOf(ctx, str(o.unit));
    const result = await callOrThrow(ctx.core, 'export.excel', {
      planId,
      sheet: sheet as ExcelSheet,
      ...(str(o.period) ? { period: str(o.period) } : {}),
      ...(unitId ? { unitId } : {}),
    });
    const file = path.resolve(out);
    const bytes = Buffer.from(result.base64, 'base64');
    writeWhole(file, bytes); // a full disk or a locked file is said by the CLI's one failure path (failure.ts)
    if (ctx.json) {
      ctx.io.out(JSON.stringify({ ok: true, file, fileName: result.fileName, title: result.title, sheet: result.sheet, bytes: bytes.byteLength }));
    } else {
      ctx.io.out(`已导出${EXCEL_SHEET_LABEL[result.sheet]}“${result.title}”：${file}（${(bytes.byteLength / 1024).toFixed(1)} KB）`);
    }
    return 0;
  },
};
