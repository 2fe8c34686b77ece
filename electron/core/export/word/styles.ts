/**
 * The Word summary's styles, set up as a 公文 typist sets up Word, so what
 * staff type afterwards keeps the format:
 *
 *   正文      the Normal style (Word and WPS show it as 正文): 3号 仿宋_GB2312,
 *             justified, first line indented two characters, lines exactly
 *             28.95 pt apart (22 a page), characters condensed to 28 a line;
 *             a new paragraph typed anywhere takes it;
 *   标题      the Title style (shown as 标题): 2号 方正小标宋简体, centred;
 *   一级标题  黑体;  二级标题  楷体_GB2312;  三级标题  仿宋_GB2312 bold —
 *             paragraph styles with outline levels (the navigation pane lists
 *             them), each linked to a character style of the same look for a
 *             lead inside a paragraph ("1.科技型中小企业。" then the sentence);
 *   表格 / 表头  table text (5号 仿宋 / 黑体), 题注 (the caption style: 黑体),
 *   图片      a chart's paragraph, 落款 (issuer and date), 页脚 (4号 宋体).
 *
 * Paragraph properties the docx package cannot write go into the
 * document defaults by a small patch of word/styles.xml (patchStylesXml):
 *   - w:snapToGrid off: the section keeps the GB/T 9704 document grid (22
 *     lines × 28 characters, summaryDocx.ts), which Word and WPS show in 页面设置,
 *     but the styles carry the pitch themselves (exact 28.95 pt lines, 3号
 *     condensed 0.25 pt): LibreOffice (7.4) gives a 3号 character two grid
 *     cells when the grid's pitch is below 16 pt, spreading a line to 14
 *     characters, and snapping a 2号 title to the grid moves it off the top
 *     of the 版心;
 *   - w:autoSpaceDE/DN off: no extra space between Chinese and digits or
 *     Latin letters ("2022年" stays four characters and a half wide), so the
 *     28 characters of a line are those of the PDF;
 *   - w:widowControl off: every page holds its 22 lines, as 公文 templates
 *     set it (a widow/orphan rule would leave pages a line short).
 * Punctuation may hang into the margin at a line's end (w:overflowPunct
 * left at Word's default): LibreOffice 7.4 reads that property inverted,
 * so setting it would make Word and LibreOffice break lines differently.
 */
// Types only: the docx package (1 MB) is loaded when a document is written, not when a door starts (render.ts).
import type { IParagraphStyleOptions, ICharacterStyleOptions, IStylesOptions } from 'docx';
import { runFonts } from './fonts';
import {
  BODY_CHAR_TW,
  BODY_CHARACTER_SPACING_TW,
  HALF_POINTS,
  LINE_PITCH_TW,
  PAGE_NUMBER_LINE_TW,
  TITLE_LINE_TW,
  TITLE_SPACE_AFTER_TW,
} from './geometry';

/** Style ids (what the XML names) — the names users see are in the definitions below. */
export const STYLE = {
  body: 'Normal',
  title: 'Title',
  level1: 'Level1',
  level2: 'Level2',
  level3: 'Level3',
  level1Char: 'Level1Char',
  level2Char: 'Level2Char',
  level3Char: 'Level3Char',
  table: 'TableText',
  tableHeading: 'TableHeading',
  caption: 'Caption',
  figure: 'Figure',
  signature: 'Signature',
  footer: 'Footer',
  header: 'Header',
} as const;

/** The names the styles go by in Word's and WPS's style lists. */
export const STYLE_NAME: Record<keyof typeof STYLE, string> = {
  body: 'Normal', // 正文
  title: 'Title', // 标题
  level1: '一级标题',
  level2: '二级标题',
  level3: '三级标题',
  level1Char: '一级标题 字符',
  level2Char: '二级标题 字符',
  level3Char: '三级标题 字符',
  table: '表格',
  tableHeading: '表头',
  caption: 'caption', // 题注
  figure: '图片',
  signature: '落款',
  footer: 'footer', // 页脚
  header: 'header', // 页眉
};

const noIndent = { firstLine: 0, firstLineChars: 0, left: 0, right: 0 };
const single = { line: 240, lineRule: 'auto', before: 0, after: 0 } as const;

/** The look of each heading level, shared by its paragraph style and its linked character style. */
const LEVEL_RUN = {
  1: { font: runFonts('heiti') },
  2: { font: runFonts('kaiti') },
  3: { font: runFonts('fangsong'), bold: true },
} as const;

function levelStyle(level: 1 | 2 | 3): IParagraphStyleOptions {
  const key = `level${level}` as const;
  return {
    id: STYLE[key],
    name: STYLE_NAME[key],
    basedOn: STYLE.body,
    next: STYLE.body,
    link: STYLE[`${key}Char`],
    quickFormat: true,
    uiPriority: 9 + level,
    run: LEVEL_RUN[level],
    // A heading never ends a page; a 1. item runs on into its text and keeps only its level.
    paragraph: { keepNext: level < 3, outlineLevel: level - 1 },
  };
}

function levelCharStyle(level: 1 | 2 | 3): ICharacterStyleOptions {
  const key = `level${level}` as const;
  return { id: STYLE[`${key}Char`], name: STYLE_NAME[`${key}Char`], link: STYLE[key], uiPriority: 9 + level, run: LEVEL_RUN[level] };
}

/**
 * docx's own default styles that would show in the style gallery with
 * Office's blue headings and italic captions: replaced by plain ones (the
 * package replaces a default by a style of the same id).
 */
