/**
 * A file (or pasted text) → sheets, or one clear Chinese problem: empty,
 * too large, an encrypted workbook or an old .xls (both OLE compound files,
 * which exceljs cannot read), a damaged or truncated workbook, not a table
 * at all. Text is decoded as UTF-8 (with or without BOM) or, when it is not
 * valid UTF-8, as GB18030 (what Excel and WPS save on Chinese Windows).
 */
import iconv from 'iconv-lite';
import { parseCsv, parsePastedText } from '../../../shared/import/text';
import type { SheetGrid } from '../../../shared/import/types';
import { IMPORT_MAX_BYTES, tooLargeMessage } from '../../../shared/import/limits';
import { compoundFileKind, isCompoundFile } from './cfb';
import { readXlsx } from './xlsx';
import { WorkbookRefusal, type RefusalPlace } from '../workbook/refusal';

export type ReadResult =
  | { ok: true; format: 'xlsx' | 'csv' | 'text'; sheets: SheetGrid[] }
  | { ok: false; format: 'xlsx' | 'csv' | 'text' | null; message: string; place?: RefusalPlace };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const startsWith = (b: Buffer, sig: number[]) => sig.every((v, i) => b[i] === v);

/** Encrypted .xlsx and old .xls are both compound files; the stream names inside say which (./cfb.ts). */
function compoundFileMessage(name: string, bytes: Buffer): string {
  switch (compoundFileKind(bytes)) {
    case 'encrypted':
      return `“${name}”：文件设有打开密码，请在 Excel/WPS 中取消密码后另存为 .xlsx 再导入。`;
    case 'xls':
      return `“${name}”：这是旧版 .xls 格式，请在 Excel/WPS 中另存为 .xlsx 再导入。`;
    case 'other':
      return `“${name}”是旧版 Office 文件，但不是 Excel 工作簿（可能是 Word 文档等），无法导入。请打开对应的工作簿，另存为 .xlsx 后再导入。`;
    default:
      return `“${name}”已损坏或不完整，无法读取（像是旧版 Office 文件，但内部目录读不出来）。请重新获取原文件，在 Excel/WPS 中另存为 .xlsx 后再导入。`;
  }
}

export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'gb18030');
  }
}

/** Binary that is not text: NUL bytes or many control characters. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4000);
  if (sample.includes('\u0000')) return true;
  const controls = [...sample].filter((ch) => {
    const c = ch.charCodeAt(0);
    return c < 32 && c !== 9 && c !== 10 && c !== 13;
  }).length;
  return controls > sample.length / 20;
}

export async function readImportFile(fileName: string, bytes: Buffer): Promise<ReadResult> {
  const name = fileName || '文件';
  const ext = (/\.([a-z0-9]+)$/i.exec(fileName)?.[1] ?? '').toLowerCase();
  if (bytes.length === 0) return { ok: false, format: null, message: `“${name}”是空文件（0 字节），没有可导入的内容。` };
  if (bytes.length > IMPORT_MAX_BYTES) {
    return { ok: false, format: null, message: tooLargeMessage(name, bytes.length) };
  }
  if (isCompoundFile(bytes)) return { ok: false, format: 'xlsx', message: compoundFileMessage(name, bytes) };
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) {
    if (ext && !['xlsx', 'xlsm', 'xltx', 'et', 'zip'].includes(ext)) {
      return { ok: false, format: null, message: `“${name}”是压缩包，不是 Excel 工作簿（.xlsx）。` };
    }
    let sheets: SheetGrid[];
    try {
      sheets = await readXlsx(bytes, name);
    } catch (err) {
      if (err instanceof WorkbookRefusal) return { ok: false, format: 'xlsx', message: err.message, place: err.place };
      // Not a limit and not damage the reader recognised: still a sentence, never a library's English.
      return { ok: false, format: 'xlsx', message: `“${name}”无法作为 Excel 工作簿读取。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。` };
    }
    if (sheets.length === 0 || sheets.every((s) => s.rows.every((r) => r.every((c) => !c)))) {
      return { ok: false, format: 'xlsx', message: `“${name}”中没有任何内容：所有工作表都是空的。` };
    }
    return { ok: true, format: 'xlsx', sheets };
  }
  if (['xlsx', 'xlsm', 'xls', 'et'].includes(ext)) {
    return { ok: false, format: 'xlsx', message: `“${name}”的扩展名是 .${ext}，但内容不是 Excel 工作簿（可能已损坏，或是改了扩展名的其他文件）。` };
  }
  const text = decodeText(bytes);
  if (looksBinary(text)) {
    return { ok: false, format: null, message: `“${name}”不是表格文件：只能导入 Excel 工作簿（.xlsx）、CSV 文件或文本。` };
  }
  return readImportText(name, text, ext === 'csv' ? 'csv' : 'text');
}

/** What an import reads: file bytes (xlsx, csv, txt) or pasted text. */
export interface ImportSource {
  fileName: string;
  /** File bytes (xlsx, csv, txt). */
  bytes?: Uint8Array;
  /** Pasted text. */
  text?: string;
}

export async function readSource(src: ImportSource): Promise<ReadResult> {
  if (src.text !== undefined) return readImportText(src.fileName || '粘贴的文字', src.text);
  // Bytes that crossed into a worker thread arrive as a plain Uint8Array.
  const bytes = src.bytes ? Buffer.from(src.bytes.buffer, src.bytes.byteOffset, src.bytes.byteLength) : Buffer.alloc(0);
  return readImportFile(src.fileName, bytes);
}

export function readImportText(name: string, text: string, format: 'csv' | 'text' = 'text'): ReadResult {
  if (!text.trim()) return { ok: false, format, message: `“${name}”中没有文字，没有可导入的内容。` };
  const csvLike = format === 'csv' || looksLikeCsv(text);
  const sheets = csvLike ? [parseCsv(text, name.replace(/\.[^.]+$/, '') || 'CSV')] : parsePastedText(text);
  return { ok: true, format: csvLike ? 'csv' : 'text', sheets };
}

/** Pasted text is csv only when its first lines all hold the same number of commas and no sentences. */
function looksLikeCsv(text: string): boolean {
  if (text.includes('\t')) return false;
  const lines = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, 5);
  if (lines.length < 2 || lines.some((l) => /。/.test(l))) return false;
  const commas = lines.map((l) => l.split(',').length - 1);
  return commas[0] > 0 && commas.every((n) => n === commas[0]);
}
