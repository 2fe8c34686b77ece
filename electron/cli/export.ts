/**
 * `taizhang export <kind> …`: dispatches on the first positional to one
 * subcommand per file (export-excel.ts; the summary as export-pdf.ts and
 * export-word.ts, which share export-summary.ts). The options of every subcommand are merged so
 * the CLI's strict option parsing accepts them.
 */
import type { ParseArgsConfig } from 'node:util';
import type { CliCommand, CliContext } from './commands';
import { UsageError } from './output';
import { excelExport } from './export-excel';
import { pdfExport } from './export-pdf';
import { wordExport } from './export-word';

export interface ExportSubcommand {
  name: string;
  /** One line of usage, shown by `taizhang export` without a kind. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(ctx: CliContext): Promise<number>;
}

const SUBCOMMANDS: ExportSubcommand[] = [excelExport, pdfExport, wordExport];

const usage = () => SUBCOMMANDS.map((s) => s.usage).join('\n');

export const exportCommand: CliCommand = {
  name: 'export',
  summary: '导出报表（excel：附件1、附件2、完成情况统计表；pdf、word：年度工作总结）',
  usage: usage(),
  options: Object.assign({}, ...SUBCOMMANDS.map((s) => s.options)),
  async run(ctx) {
    const [kind, ...rest] = ctx.args;
    const sub = SUBCOMMANDS.find((s) => s.name === kind);
    if (!sub) throw new UsageError(kind ? `未知的导出类型“${kind}”。` : '请说明导出类型。');
    try {
      return await sub.run({ ...ctx, args: rest });
    } catch (err) {
      // A usage error names the subcommand's own usage; every failure is reported by the CLI's one path (failure.ts).
      if (err instanceof UsageError) err.usage ??= sub.usage;
      throw err;
    }
  },
};
