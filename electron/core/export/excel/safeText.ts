/**
 * Text that goes into a cell exactly as the user typed it, and only as text.
 *
 * - Cells are always written as strings (exceljs never turns a string into a
 *   formula), and every text cell carries the Text number format "@", so a
 *   value such as "=1+1", "+86…", "-3" or "@sum" stays text even when someone
 *   later clicks into the cell in Excel or WPS and presses Enter.
 * - Characters XML 1.0 cannot carry (control characters, lone surrogates)
 *   would make the file unreadable; they are dropped.
 * - Excel refuses cells longer than 32,767 characters; longer text is cut
 *   with an ellipsis instead of producing a file Excel "repairs".
 */

/** The Text number format: what is in the cell is text, whatever it looks like. */
export const TEXT_FORMAT = '@';

export const EXCEL_MAX_CELL_CHARS = 32_767;

// C0 controls except tab, line feed and carriage return; U+FFFE/U+FFFF; lone surrogates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job (XML cannot hold them)
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Anything safeText changes: a carriage return or a character NOT_XML drops (no g flag: test() keeps no state). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: as NOT_XML
const NEEDS_CLEANING = /[\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** Starts like a formula or a DDE/command injection would (= + - @, also after leading spaces or a tab). */
export function looksLikeFormula(text: string): boolean {
  return /^[\s]*[=+\-@]/.test(text) || /^[\t\r]/.test(text);
}

/** The text as it may be stored in a cell: valid XML, within Excel's length limit, line breaks as \n. */
export function safeText(text: string | null | undefined): string {
  if (text == null) return '';
  const s = String(text);
  // Most cells (names, statuses, "—") need nothing: one scan instead of two replacements.
  if (s.length <= EXCEL_MAX_CELL_CHARS && !NEEDS_CLEANING.test(s)) return s;
  let t = s.replace(/\r\n?/g, '\n').replace(NOT_XML, '');
  if (t.length > EXCEL_MAX_CELL_CHARS) t = t.slice(0, EXCEL_MAX_CELL_CHARS - 1) + '…';
  return t;
}
