/** Handlers of shared/api/methods/summary.ts. */
import type { JobProgress, SummaryEditorView } from '../../../shared/api/methods/summary';
import { DOCX_MIME, PDF_MIME, type summaryMethods } from '../../../shared/api/methods/summary';
import { unwrittenSections } from '../../../shared/summary/outline';
import { sectionLabels, withExtension, type SummaryDocument } from '../../../shared/summary/document';
import type { Db } from '../db/open';
import { getSummary, saveSummary } from '../db/repos/summaries';
import { renderCharts } from '../export/pdf/render';
import { loadSummaryDocument, metaOf, prefillFor, resolveSummaryTarget, sectionsFor, type SummaryDocumentRequest } from '../export/pdf/summaryData';
import type { PdfProgress } from '../export/pdf/render';
import { generateSummaryDocx, generateSummaryPdf, warmPdfWorker } from '../jobs/summaryPdfJob';
import { summaryJobProgress } from '../jobs/jobProgress';
import type { ApiContext, HandlersOf } from './types';
import { operatorOf } from '../caller';
import { readScopeOf } from '../access/scope';

/** Figures the caller may not see in a plan (access/scope.ts): ranks and totals count published ones only. */
const hiddenFor = (ctx: ApiContext, planId: number) => readScopeOf(ctx.db, ctx.caller).hiddenIn(planId);

function editorView(ctx: ApiContext, planId: number, unitId?: number, year?: number, period?: string): SummaryEditorView {
  const { db } = ctx;
  const t = resolveSummaryTarget(db, planId, unitId, year, period, hiddenFor(ctx, planId));
  const stored = getSummary(db, t.plan.id, t.unit.id, t.period);
  const { defaults } = metaOf(t, stored);
  const { sections, saved } = sectionsFor(db, t, stored);
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

/** Numbers the jobs of requests that brought no jobId of their own. */
let jobCount = 0;

/**
 * Makes one file of the summary — the same SummaryDocument as the preview, as a PDF or a Word document —
 * in the document worker, reporting progress as `job.progress` events; returns its content as every export does.
 */
async function summaryFile<Made extends { bytes: Uint8Array }>(
  ctx: ApiContext,
  req: SummaryDocumentRequest & { jobId?: string },
  kind: JobProgress['kind'],
  make: (document: SummaryDocument, onProgress: (p: PdfProgress) => void) => Promise<Made>,
) {
  const progress = summaryJobProgress(req.jobId ?? `${kind.replace('.', '-')}-${++jobCount}`, (p) => ctx.emit('job.progress', p), kind);
  progress.step('start');
  // The worker starts up while this thread builds the document.
  warmPdfWorker();
  const document = loadSummaryDocument(ctx.db, req, hiddenFor(ctx, req.planId));
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

const blankToNull = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v.trim());

export const summaryHandlers: HandlersOf<typeof summaryMethods> = {
  'summary.get': (ctx, { planId, unitId, year, period }) => editorView(ctx, planId, unitId, year, period),

  'summary.save': (ctx, req) => {
    const t = resolveSummaryTarget(ctx.db, req.planId, req.unitId, req.year, req.period);
    const keep = (p: { text: string }) => p.text.trim() !== '';
    saveSummary(ctx.db, {
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
      // Who saved it is the caller's operator (设置 → 操作员, the tab's or the command's name), never what a request claims.
      by: operatorOf(ctx.db, ctx.caller) ?? '本机用户',
    });
    ctx.emit('data.changed', { planId: t.plan.id, reason: 'summary.save' });
    return editorView(ctx, t.plan.id, t.unit.id, t.year, t.period);
  },

  'summary.prefill': (ctx, { planId, unitId, year, period }) =>
    prefillFor(ctx.db, resolveSummaryTarget(ctx.db, planId, unitId, year, period, hiddenFor(ctx, planId))),

  'summary.preview': (ctx, req) => {
    const document = loadSummaryDocument(ctx.db, req, hiddenFor(ctx, req.planId));
    // Whoever previews is about to ask for the PDF: the worker gets ready meanwhile.
    warmPdfWorker(document);
    return { document, charts: renderCharts(document) };
  },

  'summary.pdf': async (ctx, req) => {
    const { made, file, document } = await summaryFile(ctx, req, 'summary.pdf', generateSummaryPdf);
    return { ...file, fileName: document.fileName, mimeType: PDF_MIME, pages: made.pages };
  },

  // The same SummaryDocument as the PDF and the preview: one content, three outputs.
  'summary.docx': async (ctx, req) => {
    const { file, document } = await summaryFile(ctx, req, 'summary.docx', generateSummaryDocx);
    return { ...file, fileName: withExtension(document.fileName, 'docx'), mimeType: DOCX_MIME };
  },
};
