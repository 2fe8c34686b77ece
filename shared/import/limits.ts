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
