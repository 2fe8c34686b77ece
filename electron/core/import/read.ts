/**
 * A file (or pasted text) → sheets, or one clear Chinese problem: empty,
 * too large, an encrypted workbook or document, an old .xls, a damaged or
 * truncated file, not a table at all. A zip is read by what it holds, not
 * its extension: a workbook (./xlsx.ts) or a Word notice (../word/ and
 * shared/import/notice/sheets.ts). An old .doc or a WPS .wps (OLE compound
 * files, ./cfb.ts) is not read here: the answer asks for its conversion to
 * .docx by LibreOffice (./convert.ts), which the import service runs before
 * reading the result. Text is decoded as UTF-8 (with or without BOM) or, when
 * it is not valid UTF-8, as GB18030 (what Excel and WPS save on Chinese Windows).
 */
import iconv from 'iconv-lite';
import { noticeSheets } from '../../../shared/import/notice/sheets';
import { parseCsv, parsePastedText } from '../../../shared/import/text';
import type { ImportFormat, NoticeHead, SheetGrid } from '../../../shared/import/types';
import { IMPORT_MAX_BYTES, tooLargeMessage } from '../../../shared/import/limits';
import { compoundFileKind, isCompoundFile } from './cfb';
import { readXlsx } from './xlsx';
import { WorkbookRefusal, type RefusalPlace } from '../workbook/refusal';
import { openZip } from '../workbook/zip';
import { packageKind, readWordDocument } from '../word';

/** A .doc or .wps to be converted to .docx first (by LibreOffice, in the core). */
export type ConvertFrom = 'doc' | 'wps';

export type ReadResult =
  | { ok: true; format: ImportFormat; sheets: SheetGrid[]; notice?: NoticeHead }
  | { ok: false; format: ImportFormat | null; message: string; place?: RefusalPlace; convert?: undefined }
  /** Readable once LibreOffice has made a .docx of it; `message` is what to say when it cannot. */
  | { ok: false; format: 'doc'; message: string; convert: ConvertFrom };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const RTF = [0x7b, 0x5c, 0x72, 0x74, 0x66]; // "{\rtf": Word and WPS save RTF under .doc too
const startsWith = (b: Buffer, sig: number[]) => sig.every((v, i) => b[i] === v);

const WORKBOOK_EXTS = ['xlsx', 'xlsm', 'xltx', 'et', 'xls'];
const WORD_EXTS = ['docx', 'docm', 'dotx', 'doc', 'wps', 'wpt', 'dot', 'rtf'];

/** The .doc/.wps the user names: "旧版 Word 文档（.doc）", "WPS 文字文档（.wps）". */
const oldWordLabel = (ext: string) => (ext === 'wps' || ext === 'wpt' ? 'WPS 文字文档（.wps）' : '旧版 Word 文档（.doc）');

/** What to say when a .doc/.wps cannot be converted here. */
export function saveAsDocxMessage(name: string, ext: string): string {
  return `“${name}”是${oldWordLabel(ext)}，需先转换为 .docx 才能导入。请在 WPS 或 Word 中打开该文件，“另存为”Word 文档（.docx）后再导入。`;
}

