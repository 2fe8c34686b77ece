/**
 * SummaryDocument → a docx package Document: the blocks the PDF lays out
 * (../pdf/docDefinition.ts) and the preview shows, as a 公文 typist would
 * have typed them in Word — every paragraph in a named style (styles.ts),
 * tables as real tables, charts as pictures, the page numbers in footers.
 *
 *   title        标题
 *   notice       a centred 楷体 line under the title (the draft mark; the
 *                sample-data notice in red)
 *   paragraph    a heading alone (一、 （一）) in 一级标题 / 二级标题; a lead
 *                with its text in 正文, the lead in its level's character
 *                style ("1.科技型中小企业。" bold, then the sentence)
 *   pending      (drafts) the 待补充 line, in 楷体
 *   table        caption in 题注 kept with the table; the table the width of
 *                the 版心, columns as the PDF's, header rows repeated on each
 *                page and kept with the first row, rows never split; cells
 *                in 表格 / 表头, long labels broken between words; the note
 *   chart        the chart picture (300 dpi PNG) in 图片, kept with its caption
 *   signature    落款: the issuer centred over the date, four characters in
 *                from the right, two lines below the text
 *
 * Page setup (GB/T 9704): A4, margins 37/35/28/26 mm, the document grid of
 * 22 lines × 28 characters; page numbers "— 1 —" in 4号 宋体, right on odd
 * pages and left on even ones, one character in (different odd and even
 * footers); sample data marked 示例数据 as a watermark on every page.
 */
import type * as Docx from 'docx';
import type * as DocxWatermarks from 'docx/watermarks';
import type { Align, SummaryBlock, SummaryDocument } from '../../../../shared/summary/document';
import { wrapLabel } from '../../../../shared/summary/phrasing';
import { runFonts } from './fonts';
import {
  BODY_CHAR_TW,
  FOOTER_DISTANCE_TW,
  HEADER_DISTANCE_TW,
  GRID_CHAR_SPACE,
  HALF_POINTS,
  LINE_PITCH_TW,
  MARGIN_TW,
  PAGE_NUMBER_INSET_TW,
  PAGE_TW,
  TEXT_WIDTH_TW,
} from './geometry';
import { STYLE, summaryStyles } from './styles';

export interface DocxLibs {
  docx: typeof Docx;
  watermarks: typeof DocxWatermarks;
}

export interface DocxLayout {
  /** The PNG of each chart block, in document order. */
  charts: Buffer[];
  /** The charts' size on the page, in CSS pixels (96 to the inch), as docx takes it. */
  chartSize: { width: number; height: number };
}

/** Cell padding: 3 pt left and right, 2 pt above and below, as the PDF's. */
const CELL_MARGIN = { left: 60, right: 60, top: 40, bottom: 40 };
/** The page number's mark, as GB/T 9704 prints it: "— 1 —". */
const DASH = '—';

/** How wide a text is in characters: a Latin letter, digit or half-width sign counts half. */
const textWidthInChars = (text: string) => [...text].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.5 : 1), 0);

