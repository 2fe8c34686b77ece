/** The pure reading rules of shared/import: cells, headers, unit lists, pasted text. */
import { describe, expect, it } from 'vitest';
import { cellText } from '../../electron/core/import/xlsx';
import { categoryTitle, joinBrokenLines, parseNumberCell, squeezeCjkSpaces } from '../../shared/import/cells';
import { indicatorNameOfHeader, measureUnitOfHeader, roleOfHeader } from '../../shared/import/headers';
import { firstListedName, splitResponsibleList } from '../../shared/import/unitLists';
import { parseCsv, parsePastedText } from '../../shared/import/text';
import { detectSheet } from '../../shared/import/detect';
import { proposeNewPlan } from '../../shared/import/newPlan';
import type { SheetGrid } from '../../shared/import/types';

describe('cells', () => {
  it('joins broken lines without inventing spaces (Latin words keep one)', () => {
    expect(joinBrokenLines('区科工局、区\n商务局')).toBe('区科工局、区商务局');
    expect(joinBrokenLines('区科工局、区\r\n  商务局\n')).toBe('区科工局、区商务局');
    expect(joinBrokenLines('R&D\ninvestment')).toBe('R&D investment');
    expect(squeezeCjkSpaces('区科工局、 区税务局，各 街道')).toBe('区科工局、区税务局，各街道');
  });

  it('category rows in the three spellings', () => {
    expect(categoryTitle('(一) 科技创新区域优化布局行动')).toBe('科技创新区域优化布局行动');
    expect(categoryTitle('（二）科技创新平台增量升级行动')).toBe('科技创新平台增量升级行动');
    expect(categoryTitle('三、科技创新成果转化促进行动')).toBe('科技创新成果转化促进行动');
    expect(categoryTitle('1. 推进数字经济')).toBeNull();
    expect(categoryTitle('区科工局')).toBeNull();
  });

  it('number cells against their measure unit', () => {
    // Plain numbers round at 12 significant digits (float noise typed or pasted), short ones are read as written.
    expect(parseNumberCell('0.30000000000000004')).toMatchObject({ kind: 'number', value: 0.3 });
    expect(parseNumberCell('123456.789012345')).toMatchObject({ kind: 'number', value: 123456.789012 });
    expect(parseNumberCell('0.35')).toMatchObject({ kind: 'number', value: 0.35 });
    expect(parseNumberCell('-12.5')).toMatchObject({ kind: 'number', value: -12.5 });
    // A cell's number as text: float noise rounded at 15 digits, short numbers as they are.
    expect([cellText(0.1 + 0.2), cellText(7), cellText(0.05), cellText(1e-7), cellText(123456789 + 0.123456789)]).toEqual(['0.3', '7', '0.05', '1e-7', '123456789.123457']);
    expect(parseNumberCell('约3亿', '亿元')).toMatchObject({ kind: 'number', value: 3, approximate: true });
    expect(parseNumberCell('3亿元', '亿元')).toMatchObject({ kind: 'number', value: 3, approximate: false });
    expect(parseNumberCell('5000万', '亿元')).toMatchObject({ kind: 'number', value: 0.5 });
    expect(parseNumberCell('—', '家')).toEqual({ kind: 'none', text: '—' });
    expect(parseNumberCell('-8', '家')).toMatchObject({ kind: 'number', value: -8 });
    expect(parseNumberCell('1-3', '个')).toMatchObject({ kind: 'number', value: 1, valueMax: 3 });
    expect(parseNumberCell('１４０', '家')).toMatchObject({ kind: 'number', value: 140 });
    expect(parseNumberCell('很多', '家')).toEqual({ kind: 'invalid', text: '很多' });
    expect(parseNumberCell('', '家')).toEqual({ kind: 'empty' });
  });
});

describe('headers', () => {
  it('synonyms name the same column', () => {
    for (const h of ['工作内容', '工作任务', '主要任务']) expect(roleOfHeader(h)).toBe('content');
    for (const h of ['责任单位', '配合单位', '协办单位']) expect(roleOfHeader(h)).toBe('responsible');
    for (const h of ['牵头单位', '主责单位']) expect(roleOfHeader(h)).toBe('lead');
    expect(roleOfHeader('县 区')).toBe('unit');
    expect(roleOfHeader('单位', 'goals')).toBe('measureUnit');
  });

  it('measure units and indicator names from headers', () => {
    expect(measureUnitOfHeader('数量 (家)')).toBe('家');
    expect(measureUnitOfHeader('2022 年技术合 同成交额 (亿元)')).toBe('亿元');
    expect(measureUnitOfHeader('科技型中小企业')).toBe('');
    expect(indicatorNameOfHeader('2022 年高新技术 企业数量 (家)')).toBe('高新技术企业数量');
  });
});

