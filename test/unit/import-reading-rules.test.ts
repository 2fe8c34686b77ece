/**
 * The pure rules of issue 12 (and the number and echo rules of issue 11):
 * which reading a sheet gets and why, totals, notes, years, impossible
 * values, names as people write them, rewritten tasks.
 */
import { describe, expect, it } from 'vitest';
import { isNoteRow, negativeTargetLevel, notANumberMessage, parseNumberCell } from '../../shared/import/cells';
import { detectSheet } from '../../shared/import/detect';
import { echo } from '../../shared/import/echo';
import { isTotalLabel, roleOfHeader } from '../../shared/import/headers';
import { matchIndicator } from '../../shared/import/indicators';
import { matchTaskRows } from '../../shared/import/taskMatch';
import type { Indicator } from '../../shared/model/indicator';
import type { SheetGrid } from '../../shared/import/types';
import { otherYear, sheetYear, yearsIn } from '../../shared/import/year';
import { editDistance, suggestUnitNames } from '../../shared/units/normalise';

const grid = (rows: (string | number)[][], merges: SheetGrid['merges'] = []): SheetGrid => ({
  name: '表',
  rows: rows.map((r) => r.map(String)),
  merges,
});
const units = ['三家店街道', '洪都街道', '徐家坊街道', '京山街道'];

describe('reading a sheet by its body', () => {
  it('"2022年目标任务" over numbers is a breakdown, not a task table, and the reason says why not', () => {
    const d = detectSheet(
      grid([
        ['分解表'],
        ['序号', '单位', '2022年目标任务', '', ''],
        ['', '', '科技型中小企业（家）', '高新技术企业（家）', '技术合同成交额（亿元）'],
        ['', '全区', 140, 76, 7],
        ...units.map((u, i) => [i + 1, u, 10 + i, 5, '0.5']),
      ], [{ top: 1, left: 2, bottom: 1, right: 4 }]),
    );
    expect(d).toMatchObject({ kind: 'targets', orientation: 'unitRows', headerRows: [1, 2], ambiguous: false, chosen: false });
    expect(d.reason).toBe('读作指标分解表（单位为行、指标为列）：B列“单位”是单位名称，其余3列是指标，表体全部是数字');
  });

  it('a header that says 工作内容 over a column of numbers is still not a task table', () => {
    const d = detectSheet(grid([['序号', '工作内容', '责任单位'], [1, '120', '洪都街道'], [2, '35', '京山街道'], [3, '8', '三家店街道']]));
    expect(d.kind).not.toBe('tasks');
  });

  it('two readings that fit about as well: ambiguous, both offered; the user or the import-wide choice decides', () => {
    const g = grid([['序号', '主要任务', '年度目标', '牵头单位'], [1, '新增高新技术企业', '10家', '区科工局'], [2, '技术合同成交额', '7亿元', '区科工局']]);
    const d = detectSheet(g);
    expect(d).toMatchObject({ kind: 'tasks', ambiguous: true, chosen: false });
    expect(d.alternatives.map((a) => a.kind)).toEqual(['goals']);
    expect(detectSheet(g, {}, { preferKind: 'goals' })).toMatchObject({ kind: 'goals', ambiguous: false, chosen: true });
    expect(detectSheet(g, { kind: 'tasks' })).toMatchObject({ kind: 'tasks', ambiguous: false, chosen: true });
    // In a task table, 年度目标 is not a column to import.
    expect(detectSheet(g, { kind: 'tasks' }).columns.map((c) => c.role)).toEqual(['seq', 'content', 'ignore', 'lead']);
  });

  it('a two-row task header: 责任单位 merged over 牵头单位 / 配合单位 gives a lead and a responsible column', () => {
    const d = detectSheet(
      grid([['序号', '工作内容', '责任单位', ''], ['', '', '牵头单位', '配合单位'], [1, '推进数字经济“一号发展工程”', '区发改委', '青云谱镇']], [
        { top: 0, left: 2, bottom: 0, right: 3 },
      ]),
    );
    expect(d.columns.map((c) => c.role)).toEqual(['seq', 'content', 'lead', 'responsible']);
  });

  it('header words: the longest wins (目标任务 is a target, not a 任务)', () => {
    expect(roleOfHeader('2022年目标任务')).toBe('target');
    expect(roleOfHeader('重点工作任务')).toBe('content');
    expect(roleOfHeader('工作内容及措施')).toBe('content');
  });
});

describe('totals, notes, years', () => {
  it('total labels stand for the district', () => {
    for (const t of ['合计', '总计', '小计', '全区', '全区合计', '全区目标', '区级目标', ' 全 区 ', '全县合计', '县级目标']) expect(isTotalLabel(t)).toBe(true);
    for (const t of ['洪都街道', '合计数量', '全区各街道']) expect(isTotalLabel(t)).toBe(false);
  });

  it('notes under a table end it; the 填报单位 line above is not a note', () => {
    for (const row of [['注：1.全区目标为各单位之和。'], ['', '说明：本表为指导性目标'], ['填表人：王芳', '', '联系电话：0791-888'], ['注1.数据以统计为准']]) {
      expect(isNoteRow(row)).toBe(true);
    }
    for (const row of [['洪都街道', '8'], ['注册企业', '3'], ['填报单位：区科工局']]) expect(isNoteRow(row)).toBe(false);
  });

  it('a year is a year, a date is not; a span is one', () => {
    expect(yearsIn('2023年工作要点任务分解表')).toEqual({ from: 2023, to: 2023 });
    expect(yearsIn('2022年度目标')).toEqual({ from: 2022, to: 2022 });
    expect(yearsIn('2023年1月报送')).toBeNull();
    expect(yearsIn('“十四五”（2021—2025年）规划任务')).toEqual({ from: 2021, to: 2025 });
    expect(otherYear({ from: 2021, to: 2025 }, { yearStart: 2022, yearEnd: 2022 })).toBe(false);
    expect(otherYear({ from: 2023, to: 2023 }, { yearStart: 2022, yearEnd: 2022 })).toBe(true);
    const g = grid([['填报日期：2023年3月'], ['2022年工作要点任务分解表'], ['序号', '工作内容']]);
    expect(sheetYear(g, 2, '2021年.xlsx')).toEqual({ from: 2022, to: 2022, source: '标题“2022年工作要点任务分解表”', row: 2 });
    expect(sheetYear(grid([['序号', '工作内容']]), 0, '2021年任务.xlsx')).toMatchObject({ from: 2021, row: 0 });
  });
});

