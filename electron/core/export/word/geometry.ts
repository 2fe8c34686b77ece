/**
 * GB/T 9704-2012 page geometry for Word, in twips (1/20 pt), from the same
 * numbers the PDF uses (../pdf/geometry.ts): A4, margins 37 / 35 / 28 / 26 mm
 * (版心 156 × 225 mm), body 3号 (16 pt), 28 characters × 22 lines.
 */
import { BODY_SIZE, CHARS_PER_LINE, LINES_PER_PAGE, MARGIN, PAGE, PAGE_NUMBER_GAP, PAGE_NUMBER_SIZE, TABLE_SIZE, TITLE_SIZE, WIDE_TABLE_SIZE, mm } from '../pdf/geometry';

export const twips = (pt: number) => Math.round(pt * 20);

export const PAGE_TW = { width: twips(PAGE.width), height: twips(PAGE.height) }; // 11906 × 16838
export const MARGIN_TW = { top: twips(MARGIN.top), bottom: twips(MARGIN.bottom), left: twips(MARGIN.left), right: twips(MARGIN.right) };
/** The width of the 版心 as Word computes it: the page less its margins (8845 twips, 156.0 mm). */
export const TEXT_WIDTH_TW = PAGE_TW.width - MARGIN_TW.left - MARGIN_TW.right;

/** Font sizes in half-points (w:sz). */
export const HALF_POINTS = {
  body: BODY_SIZE * 2,
  title: TITLE_SIZE * 2,
  pageNumber: PAGE_NUMBER_SIZE * 2,
  table: TABLE_SIZE * 2,
  wideTable: WIDE_TABLE_SIZE * 2,
  caption: 12 * 2,
} as const;

/**
 * The body's line pitch — the docGrid's linePitch and the 正文's exact line
 * spacing: 22 lines in the 版心, rounded down to the twip (579, 28.95 pt).
 * Rounded up (580), 22 lines would not fit: Word and LibreOffice would make
 * the grid 21 lines, and LibreOffice centres a grid that does not fill the
 * 版心, pushing the first line 5 mm down.
 */
export const LINE_PITCH_TW = Math.floor((PAGE_TW.height - MARGIN_TW.top - MARGIN_TW.bottom) / LINES_PER_PAGE);

/** The character pitch of 28 characters a line: 315.9 twips (15.8 pt), a little less than 3号's 16 pt. */
const CHAR_PITCH_TW = TEXT_WIDTH_TW / CHARS_PER_LINE;

/**
 * The docGrid's charSpace: how far the grid's character pitch is from the
 * Normal style's font size, in 4096ths of a point (ECMA-376 17.6.5): −841,
 * the value Word writes for "每行 28 字" at 3号 on this 版心.
 */
export const GRID_CHAR_SPACE = Math.round(((CHAR_PITCH_TW - BODY_SIZE * 20) / 20) * 4096);

/**
 * 3号 characters condensed by 0.25 pt (w:spacing −5 twips) so 28 of them fill
 * a line (28 × 15.75 pt = 441 pt of 442.25 pt) in Word, WPS and LibreOffice
 * alike — the PDF condenses by 0.21 pt; Word's unit is the twip.
 */
export const BODY_CHARACTER_SPACING_TW = Math.floor(CHAR_PITCH_TW - BODY_SIZE * 20);

/** Body characters' advance, condensed: the unit of the two-character first-line indent and the 落款's four-character inset. */
export const BODY_CHAR_TW = BODY_SIZE * 20 + BODY_CHARACTER_SPACING_TW;

/**
 * The title's exact line height: 1.2 × 2号. LibreOffice (and Word, about)
 * put the baseline of an exact-height line at 80 % of it, so the title's
 * characters start at the top of the 版心, 37 mm down, as the PDF's do; the
 * space after it fills the two lines a one-line title takes on the grid.
 */
export const TITLE_LINE_TW = twips(TITLE_SIZE * 1.2);
export const TITLE_SPACE_AFTER_TW = 2 * LINE_PITCH_TW - TITLE_LINE_TW;

/** 空一字 for the page number: one 4号 character in from the edge of the 版心. */
export const PAGE_NUMBER_INSET_TW = PAGE_NUMBER_SIZE * 20;

/**
 * The footer's distance from the bottom edge (w:footer). GB/T 9704 7.5 puts
 * the page number's 一字线 7 mm below the 版心; the footer paragraph is one
 * exact 4号 line whose baseline sits at 80 % of it, and the dash lies about
 * a third of an em above the baseline: the bottom margin (35 mm) less the
 * 7 mm to the dash, less the part of the line below the dash.
 */
export const PAGE_NUMBER_LINE_TW = PAGE_NUMBER_SIZE * 20;
export const FOOTER_DISTANCE_TW = twips(MARGIN.bottom - PAGE_NUMBER_GAP - PAGE_NUMBER_SIZE * (1 - 0.8 + 0.33));

/** The header's distance from the top edge (it holds nothing but the 示例数据 watermark's anchor). */
export const HEADER_DISTANCE_TW = twips(mm(15));

