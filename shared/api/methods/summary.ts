/**
 * 年度工作总结 (year-end summary, and 上半年/前三季度… ones): the written
 * sections per plan, unit and period; their pre-fill from task progress and
 * the figures; the document for the in-app preview; and the PDF and the Word
 * document (.docx) made from that same document, returned as base64 like
 * every export. A section left unwritten is left out of both, unless they
 * are made as a draft (征求意见稿/草稿), marked.
 */
import { z } from 'zod';
import { isIsoDate } from '../../dates';
import { method } from '../method';
import { DRAFT_MARKS, type DraftMark, type SummaryDocument } from '../../summary/document';
import type { SectionKey, SummarySections } from '../../summary/outline';
import type { Unit } from '../../model/units';
import { planId } from './plan';
import { periodSchema } from './figures';

export const PDF_MIME = 'application/pdf';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const unitId = z.number().int().positive().optional();
const year = z.number().int().min(1900).max(2100).optional();

const paragraph = z
  .object({
    level: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { message: '段落层级应为 0（正文）到 4（（1））' }),
    text: z.string().max(5000, { message: '一段文字不能超过5000字，请分段' }),
  })
  .strict();

const sections = z
  .object({
    highlights: z.array(paragraph).max(500),
    problems: z.array(paragraph).max(500),
    nextYear: z.array(paragraph).max(500),
  })
  .strict();

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期应写作 2023-01-10' })
  .refine(isIsoDate, { message: '这一天不存在，请检查月份和日期' });

/** What the editor shows: the stored sections, or the pre-fill when nothing was saved. */
export interface SummaryEditorView {
  planId: number;
  unit: Unit;
  year: number;
  /** The summary's period: "2022" (year end), "2022Q2" (上半年)… */
  period: string;
  /** Stored title/issuer/成文日期; null means the default below is used. */
  title: string | null;
  issuer: string | null;
  datedOn: string | null;
  /** The defaults: title from the unit and period, the issuer's full name, the 成文日期 for the period. */
  defaults: { title: string; issuer: string; datedOn: string };
  sections: SummarySections;
  /** Sections with nothing written: left out of the PDF unless it is printed as a draft. */
  unwritten: SectionKey[];
  /** False when the sections come from the pre-fill and were never saved. */
  saved: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface SummaryPreview {
  document: SummaryDocument;
  /** SVG of each chart block, in document order. */
  charts: string[];
}

/** What each file of the summary (PDF, Word) says about its content, besides the file itself. */
export interface SummaryFileContent {
  fileName: string;
  byteLength: number;
  /** The file, base64. */
  base64: string;
  sampleData: boolean;
  /** Sections left out (or, in a draft, included marked) because nothing was written in them. */
  unwritten: SectionKey[];
  /** Their titles as the document names them: "亮点工作", "2023年工作思路". */
  unwrittenTitles: string[];
  draft: DraftMark | null;
}

export interface SummaryPdf extends SummaryFileContent {
  mimeType: typeof PDF_MIME;
  pages: number;
}

/** The summary as a Word document: the same content as the PDF, set up for editing in Word or WPS (Word paginates it). */
export interface SummaryDocx extends SummaryFileContent {
  mimeType: typeof DOCX_MIME;
}

/** "2022" (year end, the default), "2022Q2" (上半年), "2022Q3" (前三季度), "2022-10" (1-10月). */
const target = { planId, unitId, year, period: periodSchema.optional() };

/** Print with unwritten sections, marked, and this mark under the title. */
const draft = z.enum(DRAFT_MARKS, { message: '草稿标记应为“征求意见稿”或“草稿”' }).optional();

/**
 * Progress of a long job, pushed as the `job.progress` event while it runs.
 * `jobId` is the one the request carried (the window that asked matches on
 * it) or one the core made up; `done` rises to `total`, and the last event
 * of a job that succeeded has done === total (stage 已完成).
 */
export interface JobProgress {
  jobId: string;
  kind: 'summary.pdf' | 'summary.docx';
  /** What is happening now, in Chinese: 正在计算指标, 正在绘制图表, 正在排版, 正在写入PDF (正在写入Word文档), 已完成. */
  stage: string;
  done: number;
  total: number;
}

/** A client-made id for matching `job.progress` events to the request that started the job. */
const jobId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, { message: '任务编号只能包含字母、数字和 . _ : -' })
  .optional();

export const summaryMethods = {
  'summary.get': method<SummaryEditorView>()(
    z.object(target).strict(),
    'The written sections of a unit’s year-end summary (pre-filled from task progress when never saved), with title, issuer and date.',
  ),
  'summary.save': method<SummaryEditorView>()(
    z
      .object({
        ...target,
        title: z.string().max(200).nullable().optional(),
        issuer: z.string().max(100).nullable().optional(),
        datedOn: isoDate.nullable().optional(),
        // Absent: only the title, issuer or 成文日期 change; the sections stay as stored (or pre-filled).
        sections: sections.optional(),
      })
      .strict(),
    'Saves the title, issuer, 成文日期 and (when given) the written sections, replacing the stored ones, in one transaction.',
  ),
  'summary.prefill': method<SummarySections>()(
    z.object(target).strict(),
    'A fresh draft of the sections (not saved): 亮点工作 from task progress by action line, 存在的主要问题 from indicators not met and late tasks, 工作思路 from next year’s plan or what is unfinished.',
  ),
  'summary.preview': method<SummaryPreview>()(
    z.object({ ...target, today: isoDate.optional(), draft }).strict(),
    'The summary as a document model with chart SVGs, for the in-app preview.',
  ),
  'summary.pdf': method<SummaryPdf>()(
    z.object({ ...target, today: isoDate.optional(), draft, jobId }).strict(),
    'The summary as a PDF (GB/T 9704 layout), generated off the main thread, as base64; unwritten sections are left out (with `draft`, printed and marked); emits job.progress events (with the request’s jobId) while it runs.',
  ),
  'summary.docx': method<SummaryDocx>()(
    z.object({ ...target, today: isoDate.optional(), draft, jobId }).strict(),
    'The same summary as a Word document (.docx) set up as a 公文 (A4, GB/T 9704 margins and grid, named styles, odd/even page numbers), generated off the main thread, as base64; unwritten sections as in summary.pdf; emits job.progress events.',
  ),
} as const;
