/**
 * Reads files from outside in a worker thread (./fileWorker.ts), with a time
 * budget and a heap limit, so a hostile workbook can neither freeze the
 * window nor keep the web host from answering, nor take the process down:
 * past FILE_JOB_MAX_SECONDS the thread is stopped, past FILE_JOB_MAX_HEAP_MB
 * it dies alone, and either way the caller gets a Chinese sentence
 * (FileJobStopped) and the next file a fresh thread.
 *
 * One long-lived thread reads files one after another (its modules stay
 * loaded, so a normal import pays for the thread once); it is unref'd while
 * idle, so it never keeps a CLI or test process alive. The budget counts
 * from when the thread starts on the file, not while it waits its turn.
 *
 * Where the worker comes from (as for the PDF worker, ./summaryPdfJob.ts):
 *   - bundled (Electron main.cjs, CommonJS): `file-worker.cjs` next to the
 *     bundle (scripts/build-electron.mjs builds it);
 *   - from source (tsx, vitest): fileWorkerBootstrap.mjs, which registers tsx.
 * setFileJobMode('inline') or TAIZHANG_FILE_WORKER=off reads in the calling
 * thread instead (no budget, no heap limit: the reader's own limits still hold).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FILE_JOB_MAX_HEAP_MB, FILE_JOB_MAX_SECONDS } from '../../../shared/import/limits';
import { runFileTask, taskFileName, type FileTask, type FileTaskResult } from './fileTasks';
import type { FileJobMessage, FileJobRequest } from './fileWorker';
import { fromWire } from './wire';

export const BUNDLED_FILE_WORKER = 'file-worker.cjs';

/** A file whose reading was stopped (too slow, too much memory) or whose thread failed: the message says so in Chinese. */
export class FileJobStopped extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileJobStopped';
  }
}

function workerEntry(): string | URL {
  if (typeof __filename === 'string' && __filename.endsWith('.cjs')) {
    const bundled = path.join(path.dirname(__filename), BUNDLED_FILE_WORKER);
    if (fs.existsSync(bundled)) return bundled;
    throw new FileJobStopped(`找不到读取文件的程序“${bundled}”：安装包不完整，请重新安装科创台账。`);
  }
  return new URL('./fileWorkerBootstrap.mjs', import.meta.url);
}

let limits = { seconds: FILE_JOB_MAX_SECONDS, heapMb: FILE_JOB_MAX_HEAP_MB };
let mode: 'worker' | 'inline' = 'worker';

/** 'inline' reads in the calling thread (debugging; the reader's own limits still apply). */
export function setFileJobMode(m: 'worker' | 'inline'): void {
  mode = m;
}

/** Other limits (tests of the stop itself); the next file gets a thread with them. */
export async function setFileJobLimits(next: Partial<typeof limits>): Promise<void> {
  limits = { ...limits, ...next };
  await stopFileWorker();
}

const inline = () => mode === 'inline' || process.env.TAIZHANG_FILE_WORKER === 'off';

interface Job {
  id: number;
  task: FileTask;
  resolve(result: unknown): void;
  reject(err: Error): void;
}

interface Thread {
  worker: Worker;
  ready: Promise<void>;
  /** Set when this thread was stopped on purpose: its exit is not news. */
  stopped: boolean;
}

let thread: Thread | null = null;
let running: { job: Job; timer: NodeJS.Timeout | null; thread: Thread } | null = null;
const queue: Job[] = [];
let nextId = 1;

const wordFile = (fileName: string) => /\.(?:docx?|docm|dotx|wps|wpt|rtf)$/i.test(fileName);
/** What to cut and how to save it again: a Word notice as .docx, anything else as .xlsx. */
const resave = (fileName: string) =>
  wordFile(fileName)
    ? { cut: '请只保留通知正文和附件表格', again: '在 WPS 或 Word 中另存为 .docx' }
    : { cut: '请只保留需要导入的表格（删除多余的工作表、行列和格式）', again: '另存为 .xlsx' };
const tooSlow = (fileName: string, seconds: number) =>
  `“${fileName}”文件过于复杂，读取超过 ${seconds} 秒已停止。${resave(fileName).cut}，${resave(fileName).again} 后再导入。`;
