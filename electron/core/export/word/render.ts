/**
 * Writes the summary as a .docx: the charts drawn as print-resolution
 * pictures (chartImage.ts), the document built by the docx package
 * (summaryDocx.ts) and packed by it, with the two documented patches the
 * package cannot express: word/fontTable.xml (fonts.ts: the fonts'
 * alternatives and classes) given to its Packer as an override, and the
 * document defaults' paragraph properties in word/styles.xml (styles.ts).
 *
 * The docx package (1 MB) is loaded on the first document, not when a door
 * starts. A document takes a fraction of a second (two charts at 300 dpi
 * are most of it), so it is written on the calling thread.
 */
import JSZip from 'jszip';
import type * as Docx from 'docx';
import type * as DocxWatermarks from 'docx/watermarks';
import { DOCX_MIME } from '../../../../shared/api/methods/summary';
import type { SummaryDocument } from '../../../../shared/summary/document';
import { resolveFonts } from '../pdf/fonts';
import { TEXT_WIDTH } from '../pdf/geometry';
import { CHART_HEIGHT_PT, renderCharts, type PdfProgress } from '../pdf/render';
import { requireHere } from '../pdf/requireHere';
import { chartPng, warmChartFont } from './chartImage';
import { fontTableXml } from './fonts';
import { patchStylesXml } from './styles';
import { summaryDocxDocument, type DocxLibs } from './summaryDocx';

let libs: DocxLibs | null = null;
function docxLibs(): DocxLibs {
  return (libs ??= { docx: requireHere('docx') as typeof Docx, watermarks: requireHere('docx/watermarks') as typeof DocxWatermarks });
}

/**
 * Loads what a Word document needs (the docx package, the chart font's
 * outlines) ahead of the first one: the document worker does this when the
 * preview warms it up, as it does for the PDF.
 */
export function prepareDocxRenderer(): void {
  docxLibs();
  warmChartFont(resolveFonts().chart);
}

/** CSS pixels (96 to the inch) of a length in points: how docx sizes a picture. */
const px = (pt: number) => Math.round((pt / 72) * 96);

export interface RenderedDocx {
  bytes: Uint8Array;
  /** How many chart pictures it holds. */
  charts: number;
}

/** The stages are the PDF's (the window shows them the same way): charts, layout (building the document), write (packing it). */
export async function renderSummaryDocx(doc: SummaryDocument, onProgress?: (p: PdfProgress) => void): Promise<RenderedDocx> {
  onProgress?.({ stage: 'charts', fraction: 0.05 });
  const fonts = resolveFonts();
  const charts = renderCharts(doc).map((svg) => chartPng(svg, fonts.chart, TEXT_WIDTH));
  onProgress?.({ stage: 'layout', fraction: 0.6 });
  const { docx } = docxLibs();
  const document = summaryDocxDocument(doc, { charts, chartSize: { width: px(TEXT_WIDTH), height: px(CHART_HEIGHT_PT) } }, docxLibs());
  onProgress?.({ stage: 'write', fraction: 0.75 });
  const packed = await docx.Packer.toBuffer(document, undefined, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
  // No folder entries: the package holds parts only, as Word writes it.
  const zip = await JSZip.loadAsync(packed, { createFolders: false });
  const styles = zip.file('word/styles.xml');
  if (!styles) throw new Error('docx 包未写出 word/styles.xml');
  zip.file('word/styles.xml', patchStylesXml(await styles.async('string')), { createFolders: false });
  // The pictures are PNGs, compressed already: stored as they are, the rest deflated.
  for (const name of Object.keys(zip.files)) {
    if (name.startsWith('word/media/')) zip.file(name, await zip.file(name)!.async('uint8array'), { compression: 'STORE', createFolders: false });
  }
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, mimeType: DOCX_MIME });
  onProgress?.({ stage: 'done', fraction: 1 });
  return { bytes, charts: charts.length };
}
