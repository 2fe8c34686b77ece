/**
 * The worker thread that lays out summary PDFs, so the main process (and the
 * window it serves) never waits on pdfmake. It stays alive between jobs:
 * modules, fonts and glyph caches are warm for the next document.
 *
 * Messages in:  { id, document }                (a SummaryDocument)
 *               { warm: true, rehearse? }      (load pdfmake, fonts, ECharts now, and lay out
 *                                               a short rehearsal of `rehearse`)
 * Messages out: { id, type: 'progress', progress }
 *               { id, type: 'done', bytes, pages }  (bytes transferred)
 *               { id, type: 'error', message }
 *               { type: 'warmed' }                 (after a warm request, whatever its outcome)
 */
import { parentPort } from 'node:worker_threads';
import type { SummaryDocument } from '../../../shared/summary/document';
import { prepareRenderer, rehearsalOf, renderSummaryPdf } from '../export/pdf/render';

export type PdfJobRequest = { id: number; document: SummaryDocument; warm?: undefined } | { warm: true; rehearse?: SummaryDocument };

export type PdfJobMessage =
  | { id: number; type: 'progress'; progress: { stage: string; fraction: number } }
  | { id: number; type: 'done'; bytes: Uint8Array; pages: number }
  | { id: number; type: 'error'; message: string }
  | { id?: undefined; type: 'warmed' };

const port = parentPort;
if (port) {
  port.on('message', async (request: PdfJobRequest) => {
    if (request.warm) {
      // Errors here are not lost: the job that follows meets them again and reports them.
      try {
        prepareRenderer();
        if (request.rehearse) await renderSummaryPdf(rehearsalOf(request.rehearse));
      } catch {
        /* reported by the job */
      }
      port.postMessage({ type: 'warmed' } satisfies PdfJobMessage);
      return;
    }
    const { id, document } = request;
    try {
      // pdfmake reports every few glyph runs; pass on steps of 5% at most.
      let last = -1;
      const pdf = await renderSummaryPdf(document, (progress) => {
        if (progress.fraction < 1 && progress.fraction - last < 0.05) return;
        last = progress.fraction;
        port.postMessage({ id, type: 'progress', progress } satisfies PdfJobMessage);
      });
      // A private copy, so the whole ArrayBuffer can be transferred (pdfkit's may be pooled).
      const bytes = new Uint8Array(pdf.bytes);
      port.postMessage({ id, type: 'done', bytes, pages: pdf.pages } satisfies PdfJobMessage, [bytes.buffer]);
    } catch (err) {
      port.postMessage({ id, type: 'error', message: (err as Error).message || String(err) } satisfies PdfJobMessage);
    }
  });
}
