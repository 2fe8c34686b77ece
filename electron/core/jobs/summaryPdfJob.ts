/**
 * Runs the writing of summary documents — the PDF and the Word document —
 * in a worker thread (electron/core/jobs/pdfWorker.ts) and reports progress.
 * One long-lived worker serves jobs one after another; it is unref'd, so it
 * never keeps a CLI or test process alive.
 *
 * Where the worker comes from:
 *   - bundled (Electron main.cjs, CommonJS): `pdf-worker.cjs` next to the bundle —
 *     scripts/build-electron.mjs must build electron/core/jobs/pdfWorker.ts to
 *     dist/electron/pdf-worker.cjs with the same externals as main.cjs;
 *   - from source (tsx, vitest): pdfWorkerBootstrap.mjs, which registers tsx first.
 * TAIZHANG_PDF_WORKER=off, or setPdfJobMode('inline'), renders in the calling
 * thread instead: the CLI does that (it has no window to keep responsive, and
 * a worker would load a second TypeScript loader and every module again).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SummaryDocument } from '../../../shared/summary/document';
import { renderSummaryPdf, type PdfProgress, type RenderedPdf } from '../export/pdf/render';
import { renderSummaryDocx } from '../export/word/render';
import type { PdfJobMessage, PdfJobRequest, SummaryFormat } from './pdfWorker';

export const BUNDLED_WORKER_FILE = 'pdf-worker.cjs';

/** The worker's entry for this way of running. */
export function workerEntry(): string | URL {
  if (typeof __filename === 'string' && __filename.endsWith('.cjs')) {
    const bundled = path.join(path.dirname(__filename), BUNDLED_WORKER_FILE);
    if (fs.existsSync(bundled)) return bundled;
    throw new Error(`找不到PDF和Word文档的生成程序“${bundled}”：安装包不完整，请重新安装科创台账。`);
  }
  return new URL('./pdfWorkerBootstrap.mjs', import.meta.url);
}

interface Pending {
  resolve(pdf: RenderedPdf): void;
  reject(err: Error): void;
  onProgress?: (p: PdfProgress) => void;
  format: SummaryFormat;
}

let worker: Worker | null = null;
let mode: 'worker' | 'inline' = 'worker';

/** 'inline' for processes without a window (the CLI): no worker thread at all. */
export function setPdfJobMode(m: 'worker' | 'inline'): void {
  mode = m;
}

const inline = () => mode === 'inline' || process.env.TAIZHANG_PDF_WORKER === 'off';
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(err: Error) {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
  releaseWarmWaiters();
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(workerEntry());
  w.unref();
  w.on('message', (msg: PdfJobMessage) => {
    if (msg.type === 'warmed') {
      if (--warmsPending <= 0) releaseWarmWaiters();
      return;
    }
    const job = pending.get(msg.id);
    if (!job) return;
    if (msg.type === 'progress') job.onProgress?.(msg.progress as PdfProgress);
    else {
      pending.delete(msg.id);
      if (pending.size === 0) w.unref();
      if (msg.type === 'done') job.resolve({ bytes: msg.bytes, pages: msg.pages });
      else job.reject(new Error(`${job.format === 'docx' ? '生成Word文档' : '生成PDF'}失败：${msg.message}`));
    }
  });
  w.on('error', (err) => {
    worker = null;
    failAll(new Error(`生成总结文档的后台线程出错：${err.message}`));
  });
  w.on('exit', (code) => {
    worker = null;
    releaseWarmWaiters();
    if (pending.size) failAll(new Error(`生成总结文档的后台线程意外退出（代码 ${code}），请重试。`));
  });
  worker = w;
  return w;
}

/** Lays out the summary PDF off the calling thread; progress arrives through `onProgress`. */
export function generateSummaryPdf(document: SummaryDocument, onProgress?: (p: PdfProgress) => void): Promise<RenderedPdf> {
  if (inline()) return renderSummaryPdf(document, onProgress);
  return inWorker(document, 'pdf', onProgress);
}

/** Writes the summary as a Word document off the calling thread; progress arrives through `onProgress`. */
export async function generateSummaryDocx(document: SummaryDocument, onProgress?: (p: PdfProgress) => void): Promise<{ bytes: Uint8Array }> {
  if (inline()) return renderSummaryDocx(document, onProgress);
  return inWorker(document, 'docx', onProgress);
}

function inWorker(document: SummaryDocument, format: SummaryFormat, onProgress?: (p: PdfProgress) => void): Promise<RenderedPdf> {
  return new Promise<RenderedPdf>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject, onProgress, format });
    const w = getWorker();
    // Keep the process alive while a job runs, not after.
    w.ref();
    w.postMessage({ id, document, format } satisfies PdfJobRequest);
  });
}

/**
 * Starts the worker, if need be, and has it load pdfmake, the fonts and
 * ECharts now, so the PDF asked for next does not wait for them; with a
 * document (the preview's), it also lays out a short rehearsal of it once.
 * Cheap when warm already; does nothing inline (the job loads what it needs).
 */
export function warmPdfWorker(rehearse?: SummaryDocument): void {
  if (inline()) return;
  const w = getWorker();
  if (warmed === w && (!rehearse || rehearsed === w)) return;
  warmed = w;
  if (rehearse) rehearsed = w;
  warmsPending++;
  w.postMessage({ warm: true, ...(rehearse ? { rehearse } : {}) } satisfies PdfJobRequest);
}
let warmed: Worker | null = null;
let rehearsed: Worker | null = null;
const warmWaiters: (() => void)[] = [];
let warmsPending = 0;

function releaseWarmWaiters() {
  warmsPending = 0;
  warmWaiters.splice(0).forEach((resolve) => resolve());
}

/** Resolves when the worker has finished the warm-ups asked for so far (bench, tests). */
export function whenPdfWorkerWarm(): Promise<void> {
  if (inline() || !worker || warmsPending === 0) return Promise.resolve();
  return new Promise((resolve) => warmWaiters.push(resolve));
}

/** Stops the worker (tests, app quit). */
export async function stopPdfWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
