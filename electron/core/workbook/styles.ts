/**
 * Which cell styles show a number as a date: a serial number in such a cell
 * is a day ("2022-12-31"), as Excel shows it. Built-in formats 14–22 and the
 * Chinese/East-Asian date formats 27–36 and 50–58; a custom format is a date
 * when it has date or time letters outside quotes and brackets (exceljs's
 * rule, so files read as they did before).
 */
import type JSZip from 'jszip';
import { readXml } from './xml';
import type { OpenedZip } from './zip';

const BUILTIN_DATE = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare);
}

/** Style index (a cell's s="…") → whether it shows a date. */
export async function readDateStyles(opened: OpenedZip, file: JSZip.JSZipObject | null): Promise<boolean[]> {
  if (!file) return [];
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await readXml(opened, file, '样式表', {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return xfFormats.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATE.has(id)));
}
