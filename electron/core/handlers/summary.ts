/** Handlers of shared/api/methods/summary.ts. */
import type { SummaryEditorView } from '../../../shared/api/methods/summary';
import { PDF_MIME, type summaryMethods } from '../../../shared/api/methods/summary';
import { unwrittenSections } from '../../../shared/summary/outline';
import { sectionLabels } from '../../../shared/summary/document';
import type { Db } from '../db/open';
import { getSummary, saveSummary } from '../db/repos/summaries';
import { renderCharts } from '../export/pdf/render';
import { loadSummaryDocument, metaOf, prefillFor, resolveSummaryTarget, sectionsFor } from '../export/pdf/summaryData';
import { generateSummaryPdf, warmPdfWorker } from '../jobs/summaryPdfJob';
import { summaryPdfProgress } from '../jobs/jobProgress';
import type { HandlersOf } from './types';
import { operatorOf } from '../caller';
import { readScopeOf } from '../access/scope';
import type { ApiContext } from './types';

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
    const { db, emit } = ctx;
    const progress = summaryPdfProgress(req.jobId ?? `summary-pdf-${++jobCount}`, (p) => emit('job.progress', p));
    progress.step('start');
    // The worker starts up while this thread builds the document.
    warmPdfWorker();
    const document = loadSummaryDocument(db, req, hiddenFor(ctx, req.planId));
    const pdf = await generateSummaryPdf(document, (p) => progress.step(p.stage, p.fraction));
    const bytes = Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength);
    const base64 = bytes.toString('base64');
    progress.finish();
    return {
      fileName: document.fileName,
      mimeType: PDF_MIME,
      pages: pdf.pages,
      byteLength: bytes.byteLength,
      base64,
      sampleData: document.sampleData,
      unwritten: document.unwritten,
      unwrittenTitles: document.unwritten.map((k) => sectionLabels(document.period)[k]),
      draft: document.draft,
    };
  },
};
