/**
 * Reads a Word document from outside (.docx — a notice 通知 with its annex
 * tables) into the pure shape the import works on (shared/import/notice/word.ts).
 *
 * The package is opened by the workbook reader's bounded zip (../workbook/zip.ts:
 * entry count, each part inflated with byte caps — DOCUMENT_PART_MAX_BYTES for
 * the main part), each XML part is checked by saxes (../workbook/xml.ts:
 * well-formed, nesting capped) and only then parsed into a tree with
 * @xmldom/xmldom (./dom.ts), which the body reader walks (./body.ts,
 * ./table.ts). docs/ARCHITECTURE.md says why this and not mammoth.
 * A file past a limit or damaged is refused with a WorkbookRefusal: a Chinese
 * sentence that names the file and, where there is one, the table and row.
 */
import type { WordDocument } from '../../../shared/import/notice/word';
import { fileLabel, RESAVE_DOCX, WorkbookRefusal } from '../workbook/refusal';
import { readRels, REL_TYPE_END, resolveTarget } from '../workbook/rels';
import { findPart, openZip, type OpenedZip } from '../workbook/zip';
import { readBlocks } from './body';
import { child, readPartTree, type Element } from './dom';
import { makeNumbering } from './numbering';

/** What a zip holds: a Word document, an Excel workbook, or neither (by the parts inside, not the extension). */
export function packageKind(names: string[]): 'document' | 'workbook' | null {
  const lower = new Set(names.map((n) => n.replace(/^\/+/, '').toLowerCase()));
  if (lower.has('word/document.xml')) return 'document';
  if (lower.has('xl/workbook.xml')) return 'workbook';
  return null;
}

async function optionalTree(opened: OpenedZip, path: string | null, what: string): Promise<Element | null> {
  const file = path ? findPart(opened, path) : null;
  return file ? readPartTree(opened, file, what) : null;
}

export async function readWordDocument(bytes: Buffer, fileName: string): Promise<WordDocument> {
  const opened = await openZip(bytes, fileName, 'document');
  const rootRels = await readRels(opened, findPart(opened, '_rels/.rels'));
  const docRel = rootRels.find((r) => REL_TYPE_END(r, '/officedocument'));
  const mainPath = docRel ? resolveTarget('', docRel.target) : 'word/document.xml';
  const main = findPart(opened, mainPath) ?? findPart(opened, 'word/document.xml');
  if (!main) {
    throw new WorkbookRefusal(`${fileLabel(fileName)}是压缩包，但里面没有 Word 文档的内容（缺少 document.xml），无法读取。${RESAVE_DOCX}`);
  }
  const baseDir = main.name.includes('/') ? main.name.slice(0, main.name.lastIndexOf('/') + 1) : '';
  const rels = await readRels(opened, findPart(opened, `${baseDir}_rels/${main.name.slice(baseDir.length)}.rels`));
  const partOf = (end: string, fallback: string) => {
    const rel = rels.find((r) => REL_TYPE_END(r, end));
    return rel ? resolveTarget(baseDir, rel.target) : `${baseDir}${fallback}`;
  };
  // Automatic numbering ("1." and "（一）" drawn by Word) needs the numbering and style parts.
  const numbering = makeNumbering(await optionalTree(opened, partOf('/numbering', 'numbering.xml'), '编号定义'), await optionalTree(opened, partOf('/styles', 'styles.xml'), '样式表'));
  const root = await readPartTree(opened, main, '正文（document.xml）');
  const body = child(root, 'body');
  if (!body) throw new WorkbookRefusal(`${fileLabel(fileName)}的正文（document.xml）没有内容，文件已损坏或不完整。${RESAVE_DOCX}`);
  const blocks = readBlocks(body, { numbering, tables: { fileName, tables: 0, cells: 0 } });
  return { blocks };
}
