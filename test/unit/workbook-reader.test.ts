/**
 * The bounded workbook reader's own rules (electron/core/workbook/): what a
 * cell holds as SpreadsheetML writes it, the used range, merges clipped, and
 * the limits' wording.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readXlsx } from '../../electron/core/import/xlsx';
import { readWorkbook, WorkbookRefusal } from '../../electron/core/workbook';
import { parseCellRef, parseRangeRef } from '../../electron/core/workbook/sheet';
import { isDateFormat } from '../../electron/core/workbook/styles';
import { countLabel, echoText } from '../../shared/import/limits';
import { xlsxEntries, xlsxFile, zipFiles } from '../helpers/hostileFiles';

describe('limits say their numbers as a bureau reads them', () => {
  it('counts', () => {
    expect(countLabel(40_000, '个字符')).toBe('40000 个字符');
    expect(countLabel(500_000)).toBe('50 万');
    expect(countLabel(2_000_000, '个单元格')).toBe('200 万个单元格');
    expect(countLabel(1_260_000, '个单元格')).toBe('126 万个单元格');
    expect(countLabel(327_827_456, '个单元格')).toBe('3.3 亿个单元格');
  });
  it('echoed text is cut, never in half a character', () => {
    expect(echoText('洪都街道')).toBe('洪都街道');
    expect(echoText('洪'.repeat(1_000_000))).toBe(`${'洪'.repeat(40)}…（共 100 万个字符）`);
    expect(echoText(`${'a'.repeat(39)}😀tail`)).toBe(`${'a'.repeat(39)}…（共 45 个字符）`);
  });
});

describe('references', () => {
  it('cells and ranges inside Excel’s grid only', () => {
    expect(parseCellRef('A1')).toEqual([0, 0]);
    expect(parseCellRef('$XFD$1048576')).toEqual([1_048_575, 16_383]);
    expect(parseCellRef('XFE1')).toBeNull();
    expect(parseCellRef('A1048577')).toBeNull();
    expect(parseCellRef('A0')).toBeNull();
    expect(parseRangeRef('C3:B2')).toEqual({ top: 1, left: 1, bottom: 2, right: 2 });
    expect(parseRangeRef('bogus')).toBeNull();
  });
  it('date formats as exceljs judged them', () => {
    expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat('0.00_);[Red](0.00)')).toBe(false);
    expect(isDateFormat('"元"#,##0')).toBe(false);
  });
});

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

describe('cells as SpreadsheetML stores them', () => {
  it('shared strings (rich runs joined, phonetic guides left out, _x000D_ escapes), inline strings, booleans, errors, dates', async () => {
    const sst = `<sst ${NS}><si><t>洪都</t></si><si><r><t>京山</t></r><r><t>街道</t></r><rPh sb="0" eb="1"><t>jing</t></rPh></si><si><t>一行_x000D_\n二行</t></si></sst>`;
    const styles = `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const bytes = xlsxFile({
      sheets: [
        {
          name: '表',
          rows: [
            [{ raw: '<v>0</v>', t: 's' }, { raw: '<v>1</v>', t: 's' }, { raw: '<v>2</v>', t: 's' }],
            [{ raw: '<v>1</v>', t: 'b' }, { raw: '<v>#N/A</v>', t: 'e' }, { raw: '<f>A1</f><v>文字</v>', t: 'str' }],
            [{ raw: '<v>44926</v>' }, { raw: '<v>0.1</v>' }, { raw: '<v>1e400</v>' }],
          ],
        },
      ],
      sharedStringsXml: sst,
      stylesXml: styles,
    });
    // Style the day cell: s="1" on A3 (the generator writes no styles itself).
    const entries = xlsxEntries({ sheets: [{ name: '表', rows: [] }], sharedStringsXml: sst, stylesXml: styles });
    const sheet = (await import('jszip')).default.loadAsync(bytes).then((z) => z.file('xl/worksheets/sheet1.xml')!.async('string'));
    entries[4].data = (await sheet).replace('<c r="A3">', '<c r="A3" s="1">');
    const grid = await readXlsx(zipFiles(entries), '表.xlsx');
    expect(grid[0].rows).toEqual([
      ['洪都', '京山街道', '一行二行'],
      ['是', '#N/A', '文字'],
      ['2022-12-31', '0.1', '1e400'],
    ]);
  });

  it('prefixed SpreadsheetML (x:c) and rows without r read the same', async () => {
    const xml = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>单位</x:t></x:is></x:c><x:c><x:v>3</x:v></x:c></x:row><x:row><x:c t="inlineStr"><x:is><x:t>洪都街道</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`;
    const grid = await readXlsx(xlsxFile({ sheets: [{ name: 'S', xml }] }), 's.xlsx');
    expect(grid[0].rows).toEqual([['单位', '3'], ['洪都街道']]);
  });

  it('hidden sheets are not read for an import; a return reader may ask for them', async () => {
    const bytes = xlsxFile({ sheets: [{ name: '表', rows: [['a']] }, { name: '_taizhang', rows: [['id']], state: 'veryHidden' }] });
    expect((await readXlsx(bytes, 'x.xlsx')).map((s) => s.name)).toEqual(['表']);
    const wb = await readWorkbook(bytes, 'x.xlsx', { include: (s) => s.name === '_taizhang' });
    expect(wb.sheets.map((s) => [s.name, s.state, s.rows[0][0]])).toEqual([['_taizhang', 'veryHidden', 'id']]);
  });

  it('a workbook written by exceljs (dates, formulas, rich text, merges) reads as it did through exceljs', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('附件2');
    ws.addRow(['青云谱区指导性任务分解表']);
    ws.mergeCells('A1:C1');
    ws.addRow(['单位', '目标', '日期']);
    ws.addRow([{ richText: [{ text: '洪都' }, { text: '街道' }] }, { formula: '1+2', result: 3 }, new Date(Date.UTC(2022, 11, 31))]);
    const grid = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()), 'e.xlsx');
    expect(grid[0]).toEqual({
      name: '附件2',
      rows: [['青云谱区指导性任务分解表'], ['单位', '目标', '日期'], ['洪都街道', '3', '2022-12-31']],
      merges: [{ top: 0, left: 0, bottom: 0, right: 2 }],
    });
  });

  it('a refusal carries its place', async () => {
    const bytes = xlsxFile({ sheets: [{ name: '附件2', rows: [['a', 'b'.repeat(40_000)]] }] });
    const err = await readXlsx(bytes, 'x.xlsx').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkbookRefusal);
    expect((err as WorkbookRefusal).place).toEqual({ sheet: '附件2', row: 1, column: 'B' });
  });
});