const tooBig = (fileName: string, mb: number) =>
  `“${fileName}”文件过于复杂，读取所需内存超过 ${mb} MB，已停止。${resave(fileName).cut}，${resave(fileName).again} 后再导入。`;
const crashed = (fileName: string) =>
  `读取“${fileName}”的后台线程意外停止，未能完成。请重试；如果反复出现，请${wordFile(fileName) ? '在 WPS 或 Word 中另存为 .docx' : '在 Excel 或 WPS 中另存为 .xlsx'} 后再导入。`;

function startThread(): Thread {
  const worker = new Worker(workerEntry(), {
    resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, limits.heapMb / 16)) },
  });
  worker.unref();
  let markReady: () => void = () => {};
  const t: Thread = { worker, ready: new Promise<void>((r) => (markReady = r)), stopped: false };
  worker.on('message', (msg: FileJobMessage) => {
    if (msg.type === 'ready') return markReady();
    if (!running || running.job.id !== msg.id) return;
    const { job } = running;
    finish();
    if (msg.type === 'done') job.resolve(fromWire(msg.result));
    else {
      // A bug in the reader or the analysis, not a bad file: the stack goes to the log, the caller gets an Error.
      const err = new Error(msg.message);
      if (msg.stack) err.stack = msg.stack;
      job.reject(err);
    }
  });
  const died = (err: Error | null) => {
    if (t.stopped) return;
    t.stopped = true;
    if (thread === t) thread = null;
    markReady();
    if (running?.thread === t) {
      const { job } = running;
      finish();
      const name = taskFileName(job.task);
      const outOfMemory = (err as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      // A heap limit reached is the file's doing; anything else is ours: the details go to the log.
      if (err && !outOfMemory) console.error('[taizhang] the file worker failed:', err);
      job.reject(new FileJobStopped(outOfMemory ? tooBig(name, limits.heapMb) : crashed(name)));
    }
  };
  worker.on('error', died);
  worker.on('exit', () => died(null));
  return t;
}

function finish() {
  if (!running) return;
  if (running.timer) clearTimeout(running.timer);
  running.thread.worker.unref();
  running = null;
  setImmediate(pump);
}

async function pump() {
  if (running || queue.length === 0) return;
  const job = queue.shift()!;
  let t: Thread;
  try {
    t = thread ??= startThread();
  } catch (err) {
    job.reject(err instanceof FileJobStopped ? err : new FileJobStopped(crashed(taskFileName(job.task))));
    return pump();
  }
  running = { job, timer: null, thread: t };
  t.worker.ref(); // keep the process alive while a file is read, not after
  await t.ready;
  if (running?.job !== job) return; // the thread died while starting; the job has its answer
  const seconds = limits.seconds;
  running.timer = setTimeout(() => {
    if (running?.job !== job) return;
    t.stopped = true;
    if (thread === t) thread = null;
    finish();
    void t.worker.terminate();
    job.reject(new FileJobStopped(tooSlow(taskFileName(job.task), seconds)));
  }, seconds * 1000);
  t.worker.postMessage({ id: job.id, task: job.task } satisfies FileJobRequest);
}

/**
 * Reads and checks a file off the calling thread. Resolves with the task's
 * result (a refused file is a result, not an error); rejects with
 * FileJobStopped when the reading was stopped, or an Error for a bug.
 */
export function runFileJob<T extends FileTask>(task: T): Promise<FileTaskResult<T>> {
  if (inline()) return runFileTask(task);
  return new Promise<FileTaskResult<T>>((resolve, reject) => {
    queue.push({ id: nextId++, task, resolve: resolve as (r: unknown) => void, reject });
    void pump();
  });
}

/** Starts the thread now, so the first file does not wait for it (the import drawer opening, a bench). */
export function warmFileWorker(): Promise<void> {
  if (inline()) return Promise.resolve();
  try {
    return (thread ??= startThread()).ready;
  } catch {
    return Promise.resolve();
  }
}

/** Stops the thread (tests, app quit); a file being read gets a FileJobStopped. */
export async function stopFileWorker(): Promise<void> {
  const t = thread;
  thread = null;
  if (!t) return;
  t.stopped = true;
  if (running?.thread === t) {
    const { job } = running;
    finish();
    job.reject(new FileJobStopped(crashed(taskFileName(job.task))));
  }
  await t.worker.terminate();
}