describe('unit lists in task text', () => {
  it('〔责任单位:…〕 comes out of the content; the first named leads', () => {
    const s = splitResponsibleList('推进创新型县(区)试点建设。〔责任单位:市科技局、市工信局、市农业农村局,各相关县区〕');
    expect(s).toEqual({ content: '推进创新型县(区)试点建设。', responsible: '市科技局、市工信局、市农业农村局,各相关县区' });
    expect(firstListedName(s.responsible!)).toBe('市科技局');
  });

  it("002's lead rule is not a unit; brackets keep their 、", () => {
    const s = splitResponsibleList('…数据库。〔责任单位:市科技局、市教育局,赣县区政府、赣州高新区管委会排名第一责任单位为牵头单位,下同');
    expect(s.responsible).toBe('市科技局、市教育局,赣县区政府、赣州高新区管委会');
    expect(firstListedName('县(市、区)政府、市科技局')).toBe('县(市、区)政府');
  });

  it('a document number in brackets is not a list', () => {
    expect(splitResponsibleList('贯彻《意见》(洪发〔2018〕8号)').responsible).toBeNull();
  });
});

describe('text', () => {
  it('csv: quotes, doubled quotes, line breaks in cells', () => {
    const g = parseCsv('序号,工作内容\r\n1,"推进""一号工程""\n建设"\r\n');
    expect(g.rows).toEqual([
      ['序号', '工作内容'],
      ['1', '推进"一号工程"建设'],
    ]);
  });

  it('pasted: a row wrapped onto the next line, a header repeated after a page break, cut cells', () => {
    const text = [
      '附件 1:',
      '序号\t工作内容\t牵头单位\t责任单位',
      '(一) 行动一\t\t\t',
      '1\t前半',
      '后半\t区科工局\t区科工局、区 商务局',
      '序号\t工作内容\t牵头单位\t责任单位',
      '\t\t\t，各街道',
    ].join('\n');
    const [sheet] = parsePastedText(text);
    expect(sheet.name).toBe('附件1');
    expect(sheet.rows.slice(1)).toEqual([
      ['序号', '工作内容', '牵头单位', '责任单位'],
      ['(一) 行动一', '', '', ''],
      ['1', '前半后半', '区科工局', '区科工局、区 商务局，各街道'],
    ]);
  });
});

describe('detect: which way round a target breakdown is', () => {
  const grid = (rows: string[][]): SheetGrid => ({ name: 'S', rows, merges: [] });

  it('unit names across the header (no unit tree: by their endings) make indicators the rows', () => {
    const d = detectSheet(grid([['附件2'], ['指标', '计量单位', '青云谱区', '三家店街道', '青云谱镇'], ['科技型中小企业', '家', '140', '21', '16']]));
    expect(d).toMatchObject({ kind: 'targets', orientation: 'indicatorRows', headerRows: [1], dataStart: 2 });
    expect(d.columns.map((c) => c.role)).toEqual(['indicator', 'measureUnit', 'value', 'value', 'value']);
  });

  it('a goal list and the usual breakdown are not taken for it', () => {
    expect(detectSheet(grid([['指标', '目标值', '计量单位'], ['高新技术企业', '76', '家']]))).toMatchObject({ kind: 'goals' });
    expect(detectSheet(grid([['县区', '科技型中小企业', '高新技术企业数量（家）'], ['青云谱区', '140', '76']]))).toMatchObject({
      kind: 'targets',
      orientation: 'unitRows',
    });
    // Words that are not unit names across the header: not a breakdown by unit.
    expect(detectSheet(grid([['指标', '说明', '来源', '口径'], ['高新技术企业', 'a', 'b', 'c']])).kind).toBeNull();
  });

  it('the caller’s unit tree decides for names without a telling ending', () => {
    const rows = [['指标', '高新园', '洪城'], ['科技型中小企业', '3', '4']];
    expect(detectSheet(grid(rows)).kind).toBeNull();
    const known = new Set(['高新园', '洪城']);
    expect(detectSheet(grid(rows), {}, { isUnitName: (t) => known.has(t) })).toMatchObject({ kind: 'targets', orientation: 'indicatorRows' });
  });
});

describe('a plan started by an import', () => {
  const district = { id: 7, name: '青云谱区', kind: 'district' as const, parentId: null, sortOrder: 1 };
  it('title from the title row (table words dropped), year from it, the district from the tree', () => {
    const sheets: SheetGrid[] = [{ name: '附件1', rows: [['附件1'], ['2022年工作要点任务分解表'], ['序号', '工作内容']], merges: [] }];
    expect(proposeNewPlan(sheets, 'a.xlsx', [district])).toEqual({ title: '2022年工作要点', year: 2022, unitId: 7, unitName: '青云谱区' });
  });
  it('without a title row: the file name; the district from the title when the tree is empty', () => {
    const sheets: SheetGrid[] = [{ name: 'S', rows: [['指标', '目标值']], merges: [] }];
    expect(proposeNewPlan(sheets, '湾里区2023年科技创新工作要点.csv', [])).toEqual({ title: '湾里区2023年科技创新工作要点', year: 2023, unitId: null, unitName: '湾里区' });
    expect(proposeNewPlan(sheets, '粘贴的文字', [])).toEqual({ title: '导入的工作要点', year: null, unitId: null, unitName: null });
  });
});
