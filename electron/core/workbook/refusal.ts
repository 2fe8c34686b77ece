/**
 * A workbook the bounded reader will not read further, with the Chinese
 * sentence that says why and where (file, sheet, cell) and what to do.
 */
import { echoText } from '../../../shared/import/limits';
import { columnLetter } from '../../../shared/import/types';

/** "A" for 0, "XFD" for 16383. */
export const columnName = columnLetter;

export interface RefusalPlace {
  /** Sheet name as the workbook writes it ('' for the file as a whole). */
  sheet: string;
  /** 1-based row; 0 when not about one row. */
  row: number;
  /** Column letter ("D"); '' when not about one column. */
  column: string;
}

export class WorkbookRefusal extends Error {
  constructor(
    message: string,
    readonly place: RefusalPlace = { sheet: '', row: 0, column: '' },
  ) {
    super(message);
    this.name = 'WorkbookRefusal';
  }
}

/** "第3个工作表“汇总”": the position first, so even a sheet with an odd name is found. */
export const sheetLabel = (index: number, name: string) => `第${index + 1}个工作表“${echoText(name)}”`;

/** “附件2.xlsx”: the file as the user named it, cut when absurdly long. */
export const fileLabel = (fileName: string) => `“${echoText(fileName || '文件', 60)}”`;

/** The advice that ends a refusal of a file that Excel/WPS can repair by saving it again. */
export const RESAVE = '请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。';
/** The same for a Word document (a notice). */
export const RESAVE_DOCX = '请在 WPS 或 Word 中打开并另存为 .docx 后再导入。';

/** "B3" for row 2, column 1 (0-based). */
export const cellName = (row: number, col: number) => `${columnName(col)}${row + 1}`;
