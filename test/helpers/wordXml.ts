/**
 * Word packages written part by part, for the reader's unit tests: any
 * WordprocessingML a test needs (w:hMerge, w:gridBefore, tracked changes,
 * text boxes, automatic numbering) and hostile ones (a bomb, a DOCTYPE,
 * nesting, thousands of tables) — through the field-by-field zip writer of
 * ./hostileFiles.ts, so sizes can lie.
 */
import { xmlEscape, zipFiles, type ZipEntry } from './hostileFiles';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS =
  `xmlns:w="${W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ' +
  'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

const DOC_RELS = (extra: string[]) =>
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  extra.join('') +
  '</Relationships>';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';

/** A paragraph of plain text (centred on request). */
export const para = (text: string, centered = false) =>
  `<w:p>${centered ? '<w:pPr><w:jc w:val="center"/></w:pPr>' : ''}<w:r><w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r></w:p>`;

/** A cell: its paragraphs, and tcPr children (gridSpan, vMerge, hMerge) as raw XML. */
export const cell = (lines: string | string[], tcPr = '') =>
  `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${(Array.isArray(lines) ? lines : [lines]).map((l) => para(l)).join('') || '<w:p/>'}</w:tc>`;

export const row = (cells: string[], trPr = '') => `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${cells.join('')}</w:tr>`;
export const table = (rows: string[]) => `<w:tbl><w:tblPr/>${rows.join('')}</w:tbl>`;

export interface WordPackage {
  /** The body's inner XML. */
  body?: string;
  /** The whole document.xml instead. */
  documentXml?: string;
  /** document.xml already deflated (bombs). */
  documentDeflated?: ZipEntry['deflated'];
  numberingXml?: string;
  stylesXml?: string;
  /** More entries (padding a package to thousands of parts). */
  extra?: ZipEntry[];
}

export const documentXml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NS}><w:body>${body}<w:sectPr/></w:body></w:document>`;
export const numberingXml = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${NS}>${inner}</w:numbering>`;
export const stylesXml = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><w:styles ${NS}>${inner}</w:styles>`;

export function wordPackage(spec: WordPackage): Buffer {
  const rels: string[] = [];
  const entries: ZipEntry[] = [
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: ROOT_RELS },
  ];
  if (spec.numberingXml) {
    rels.push('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>');
    entries.push({ name: 'word/numbering.xml', data: spec.numberingXml });
  }
  if (spec.stylesXml) {
    rels.push('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>');
    entries.push({ name: 'word/styles.xml', data: spec.stylesXml });
  }
  entries.push({ name: 'word/_rels/document.xml.rels', data: DOC_RELS(rels) });
  entries.push(
    spec.documentDeflated
      ? { name: 'word/document.xml', data: '', deflated: spec.documentDeflated }
      : { name: 'word/document.xml', data: spec.documentXml ?? documentXml(spec.body ?? '') },
  );
  entries.push(...(spec.extra ?? []));
  return zipFiles(entries);
}

/**
 * A notice as large as the reader takes: one 附件1 task table filling
 * word/document.xml to just under DOCUMENT_PART_MAX_BYTES (some 9,000 rows at 4 MB,
 * each a task of 区科工局 with its 责任单位 broken over two lines).
 */
export function noticeAtSizeLimit(limit: number): { bytes: Buffer; tasks: number } {
  const header = row([cell('序号'), cell('工作内容'), cell('牵头单位'), cell('责任单位')]);
  const task = (i: number) => row([cell(String(i)), cell(`推进第${i}项重点工作，落实年度目标任务`), cell('区科工局'), cell(['区科工局、区', '发改委，各街道、镇、集聚区'])]);
  const tasks = Math.floor((limit - 4096) / Buffer.byteLength(task(10_000)));
  const rows = [header, row([cell('(一) 科技创新区域优化布局行动', '<w:gridSpan w:val="4"/>')]), ...Array.from({ length: tasks }, (_, i) => task(i + 1))];
  return { bytes: wordPackage({ body: para('附件1') + table(rows) + '<w:p/>' }), tasks };
}
