/**
 * SummaryDocument → pdfmake document definition, laid out per GB/T 9704-2012:
 * title 2号 小标宋 centred; body 3号 仿宋, 28 × 22, first line indented two
 * characters; level-1 headings 黑体, level-2 楷体, level-3 仿宋 bold (a
 * stroke where the 仿宋 has no bold face: syntheticBold.ts); page numbers
 * "— 1 —" in 4号 宋体, the 一字线 7 mm below the text block, right on odd pages
 * and left on even; tables smaller, fitting the width, split across pages
 * with their header repeated, cells broken only between words; charts as SVG
 * with real text.
 *
 * 禁则 (no closing punctuation at a line start): pdfmake breaks lines with
 * the Unicode line-breaking algorithm (UAX #14), which already forbids a
 * break before 。，、；：！？）》” and after （《“; the integration test checks
 * every line of the output. No joiner characters are inserted, so the text
 * extracts exactly.
 */
import type { SummaryBlock, SummaryDocument } from '../../../../shared/summary/document';
import type { FontSet } from './fonts';
import { CHART_FONT } from './charts';
import {
  BODY_SIZE,
  CHARACTER_SPACING,
  INDENT,
  LINE_PITCH,
  MARGIN,
  PAGE_NUMBER_GAP,
  PAGE_NUMBER_SIZE,
  TABLE_SIZE,
  TEXT_WIDTH,
  TITLE_SIZE,
  WIDE_TABLE_SIZE,
} from './geometry';
import { inkBelowLineTop, lineHeightFor } from './metrics';
import { labelWords } from '../../../../shared/summary/phrasing';

const PAGE_NUMBER_TEXT = /^— \d+ —$/;
/** Marks a table caption for pageBreakBefore (headings use their outline level, 1 and 2). */
const CAPTION_LEVEL = 9;

/** pdfmake font family names. */
export const FAMILY = {
  fangsong: 'FangSong',
  /** Its own family, so a bold drawn with a stroke (syntheticBold.ts) applies to it alone. */
  fangsongBold: 'FangSongBold',
  heiti: 'HeiTi',
  kaiti: 'KaiTi',
  title: 'XiaoBiaoSong',
  songti: 'SongTi',
} as const;

/** The pdfmake families drawn bold with a stroke for a font set: the 仿宋 bold when it has no bold face. */
export function syntheticBoldFamilies(fonts: FontSet): string[] {
  return fonts.fangsongBold.syntheticBold ? [FAMILY.fangsongBold] : [];
}

type Node = Record<string, unknown> | string;

/**
 * The pdfmake `fonts` table for a font set (TTC faces as [file, postscriptName]).
 * `nameOf` maps a font file to the name pdfmake opens it by (its path, or a
 * name in pdfmake's virtual file system). A new table every call: pdfmake
 * writes the loaded bytes back into the arrays it is given.
 */
export function pdfmakeFonts(fonts: FontSet, nameOf: (file: string) => string = (f) => f): Record<string, Record<string, string | string[]>> {
  const f = (x: FontSet[keyof FontSet]) => (x.postscriptName ? [nameOf(x.file), x.postscriptName] : nameOf(x.file));
  return {
    [FAMILY.fangsong]: { normal: f(fonts.fangsong), bold: f(fonts.fangsongBold) },
    [FAMILY.fangsongBold]: { normal: f(fonts.fangsongBold), bold: f(fonts.fangsongBold) },
    [FAMILY.heiti]: { normal: f(fonts.heiti), bold: f(fonts.heiti) },
    [FAMILY.kaiti]: { normal: f(fonts.kaiti), bold: f(fonts.kaiti) },
    [FAMILY.title]: { normal: f(fonts.title), bold: f(fonts.title) },
    [FAMILY.songti]: { normal: f(fonts.songti), bold: f(fonts.songti) },
    // Opened by the SVG renderer through pdfkit's font() by name (see fontBytes.ts).
    [CHART_FONT]: { normal: f(fonts.chart), bold: f(fonts.chart) },
  };
}

export interface Layout {
  fonts: FontSet;
  /** SVG of each chart block, in document order. */
  charts: string[];
  chartHeight: number;
  /** The bytes of a font file, as the renderer holds them (fontBytes.ts); read from disk when absent. */
  fontBytes?: (file: string) => Buffer;
}

