/**
 * Exports in the desktop app: the renderer hands the file over as a download
 * (the same Blob the browser door saves); here it becomes a save dialog that
 * starts in 文档, and afterwards the user may open the file in the system's
 * spreadsheet or PDF program, or its folder. Pure helpers, tested in Node.
 */
import path from 'node:path';

/** The buttons shown after a file is saved, in order; the index is what showMessageBox returns. */
export const AFTER_SAVE_BUTTONS = ['打开文件', '打开所在文件夹', '关闭'] as const;
export type AfterSaveChoice = 'open' | 'folder' | 'none';

export function afterSaveChoice(response: number): AfterSaveChoice {
  return response === 0 ? 'open' : response === 1 ? 'folder' : 'none';
}

/** Where the save dialog starts: the user's documents folder, with the file name the export chose. */
export function defaultSavePath(documentsDir: string, fileName: string): string {
  // A file name from the page never carries folders: keep only its last part.
  const base = path.basename(fileName.replace(/\\/g, '/')) || '导出文件';
  return path.join(documentsDir, base);
}

export function afterSaveMessage(savedPath: string): { title: string; message: string; detail: string } {
  return { title: '导出完成', message: `已保存：${path.basename(savedPath)}`, detail: savedPath };
}
