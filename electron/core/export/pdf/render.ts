/**
 * Lays out and writes the summary PDF in the current thread. The app calls
 * it through electron/core/jobs (a worker thread) so the window never waits;
 * tests and the bench may call it directly.
 */
import path from 'node:path';
import type PdfMakeModule from 'pdfmake';
import type { SummaryDocument } from '../../../../shared/summary/document';
import { renderBarChartSvg } from './charts';
import { pdfmakeFonts, summaryDocDefinition } from './docDefinition';
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
function loadPdfmake(): typeof PdfMakeModule {
  if (!pdfmakeLib) pdfmakeLib = requireHere('pdfmake') as typeof PdfMakeModule;
  return pdfmakeLib;
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
  const definition = summaryDocDefinition(doc, { fonts, charts, chartHeight: CHART_HEIGHT_PT });
  let pages = 0;
  const footer = definition.footer as (page: number, count: number) => unknown;
  definition.footer = (page: number, count: number) => {
    pages = count;
    return footer(page, count);
  };
  const pdfmake = loadPdfmake();
  // Only our own font files may be read; nothing is fetched from the network.
  const allowed = new Set(Object.values(fonts).map((f) => path.resolve(f.file)));
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => allowed.has(path.resolve(p)));
  pdfmake.setFonts(pdfmakeFonts(fonts));
  pdfmake.setProgressCallback((fraction) => onProgress?.({ stage: 'write', fraction: 0.3 + 0.65 * fraction }));
  try {
    const buffer = await pdfmake.createPdf(definition).getBuffer();
    onProgress?.({ stage: 'done', fraction: 1 });
    return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), pages };
  } finally {
    pdfmake.setProgressCallback(undefined);
  }
}
