/**
 * Where things are in a fill-in workbook (填报表). The writer and the reader
 * share these, so a return is read exactly where the export wrote.
 */
export const FIGURE_SHEET = '填报表';
export const PROGRESS_SHEET = '任务进展';
/** veryHidden: Excel and WPS offer no menu to show it; it holds the identification. */
export const ID_SHEET = '_taizhang';
export const ID_MARK = 'taizhang-exchange';
/** Identification JSON is split over cells A2, A3, … of the hidden sheet (a cell holds at most 32,767 characters). */
export const ID_CHUNK = 30_000;

/** 填报表: the unit's name in B3 (checked against the identification), header in row 6, cells from row 7. */
export const UNIT_CELL = 'B3';
export const FIGURE_HEADER_ROW = 6;
export const FIGURE_FIRST_ROW = 7;
export const COL = { seq: 1, name: 2, measure: 3, target: 4, period: 5, value: 6, rule: 7, note: 8 } as const;

/** 任务进展: header in row 3, tasks from row 4. */
export const PROGRESS_HEADER_ROW = 3;
export const PROGRESS_FIRST_ROW = 4;
export const PCOL = { seq: 1, content: 2, lead: 3, status: 4, text: 5 } as const;

/**
 * The sheet-protection password. It is not a secret (anyone with this source
 * has it): protection stops accidental edits of targets and names; the
 * checksum in the identification catches deliberate ones.
 */
export const SHEET_PASSWORD = 'tz-填报-2022';
