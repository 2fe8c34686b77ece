/**
 * Handlers of shared/api/methods/summary.ts. What they read and write are Ops
 * of the query layer (store/query.ts) — the editor's view, the save (ONE write
 * transaction), the pre-fill and the SummaryDocument — and the files are made
 * from that plain document by the same worker (jobs/summaryPdfJob.ts), so the
 * PostgreSQL core (store/postgres/core.ts) answers with the same code.
 */
import type { z } from 'zod';
import type { ApiEventName, ApiEvents } from '../../../shared/api/contract';
import type { JobProgress, SummaryDocx, SummaryEditorView, SummaryPdf } from '../../../shared/api/methods/summary';
import { DOCX_MIME, PDF_MIME, type summaryMethods } from '../../../shared/api/methods/summary';
import { unwrittenSections } from '../../../shared/summary/outline';
import { sectionLabels, withExtension, type SummaryDocument } from '../../../shared/summary/document';
import { getSummaryOp, saveSummaryOp } from '../db/repos/summaries';
import { writeTxOp } from '../db/tx';
import { renderCharts } from '../export/pdf/render';
import { loadSummaryDocumentOp, metaOf, prefillForOp, resolveSummaryTargetOp, sectionsForOp, type SummaryTarget } from '../export/pdf/summaryData';
import type { PdfProgress } from '../export/pdf/render';
import { generateSummaryDocx, generateSummaryPdf, warmPdfWorker } from '../jobs/summaryPdfJob';
import { summaryJobProgress } from '../jobs/jobProgress';
import type { ApiContext, HandlersOf } from './types';
import { operatorOfOp, type Caller } from '../caller';
import { readScopeOf, type HiddenFigures } from '../access/scope';
import { runSync, type Op } from '../store/query';

type Request<M extends keyof typeof summaryMethods> = z.output<(typeof summaryMethods)[M]['request']>;
type Emit = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;

/** Figures the caller may not see in a plan (access/scope.ts): ranks and totals count published ones only. */
const hiddenFor = (ctx: ApiContext, planId: number) => readScopeOf(ctx.db, ctx.caller).hiddenIn(planId);

/** summary.get: the stored (or pre-filled) sections with title, issuer and date, and what is still unwritten. */
export function* summaryEditorOp({ planId, unitId, year, period }: Request<'summary.get'>, hidden: HiddenFigures | null): Op<SummaryEditorView> {
  const t = yield* resolveSummaryTargetOp(planId, unitId, year, period, hidden);
  const stored = yield* getSummaryOp(t.plan.id, t.unit.id, t.period);
  const { defaults } = metaOf(t, stored);
  const { sections, saved } = yield* sectionsForOp(t, stored);
  return {
    planId: t.plan.id,
    unit: t.unit,
    year: t.year,
    period: t.period,
    title: stored?.title ?? null,
    issuer: stored?.issuer ?? null,
    datedOn: stored?.datedOn ?? null,
    defaults,
    sections,
    unwritten: unwrittenSections(sections),
    saved,
    updatedAt: stored?.updatedAt ?? null,
    updatedBy: stored?.updatedBy ?? null,
  };
}

const blankToNull = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v.trim());

/**
 * summary.save as ONE write transaction: the target checked and the summary written under the
 * writers' lock. Who saved it is the caller's operator (设置 → 操作员, the tab's or the command's
 * name), never what a request claims. Answers the target, for the editor's view read after.
 */
export function* saveSummaryRequestOp(req: Request<'summary.save'>, caller: Caller): Op<SummaryTarget> {
  const t = yield* resolveSummaryTargetOp(req.planId, req.unitId, req.year, req.period);
  const keep = (p: { text: string }) => p.text.trim() !== '';
  yield* saveSummaryOp({
    planId: t.plan.id,
    unitId: t.unit.id,
    period: t.period,
    title: blankToNull(req.title),
    issuer: blankToNull(req.issuer),
    datedOn: req.datedOn ?? null,
    // Trailing blanks are dropped; empty paragraphs are not stored.
    sections: req.sections
      ? { highlights: req.sections.highlights.filter(keep), problems: req.sections.problems.filter(keep), nextYear: req.sections.nextYear.filter(keep) }
      : undefined,
    by: (yield* operatorOfOp(caller)) ?? '本机用户',
  });
  return t;
}