describe('values', () => {
  it('Excel error values, NaN, infinity and 400 digits are not numbers, and say what they are', () => {
    expect(parseNumberCell('#DIV/0!')).toEqual({ kind: 'invalid', text: '#DIV/0!', reason: 'excelError' });
    expect(parseNumberCell('#N/A')).toMatchObject({ reason: 'excelError' });
    expect(parseNumberCell('NaN')).toMatchObject({ kind: 'invalid', reason: 'notFinite' });
    expect(parseNumberCell('-Infinity')).toMatchObject({ kind: 'invalid', reason: 'notFinite' });
    expect(parseNumberCell('9'.repeat(400))).toMatchObject({ kind: 'invalid', reason: 'overflow' });
    expect(parseNumberCell('123456789012')).toMatchObject({ kind: 'number', value: 123456789012 });
    expect(parseNumberCell('0.1234567890123')).toMatchObject({ kind: 'number', value: 0.123456789012 });
    const msg = notANumberMessage({ text: '9'.repeat(400), reason: 'overflow' }, '洪都街道的科技型中小企业', '家');
    expect(msg).toBe(`“${'9'.repeat(20)}…（共400字）”位数过多，不是有效的数值：洪都街道的科技型中小企业应填以“家”计的数值。`);
  });

  it('a negative count or amount is an error; a negative growth rate or ratio a warning', () => {
    expect(negativeTargetLevel('科技型中小企业', '家')).toBe('error');
    expect(negativeTargetLevel('新增人才', '人')).toBe('error');
    expect(negativeTargetLevel('技术合同成交额', '亿元')).toBe('error');
    expect(negativeTargetLevel('高新技术企业增速', '%')).toBe('warning');
    expect(negativeTargetLevel('研发投入比上年提高', '个百分点')).toBe('warning');
    expect(negativeTargetLevel('某指标', '')).toBe('warning');
  });
});

describe('names as people write them', () => {
  it('short forms are suggested first, then close spellings; very long names get none', () => {
    const known = ['洪都街道', '新经济产业集聚区', '三家店街道', '京山街道'];
    expect(suggestUnitNames('洪都', known)[0]).toBe('洪都街道');
    expect(suggestUnitNames('新经济集聚区', known)[0]).toBe('新经济产业集聚区');
    expect(suggestUnitNames('京山街', known)[0]).toBe('京山街道');
    expect(suggestUnitNames('某'.repeat(1000), known)).toEqual([]);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('😀洪都', '洪都')).toBe(1); // code points, not UTF-16 units
  });

  it('echoed text is cut to a readable length', () => {
    expect(echo('洪都街道')).toBe('洪都街道');
    expect(echo('某'.repeat(1_000_000))).toBe(`${'某'.repeat(30)}…（共约100万字）`);
    expect(echo('😀'.repeat(40), 5)).toBe('😀😀😀😀😀…（共80字）');
  });
});

describe('indicators by name', () => {
  const ind = (id: number, name: string, measureUnit: string) => ({ id, name, measureUnit }) as Indicator;
  const plan = [ind(1, '高新技术企业', '家'), ind(2, '新增市级以上研发平台和创新载体', '个'), ind(3, '技术合同成交额', '亿元')];
  it('a name containing another is that indicator only when the extra words do not change the meaning', () => {
    expect(matchIndicator(plan, '2022年高新技术企业数量', '家')?.id).toBe(1);
    expect(matchIndicator(plan, '新增市级以上研发平台', '个')?.id).toBe(2);
    expect(matchIndicator(plan, '新增高新技术企业', '家')).toBeNull();
    expect(matchIndicator(plan, '高新技术企业增速', '%')).toBeNull();
    expect(matchIndicator(plan, '技术合同成交额', '万元')?.id).toBe(3); // exact name: a unit mismatch is an error said elsewhere
  });
  it('a number in the difference is another indicator (指标1 is not 指标11), a year is not', () => {
    const numbered = [ind(1, '指标1', '家'), ind(2, '研发平台', '个')];
    expect(matchIndicator(numbered, '指标11', '家')).toBeNull();
    expect(matchIndicator(numbered, '指标１２', '家')).toBeNull();
    expect(matchIndicator(numbered, '二级研发平台', '个')).toBeNull();
    expect(matchIndicator(numbered, '市级研发平台', '个')?.id).toBe(2);
    expect(matchIndicator(numbered, '2022年度指标1', '家')?.id).toBe(1);
  });
});

describe('pairing rows with tasks', () => {
  const keys = (s: string) => s.split('');
  it('says which pairs are by content and which by position (改写)', () => {
    expect(matchTaskRows(keys('abcd'), keys('abXd'))).toEqual({ match: [0, 1, 2, 3], byContent: [true, true, false, true], contentMatched: 3 });
  });
  it('a replacement pairs by content only', () => {
    expect(matchTaskRows(keys('abcd'), keys('XYbZ'), false)).toEqual({ match: [null, null, 1, null], byContent: [false, false, true, false], contentMatched: 1 });
  });
});
