/**
 * Lays out and writes the summary PDF in the current thread. The app calls
 * it through electron/core/jobs (a worker thread) so the window never waits;
 * tests and the bench may call it directly.
 */
import type PdfMakeModule from 'pdfmake';
import type { SummaryDocument } from '../../../../shared/summary/document';
import { echartsLib, renderBarChartSvg } from './charts';
import { pdfmakeFonts, summaryDocDefinition, syntheticBoldFamilies } from './docDefinition';
import { installSyntheticBold, setSyntheticBoldFamilies } from './syntheticBold';
import { releaseFontsWhenIdle, serveFontsFromMemory, virtualFontName, type VirtualFs } from './fontBytes';
import { resolveFonts } from './fonts';
import { TEXT_WIDTH } from './geometry';
import { requireHere } from './requireHere';

export interface PdfProgress {
  stage: 'charts' | 'layout' | 'write' | 'done';
  /** 0…1 over the whole job. */
  fraction: number;
}

export interface RenderedPdf {
  bytes: Uint8Array;
  pages: number;
}

let pdfmakeLib: typeof PdfMakeModule | null = null;
/** pdfmake (with pdfkit and fontkit) is loaded on first use, in the worker, not by every door at start-up. */
export function loadPdfmake(): typeof PdfMakeModule {
  if (!pdfmakeLib) {
    pdfmakeLib = requireHere('pdfmake') as typeof PdfMakeModule;
    const PdfDocument = (requireHere('pdfmake/js/PDFDocument') as { default: Parameters<typeof serveFontsFromMemory>[0] & Parameters<typeof installSyntheticBold>[0] }).default;
    serveFontsFromMemory(PdfDocument);
    installSyntheticBold(PdfDocument);
  }
  return pdfmakeLib;
}

/**
 * Loads what a summary needs (pdfmake, the fonts' bytes, ECharts) ahead of
 * the first document: the worker does this as soon as it starts, while the
 * main thread is still building the document, or when the user opens the
 * preview, so the first PDF costs about what the next ones do.
 */
export function prepareRenderer(): void {
  const pdfmake = loadPdfmake();
  for (const f of Object.values(resolveFonts())) virtualFontName(pdfmake.virtualfs, f.file);
  echartsLib();
  releaseFontsWhenIdle(pdfmake.virtualfs);
}

/**
 * A short document with one block of each kind of `doc` (title, each heading
 * level, a table, a chart…). Laying it out once, in the worker, while the
 * user reads the preview, warms the code paths (the JIT) of the real one:
 * measured, the first real PDF then takes about 20% less CPU.
 */
export function rehearsalOf(doc: SummaryDocument): SummaryDocument {
  const seen = new Set<string>();
  const blocks = doc.blocks.filter((b) => {
    const kind = b.kind === 'paragraph' ? `${b.kind}${b.level}` : b.kind;
    if (seen.has(kind)) return false;
    seen.add(kind);
    return true;
  });
  return { ...doc, blocks };
}

/** Chart size in CSS pixels for ECharts; the PDF scales it to the text width. */
const CHART_PX = { width: 560, height: 320 };
export const CHART_HEIGHT_PT = (TEXT_WIDTH * CHART_PX.height) / CHART_PX.width;

/** The SVG of every chart block, in document order (also what the in-app preview shows). */
export function renderCharts(doc: SummaryDocument): string[] {
  return doc.blocks.flatMap((b) => (b.kind === 'chart' ? [renderBarChartSvg(b.chart, CHART_PX.width, CHART_PX.height)] : []));
}

export async function renderSummaryPdf(doc: SummaryDocument, onProgress?: (p: PdfProgress) => void): Promise<RenderedPdf> {
  onProgress?.({ stage: 'charts', fraction: 0.05 });
  const fonts = resolveFonts();
  const charts = renderCharts(doc);
  onProgress?.({ stage: 'layout', fraction: 0.2 });
  const pdfmake = loadPdfmake();
  const vfs = pdfmake.virtualfs as unknown as VirtualFs & { readFileSync(name: string): Buffer };
  const definition = summaryDocDefinition(doc, {
    fonts,
    charts,
    chartHeight: CHART_HEIGHT_PT,
    fontBytes: (file) => vfs.readFileSync(virtualFontName(vfs, file)),
  });
  let pages = 0;
  const footer = definition.footer as (page: number, count: number) => unknown;
  definition.footer = (page: number, count: number) => {
    pages = count;
    return footer(page, count);
  };
  // Fonts come from memory (read once per process); nothing else is read from disk or fetched.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  pdfmake.setFonts(pdfmakeFonts(fonts, (file) => virtualFontName(pdfmake.virtualfs, file)));
  setSyntheticBoldFamilies(syntheticBoldFamilies(fonts));
  pdfmake.setProgressCallback((fraction) => onProgress?.({ stage: 'write', fraction: 0.3 + 0.65 * fraction }));
  try {
    const buffer = await pdfmake.createPdf(definition).getBuffer();
    onProgress?.({ stage: 'done', fraction: 1 });
    return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), pages };
  } finally {
    pdfmake.setProgressCallback(undefined);
    releaseFontsWhenIdle(pdfmake.virtualfs);
  }
}
