/**
 * The official look shared by every exported sheet: fonts, 公文 sizes,
 * borders, number formats, and the estimates of column widths and row
 * heights for Chinese text.
 *
 * Fonts. An xlsx font is one name, so there is no fallback list to write.
 *   - Title: 方正小标宋简体, the font GB/T 9704 prescribes for document
 *     titles and the one every 公文 PC has installed. Where it is missing,
 *     Excel and WPS substitute by charset: the font carries charset 134
 *     (GB2312), so they pick the system's Chinese default (宋体/等线 in
 *     Excel, 宋体 in WPS, Noto/文泉驿 under LibreOffice) — the title stays
 *     Chinese and readable, only less formal. 黑体 was the alternative; it
 *     exists everywhere but is the wrong face for a 公文 title, and people
 *     who print these annexes have 小标宋.
 *   - Headers 黑体, body 仿宋_GB2312 (same charset rule for substitution).
 * Sizes follow the 公文 conventions: "附件1" 3号 (16 pt), title 2号 (22 pt),
 * table text 小四 (12 pt), notes 五号 (10.5 pt).
 */
import type { Alignment, Borders, Fill, Font } from 'exceljs';

/** GB2312: tells Excel/WPS to substitute a Chinese font when the named one is missing. */
const GB2312 = 134;

export const TITLE_FONT_NAME = '方正小标宋简体';
export const HEADER_FONT_NAME = '黑体';
export const BODY_FONT_NAME = '仿宋_GB2312';

export const SIZE = { label: 16, title: 22, subtitle: 12, header: 12, body: 12, note: 10.5 } as const;

const font = (name: string, size: number, extra: Partial<Font> = {}): Partial<Font> => ({ name, size, charset: GB2312, ...extra });

export const FONT = {
  label: font(HEADER_FONT_NAME, SIZE.label),
  title: font(TITLE_FONT_NAME, SIZE.title),
  subtitle: font(BODY_FONT_NAME, SIZE.subtitle),
  header: font(HEADER_FONT_NAME, SIZE.header),
  section: font(HEADER_FONT_NAME, SIZE.body),
  body: font(BODY_FONT_NAME, SIZE.body),
  bodyBold: font(BODY_FONT_NAME, SIZE.body, { bold: true }),
  note: font(BODY_FONT_NAME, SIZE.note),
} as const;

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
export const THIN_BORDER: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export const ALIGN = {
  left: { horizontal: 'left', vertical: 'middle', wrapText: true },
  center: { horizontal: 'center', vertical: 'middle', wrapText: true },
  // indent 1 keeps numbers off the right border.
  right: { horizontal: 'right', vertical: 'middle', wrapText: false, indent: 1 },
  titleCenter: { horizontal: 'center', vertical: 'middle', wrapText: true },
  noteLeft: { horizontal: 'left', vertical: 'top', wrapText: true },
} satisfies Record<string, Partial<Alignment>>;

export const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

export function solidFill(hex: string): Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } };
}

/** "#389E0D" → "FF389E0D". */
export function argb(hex: string): string {
  return 'FF' + hex.replace('#', '').toUpperCase();
}

/**
 * Number format for an indicator's values with the decimals its measure unit
 * allows: 0 → "0"; 2 → "0.00"; 4 → "0.00##" (two shown always, up to four
 * when the figure has them, so 7 reads "7.00" and 0.035 reads "0.035").
 */
export function decimalsFormat(decimals: number): string {
  const d = Math.max(0, Math.min(10, Math.trunc(decimals)));
  // The same string each time, not a new one: the writer looks formats up per cell (640,000 at 2,000 × 40).
  return (DECIMALS_FORMATS[d] ??= d === 0 ? '0' : `0.${'0'.repeat(Math.min(d, 2))}${'#'.repeat(d - Math.min(d, 2))}`);
}
const DECIMALS_FORMATS: string[] = [];

