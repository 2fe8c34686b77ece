/**
 * Turns the document worker's progress (stage + fraction) into the `job.progress`
 * events windows show: a Chinese stage, `done` out of `total` (= 100),
 * never going backwards, and exactly one final event with done === total
 * once the result is ready to send (not when the worker alone is done).
 */
import type { JobProgress } from '../../../shared/api/methods/summary';

export const PROGRESS_TOTAL = 100;

/** The worker's stages (electron/core/export/pdf/render.ts PdfProgress) in the words the window shows. */
export const STAGE_TEXT: Record<string, string> = {
  start: '正在计算指标',
  charts: '正在绘制图表',
  layout: '正在排版',
  write: '正在写入PDF',
  done: '已完成',
};

export interface ProgressReporter {
  /** A stage began or moved on; `fraction` (0…1) of the whole job. */
  step(stage: string, fraction?: number): void;
  /** The result is ready: the final event. */
  finish(): void;
}

/** What the write stage is called for each kind of job. */
const WRITE_TEXT: Record<JobProgress['kind'], string> = { 'summary.pdf': STAGE_TEXT.write, 'summary.docx': '正在写入Word文档' };

export function summaryJobProgress(jobId: string, send: (p: JobProgress) => void, kind: JobProgress['kind'] = 'summary.pdf'): ProgressReporter {
  let last = -1;
  let lastStage = '';
  let finished = false;
  const emit = (stage: string, done: number) => {
    if (finished) return;
    const d = Math.max(last, Math.min(PROGRESS_TOTAL, Math.round(done)));
    if (d === last && stage === lastStage) return;
    last = d;
    lastStage = stage;
    send({ jobId, kind, stage, done: d, total: PROGRESS_TOTAL });
  };
  return {
    step(stage, fraction = 0) {
      // The worker's own 'done' is not the end: the bytes still go to the window.
      if (stage === 'done') return emit(WRITE_TEXT[kind], 0.99 * PROGRESS_TOTAL);
      emit(stage === 'write' ? WRITE_TEXT[kind] : (STAGE_TEXT[stage] ?? STAGE_TEXT.layout), fraction * PROGRESS_TOTAL);
    },
    finish() {
      emit(STAGE_TEXT.done, PROGRESS_TOTAL);
      finished = true;
    },
  };
}
