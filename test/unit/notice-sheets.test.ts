/**
 * A notice's parts (shared/import/notice/): its head — the plan's title,
 * 文号, issuer and date, as GB/T 9704 lays them out or as a bare plan gives
 * them —, its goal and task sections, its tables named by their annex and
 * joined when a table goes on after a page break; the goal paragraphs
 * through the wording parser.
 */
import { describe, expect, it } from 'vitest';
import { noticeSheets } from '../../shared/import/notice/sheets';
import type { WordBlock, WordDocument } from '../../shared/import/notice/word';
import { parseGoalParagraphs } from '../../shared/import/goalParagraphs';
import { placeText } from '../../shared/import/place';

const p = (text: string, centered = false): WordBlock => ({ kind: 'paragraph', text, centered });
const t = (rows: string[][]): WordBlock => ({ kind: 'table', rows, merges: [], headerRows: 0 });
const doc = (...blocks: WordBlock[]): WordDocument => ({ blocks });

describe('the head of a notice', () => {
  it('reads 红头, 文号, title and 版记 as GB/T 9704 lays them out', () => {
    const { head } = noticeSheets(
      doc(
        p('南昌市青云谱区人民政府办公室文件', true),
        p('青政办发[2022]16号', true),
        p('青云谱区人民政府办公室关于印发2022年青云谱区科技创新基础大提升工作要点的通知', true),
        p('各街办、镇、集聚区，区政府各相关部门：'),
        p('《2022年青云谱区科技创新基础大提升工作要点》已经区政府研究同意，现印发给你们，请认真照此执行。'),
        p('2022年青云谱区科技创新基础大提升 工作要点', true),
        p('一、工作目标'),
        p('技术合同成交额突破7亿元。'),
        p('青云谱区人民政府办公室          2022年6月16日印发'),
      ),
    );
    expect(head).toEqual({
      title: '2022年青云谱区科技创新基础大提升工作要点',
      titleParagraph: 6,
      docNumber: '青政办发〔2022〕16号',
      issuer: '青云谱区人民政府办公室',
      issuedOn: '2022-06-16',
      year: { from: 2022, to: 2022 },
    });
  });

  it('without a plan title of its own, takes the one in the notice title; the issuer from the 红头; a date written in Chinese numerals', () => {
    const { head } = noticeSheets(
      doc(
        p('赣州市科学技术局文件', true),
        p('赣市科字〔2021〕８号'),
        p('关于印发《赣州市“十四五”科技创新规划实施方案（2021—2025年）》的通知', true),
        p('一、总体要求'),
        p('赣州市科学技术局'),
        p('二〇二一年十二月三十日'),
      ),
    );
    expect(head).toMatchObject({
      title: '赣州市“十四五”科技创新规划实施方案（2021—2025年）',
      docNumber: '赣市科字〔2021〕8号',
      issuer: '赣州市科学技术局',
      issuedOn: '2021-12-30',
      year: { from: 2021, to: 2025 },
    });
  });

  it('a document that is only an annex table under its title gives that title and nothing it does not say', () => {
    const { head, sheets } = noticeSheets(doc(p('附件1'), p('2023 年工作要点任务分解表', true), t([['序号', '工作内容', '牵头单位', '责任单位']]), p('')));
    expect(head).toEqual({ title: '2023年工作要点任务分解表', titleParagraph: 2, docNumber: null, issuer: null, issuedOn: null, year: { from: 2023, to: 2023 } });
    expect(sheets.map((s) => s.name)).toEqual(['附件1（第1个表格）']);
    expect(sheets[0].origin).toEqual({ kind: 'table', tables: [1], rowStarts: [1], annex: '附件1', title: '2023年工作要点任务分解表' });
  });
});