export const PERCENT_FORMAT = '0.0%';
/** 同比 as a signed percentage. */
export const GROWTH_FORMAT = '+0.0%;-0.0%;0.0%';
/** 同比 of ratio indicators, in percentage points. */
export const POINTS_FORMAT = '+0.00"个百分点";-0.00"个百分点";0.00"个百分点"';
export const INTEGER_FORMAT = '0';

// --- widths and heights ---------------------------------------------------

/**
 * Excel measures column width in widths of "0" of the default font (Calibri
 * 11 pt, 7 px). A CJK character at 12 pt is 16 px ≈ 2.3 of those; Latin
 * letters and digits about one. Estimates err on the wide side: a little
 * white space prints better than "###" or a cut character.
 */
const isWide = (cp: number) =>
  (cp >= 0x1100 && cp <= 0x115f) ||
  (cp >= 0x2e80 && cp <= 0xa4cf) ||
  (cp >= 0xac00 && cp <= 0xd7a3) ||
  (cp >= 0xf900 && cp <= 0xfaff) ||
  (cp >= 0xfe30 && cp <= 0xfe4f) ||
  (cp >= 0xff00 && cp <= 0xff60) ||
  (cp >= 0xffe0 && cp <= 0xffe6) ||
  cp >= 0x20000 ||
  cp === 0x201c ||
  cp === 0x201d ||
  cp === 0x2014 ||
  cp === 0x2026;

/** Width of one line of text in column-width units at `sizePt`. */
export function textWidth(text: string, sizePt: number): number {
  let units = 0;
  for (const ch of text) units += isWide(ch.codePointAt(0)!) ? 2 : 1.05;
  return (units * sizePt) / 11 * 1.02;
}

/** Inner padding Excel keeps on both sides of a cell, in width units. */
export const CELL_PADDING = 1.6;

/** Column width that shows `texts` on one line each, within [min, max]. */
export function fitWidth(texts: Iterable<string>, sizePt: number, min: number, max: number): number {
  let widest = 0;
  for (const t of texts) for (const line of t.split('\n')) widest = Math.max(widest, textWidth(line, sizePt));
  return Math.round(Math.min(max, Math.max(min, widest + CELL_PADDING)) * 10) / 10;
}

/** Lines `text` wraps to in a column `width` units wide (Chinese wraps at any character). */
export function wrappedLines(text: string, sizePt: number, width: number): number {
  const usable = Math.max(1, width - CELL_PADDING);
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(textWidth(line, sizePt) / usable - 0.02));
  return lines;
}

/** Row height in points for `lines` lines of `sizePt` text, with room above and below. */
export function heightForLines(lines: number, sizePt: number): number {
  return Math.round((lines * sizePt * 1.32 + 8) * 4) / 4;
}

/** A title row's height: at least `min` points, and room for every line its text wraps to across `width` units. */
export function titleHeight(text: string, width: number, min: number): number {
  return Math.max(min, heightForLines(wrappedLines(text, SIZE.title, width), SIZE.title));
}

// --- page -----------------------------------------------------------------

/** A4 printable width in column units: portrait 210 mm, landscape 297 mm, less 2 × 15 mm margins; ≈1.85 mm a unit. */
export const A4_PORTRAIT_UNITS = 97;
export const A4_LANDSCAPE_UNITS = 144;
export const A4_PAPER_SIZE = 9;

/** Margins in inches (exceljs unit): 2 cm top and bottom, 1.5 cm left and right. */
export const MARGINS = { left: 0.59, right: 0.59, top: 0.79, bottom: 0.79, header: 0.31, footer: 0.35 };

/** Page numbers in the footer, centred, in the body font ("Regular" is the style name every Excel/WPS locale reads). */
export const PAGE_FOOTER = `&C&"${BODY_FONT_NAME},Regular"&11第 &P 页 共 &N 页`;

/** Portrait when the table fits the portrait width (a little scaling is fine), landscape otherwise. */
export function orientationFor(totalWidth: number): 'portrait' | 'landscape' {
  return totalWidth <= A4_PORTRAIT_UNITS * 1.1 ? 'portrait' : 'landscape';
}