const plainHeadings: IParagraphStyleOptions[] = [1, 2, 3, 4, 5, 6].map((n) => ({
  id: `Heading${n}`,
  name: `heading ${n}`,
  basedOn: STYLE.body,
  next: STYLE.body,
  semiHidden: true,
  unhideWhenUsed: true,
  run: n <= 3 ? LEVEL_RUN[n as 1 | 2 | 3] : {},
  paragraph: { keepNext: true, outlineLevel: n - 1 },
}));

export function summaryStyles(): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: runFonts('fangsong'), size: HALF_POINTS.body, language: { value: 'en-US', eastAsia: 'zh-CN' } },
      },
    },
    paragraphStyles: [
      {
        id: STYLE.body,
        name: STYLE_NAME.body,
        quickFormat: true,
        run: { font: runFonts('fangsong'), size: HALF_POINTS.body, characterSpacing: BODY_CHARACTER_SPACING_TW },
        paragraph: {
          alignment: 'both',
          // Word and WPS read the indent in characters; LibreOffice reads the twips (two condensed 3号 characters).
          indent: { firstLineChars: 200, firstLine: 2 * BODY_CHAR_TW },
          spacing: { line: LINE_PITCH_TW, lineRule: 'exact', before: 0, after: 0 },
        },
      },
      {
        id: STYLE.title,
        name: STYLE_NAME.title,
        basedOn: STYLE.body,
        next: STYLE.body,
        quickFormat: true,
        uiPriority: 10,
        run: { font: runFonts('title'), size: HALF_POINTS.title, characterSpacing: 0 },
        paragraph: {
          alignment: 'center',
          indent: noIndent,
          spacing: { line: TITLE_LINE_TW, lineRule: 'exact', before: 0, after: TITLE_SPACE_AFTER_TW },
          keepNext: true,
        },
      },
      levelStyle(1),
      levelStyle(2),
      levelStyle(3),
      ...plainHeadings,
      {
        id: STYLE.table,
        name: STYLE_NAME.table,
        basedOn: STYLE.body,
        next: STYLE.table,
        quickFormat: true,
        run: { size: HALF_POINTS.table, characterSpacing: 0 },
        paragraph: { alignment: 'center', indent: noIndent, spacing: single },
      },
      {
        id: STYLE.tableHeading,
        name: STYLE_NAME.tableHeading,
        basedOn: STYLE.table,
        next: STYLE.table,
        quickFormat: true,
        run: { font: runFonts('heiti') },
        paragraph: { alignment: 'center' },
      },
      {
        id: STYLE.caption,
        name: STYLE_NAME.caption,
        basedOn: STYLE.body,
        next: STYLE.body,
        quickFormat: true,
        uiPriority: 35,
        run: { font: runFonts('heiti'), size: HALF_POINTS.caption, characterSpacing: 0 },
        paragraph: { alignment: 'center', indent: noIndent, spacing: { ...single, before: 80, after: 120 } },
      },
      {
        id: STYLE.figure,
        name: STYLE_NAME.figure,
        basedOn: STYLE.body,
        next: STYLE.caption,
        // A picture needs a line as tall as itself: never an exact height, which would cut it.
        paragraph: { alignment: 'center', indent: noIndent, spacing: { ...single, before: 120 }, keepNext: true },
      },
      {
        id: STYLE.signature,
        name: STYLE_NAME.signature,
        basedOn: STYLE.body,
        next: STYLE.signature,
        quickFormat: true,
        // GB/T 9704 7.3.5.1: the date four characters in from the right, the issuer centred over it.
        paragraph: { alignment: 'center', indent: { firstLine: 0, firstLineChars: 0, right: 4 * BODY_CHAR_TW } },
      },
      {
        id: STYLE.footer,
        name: STYLE_NAME.footer,
        basedOn: STYLE.body,
        uiPriority: 99,
        unhideWhenUsed: true,
        // "4号半角宋体阿拉伯数字" (GB/T 9704 7.5).
        run: { font: runFonts('songti'), size: HALF_POINTS.pageNumber, characterSpacing: 0 },
        paragraph: { indent: noIndent, spacing: { line: PAGE_NUMBER_LINE_TW, lineRule: 'exact', before: 0, after: 0 } },
      },
      {
        id: STYLE.header,
        name: STYLE_NAME.header,
        basedOn: STYLE.body,
        uiPriority: 99,
        unhideWhenUsed: true,
        // No rule under the header (WPS's own 页眉 style has one): a 公文 has no header.
        paragraph: { indent: noIndent, spacing: single },
      },
    ],
    characterStyles: [levelCharStyle(1), levelCharStyle(2), levelCharStyle(3)],
  };
}

/**
 * The document defaults' paragraph properties the docx package cannot
 * write (see the top of this file), in CT_PPrBase's order.
 */
const DEFAULT_PPR = '<w:pPr><w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:snapToGrid w:val="0"/></w:pPr>';

/** word/styles.xml with DEFAULT_PPR as the document defaults' paragraph properties. */
export function patchStylesXml(xml: string): string {
  const patched = xml.replace(/<w:pPrDefault\s*\/>|<w:pPrDefault>[\s\S]*?<\/w:pPrDefault>/, `<w:pPrDefault>${DEFAULT_PPR}</w:pPrDefault>`);
  if (patched === xml) throw new Error('word/styles.xml has no w:pPrDefault to set: the docx package changed how it writes the document defaults');
  return patched;
}