export function summaryDocDefinition(doc: SummaryDocument, layout: Layout): Record<string, unknown> {
  const { fonts } = layout;
  // Each font gets the multiplier that puts its lines exactly one pitch apart.
  const lh = {
    fangsong: lineHeightFor(fonts.fangsong, BODY_SIZE, LINE_PITCH),
    fangsongBold: lineHeightFor(fonts.fangsongBold, BODY_SIZE, LINE_PITCH),
    heiti: lineHeightFor(fonts.heiti, BODY_SIZE, LINE_PITCH),
    kaiti: lineHeightFor(fonts.kaiti, BODY_SIZE, LINE_PITCH),
    title: lineHeightFor(fonts.title, TITLE_SIZE, LINE_PITCH * 1.5),
  };
  let chartIndex = 0;
  const content: Node[] = [];
  for (const block of doc.blocks) content.push(...blockNodes(block));

  function leadStyle(level: number): Record<string, unknown> {
    if (level === 1) return { font: FAMILY.heiti, lineHeight: lh.heiti };
    if (level === 2) return { font: FAMILY.kaiti, lineHeight: lh.kaiti };
    if (level === 3) return { font: FAMILY.fangsongBold, lineHeight: lh.fangsongBold };
    return { font: FAMILY.fangsong, lineHeight: lh.fangsong };
  }

  function blockNodes(block: SummaryBlock): Node[] {
    switch (block.kind) {
      case 'title':
        return [
          {
            text: block.text,
            font: FAMILY.title,
            fontSize: TITLE_SIZE,
            lineHeight: lh.title,
            characterSpacing: 0,
            alignment: 'center',
            margin: [0, 0, 0, LINE_PITCH],
          },
        ];
      case 'notice':
        // The draft mark in black 楷体 under the title; the sample-data notice in red.
        return [{ text: block.text, font: FAMILY.kaiti, lineHeight: lh.kaiti, alignment: 'center', ...(block.role === 'draft' ? {} : { color: '#C00000' }) }];
      case 'pending':
        return [{ text: block.text, font: FAMILY.kaiti, lineHeight: lh.kaiti, leadingIndent: INDENT }];
      case 'paragraph': {
        // Headings (levels 1 and 2 stand alone) are one plain node, marked so they never end a page.
        if ((block.level === 1 || block.level === 2) && !block.text) {
          return [{ text: block.lead, ...leadStyle(block.level), leadingIndent: INDENT, headlineLevel: block.level }];
        }
        const parts: Node[] = [];
        if (block.lead) parts.push({ text: block.lead, ...leadStyle(block.level) });
        if (block.text) parts.push({ text: block.text, font: FAMILY.fangsong, lineHeight: lh.fangsong });
        return [{ text: parts, leadingIndent: INDENT, alignment: 'justify', lineHeight: lh.fangsong }];
      }
      case 'table':
        return tableNodes(block);
      case 'chart': {
        const svg = layout.charts[chartIndex++];
        // Chart and caption stay on one page.
        return [
          {
            unbreakable: true,
            stack: [
              { svg, width: TEXT_WIDTH, height: layout.chartHeight, margin: [0, LINE_PITCH * 0.3, 0, 0], font: CHART_FONT },
              caption(block.caption),
            ],
          },
        ];
      }
      case 'signature':
        return [
          {
            // 落款: two blank lines, then issuer centred over the date, four characters in from the right.
            margin: [0, LINE_PITCH * 2, 4 * (BODY_SIZE + CHARACTER_SPACING), 0],
            columns: [
              { width: '*', text: '' },
              {
                width: 'auto',
                stack: block.lines.map((l) => ({ text: l, alignment: 'center', font: FAMILY.fangsong, lineHeight: lh.fangsong })),
              },
            ],
          },
        ];
    }
  }

  function caption(text: string, extra: Record<string, unknown> = {}): Node {
    return { text, font: FAMILY.heiti, fontSize: 12, characterSpacing: 0, lineHeight: 1.4, alignment: 'center', margin: [0, 2, 0, 6], ...extra };
  }

  function tableNodes(block: Extract<SummaryBlock, { kind: 'table' }>): Node[] {
    const wide = block.header.length > 8;
    const size = wide ? WIDE_TABLE_SIZE : TABLE_SIZE;
    // Words as unbreakable runs: a cell wraps between words, never inside one ("科技型中小企业", "0.07个百分点").
    const words = (text: string): Node[] => labelWords(text).map((w) => ({ text: w, noWrap: true }));
    const cell = (text: string, align: string, header: boolean): Node => ({
      text: words(text),
      alignment: header ? 'center' : align,
      font: header ? FAMILY.heiti : FAMILY.fangsong,
      fontSize: size,
      lineHeight: 1.15,
      characterSpacing: 0,
    });
    // A grouped first row: the group's cell spans its columns; a group of one spans both header rows.
    const groupRow: Node[] = [];
    const headerRow: Node[] = block.header.map((h) => cell(h, 'center', true));
    let col = 0;
    for (const g of block.groups ?? []) {
      if (g.span === 1) {
        groupRow.push({ ...(cell(g.text, 'center', true) as Record<string, unknown>), rowSpan: 2 });
        headerRow[col] = {};
      } else {
        groupRow.push({ ...(cell(g.text, 'center', true) as Record<string, unknown>), colSpan: g.span });
        for (let k = 1; k < g.span; k++) groupRow.push({});
      }
      col += g.span;
    }
    const headers = groupRow.length ? [groupRow, headerRow] : [headerRow];
    // Split across pages with the header repeated (and at least one row under it), rather than moved whole.
    const table = {
      table: {
        headerRows: headers.length,
        keepWithHeaderRows: 1,
        dontBreakRows: true,
        widths: block.widths.map((w) => (w === 0 ? '*' : w)),
        body: [...headers, ...block.rows.map((r) => r.map((t, i) => cell(t, block.align[i] ?? 'left', false)))],
      },
      layout: {
        hLineWidth: () => 0.5,
        vLineWidth: () => 0.5,
        paddingLeft: () => 3,
        paddingRight: () => 3,
        paddingTop: () => 2,
        paddingBottom: () => 2,
      },
    };
    return [
      // The caption goes with its table: when the table starts on the next page, so does the caption.
      caption(block.caption, { margin: [0, LINE_PITCH * 0.3, 0, 4], headlineLevel: CAPTION_LEVEL }),
      table,
      ...(block.note
        ? [{ text: block.note, font: FAMILY.fangsong, fontSize: size, characterSpacing: 0, lineHeight: 1.3, margin: [0, 3, 0, 0] }]
        : []),
      { text: '', margin: [0, LINE_PITCH * 0.4, 0, 0] },
    ];
  }

  // GB/T 9704 7.5: the 一字线 of the page number lies 7 mm below the text block. pdfmake places a line by
  // its box (from the font's ascent), so the box goes up by where the dash's ink sits below its top.
  const dashInk = inkBelowLineTop(fonts.songti, 0x2014, layout.fontBytes);
  const pageNumberTop = PAGE_NUMBER_GAP - dashInk.top * PAGE_NUMBER_SIZE;

  return {
    pageSize: 'A4',
    pageMargins: [MARGIN.left, MARGIN.top, MARGIN.right, MARGIN.bottom],
    info: { title: doc.title, author: doc.issuer, subject: '年度工作总结', creator: '科创台账 Taizhang', producer: '科创台账 Taizhang' },
    defaultStyle: { font: FAMILY.fangsong, fontSize: BODY_SIZE, characterSpacing: CHARACTER_SPACING, lineHeight: lh.fangsong },
    // GB/T 9704: "— 1 —" in 4号 宋体, the dash 7 mm under the text block, one character in: right on odd pages, left on even.
    footer: (page: number) => ({
      text: `— ${page} —`,
      font: FAMILY.songti,
      fontSize: PAGE_NUMBER_SIZE,
      characterSpacing: 0,
      lineHeight: 1,
      alignment: page % 2 ? 'right' : 'left',
      margin: [MARGIN.left + PAGE_NUMBER_SIZE, pageNumberTop, MARGIN.right + PAGE_NUMBER_SIZE, 0],
    }),
    ...(doc.sampleData
      ? { watermark: { text: '示例数据', font: FAMILY.heiti, color: '#C00000', opacity: 0.08, fontSize: 96, angle: -35 } }
      : {}),
    content,
    // A heading or table caption with nothing of its own after it on its page moves to the next page.
    pageBreakBefore: (node: { headlineLevel?: number }, nodes: { getFollowingNodesOnPage(): { text?: unknown; table?: unknown }[] }) => {
      if (node.headlineLevel == null) return false;
      const following = nodes.getFollowingNodesOnPage().filter((n) => !(typeof n.text === 'string' && PAGE_NUMBER_TEXT.test(n.text)));
      return node.headlineLevel === CAPTION_LEVEL ? !following.some((n) => n.table != null) : following.length === 0;
    },
  };
}
