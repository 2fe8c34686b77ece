/**
 * The Word reader (electron/core/word/): tables with their merged cells read
 * the way a merged worksheet range reads, text as a reader sees it, the
 * numbers Word draws, and every hostile file refused with a Chinese sentence
 * that names the file and, where there is one, the table and row.
 */
import { describe, expect, it } from 'vitest';
import type { WordParagraph, WordTable } from '../../shared/import/notice/word';
import { readWordDocument } from '../../electron/core/word';
import { readImportFile } from '../../electron/core/import/read';
import { WorkbookRefusal } from '../../electron/core/workbook/refusal';
import { compoundFile } from '../fixtures/import/make-fixtures';
import { deflateRepeated, zipFiles } from '../helpers/hostileFiles';
import { cell, documentXml, numberingXml, para, row, stylesXml, table, wordPackage } from '../helpers/wordXml';

const read = (body: string, extra: Parameters<typeof wordPackage>[0] = {}) => readWordDocument(wordPackage({ body, ...extra }), '通知.docx');
const tables = async (body: string) => (await read(body)).blocks.filter((b): b is WordTable => b.kind === 'table');
const texts = async (body: string, extra: Parameters<typeof wordPackage>[0] = {}) =>
  (await read(body, extra)).blocks.filter((b): b is WordParagraph => b.kind === 'paragraph').map((p) => p.text);

