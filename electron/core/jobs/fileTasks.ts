/**
 * What the file worker does (electron/core/jobs/fileWorker.ts), and what runs
 * in the calling thread when there is no worker (setFileJobMode('inline')):
 * read a file from outside and check it — an import against the plan's
 * snapshot (read + analyse; a .doc/.wps comes back asking to be converted
 * to .docx first, which the core does outside the thread so a stopped
 * thread never leaves LibreOffice running), or a returned 填报表/回报数据包 (parse). Only
 * plain data goes in and out (structured clone): no database, no handles.
 */
import type { Analysis, PlanSnapshot } from '../../../shared/import/analyse';
import type { ImportOptions } from '../../../shared/import/types';
import type { ConvertFrom, ImportSource, ReadResult } from '../import/read';
import type { ParsedReturn } from '../exchange/parsed';

export type FileTask =
  | { kind: 'import'; source: ImportSource; snapshot: PlanSnapshot; options: ImportOptions }
  | { kind: 'return'; fileName: string; bytes: Uint8Array };

export type ImportTaskResult =
  | { kind: 'refused'; read: Extract<ReadResult, { ok: false; convert?: undefined }> }
  | { kind: 'analysed'; analysis: Analysis }
  /** An old .doc or .wps: the core converts it to .docx (LibreOffice, ../import/convert.ts) and asks again. */
  | { kind: 'convert'; read: Extract<ReadResult, { convert: ConvertFrom }> };
export type ReturnTaskResult = { kind: 'parsed'; parsed: ParsedReturn } | { kind: 'refused'; message: string };

export type FileTaskResult<T extends FileTask> = T extends { kind: 'import' } ? ImportTaskResult : ReturnTaskResult;

export async function runFileTask<T extends FileTask>(task: T): Promise<FileTaskResult<T>>;
export async function runFileTask(task: FileTask): Promise<ImportTaskResult | ReturnTaskResult> {
  // Each kind loads its own modules on first use, so the thread starts quickly and a return never loads the analysis.
  if (task.kind === 'import') {
    const [{ readSource }, { analyseImport }] = await Promise.all([import('../import/read'), import('../../../shared/import/analyse')]);
    const read = await readSource(task.source);
    if (!read.ok) return read.convert ? { kind: 'convert', read } : { kind: 'refused', read };
    const meta = { fileName: task.source.fileName, format: read.format, ...(read.notice ? { notice: read.notice } : {}) };
    return { kind: 'analysed', analysis: analyseImport(read.sheets, task.snapshot, task.options, meta) };
  }
  const [{ parseReturn }, { NotAnExchangeFile }] = await Promise.all([import('../exchange/parseReturn'), import('../exchange/parsed')]);
  try {
    return { kind: 'parsed', parsed: await parseReturn(Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength), task.fileName) };
  } catch (err) {
    if (err instanceof NotAnExchangeFile) return { kind: 'refused', message: err.message };
    throw err;
  }
}

/** The file a task reads, for messages. */
export const taskFileName = (task: FileTask) => (task.kind === 'import' ? task.source.fileName : task.fileName) || '文件';
