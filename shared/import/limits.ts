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
