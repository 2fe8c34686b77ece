/**
 * A Word document as the import reads it (pure shapes): the body's blocks in
 * order — paragraphs as plain text, tables as rows of cell text with their
 * merged areas. The core fills this in from word/document.xml
 * (electron/core/word/); everything after that is pure (./sheets.ts).
 */
import type { MergeRange } from '../types';

export interface WordParagraph {
  kind: 'paragraph';
  /** The paragraph's text; line breaks inside it joined (no space between Chinese characters). */
  text: string;
  /** Centred (w:jc center): titles and 红头 lines are. */
  centered: boolean;
}

export interface WordTable {
  kind: 'table';
  /**
   * Cell text by grid row and column: a cell spanning columns (w:gridSpan) or
   * rows (w:vMerge) holds its text in its top-left slot, the slots it covers
   * are empty — as a merged area of a workbook reads.
   */
  rows: string[][];
  merges: MergeRange[];
  /** Rows at the top marked to repeat on every page (w:tblHeader). */
  headerRows: number;
}

export type WordBlock = WordParagraph | WordTable;

export interface WordDocument {
  blocks: WordBlock[];
}
