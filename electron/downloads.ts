/**
 * Exports in the desktop app: the renderer hands the file over as a download
 * (the same Blob the browser door saves); here it becomes a save dialog that
 * starts in 文档, and afterwards the user may open the file in the system's
 * spreadsheet, word processor or PDF program, or its folder. Pure helpers, tested in Node.
 *
 * Only what Taizhang writes is handled: a download must come from our own
 * page (a blob: of app://taizhang) and be an .xlsx, .pdf, .docx or .tzpkg; anything
 * else is cancelled. 打开文件 is offered only for such a file, saved where
 * the user chose, as a plain file — so a page can never get a program
 * (.exe, .bat, .lnk …) started by a click on 打开文件.
 */
import fs from 'node:fs';
import path from 'node:path';
import { APP_ORIGIN } from './security';

/** The kinds of file Taizhang exports, with the save dialog's filter for each. */
export const EXPORT_TYPES: Record<string, { name: string; extensions: string[] }> = {
  '.xlsx': { name: 'Excel 工作簿', extensions: ['xlsx'] },
  '.pdf': { name: 'PDF 文档', extensions: ['pdf'] },
  '.docx': { name: 'Word 文档', extensions: ['docx'] },
  '.tzpkg': { name: '科创台账数据包', extensions: ['tzpkg'] },
};

const extensionOf = (file: string) => path.extname(file).toLowerCase();

/** A download Taizhang's own page started for a file it exports; anything else is cancelled. */
export function isOwnExport(url: string, fileName: string): boolean {
  return url.startsWith(`blob:${APP_ORIGIN}/`) && extensionOf(fileName) in EXPORT_TYPES;
}

/** Where the save dialog starts: the user's documents folder, with the file name the export chose. */
export function defaultSavePath(documentsDir: string, fileName: string): string {
  // A file name from the page never carries folders: keep only its last part.
  const base = path.basename(fileName.replace(/\\/g, '/')) || '导出文件';
  return path.join(documentsDir, base);
}

/** The save dialog's file-type filter: the export's own kind, so the extension stays. */
export function saveDialogFilters(fileName: string): { name: string; extensions: string[] }[] {
  const type = EXPORT_TYPES[extensionOf(fileName)];
  return type ? [type] : [];
}

/**
 * The saved file 打开文件 may open: the path the user chose, when it is one of the kinds Taizhang
 * writes and a plain file there (not a link to something else); null otherwise.
 */
export function openableSavedFile(savedPath: string, lstat: (p: string) => fs.Stats = fs.lstatSync): string | null {
  if (!savedPath || !path.isAbsolute(savedPath) || !(extensionOf(savedPath) in EXPORT_TYPES)) return null;
  try {
    return lstat(savedPath).isFile() ? savedPath : null;
  } catch {
    return null;
  }
}

export type AfterSaveChoice = 'open' | 'folder' | 'none';

/** The buttons shown after a file is saved, in order (打开文件 only for a file it may open), with what each does. */
export function afterSaveButtons(canOpen: boolean): { label: string; choice: AfterSaveChoice }[] {
  return [
    ...(canOpen ? [{ label: '打开文件', choice: 'open' as const }] : []),
    { label: '打开所在文件夹', choice: 'folder' },
    { label: '关闭', choice: 'none' },
  ];
}

/** What the answer of showMessageBox (the index of the button clicked) asks for. */
export function afterSaveChoice(buttons: { choice: AfterSaveChoice }[], response: number): AfterSaveChoice {
  return buttons[response]?.choice ?? 'none';
}

export function afterSaveMessage(savedPath: string): { title: string; message: string; detail: string } {
  return { title: '导出完成', message: `已保存：${path.basename(savedPath)}`, detail: savedPath };
}
