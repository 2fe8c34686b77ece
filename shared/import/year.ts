/**
 * The year a table says it belongs to: its title rows ("2023年工作要点任务
 * 分解表"), else its file name. A date is not a year ("填报日期：2022年3月",
 * "2023年1月报送"); a span is read as one ("2021—2025年"). A table of another
 * year than the plan's is never merged into it (issue 12).
 */
import { echo } from './echo';
import type { SheetGrid } from './types';

export interface FileYear {
  from: number;
  to: number;
  /** Where it was read: "标题“2023年工作要点任务分解表”" or "文件名“2023年任务.xlsx”". */
  source: string;
  /** 1-based row of the title (0 for the file name). */
  row: number;
}

const SPAN = /((?:19|20)\d{2})\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*年/;
/** "2022年" or "2022年度", not "2022年3月". */
const YEAR = /((?:19|20)\d{2})\s*年(?!\s*[0-9０-９]{1,2}\s*月)/;
/** Lines about the form, not the table: 填报日期, 报送时间, 截至 … */
const FORM_LINE = /^(?:填报|报送|制表|日期|时间|截至|截止|统计|打印|附件)/;

export function yearsIn(text: string): { from: number; to: number } | null {
  const t = text.replace(/\s+/g, '');
  const span = SPAN.exec(t);
  if (span) return { from: Number(span[1]), to: Number(span[2]) };
  const one = YEAR.exec(t);
  return one ? { from: Number(one[1]), to: Number(one[1]) } : null;
}

/** The year of a sheet whose header starts at the 0-based `headerRow`. */
export function sheetYear(grid: SheetGrid, headerRow: number, fileName: string): FileYear | null {
  for (let r = 0; r < Math.min(headerRow, 8); r++) {
    for (const cell of grid.rows[r] ?? []) {
      const t = (cell ?? '').trim();
      if (!t || FORM_LINE.test(t)) continue;
      const y = yearsIn(t);
      if (y) return { ...y, source: `标题“${echo(t, 40)}”`, row: r + 1 };
    }
  }
  const base = fileName.replace(/\.[^.]+$/, '');
  const y = yearsIn(base);
  return y ? { ...y, source: `文件名“${echo(fileName, 40)}”`, row: 0 } : null;
}

/** The file's years and the plan's do not meet. */
export function otherYear(year: { from: number; to: number }, plan: { yearStart: number; yearEnd: number }): boolean {
  return year.to < plan.yearStart || year.from > plan.yearEnd;
}
