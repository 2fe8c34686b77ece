/**
 * The fonts of the Word summary, by the names Windows and WPS know them, per
 * role (the same roles as the PDF's, ../pdf/fonts.ts): 仿宋_GB2312 (body),
 * 黑体 (level-1 headings, table headers, captions), 楷体_GB2312 (level 2),
 * 方正小标宋简体 (title), 宋体 (page numbers).
 *
 * The file names a font; it does not carry it. Where a PC lacks one (Windows
 * since Vista ships 仿宋 and 楷体, not 仿宋_GB2312 and 楷体_GB2312; few have
 * 方正小标宋简体), Word and WPS substitute the font the font table names as
 * its alternative (w:altName), helped by its PANOSE class and GB2312
 * charset: 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 黑体
 * (as the PDF does without 小标宋).
 *
 * The docx package writes a font table only for fonts it embeds, so
 * word/fontTable.xml is written here instead (fontTableXml, passed to the
 * package's Packer as an override of that part): the one place the Word
 * export writes XML by hand, besides the style patch in styles.ts.
 */

export type WordFontRole = 'fangsong' | 'heiti' | 'kaiti' | 'title' | 'songti';

/** The font each role names in the document (w:rFonts, all four slots). */
export const WORD_FONT: Record<WordFontRole, string> = {
  fangsong: '仿宋_GB2312',
  heiti: '黑体',
  kaiti: '楷体_GB2312',
  title: '方正小标宋简体',
  songti: '宋体',
};

interface FontEntry {
  name: string;
  altName?: string;
  /** PANOSE-1 classification, 10 bytes in hex, as Windows reports it for the font. */
  panose?: string;
  family: 'modern' | 'roman' | 'swiss' | 'auto';
  pitch: 'fixed' | 'variable';
}

/**
 * Every font the document names, and the substitutes themselves (so Word
 * knows their class too). PANOSE values are those of the Windows faces
 * (simfang, simkai, simhei, simsun) and of the GB2312 faces as Word records
 * them; 方正小标宋简体's is left out rather than guessed.
 */
export const FONT_TABLE: readonly FontEntry[] = [
  { name: '仿宋_GB2312', altName: '仿宋', panose: '02010609030101010101', family: 'modern', pitch: 'fixed' },
  { name: '楷体_GB2312', altName: '楷体', panose: '02010609030101010101', family: 'modern', pitch: 'fixed' },
  { name: '方正小标宋简体', altName: '黑体', family: 'auto', pitch: 'variable' },
  { name: '黑体', altName: 'SimHei', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
  { name: '宋体', altName: 'SimSun', panose: '02010600030101010101', family: 'auto', pitch: 'variable' },
  { name: '仿宋', altName: 'FangSong', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
  { name: '楷体', altName: 'KaiTi', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
];

/** GB2312_CHARSET (134), in hex as w:charset writes it. */
const GB2312 = '86';
/** Unicode and code-page ranges of a GB2312 face (Latin-1 and Simplified Chinese), as Word writes them for simsun/simhei. */
const SIGNATURE = 'w:usb0="800002BF" w:usb1="38CF7CFA" w:usb2="00000016" w:usb3="00000000" w:csb0="00040001" w:csb1="00000000"';

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** word/fontTable.xml: each font with its alternative, PANOSE class, charset, family and pitch (CT_Font's order). */
export function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${attr(f.name)}">` +
      (f.altName ? `<w:altName w:val="${attr(f.altName)}"/>` : '') +
      (f.panose ? `<w:panose1 w:val="${f.panose}"/>` : '') +
      `<w:charset w:val="${GB2312}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/><w:sig ${SIGNATURE}/></w:font>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    fonts +
    '</w:fonts>'
  );
}

/** w:rFonts for a role: the same name for Latin, East Asian and complex script text, so digits match the text around them, as in the PDF. */
export function runFonts(role: WordFontRole): { ascii: string; hAnsi: string; eastAsia: string; cs: string } {
  const name = WORD_FONT[role];
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}
