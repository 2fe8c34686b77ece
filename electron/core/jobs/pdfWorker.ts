/**
 * The worker thread that writes summary documents — the PDF (pdfmake) and
 * the Word document (docx, charts drawn at 300 dpi) — so the main process
 * (and the window it serves) never waits on them. It stays alive between
 * jobs: modules, fonts and glyph caches are warm for the next document.
 *
 * Messages in:  { id, document, format? }      (a SummaryDocument; format 'pdf', the default, or 'docx')
 *               { warm: true, rehearse? }      (load pdfmake, fonts, ECharts now; with `rehearse`, lay out
 *                                               a short rehearsal of it, then load docx and the chart font)
 * Messages out: { id, type: 'progress', progress }
 *               { id, type: 'done', bytes, pages }  (bytes transferred; pages 0 for a .docx, which Word paginates)
 *               { id, type: 'error', message }
 *               { type: 'warmed' }                 (after a warm request, whatever its outcome)
 */
import { parentPort } from 'node:worker_threads';
import type { SummaryDocument } from '../../../shared/summary/document';
import { prepareRenderer, rehearsalOf, renderSummaryPdf } from '../export/pdf/render';
import { prepareDocxRenderer, renderSummaryDocx } from '../export/word/render';

export type SummaryFormat = 'pdf' | 'docx';

export type PdfJobRequest = { id: number; document: SummaryDocument; format?: SummaryFormat; warm?: undefined } | { warm: true; rehearse?: SummaryDocument };

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
        if (request.rehearse) {
          await renderSummaryPdf(rehearsalOf(request.rehearse));
          // The preview (the one warm-up with a rehearsal) is followed by either file: load what the Word
          // document needs too — not on the warm-up just before a PDF job, which would wait for it.
          prepareDocxRenderer();
        }
      } catch {
        /* reported by the job */
      }
      port.postMessage({ type: 'warmed' } satisfies PdfJobMessage);
      return;
    }
    const { id, document, format = 'pdf' } = request;
    try {
      // pdfmake reports every few glyph runs; pass on steps of 5% at most.
      let last = -1;
      const onProgress = (progress: { stage: string; fraction: number }) => {
        if (progress.fraction < 1 && progress.fraction - last < 0.05) return;
        last = progress.fraction;
        port.postMessage({ id, type: 'progress', progress } satisfies PdfJobMessage);
      };
      const done = format === 'docx' ? { pages: 0, ...(await renderSummaryDocx(document, onProgress)) } : await renderSummaryPdf(document, onProgress);
      // A private copy, so the whole ArrayBuffer can be transferred (pdfkit's may be pooled).
      const bytes = new Uint8Array(done.bytes);
      port.postMessage({ id, type: 'done', bytes, pages: done.pages } satisfies PdfJobMessage, [bytes.buffer]);
    } catch (err) {
      port.postMessage({ id, type: 'error', message: (err as Error).message || String(err) } satisfies PdfJobMessage);
    }
  });
}
