/**
 * `taizhang export <kind> …`: dispatches on the first positional to one
 * subcommand per file (export-excel.ts; the summary as export-pdf.ts and
 * export-word.ts, which share export-summary.ts). The options of every
 * subcommand are merged so the CLI's strict option parsing accepts them; then
 * an option the chosen subcommand does not take (`export excel --year 2022`)
 * is refused as wrong usage rather than silently ignored.
 */
import type { ParseArgsConfig } from 'node:util';
import type { CliCommand, CliContext } from './command';
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

/** The global options every command takes (--db, --json, --operator …), declared in main.ts. */
const GLOBAL_OPTION_NAMES = new Set(['db', 'json', 'help', 'version', 'operator', 'empty']);

/** The options the user actually wrote: set, and not just a boolean's default of false. */
function givenOptions(options: Record<string, unknown>): string[] {
  return Object.entries(options)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k]) => k);
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: '导出报表（excel：附件1、附件2、完成情况统计表；pdf、word：年度工作总结）',
  usage: usage(),
  options: Object.assign({}, ...SUBCOMMANDS.map((s) => s.options)),
  // plans.list, units.directory, export.excel, summary.pdf and summary.docx run on PostgreSQL too (store/postgres/core.ts).
  postgres: true,
  async run(ctx) {
    const [kind, ...rest] = ctx.args;
    const sub = SUBCOMMANDS.find((s) => s.name === kind);
    if (!sub) throw new UsageError(kind ? `未知的导出类型“${kind}”。` : '请说明导出类型。');
    const foreign = givenOptions(ctx.options ?? {}).filter((name) => !(name in sub.options) && !GLOBAL_OPTION_NAMES.has(name));
    if (foreign.length) {
      throw new UsageError(`export ${sub.name} 不接受选项 ${foreign.map((n) => `--${n}`).join('、')}。`, sub.usage);
    }
    try {
      return await sub.run({ ...ctx, args: rest });
    } catch (err) {
      // A usage error names the subcommand's own usage; every failure is reported by the CLI's one path (failure.ts).
      if (err instanceof UsageError) err.usage ??= sub.usage;
      throw err;
    }
  },
};
