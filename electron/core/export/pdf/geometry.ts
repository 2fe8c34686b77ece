/**
 * GB/T 9704-2012 page geometry in PDF points (1 pt = 1/72 in).
 * A4 210 × 297 mm; 版心 156 × 225 mm; top margin 37 mm, left 28 mm, hence
 * right 26 mm and bottom 35 mm; body 3号 (16 pt), 28 characters × 22 lines.
 */
export const MM = 72 / 25.4;
export const mm = (v: number) => v * MM;

export const PAGE = { width: mm(210), height: mm(297) };
export const MARGIN = { top: mm(37), left: mm(28), right: mm(26), bottom: mm(35) };
export const TEXT_WIDTH = mm(156);
export const TEXT_HEIGHT = mm(225);

export const BODY_SIZE = 16; // 3号
export const TITLE_SIZE = 22; // 2号
export const PAGE_NUMBER_SIZE = 14; // 4号
export const TABLE_SIZE = 10.5; // 5号
export const WIDE_TABLE_SIZE = 9; // 小5号, for the per-unit table with many columns
export const CHARS_PER_LINE = 28;
export const LINES_PER_PAGE = 22;

/** Distance between baselines: 22 lines fill the 225 mm text block. */
export const LINE_PITCH = TEXT_HEIGHT / LINES_PER_PAGE;

/**
 * 28 full-width characters at 16 pt are 448 pt, 5.8 pt wider than 156 mm;
 * Word's 文档网格 tightens the spacing the same way. Rounded down a little so
 * float error never pushes the 28th character to the next line.
 */
export const CHARACTER_SPACING = Math.floor(((TEXT_WIDTH - CHARS_PER_LINE * BODY_SIZE) / CHARS_PER_LINE) * 1000) / 1000 - 0.005;

/** First-line indent of two characters. */
export const INDENT = 2 * (BODY_SIZE + CHARACTER_SPACING);

/** The page number sits 7 mm below the text block; one character in from the edge of the text block. */
export const PAGE_NUMBER_GAP = mm(7);
