/**
 * The worker thread that lays out summary PDFs, so the main process (and the
 * window it serves) never waits on pdfmake. It stays alive between jobs:
 * modules, fonts and glyph caches are warm for the next document.
 *
 * Messages in:  { id, document }                (a SummaryDocument)
 * Messages out: { id, type: 'progress', progress }
 *               { id, type: 'done', bytes, pages }  (bytes transferred)
 *               { id, type: 'error', message }
 */
import { parentPort } from 'node:worker_threads';
import type { SummaryDocument } from '../../../shared/summary/document';
import { renderSummaryPdf } from '../export/pdf/render';

export interface PdfJobRequest {
  id: number;
  document: SummaryDocument;
}

export type PdfJobMessage =
  | { id: number; type: 'progress'; progress: { stage: string; fraction: number } }
  | { id: number; type: 'done'; bytes: Uint8Array; pages: number }
  | { id: number; type: 'error'; message: string };

const port = parentPort;
if (port) {
  port.on('message', async ({ id, document }: PdfJobRequest) => {
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
