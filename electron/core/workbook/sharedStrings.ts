/**
 * The shared strings (xl/sharedStrings.xml): each <si> is plain text (<t>)
 * or rich text runs (<r><t>), whose texts join; phonetic guides (<rPh>) are
 * not part of the text. A string longer than a cell may hold is kept as its
 * length only; it is refused where a cell uses it (the cell is the place
 * the user can find).
 */
import type JSZip from 'jszip';
import { CELL_MAX_CHARS, countLabel, WORKBOOK_MAX_CELLS } from '../../../shared/import/limits';
import { fileLabel, RESAVE, WorkbookRefusal } from './refusal';
import { type Overlong, unescapeOoxml } from './text';
import { readXml } from './xml';
import type { OpenedZip } from './zip';

/** More strings than the cells an import reads could ever use (each cell uses at most one). */
export const SHARED_STRINGS_MAX = WORKBOOK_MAX_CELLS;

export async function readSharedStrings(opened: OpenedZip, file: JSZip.JSZipObject | null): Promise<(string | Overlong)[]> {
  if (!file) return [];
  const strings: (string | Overlong)[] = [];
  let current: string[] | null = null;
  let length = 0;
  let inText = false;
  let phonetic = 0;
  await readXml(opened, file, '共享文字表（sharedStrings）', {
    open(name) {
      if (name === 'si') {
        current = [];
        length = 0;
      } else if (name === 'rPh') phonetic++;
      else if (name === 't') inText = true;
    },
    text(t) {
      if (!inText || phonetic > 0 || !current) return;
      length += t.length;
      // Past the cap the pieces are no longer kept: only the length is.
      if (length <= CELL_MAX_CHARS) current.push(t);
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && current) {
        strings.push(length > CELL_MAX_CHARS ? { overlong: length } : unescapeOoxml(current.join('')));
        current = null;
        if (strings.length > SHARED_STRINGS_MAX) {
          throw new WorkbookRefusal(
            `${fileLabel(opened.fileName)}的共享文字表有超过 ${countLabel(SHARED_STRINGS_MAX, '条文字')}，远多于可导入的单元格数，已停止读取。${RESAVE}`,
          );
        }
      }
    },
  });
  return strings;
}
