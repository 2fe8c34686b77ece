/**
 * The largest file an import accepts, checked by the UI before sending and by
 * the core. The web door carries files as base64 inside a JSON body of at most
 * 20 MB (electron/web/host.ts), so a file must stay under 14 MB to fit.
 */
export const IMPORT_MAX_BYTES = 14 * 1024 * 1024;
export const IMPORT_MAX_LABEL = '14 MB';

export function tooLargeMessage(fileName: string, bytes: number): string {
  return `“${fileName}”有 ${(bytes / 1024 / 1024).toFixed(1)} MB，超过导入上限 ${IMPORT_MAX_LABEL}。请只保留要导入的工作表后另存，再导入。`;
}

/** The base64 form of the largest file: 4 characters for every 3 bytes. */
export const IMPORT_MAX_BASE64_CHARS = Math.ceil(IMPORT_MAX_BYTES / 3) * 4;

/**
 * The longest pasted text: a pasted table is a few thousand characters; 2
 * million characters (up to 6 MB as UTF-8) is far beyond any real one and
 * keeps the request well inside the web door's body limit.
 */
export const IMPORT_MAX_TEXT_CHARS = 2_000_000;

/**
 * Standard base64 (what FileReader, Buffer and btoa produce): no spaces,
 * padding only at the end. A plain character-class loop on purpose: a
 * grouped `(?:x{4})*` overflows the regex stack on a 14 MB string.
 */
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;

export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && BASE64_CHARS.test(text);
}

/*
 * Bounded reading of workbooks from outside (imports and returned 填报表):
 * every limit names itself in the message that refuses a file, so the user
 * knows what to cut. The reader (electron/core/workbook/) stops as soon as a
 * limit is passed, before the file costs more time or memory.
 */

/** Excel's own limit for the text of one cell; a longer cell was not written by Excel or WPS. */
export const CELL_MAX_CHARS = 32_767;

/** User text (a unit name, a sheet or file name) echoed in a message is cut to this many characters. */
export const NAME_ECHO_CHARS = 40;

/** Cells of one sheet's used range (rows × columns of the cells that hold values). */
export const SHEET_MAX_CELLS = 500_000;
/** Cells of all sheets read from one workbook together. */
export const WORKBOOK_MAX_CELLS = 1_000_000;
/** Sheets a workbook may list (visible or not). */
export const WORKBOOK_MAX_SHEETS = 200;
/** Merged areas of one sheet. */
export const SHEET_MAX_MERGES = 20_000;
/** Entries of the zip container (a workbook of 200 sheets has about 450). */
export const ZIP_MAX_ENTRIES = 5_000;
/** Uncompressed bytes of one part (a sheet's XML, the shared strings). */
export const PART_MAX_BYTES = 128 * 1024 * 1024;
/** Uncompressed bytes of all parts read from one workbook. */
export const WORKBOOK_MAX_XML_BYTES = 256 * 1024 * 1024;
/** Nesting of XML elements (a sheet needs 6; a Word table in a table about 20). */
export const XML_MAX_DEPTH = 64;

/*
 * A Word notice (.docx) is read whole into a document tree (@xmldom/xmldom),
 * so its main part is capped far lower than a sheet's streamed XML: a
 * 50-page notice's word/document.xml is about 0.3 MB. The tree costs more
 * than linear time for a very long table (xmldom appends children slowly):
 * 4 MB (some 650 such pages, or one table of 9,000 rows) builds in a few
 * seconds, 8 MB took four times as long — so 4 MB, well inside the file
 * worker's budget and heap (bench: a notice at this limit).
 */
/** Uncompressed bytes of a Word document's main part (word/document.xml). */
export const DOCUMENT_PART_MAX_BYTES = 4 * 1024 * 1024;
/** Uncompressed bytes of all parts read from one Word document (with its numbering, styles and relationships). */
export const DOCUMENT_MAX_XML_BYTES = 8 * 1024 * 1024;
/** Tables one Word document may hold. */
export const DOCUMENT_MAX_TABLES = 500;
/** Grid columns of one Word table (Word itself allows 63). */
export const TABLE_MAX_COLUMNS = 200;
/** A .doc or .wps converted to .docx by LibreOffice: stopped after this. */
export const CONVERT_MAX_SECONDS = 60;

/** A file's reading and checking stop after this (a worker thread; the window and web host keep answering). */
export const FILE_JOB_MAX_SECONDS = 20;
/** The heap the worker thread that reads a file may use. */
export const FILE_JOB_MAX_HEAP_MB = 640;

/**
 * A count with its measure word, as a message says it: (40000, '个字符') →
 * "40000 个字符", (2000000, '个单元格') → "200 万个单元格",
 * (327827456, '个单元格') → "3.3 亿个单元格".
 */
export function countLabel(n: number, measure = ''): string {
  const short = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  if (n >= 100_000_000) return `${short(Math.round(n / 10_000_000) / 10)} 亿${measure}`;
  if (n >= 100_000) return `${short(Math.round(n / 1_000) / 10)} 万${measure}`;
  return measure ? `${n} ${measure}` : String(n);
}

/** A user's text cut for a message: the first `max` characters, and how long it was when longer. */
export function echoText(text: string, max = NAME_ECHO_CHARS): string {
  if (text.length <= max) return text;
  // Never half a character outside the BMP.
  const head = text.slice(0, max).replace(/[\uD800-\uDBFF]$/, '');
  return `${head}…（共 ${countLabel(text.length, '个字符')}）`;
}