async function refusal(bytes: Buffer, name = '通知.docx'): Promise<WorkbookRefusal> {
  try {
    await readWordDocument(bytes, name);
  } catch (err) {
    if (err instanceof WorkbookRefusal) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('Word tables', () => {
  it('a category row spanning the table and a lead merged down read as merged areas (Word: gridSpan, vMerge restart/continue)', async () => {
    const [t] = await tables(
      table([
        row([cell('序号'), cell('工作内容'), cell('牵头单位'), cell('责任单位')], '<w:tblHeader/>'),
        row([cell('(一) 科技创新区域优化布局行动', '<w:gridSpan w:val="4"/>')]),
        row([cell('1'), cell('推进数字经济'), cell('区科工局', '<w:vMerge w:val="restart"/>'), cell('区发改委')]),
        row([cell('2'), cell('推进试点建设'), cell('', '<w:vMerge/>'), cell('区商务局')]),
        row([cell('3'), cell('培育企业研发机构'), cell('', '<w:vMerge w:val="continue"/>'), cell('区科协')]),
        row([cell('4'), cell('打造创新载体'), cell('区发改委'), cell('区科协')]),
      ]),
    );
    expect(t.headerRows).toBe(1);
    expect(t.rows).toEqual([
      ['序号', '工作内容', '牵头单位', '责任单位'],
      ['(一) 科技创新区域优化布局行动', '', '', ''],
      ['1', '推进数字经济', '区科工局', '区发改委'],
      ['2', '推进试点建设', '', '区商务局'],
      ['3', '培育企业研发机构', '', '区科协'],
      ['4', '打造创新载体', '区发改委', '区科协'],
    ]);
    expect(t.merges).toEqual([
      { top: 1, left: 0, bottom: 1, right: 3 },
      { top: 2, left: 2, bottom: 4, right: 2 },
    ]);
  });

  it('rows that start late (gridBefore) keep their cells under the right columns; the older hMerge spans columns', async () => {
    const [t] = await tables(
      table([
        row([cell('A'), cell('B'), cell('C')]),
        row([cell('b2', '<w:vMerge w:val="restart"/>'), cell('c2')], '<w:gridBefore w:val="1"/>'),
        row([cell('', '<w:vMerge/>'), cell('c3')], '<w:gridBefore w:val="1"/>'),
        row([cell('合并', '<w:hMerge w:val="restart"/>'), cell('', '<w:hMerge/>'), cell('c4')]),
      ]),
    );
    expect(t.rows).toEqual([
      ['A', 'B', 'C'],
      ['', 'b2', 'c2'],
      ['', '', 'c3'],
      ['合并', '', 'c4'],
    ]);
    expect(t.merges).toEqual([
      { top: 1, left: 1, bottom: 2, right: 1 },
      { top: 3, left: 0, bottom: 3, right: 1 },
    ]);
  });

  it('a cell broken over lines joins without inventing spaces between Chinese; Latin words keep theirs; a table in a cell gives its text', async () => {
    const [t] = await tables(
      table([
        row([
          cell(['区科工局、区', '商务局、区市', '场监管局']),
          `<w:tc><w:p><w:r><w:t>R&amp;D</w:t></w:r><w:r><w:br/><w:t>expenditure</w:t></w:r></w:p></w:tc>`,
          `<w:tc>${table([row([cell('内'), cell('表')])])}<w:p/></w:tc>`,
        ]),
      ]),
    );
    expect(t.rows[0]).toEqual(['区科工局、区商务局、区市场监管局', 'R&D expenditure', '内 表']);
  });
});

describe('text as a reader sees it', () => {
  it('tracked deletions and field codes are left out; insertions, field results and content controls are read', async () => {
    const body =
      '<w:p><w:r><w:t>技术合同成交额</w:t></w:r><w:del><w:r><w:delText>达到5亿元</w:delText></w:r></w:del><w:ins><w:r><w:t>突破7亿元</w:t></w:r></w:ins></w:p>' +
      '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>' +
      '<w:sdt><w:sdtContent>' + para('控件中的段落') + '</w:sdtContent></w:sdt>' +
      '<w:p><w:fldSimple w:instr="DATE"><w:r><w:t>2022年6月16日</w:t></w:r></w:fldSimple></w:p>';
    expect(await texts(body)).toEqual(['技术合同成交额突破7亿元', '3', '控件中的段落', '2022年6月16日']);
  });

  it('a text box (a 红头 is often one) becomes a paragraph of its own, read once although Word writes it twice', async () => {
    const box = (text: string) => `<w:txbxContent>${para(text, true)}</w:txbxContent>`;
    const body =
      '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>' +
      box('南昌市青云谱区人民政府办公室文件') +
      '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>' +
      box('南昌市青云谱区人民政府办公室文件') +
      '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>' +
      para('青政办发〔2022〕16号', true);
    const blocks = (await read(body)).blocks;
    expect(blocks).toEqual([
      { kind: 'paragraph', text: '', centered: false },
      { kind: 'paragraph', text: '南昌市青云谱区人民政府办公室文件', centered: true },
      { kind: 'paragraph', text: '青政办发〔2022〕16号', centered: true },
    ]);
  });

  it('the numbers Word draws (automatic numbering, on the paragraph or its style) are part of the text', async () => {
    const numbering = numberingXml(
      '<w:abstractNum w:abstractNumId="0">' +
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/><w:suff w:val="nothing"/></w:lvl>' +
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>' +
        '</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>' +
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>',
    );
    const styles = stylesXml('<w:style w:type="paragraph" w:styleId="Task"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>');
    const numbered = (text: string, ilvl: number) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const styled = (text: string) => `<w:p><w:pPr><w:pStyle w:val="Task"/></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
    const bullet = `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>要点</w:t></w:r></w:p>`;
    const body = [numbered('科技创新区域优化布局行动', 0), numbered('推进数字经济', 1), styled('推进试点建设'), numbered('科技创新平台增量升级行动', 0), styled('培育企业研发机构'), bullet].join('');
    expect(await texts(body, { numberingXml: numbering, stylesXml: styles })).toEqual([
      '（一）科技创新区域优化布局行动',
      '1. 推进数字经济',
      '2. 推进试点建设',
      '（二）科技创新平台增量升级行动',
      '1. 培育企业研发机构',
      '要点',
    ]);
  });
});

describe('hostile and damaged documents', () => {
  it('a document.xml that inflates past its limit is stopped by what it really inflates to (a bomb claiming a small size)', async () => {
    const bomb = deflateRepeated(documentXml('').replace('<w:sectPr/></w:body></w:document>', ''), para('技术合同成交额突破7亿元'.repeat(50)), 12_000, '</w:body></w:document>');
    const err = await refusal(wordPackage({ documentDeflated: { ...bomb, size: 1000 } }));
    expect(err.message).toMatch(/^“通知\.docx”的正文（document\.xml）解压后超过 4 MB（压缩比异常，可能是“压缩炸弹”或已损坏），已停止读取。请在 WPS 或 Word 中打开并另存为 \.docx 后再导入。$/);
  });

  it('XML nested past 64 levels, or declaring entities, is refused before any tree is built', async () => {
    const deep = `${'<w:sdt><w:sdtContent>'.repeat(40)}${para('x')}${'</w:sdtContent></w:sdt>'.repeat(40)}`;
    expect((await refusal(wordPackage({ body: deep }))).message).toMatch(/正文（document\.xml）嵌套超过 64 层，不是 WPS 或 Word 保存的格式/);
    const entities = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${documentXml('<w:p><w:r><w:t>&b;</w:t></w:r></w:p>').replace(/^<\?xml[^>]*\?>/, '')}`;
    expect((await refusal(wordPackage({ documentXml: entities }))).message).toMatch(/正文（document\.xml）已损坏/);
  });

  it('too many tables, a row wider than any notice, broken XML, no document part, a truncated file: each its own sentence', async () => {
    const many = Array.from({ length: 501 }, () => table([row([cell('x')])]) + '<w:p/>').join('');
    expect((await refusal(wordPackage({ body: many }))).message).toMatch(/有超过 500 个表格，超过了导入上限/);
    const wide = await refusal(wordPackage({ body: table([row([cell('序号')]), row([cell('x', '<w:gridSpan w:val="1000"/>')])]) }));
    expect(wide.message).toMatch(/“通知\.docx”的第1个表格第2行超过 200 列/);
    expect(wide.place).toEqual({ sheet: '第1个表格', row: 2, column: '' });
    expect((await refusal(wordPackage({ documentXml: documentXml(para('x')).slice(0, -30) }))).message).toMatch(/正文（document\.xml）已损坏（第 1 行附近不是完整的 XML）/);
    const noDocument = zipFiles([{ name: 'word/other.xml', data: '<x/>' }]);
    expect((await refusal(noDocument)).message).toMatch(/是压缩包，但里面没有 Word 文档的内容/);
    const whole = wordPackage({ body: para('x') });
    expect((await refusal(whole.subarray(0, whole.length - 40))).message).toMatch(/已损坏或不完整（可能在下载或复制时被截断）/);
  });
});

describe('the import reads a file by what it is', () => {
  const notice = wordPackage({ body: para('附件1') + table([row([cell('序号'), cell('工作内容'), cell('牵头单位'), cell('责任单位')]), row([cell('1'), cell('推进'), cell('区科工局'), cell('区科工局')])]) + '<w:p/>' });

  it('a .docx is a notice, whatever its extension says; a renamed other file is refused', async () => {
    const asDocx = await readImportFile('通知.docx', notice);
    expect(asDocx).toMatchObject({ ok: true, format: 'docx', sheets: [{ name: '附件1（第1个表格）' }] });
    expect(await readImportFile('通知.xlsx', notice)).toMatchObject({ ok: true, format: 'docx' });
    expect(await readImportFile('通知.docx', Buffer.from('不是文档'))).toEqual({
      ok: false,
      format: 'docx',
      message: '“通知.docx”的扩展名是 .docx，但内容不是 Word 文档（可能已损坏，或是改了扩展名的其他文件）。',
    });
    const empty = await readImportFile('空白.docx', wordPackage({ body: para('') }));
    expect(empty).toMatchObject({ ok: false, message: expect.stringContaining('没有找到可导入的内容') });
  });

  it('old Word files ask to be converted; a password-protected .docx or .doc, a damaged .doc each say so', async () => {
    expect(await readImportFile('通知.doc', compoundFile(['WordDocument', '1Table']))).toMatchObject({ ok: false, format: 'doc', convert: 'doc' });
    expect(await readImportFile('通知.wps', compoundFile(['WordDocument', '1Table']))).toMatchObject({ convert: 'wps' });
    expect(await readImportFile('通知.doc', Buffer.from('{\\rtf1\\ansi 通知}'))).toMatchObject({ convert: 'doc' });
    expect(await readImportFile('通知.docx', compoundFile(['EncryptionInfo', 'EncryptedPackage']))).toEqual({
      ok: false,
      format: 'docx',
      message: '“通知.docx”：文件设有打开密码，请在 WPS 或 Word 中取消密码后另存为 .docx 再导入。',
    });
    const broken = compoundFile(['WordDocument']).subarray(0, 700);
    expect(await readImportFile('通知.doc', broken)).toMatchObject({ ok: false, message: expect.stringMatching(/已损坏或不完整.*旧版 Word\/WPS 文档.*另存为 \.docx/) });
  });
});