/** Encrypted packages, old .xls and old .doc are all compound files; the stream names inside say which (./cfb.ts). */
function compoundFile(name: string, ext: string, bytes: Buffer): ReadResult {
  const word = WORD_EXTS.includes(ext);
  switch (compoundFileKind(bytes)) {
    case 'encrypted':
      return word
        ? { ok: false, format: 'docx', message: `“${name}”：文件设有打开密码，请在 WPS 或 Word 中取消密码后另存为 .docx 再导入。` }
        : { ok: false, format: 'xlsx', message: `“${name}”：文件设有打开密码，请在 Excel/WPS 中取消密码后另存为 .xlsx 再导入。` };
    case 'encryptedDoc':
      return { ok: false, format: 'doc', message: `“${name}”：${oldWordLabel(ext)}设有打开密码，请在 WPS 或 Word 中取消密码后另存为 .docx 再导入。` };
    case 'xls':
      return { ok: false, format: 'xlsx', message: `“${name}”：这是旧版 .xls 格式，请在 Excel/WPS 中另存为 .xlsx 再导入。` };
    case 'doc':
      return { ok: false, format: 'doc', message: saveAsDocxMessage(name, ext), convert: ext === 'wps' || ext === 'wpt' ? 'wps' : 'doc' };
    case 'other':
      // A WPS document whose streams are not Word's may still be one LibreOffice reads.
      if (ext === 'wps' || ext === 'wpt') return { ok: false, format: 'doc', message: saveAsDocxMessage(name, ext), convert: 'wps' };
      return {
        ok: false,
        format: null,
        message: `“${name}”是旧版 Office 文件，但既不是 Excel 工作簿，也不是 Word 文档，无法导入。请打开对应的文件，另存为 .xlsx 或 .docx 后再导入。`,
      };
    default:
      return word
        ? { ok: false, format: 'doc', message: `“${name}”已损坏或不完整，无法读取（像是旧版 Word/WPS 文档，但内部目录读不出来）。请重新获取原文件，在 WPS 或 Word 中另存为 .docx 后再导入。` }
        : {
            ok: false,
            format: 'xlsx',
            message: `“${name}”已损坏或不完整，无法读取（像是旧版 Office 文件，但内部目录读不出来）。请重新获取原文件，在 Excel/WPS 中另存为 .xlsx 后再导入。`,
          };
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

export async function readImportFile(fileName: string, bytes: Buffer, convertedFrom?: ConvertFrom): Promise<ReadResult> {
  const name = fileName || '文件';
  const ext = (/\.([a-z0-9]+)$/i.exec(fileName)?.[1] ?? '').toLowerCase();
  if (bytes.length === 0) return { ok: false, format: null, message: `“${name}”是空文件（0 字节），没有可导入的内容。` };
  if (bytes.length > IMPORT_MAX_BYTES) {
    return { ok: false, format: null, message: tooLargeMessage(name, bytes.length) };
  }
  if (isCompoundFile(bytes)) return compoundFile(name, ext, bytes);
  if (startsWith(bytes, RTF) && WORD_EXTS.includes(ext)) return { ok: false, format: 'doc', message: saveAsDocxMessage(name, ext), convert: 'doc' };
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) return readPackage(name, ext, bytes, convertedFrom);
  if (WORKBOOK_EXTS.includes(ext)) {
    return { ok: false, format: 'xlsx', message: `“${name}”的扩展名是 .${ext}，但内容不是 Excel 工作簿（可能已损坏，或是改了扩展名的其他文件）。` };
  }
  if (WORD_EXTS.includes(ext)) {
    return { ok: false, format: 'docx', message: `“${name}”的扩展名是 .${ext}，但内容不是 Word 文档（可能已损坏，或是改了扩展名的其他文件）。` };
  }
  const text = decodeText(bytes);
  if (looksBinary(text)) {
    return { ok: false, format: null, message: `“${name}”不是表格文件：只能导入 Excel 工作簿（.xlsx）、Word 通知（.docx）、CSV 文件或文本。` };
  }
  return readImportText(name, text, ext === 'csv' ? 'csv' : 'text');
}

/** A zip: a workbook or a Word document by the parts it holds (the extension decides only when the parts do not). */
async function readPackage(name: string, ext: string, bytes: Buffer, convertedFrom?: ConvertFrom): Promise<ReadResult> {
  let kind: 'document' | 'workbook' | null;
  try {
    kind = packageKind(Object.keys((await openZip(bytes, name, WORD_EXTS.includes(ext) ? 'document' : 'workbook')).zip.files));
  } catch (err) {
    if (err instanceof WorkbookRefusal) return { ok: false, format: WORD_EXTS.includes(ext) ? 'docx' : 'xlsx', message: err.message, place: err.place };
    throw err;
  }
  kind ??= WORD_EXTS.includes(ext) ? 'document' : ['xlsx', 'xlsm', 'xltx', 'et', 'zip'].includes(ext) ? 'workbook' : null;
  if (kind === 'document') return readNotice(name, bytes, convertedFrom ? 'doc' : 'docx');
  if (kind === null) return { ok: false, format: null, message: `“${name}”是压缩包，不是 Excel 工作簿（.xlsx）或 Word 文档（.docx）。` };
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

/** A Word notice: its head, goal and task paragraphs and tables (shared/import/notice/sheets.ts). */
async function readNotice(name: string, bytes: Buffer, format: 'docx' | 'doc'): Promise<ReadResult> {
  let read: ReturnType<typeof noticeSheets>;
  try {
    read = noticeSheets(await readWordDocument(bytes, name));
  } catch (err) {
    if (err instanceof WorkbookRefusal) return { ok: false, format, message: err.message, place: err.place };
    return { ok: false, format, message: `“${name}”无法作为 Word 文档读取。请在 WPS 或 Word 中打开并另存为 .docx 后再导入。` };
  }
  if (read.sheets.length === 0) {
    return {
      ok: false,
      format,
      message: `“${name}”中没有找到可导入的内容：没有“工作目标”“重点工作”等段落，也没有任务分解表或指标分解表。请确认这是工作要点的通知或其附件。`,
    };
  }
  return { ok: true, format, sheets: read.sheets, notice: read.head };
}

/** What an import reads: file bytes (xlsx, docx, csv, txt) or pasted text. */
export interface ImportSource {
  fileName: string;
  /** File bytes (xlsx, docx, csv, txt). */
  bytes?: Uint8Array;
  /** Pasted text. */
  text?: string;
  /** The bytes are the .docx LibreOffice made of the user's .doc/.wps (named fileName). */
  convertedFrom?: ConvertFrom;
}

export async function readSource(src: ImportSource): Promise<ReadResult> {
  if (src.text !== undefined) return readImportText(src.fileName || '粘贴的文字', src.text);
  // Bytes that crossed into a worker thread arrive as a plain Uint8Array.
  const bytes = src.bytes ? Buffer.from(src.bytes.buffer, src.bytes.byteOffset, src.bytes.byteLength) : Buffer.alloc(0);
  return readImportFile(src.fileName, bytes, src.convertedFrom);
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
