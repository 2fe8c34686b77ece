/**
 * What `taizhang export pdf --summary` and `taizhang export word --summary`
 * share — the same options, checks, request, messages and JSON, one
 * document in two formats (export-pdf.ts, export-word.ts):
 *
 *   [--unit NAME] --year Y [--plan ID] [--period P] [--date YYYY-MM-DD]
 *   [--draft [--mark 征求意见稿|草稿]] --out FILE
 *
 * The file is written whole or not at all (beside the target, then
 * renamed). Sections with nothing written are left out, and said so on
 * stderr; --draft includes them, marked, with 草稿 (or the --mark) under
 * the title. Failures go through the CLI's one path (failure.ts): a wrong
 * option is a UsageError, the core's refusals escape as ApiError.
 */
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { optionText as str, UsageError, writeWhole } from './output';
import { planIdOf, unitIdOf } from './lookup';
import type { CliContext } from './command';
import { setPdfJobMode } from '../core/jobs/summaryPdfJob';
import { DRAFT_MARKS, type DraftMark } from '../../shared/summary/document';
import type { SectionKey } from '../../shared/summary/outline';

export const SUMMARY_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  summary: { type: 'boolean' },
  unit: { type: 'string' },
  year: { type: 'string' },
  period: { type: 'string' },
  plan: { type: 'string' },
  date: { type: 'string' },
  draft: { type: 'boolean' },
  mark: { type: 'string' },
  out: { type: 'string', short: 'o' },
};

/** The options after the command's name ("taizhang export pdf"), ending with the output file's example name. */
export const summaryUsage = (command: string, outExample: string) =>
  `taizhang ${command} --summary [--unit 单位名称] --year 2022 [--period 2022|2022Q2] [--plan 计划编号] [--date 2023-01-10] [--draft [--mark 征求意见稿|草稿]] --out ${outExample}`;

export interface SummaryFile {
  fileName: string;
  base64: string;
  sampleData: boolean;
  unwritten: SectionKey[];
  unwrittenTitles: string[];
  draft: DraftMark | null;
  /** The PDF's page count; null for a Word document (Word paginates when it opens the file). */
  pages: number | null;
}

export interface SummaryExport {
  /** What the file is, in the messages: "PDF" / "Word文档". */
  kind: string;
  /** An example file name for --out, shown when it is missing. */
  outExample: string;
  /** Calls the API method that makes the file. */
  make(ctx: CliContext, request: SummaryRequest): Promise<SummaryFile>;
}

export interface SummaryRequest {
  planId: number;
  unitId?: number;
  year?: number;
  period?: string;
  today?: string;
  draft?: DraftMark;
}

/** Reads and checks the options, asks the core for the file, writes it and reports; exit status 0. */
export async function runSummaryExport(ctx: CliContext, format: SummaryExport): Promise<number> {
  const o = ctx.options ?? {};
  // No window to keep responsive here: lay out in this thread, without starting a worker.
  setPdfJobMode('inline');
  if (!o.summary) throw new UsageError(`目前可导出的${format.kind}只有年度工作总结，请加上 --summary。`);
  const out = str(o.out);
  if (!out) throw new UsageError(`请用 --out 指定要写入的文件，例如 --out ${format.outExample}。`);
  const yearText = str(o.year);
  if (yearText && !/^\d{4}$/.test(yearText)) throw new UsageError(`年份“${yearText}”不正确，应写作 --year 2022。`);
  const year = yearText ? Number(yearText) : undefined;
  const date = str(o.date);
  if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`日期“${date}”不正确，应写作 --date 2023-01-10。`);
  const mark = str(o.mark);
  if (mark && !(DRAFT_MARKS as readonly string[]).includes(mark)) throw new UsageError(`草稿标记“${mark}”不正确，应为 ${DRAFT_MARKS.join(' 或 ')}。`);
  const draft = mark ? (mark as DraftMark) : o.draft ? '草稿' : undefined;
  const planId = await planIdOf(ctx, str(o.plan), year);
  const unitId = await unitIdOf(ctx, str(o.unit));
  const started = Date.now();
  const result = await format.make(ctx, {
    planId,
    ...(unitId ? { unitId } : {}),
    ...(year ? { year } : {}),
    ...(str(o.period) ? { period: str(o.period) } : {}),
    ...(date ? { today: date } : {}),
    ...(draft ? { draft } : {}),
  });
  const file = path.resolve(out);
  const bytes = Buffer.from(result.base64, 'base64');
  writeWhole(file, bytes); // a full disk or a locked file is said by the CLI's one failure path (failure.ts)
  if (result.unwritten.length && !ctx.json) {
    const names = result.unwrittenTitles.join('、');
    ctx.io.err(result.draft ? `以下部分尚未填写，已按${result.draft}标注印出：${names}。` : `以下部分尚未填写，未印入总结：${names}。填写后重新生成，或加 --draft 带标注印出。`);
  }
  if (ctx.json) {
    ctx.io.out(
      JSON.stringify({
        ok: true,
        file,
        fileName: result.fileName,
        pages: result.pages,
        bytes: bytes.byteLength,
        sampleData: result.sampleData,
        unwritten: result.unwritten,
        draft: result.draft,
        ms: Date.now() - started,
      }),
    );
  } else {
    const size = `${(bytes.byteLength / 1024).toFixed(1)} KB`;
    const facts = [...(result.pages != null ? [`${result.pages} 页`] : []), size, ...(result.sampleData ? ['含示例数据'] : [])];
    ctx.io.out(`已生成年度工作总结${format.kind === 'PDF' ? '' : `（${format.kind}）`}：${file}（${facts.join('，')}）`);
  }
  return 0;
}