describe('sections and tables', () => {
  const body = [
    p('2022年工作要点', true),
    p('一、总体要求'),
    p('（一）指导思想'),
    p('以习近平新时代中国特色社会主义思想为指导。'),
    p('（二）工作目标'),
    p('科技型中小企业140家，高新技术企业76家；'),
    p('二、重点任务'),
    p('（一）科技创新区域优化布局行动'),
    p('1. 推进数字经济“一号发展工程”。加大宣传力度。'),
    p('（责任单位：区发改委，青云谱镇）'),
    p('2. 推进试点建设。（责任单位：区科工局、区商务局，'),
    p('青云谱镇）'),
    p('三、保障措施'),
    p('1. 加强组织领导。'),
  ];

  it('the goal section under a second-level heading, the task section under its heading; a task paragraph goes on until it names its units', () => {
    const { sheets } = noticeSheets(doc(...body));
    expect(sheets.map((s) => [s.name, s.origin])).toEqual([
      ['正文·工作目标', { kind: 'paragraphs', section: 'goals', heading: '（二）工作目标' }],
      ['正文·重点任务', { kind: 'paragraphs', section: 'tasks', heading: '二、重点任务' }],
    ]);
    const goals = sheets[0].rows.map((r, i) => [i + 1, r[0]]).filter(([, text]) => text);
    expect(goals).toEqual([[6, '科技型中小企业140家，高新技术企业76家；']]);
    const tasks = sheets[1].rows.map((r, i) => [i + 1, r[0]]).filter(([, text]) => text);
    expect(tasks).toEqual([
      [8, '（一）科技创新区域优化布局行动'],
      [9, '1. 推进数字经济“一号发展工程”。加大宣传力度。（责任单位：区发改委，青云谱镇）'],
      [11, '2. 推进试点建设。（责任单位：区科工局、区商务局，青云谱镇）'],
    ]);
  });

  it('without a heading that names them, the numbered paragraphs that name their units are the tasks', () => {
    const { sheets } = noticeSheets(
      doc(p('一、工作目标'), p('技术合同成交额突破7亿元。'), p('二、2022年工作安排'), p('（一）平台建设'), p('1. 培育研发机构。〔责任单位：区科工局、区科协〕'), p('2. 打造创新载体。〔责任单位：区科工局〕'), p('三、工作要求'), p('1. 各单位要高度重视。')),
    );
    expect(sheets.map((s) => s.name)).toEqual(['正文·工作目标', '正文·任务']);
    expect(sheets[1].rows.map((r) => r[0]).filter(Boolean)).toEqual(['（一）平台建设', '1. 培育研发机构。〔责任单位：区科工局、区科协〕', '2. 打造创新载体。〔责任单位：区科工局〕']);
  });

  it('a table that goes on after a page break as a new table joins the first; one after a paragraph does not', () => {
    const header = ['序号', '工作内容', '牵头单位', '责任单位'];
    const { sheets } = noticeSheets(
      doc(p('附件 1:'), t([header, ['1', '推进', '区科工局', '区科工局、区']]), p(''), t([header, ['', '', '', '商务局'], ['2', '试点', '区科工局', '区科工局']]), p('附件 2:'), p('分解表'), t([['县区', '科技型中小企业'], ['青云谱区', '140']]), t([['x']])),
    );
    expect(sheets.map((s) => s.name)).toEqual(['附件1（第1、2个表格）', '附件2（第3个表格）', '第4个表格']);
    expect(sheets[0].rows).toHaveLength(5);
    const origin = sheets[0].origin!;
    expect(origin).toEqual({ kind: 'table', tables: [1, 2], rowStarts: [1, 3], annex: '附件1', title: null });
    // A place in the continued table says which table and which of its rows, as Word shows them.
    expect(placeText({ sheet: sheets[0].name, row: 5, column: 'D' }, origin)).toBe('附件1 第2个表格 第3行 第4列');
    expect(placeText({ sheet: '正文·重点任务', row: 12, column: '' }, { kind: 'paragraphs', section: 'tasks', heading: null })).toBe('正文·重点任务 第12段');
  });
});

describe('goal paragraphs', () => {
  it('every clause that is one target is a goal, at its paragraph; what cannot be read is said; a goal twice is an error', () => {
    const grid = {
      name: '正文·工作目标',
      rows: [[], ['紧紧围绕总体要求，力争实现以下目标：'], ['科技型中小企业140家，高新技术企业76家；'], ['新增市级以上研发平台和创新载体数量1-3个；技术市场交易额同比增长30%；'], ['规上企业研发活动覆盖率大幅提升约五成，专利授权量翻一番达到3000件左右'], ['技术合同成交额突破7亿元；高新技术企业80家。']],
      merges: [],
    };
    const { goals, problems } = parseGoalParagraphs(grid);
    expect(goals.map((g) => [g.row, g.name, g.value, g.valueMax, g.measureUnit, g.wordingText])).toEqual([
      [3, '科技型中小企业', 140, null, '家', '科技型中小企业140家'],
      [3, '高新技术企业', 76, null, '家', '高新技术企业76家'],
      [4, '新增市级以上研发平台和创新载体', 1, 3, '个', '新增市级以上研发平台和创新载体数量1-3个'],
      [4, '技术市场交易额', null, null, '%', '技术市场交易额同比增长30%'],
      [6, '技术合同成交额', 7, null, '亿元', '技术合同成交额突破7亿元'],
    ]);
    expect(problems).toEqual([
      { level: 'warning', sheet: '正文·工作目标', row: 5, column: '', message: expect.stringMatching(/^第5段中的“专利授权量翻一番达到3000件左右”读不出指标和目标值/) },
      { level: 'error', sheet: '正文·工作目标', row: 6, column: '', message: '指标“高新技术企业”在第3段已有目标，重复了；请核对通知后再导入。' },
    ]);
  });
});