export function summaryDocxDocument(doc: SummaryDocument, layout: DocxLayout, libs: DocxLibs): Docx.Document {
  const d = libs.docx;
  let chartIndex = 0;

  const alignment = (a: Align) => (a === 'left' ? d.AlignmentType.LEFT : a === 'right' ? d.AlignmentType.RIGHT : d.AlignmentType.CENTER);
  const text = (t: string, options: Omit<Docx.IRunOptions, 'text' | 'children'> = {}) => new d.TextRun({ ...options, text: t });

  function blockParagraphs(block: SummaryBlock): (Docx.Paragraph | Docx.Table)[] {
    switch (block.kind) {
      case 'title':
        return [new d.Paragraph({ style: STYLE.title, children: [text(block.text)] })];
      case 'notice':
        // The draft mark in black 楷体 under the title; the sample-data notice in red.
        return [
          new d.Paragraph({
            alignment: d.AlignmentType.CENTER,
            indent: { firstLine: 0, firstLineChars: 0 },
            children: [text(block.text, { font: runFonts('kaiti'), ...(block.role === 'draft' ? {} : { color: 'C00000' }) })],
          }),
        ];
      case 'pending':
        return [new d.Paragraph({ children: [text(block.text, { font: runFonts('kaiti') })] })];
      case 'paragraph': {
        // A heading alone (一、 （一）) is a heading paragraph; otherwise a body paragraph led by its number or first sentence.
        if ((block.level === 1 || block.level === 2) && !block.text) {
          return [new d.Paragraph({ style: block.level === 1 ? STYLE.level1 : STYLE.level2, children: [text(block.lead)] })];
        }
        const leadStyle = block.level === 1 ? STYLE.level1Char : block.level === 2 ? STYLE.level2Char : block.level === 3 ? STYLE.level3Char : undefined;
        return [
          new d.Paragraph({
            children: [...(block.lead ? [text(block.lead, leadStyle ? { style: leadStyle } : {})] : []), ...(block.text ? [text(block.text)] : [])],
          }),
        ];
      }
      case 'table':
        return tableBlock(block);
      case 'chart': {
        const png = layout.charts[chartIndex++];
        return [
          new d.Paragraph({
            style: STYLE.figure,
            children: [
              new d.ImageRun({
                type: 'png',
                data: png,
                transformation: layout.chartSize,
                altText: { name: block.caption, title: block.caption, description: `${block.caption}（完成率柱状图）` },
              }),
            ],
          }),
          new d.Paragraph({ style: STYLE.caption, children: [text(block.caption)] }),
        ];
      }
      case 'signature': {
        // The issuer centred over the date (GB/T 9704 7.3.5.1): both centred in a box as wide as the longer of them,
        // four characters in from the right, two blank lines below the text.
        // The box is a character wider than the text (a font with wider digits must not wrap the date) and
        // half a character nearer the edge, so its centre stays where the PDF's is.
        const widest = Math.ceil(Math.max(...block.lines.map(textWidthInChars)) * BODY_CHAR_TW);
        const right = 4 * BODY_CHAR_TW - Math.round(BODY_CHAR_TW / 2);
        const left = Math.max(0, TEXT_WIDTH_TW - right - widest - BODY_CHAR_TW);
        return block.lines.map(
          (line, k) =>
            new d.Paragraph({
              style: STYLE.signature,
              indent: { left, right, firstLine: 0 },
              ...(k === 0 ? { spacing: { before: 2 * LINE_PITCH_TW } } : {}),
              children: [text(line)],
            }),
        );
      }
    }
  }

  function tableBlock(block: Extract<SummaryBlock, { kind: 'table' }>): (Docx.Paragraph | Docx.Table)[] {
    const wide = block.header.length > 8;
    const size = wide ? HALF_POINTS.wideTable : HALF_POINTS.table;
    // Column widths: the PDF's fixed ones (its widths are the text's, padding outside), the rest of the 版心
    // shared by the columns marked 0.
    const columnOf = (w: number) => Math.round(w * 20) + CELL_MARGIN.left + CELL_MARGIN.right;
    const fixed = block.widths.filter((w) => w > 0).reduce((s, w) => s + columnOf(w), 0);
    const flexible = block.widths.filter((w) => w === 0).length;
    const rest = flexible ? Math.floor((TEXT_WIDTH_TW - fixed) / flexible) : 0;
    const widths = block.widths.map((w) => (w > 0 ? columnOf(w) : rest));
    // What the division leaves over goes to the first shared column, so the table is exactly the 版心 wide.
    const firstFlexible = block.widths.indexOf(0);
    if (firstFlexible >= 0) widths[firstFlexible] += TEXT_WIDTH_TW - widths.reduce((a, b) => a + b, 0);
    const spanWidth = (from: number, span: number) => widths.slice(from, from + span).reduce((s, w) => s + w, 0);

    /** A cell's paragraph; a text too long for its column is broken between words ("科技型 / 中小企业"), never inside one. */
    const cell = (value: string, from: number, span: number, header: boolean, align: Align, rowSpan = 1) => {
      const room = Math.floor((spanWidth(from, span) - CELL_MARGIN.left - CELL_MARGIN.right) / (size * 10));
      const lines = wrapLabel(value, Math.max(1, room));
      return new d.TableCell({
        width: { size: spanWidth(from, span), type: d.WidthType.DXA },
        ...(span > 1 ? { columnSpan: span } : {}),
        ...(rowSpan > 1 ? { rowSpan } : {}),
        verticalAlign: d.VerticalAlignTable.CENTER,
        children: [
          new d.Paragraph({
            style: header ? STYLE.tableHeading : STYLE.table,
            alignment: header ? d.AlignmentType.CENTER : alignment(align),
            children: lines.map((l, k) => text(l, { size, ...(k ? { break: 1 } : {}) })),
          }),
        ],
      });
    };

    const rows: Docx.TableRow[] = [];
    // A grouped first header row: a group of one spans both header rows, a wider one its columns.
    const spannedDown = new Set<number>();
    if (block.groups?.length) {
      let col = 0;
      const cells = block.groups.map((g) => {
        const c = cell(g.text, col, g.span, true, 'center', g.span === 1 ? 2 : 1);
        if (g.span === 1) spannedDown.add(col);
        col += g.span;
        return c;
      });
      rows.push(new d.TableRow({ tableHeader: true, cantSplit: true, keepNext: true, children: cells }));
    }
    rows.push(
      new d.TableRow({
        tableHeader: true,
        cantSplit: true,
        keepNext: true,
        children: block.header.flatMap((h, i) => (spannedDown.has(i) ? [] : [cell(h, i, 1, true, 'center')])),
      }),
    );
    for (const r of block.rows) rows.push(new d.TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, 1, false, block.align[i] ?? 'left')) }));

    const line = { style: d.BorderStyle.SINGLE, size: 4, color: '000000' };
    const table = new d.Table({
      rows,
      width: { size: spanWidth(0, widths.length), type: d.WidthType.DXA },
      columnWidths: widths,
      layout: d.TableLayoutType.FIXED,
      alignment: d.AlignmentType.CENTER,
      margins: CELL_MARGIN,
      borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    });
    return [
      // The caption goes with its table: when the table starts on the next page, so does the caption.
      new d.Paragraph({ style: STYLE.caption, keepNext: true, spacing: { before: Math.round(LINE_PITCH_TW * 0.3), after: 80 }, children: [text(block.caption)] }),
      table,
      ...(block.note ? [new d.Paragraph({ style: STYLE.table, alignment: d.AlignmentType.LEFT, spacing: { before: 60 }, children: [text(block.note, { size })] })] : []),
      // A little air below the table, as the PDF leaves.
      new d.Paragraph({ style: STYLE.table, spacing: { line: Math.round(LINE_PITCH_TW * 0.4), lineRule: d.LineRuleType.EXACT }, children: [] }),
    ];
  }

  /** "— 1 —" in the footer, one character in from the edge of the 版心: right on odd pages, left on even ones. */
  const pageNumber = (side: 'odd' | 'even') =>
    new d.Footer({
      children: [
        new d.Paragraph({
          style: STYLE.footer,
          alignment: side === 'odd' ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
          indent: side === 'odd' ? { right: PAGE_NUMBER_INSET_TW, left: 0 } : { left: PAGE_NUMBER_INSET_TW, right: 0 },
          children: [new d.TextRun({ children: [`${DASH} `, d.PageNumber.CURRENT, ` ${DASH}`] })],
        }),
      ],
    });

  /** Sample figures: 示例数据 across every page, as the PDF's watermark. */
  const sampleMark = () =>
    new d.Header({
      children: [
        new d.Paragraph({
          style: STYLE.header,
          children: [new libs.watermarks.TextWatermark({ text: '示例数据', font: '黑体', color: 'C00000', opacity: 0.12 })],
        }),
      ],
    });

  return new d.Document({
    title: doc.title,
    subject: '年度工作总结',
    creator: doc.issuer,
    lastModifiedBy: '科创台账 Taizhang',
    description: `${doc.title}${doc.draft ? `（${doc.draft}）` : ''}，由科创台账生成`,
    styles: summaryStyles(),
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_TW.width, height: PAGE_TW.height, orientation: d.PageOrientation.PORTRAIT },
            margin: { ...MARGIN_TW, header: HEADER_DISTANCE_TW, footer: FOOTER_DISTANCE_TW, gutter: 0 },
          },
          // GB/T 9704's grid, as Word and WPS show it in 页面设置 → 文档网格: 22 lines of 28 characters.
          grid: { type: d.DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH_TW, charSpace: GRID_CHAR_SPACE },
        },
        headers: doc.sampleData ? { default: sampleMark(), even: sampleMark() } : undefined,
        footers: { default: pageNumber('odd'), even: pageNumber('even') },
        children: doc.blocks.flatMap(blockParagraphs),
      },
    ],
  });
}
