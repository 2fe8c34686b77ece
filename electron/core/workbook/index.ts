/**
 * Reads a workbook from outside (an import, a returned 填报表) with every
 * cost bounded before it is paid: the zip's entries and each part's
 * inflated size (./zip.ts), XML nesting (./xml.ts), the number of sheets,
 * each sheet's used range and merges (./sheet.ts), the cells of all sheets
 * together, the length of a cell's text. A file past a limit is refused
 * with a WorkbookRefusal whose Chinese message names the file, the sheet
 * and, where there is one, the cell — never a library's English.
 *
 * exceljs's own reader is not used for files from outside: it expands every
 * merged area into cells (A1:XFD1048576 is 17 billion) and loads the whole
 * package before anything can be checked.
 */
import { countLabel, WORKBOOK_MAX_CELLS, WORKBOOK_MAX_SHEETS } from '../../../shared/import/limits';
import { fileLabel, RESAVE, sheetLabel, WorkbookRefusal } from './refusal';
import { readSharedStrings } from './sharedStrings';
import { readSheet, type SheetCells, type SheetState } from './sheet';
import { readDateStyles } from './styles';
import { readXml } from './xml';
import { REL_TYPE_END, readRels, resolveTarget } from './rels';
import { findPart, openZip } from './zip';

export { WorkbookRefusal } from './refusal';
export type { CellValue, CellError, SheetCells, SheetState } from './sheet';

export interface SheetEntry {
  name: string;
  index: number;
  state: SheetState;
}

export interface ReadOptions {
  /** Which sheets to read (default: the visible ones; hidden sheets are working material, not the table). */
  include?: (sheet: SheetEntry) => boolean;
}

export interface BoundedWorkbook {
  /** Every sheet the workbook lists, in order. */
  entries: SheetEntry[];
  /** The sheets read. */
  sheets: SheetCells[];
}


export async function readWorkbook(bytes: Buffer, fileName: string, options: ReadOptions = {}): Promise<BoundedWorkbook> {
  const opened = await openZip(bytes, fileName);
  const rootRels = await readRels(opened, findPart(opened, '_rels/.rels'));
  const docRel = rootRels.find((r) => REL_TYPE_END(r, '/officedocument'));
  const workbookPath = docRel ? resolveTarget('', docRel.target) : 'xl/workbook.xml';
  const workbookFile = findPart(opened, workbookPath) ?? findPart(opened, 'xl/workbook.xml');
  if (!workbookFile) {
    throw new WorkbookRefusal(`${fileLabel(fileName)}是压缩包，但里面没有 Excel 工作簿的内容（缺少 workbook.xml），无法读取。${RESAVE}`);
  }
  const baseDir = workbookFile.name.includes('/') ? workbookFile.name.slice(0, workbookFile.name.lastIndexOf('/') + 1) : '';

  const listed: (SheetEntry & { relId: string })[] = [];
  let date1904 = false;
  await readXml(opened, workbookFile, '工作簿目录（workbook.xml）', {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (name !== 'sheet') return;
      if (listed.length >= WORKBOOK_MAX_SHEETS) {
        throw new WorkbookRefusal(
          `${fileLabel(fileName)}有超过 ${WORKBOOK_MAX_SHEETS} 个工作表，超过了导入上限 ${WORKBOOK_MAX_SHEETS} 个；请只保留需要导入的工作表，另存后再导入。`,
        );
      }
      const state: SheetState = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
      const relId = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
      listed.push({ name: a.name ?? `Sheet${listed.length + 1}`, index: listed.length, state, relId });
    },
  });

  const relsPath = `${baseDir}_rels/${workbookFile.name.slice(baseDir.length)}.rels`;
  const rels = await readRels(opened, findPart(opened, relsPath));
  const partOf = (end: string, fallback: string) => {
    const rel = rels.find((r) => REL_TYPE_END(r, end));
    return findPart(opened, rel ? resolveTarget(baseDir, rel.target) : `${baseDir}${fallback}`);
  };
  const include = options.include ?? ((s: SheetEntry) => s.state === 'visible');
  const wanted = listed.filter(include);
  const entries = listed.map(({ name, index, state }) => ({ name, index, state }));
  if (wanted.length === 0) return { entries, sheets: [] };

  const dateStyles = await readDateStyles(opened, partOf('/styles', 'styles.xml'));
  const sharedStrings = await readSharedStrings(opened, partOf('/sharedstrings', 'sharedStrings.xml'));
  const ctx = { opened, sharedStrings, dateStyles, date1904 };
  const sheets: SheetCells[] = [];
  let total = 0;
  for (const entry of wanted) {
    const rel = rels.find((r) => r.id === entry.relId);
    const file = rel ? findPart(opened, resolveTarget(baseDir, rel.target)) : null;
    if (!file) {
      throw new WorkbookRefusal(`${fileLabel(fileName)}${sheetLabel(entry.index, entry.name)}的内容缺失，文件已损坏或不完整。${RESAVE}`, {
        sheet: entry.name,
        row: 0,
        column: '',
      });
    }
    const sheet = await readSheet(ctx, file, entry.index, entry.name, entry.state);
    total += sheet.rows.length * sheet.width;
    if (total > WORKBOOK_MAX_CELLS) {
      throw new WorkbookRefusal(
        `${fileLabel(fileName)}读到${sheetLabel(entry.index, entry.name)}时，各工作表的内容范围已共有 ${countLabel(total, '个单元格')}，` +
          `超过了导入上限 ${countLabel(WORKBOOK_MAX_CELLS)}；请只保留需要导入的工作表，另存后再导入。`,
        { sheet: entry.name, row: 0, column: '' },
      );
    }
    sheets.push(sheet);
  }
  return { entries, sheets };
}