/** summary.prefill: a fresh draft of the sections, not saved. */
export function* summaryPrefillOp({ planId, unitId, year, period }: Request<'summary.prefill'>, hidden: HiddenFigures | null) {
  return yield* prefillForOp(yield* resolveSummaryTargetOp(planId, unitId, year, period, hidden));
}

/** summary.preview: the document with its charts as SVG; the worker gets ready meanwhile, as whoever previews is about to ask for the PDF. */
export function summaryPreviewOf(document: SummaryDocument) {
  warmPdfWorker(document);
  return { document, charts: renderCharts(document) };
}

/** Numbers the jobs of requests that brought no jobId of their own. */
let jobCount = 0;

/**
 * Makes one file of the summary — the same SummaryDocument as the preview, as a PDF or a Word document —
 * in the document worker, reporting progress as `job.progress` events; returns its content as every export does.
 * `load` reads the document (on either engine) while the worker starts up.
 */
async function summaryFile<Made extends { bytes: Uint8Array }>(
  emit: Emit,
  load: () => SummaryDocument | Promise<SummaryDocument>,
  jobId: string | undefined,
  kind: JobProgress['kind'],
  make: (document: SummaryDocument, onProgress: (p: PdfProgress) => void) => Promise<Made>,
) {
  const progress = summaryJobProgress(jobId ?? `${kind.replace('.', '-')}-${++jobCount}`, (p) => emit('job.progress', p), kind);
  progress.step('start');
  // The worker starts up while this thread builds the document.
  warmPdfWorker();
  const document = await load();
  const made = await make(document, (p) => progress.step(p.stage, p.fraction));
  const bytes = Buffer.from(made.bytes.buffer, made.bytes.byteOffset, made.bytes.byteLength);
  const base64 = bytes.toString('base64');
  progress.finish();
  return {
    made,
    file: {
      byteLength: bytes.byteLength,
      base64,
      sampleData: document.sampleData,
      unwritten: document.unwritten,
      unwrittenTitles: document.unwritten.map((k) => sectionLabels(document.period)[k]),
      draft: document.draft,
    },
    document,
  };
}

/** summary.pdf from the document `load` reads. */
export async function summaryPdfFile(emit: Emit, load: () => SummaryDocument | Promise<SummaryDocument>, jobId?: string): Promise<SummaryPdf> {
  const { made, file, document } = await summaryFile(emit, load, jobId, 'summary.pdf', generateSummaryPdf);
  return { ...file, fileName: document.fileName, mimeType: PDF_MIME, pages: made.pages };
}

/** summary.docx: the same SummaryDocument as the PDF and the preview — one content, three outputs. */
export async function summaryDocxFile(emit: Emit, load: () => SummaryDocument | Promise<SummaryDocument>, jobId?: string): Promise<SummaryDocx> {
  const { file, document } = await summaryFile(emit, load, jobId, 'summary.docx', generateSummaryDocx);
  return { ...file, fileName: withExtension(document.fileName, 'docx'), mimeType: DOCX_MIME };
}

export const summaryHandlers: HandlersOf<typeof summaryMethods> = {
  'summary.get': (ctx, req) => runSync(ctx.db, summaryEditorOp(req, hiddenFor(ctx, req.planId))),

  'summary.save': (ctx, req) => {
    const t = writeTxOp(ctx.db, saveSummaryRequestOp(req, ctx.caller));
    return runSync(ctx.db, summaryEditorOp({ planId: t.plan.id, unitId: t.unit.id, year: t.year, period: t.period }, hiddenFor(ctx, t.plan.id)));
  },

  'summary.prefill': (ctx, req) => runSync(ctx.db, summaryPrefillOp(req, hiddenFor(ctx, req.planId))),

  'summary.preview': (ctx, req) => summaryPreviewOf(runSync(ctx.db, loadSummaryDocumentOp(req, hiddenFor(ctx, req.planId)))),

  'summary.pdf': (ctx, req) => summaryPdfFile(ctx.emit, () => runSync(ctx.db, loadSummaryDocumentOp(req, hiddenFor(ctx, req.planId))), req.jobId),

  'summary.docx': (ctx, req) => summaryDocxFile(ctx.emit, () => runSync(ctx.db, loadSummaryDocumentOp(req, hiddenFor(ctx, req.planId))), req.jobId),
};
