/** Text as SpreadsheetML stores it. */

/** "_x000D_" → "\r": Excel escapes characters XML cannot hold this way ("_x005F_" is a literal "_"). */
export function unescapeOoxml(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A text longer than a cell may hold, kept as its length only (the text itself is dropped at once). */
export interface Overlong {
  overlong: number;
}

export const isOverlong = (v: unknown): v is Overlong => typeof v === 'object' && v !== null && 'overlong' in v;
