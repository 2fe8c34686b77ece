/** The outline numbering (一、（一）1.（1）) of the written sections, and their pre-fill from task progress. */
import { describe, expect, it } from 'vitest';
import { chineseNumeral } from '../../shared/summary/numerals';
import { numberParagraphs, paragraphsFromText, sectionLevels, sectionParagraphs, sectionTitle, stripLeadingNumber, unwrittenSections, type SummaryParagraph } from '../../shared/summary/outline';
import { latestProgress, prefillSections, taskPhrase } from '../../shared/summary/prefill';
import type { ActionLine, Progress, Task } from '../../shared/model/task';
import type { Indicator } from '../../shared/model/indicator';
import type { Unit } from '../../shared/model/units';
import { buildProgressTable } from '../../shared/figures/progressTable';
import { parseTargetWording } from '../../shared/wording';

describe('numbering', () => {
  it('Chinese numerals', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 99].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '十九', '二十', '二十一', '九十九']);
  });

  it('each level counts from 1 and restarts under a higher level; body text is not numbered', () => {
    const p = (level: SummaryParagraph['level']): SummaryParagraph => ({ level, text: 'x' });
    expect(numberParagraphs([p(1), p(2), p(3), p(3), p(4), p(4), p(0), p(3), p(2), p(3), p(1), p(2)])).toEqual([
      '一、', '（一）', '1.', '2.', '（1）', '（2）', '', '3.', '（二）', '1.', '二、', '（一）',
    ]);
  });

  it('a number typed in front of a paragraph is dropped, and tells the level when pasting', () => {
    expect(stripLeadingNumber('（一）加强平台建设')).toBe('加强平台建设');
    expect(stripLeadingNumber('2.研发投入攻坚行动成效明显。')).toBe('研发投入攻坚行动成效明显。');
    expect(stripLeadingNumber('2022年全区…')).toBe('2022年全区…');
    expect(stripLeadingNumber('3.5亿元的投入')).toBe('3.5亿元的投入');
    expect(paragraphsFromText('一、总体情况\n\n（二）亮点\n1.成效明显。\n（3）细项\n正文一段')).toEqual([
      { level: 1, text: '总体情况' },
      { level: 2, text: '亮点' },
      { level: 3, text: '成效明显。' },
      { level: 4, text: '细项' },
      { level: 0, text: '正文一段' },
    ]);
  });
});

describe('pre-fill from task progress and the figures', () => {
  const lines: ActionLine[] = [
    { id: 1, planId: 1, seq: 1, title: '科技创新区域优化布局行动' },
    { id: 2, planId: 1, seq: 2, title: '科技创新平台增量升级行动' },
    { id: 3, planId: 1, seq: 3, title: '科技创新成果转化促进行动' },
  ];
  const link = (unitId: number, role: 'lead' | 'responsible' = 'responsible') => ({ unitId, role, viaPhrase: null });
  const task = (id: number, line: number, content: string, leadText: string, units: ReturnType<typeof link>[]): Task => ({
    id,
    actionLineId: line,
    seq: id,
    content,
    leadText,
    responsibleText: '',
    deadline: null,
    units,
  });
  const tasks = [
    task(1, 1, '推进数字经济“一号发展工程”', '区发改委', [link(10, 'lead')]),
    task(2, 2, '打造专业化创新载体。', '区科工局', [link(13, 'lead'), link(11), link(12)]),
    task(3, 2, '年营收 3 亿元以上工业企业研发机构全覆盖', '区科工局', [link(13, 'lead'), link(12)]),
    task(4, 3, '力争 2022 年底全区技术合同登记额突破 7 亿元', '区科工局', [link(13, 'lead'), link(11)]),
  ];
  const prog = (taskId: number, unitId: number, period: string, status: Progress['status'], text: string): Progress => ({ taskId, unitId, period, status, text, reportedOn: null });
  const progress = [
    prog(1, 10, '2022Q2', 'in_progress', '旧的进展'),
    prog(1, 10, '2022-11', 'done', '已印发实施方案'),
    prog(2, 11, '2022Q4', 'done', '新建众创空间1家'),
    prog(2, 12, '2022Q4', 'in_progress', '孵化器建设推进中'),
    prog(3, 12, '2022Q4', 'late', '企业意愿不足'),
    // Late by its note, but its indicator was exceeded: never a problem (section 一 says it was met).
    prog(4, 13, '2022Q4', 'late', '登记进度落后'),
  ];
  const names: Record<number, string> = { 10: '区发改委', 11: '三家店街道', 12: '洪都街道', 13: '区科工局' };
  const district: Unit = { id: 1, name: '青云谱区', kind: 'district', parentId: null, sortOrder: 0 };
  const subs: Unit[] = [
    { id: 11, name: '三家店街道', kind: 'street', parentId: 1, sortOrder: 1 },
    { id: 12, name: '洪都街道', kind: 'street', parentId: 1, sortOrder: 2 },
  ];
  const ind = (id: number, name: string, measureUnit: string, wording: string, decimals = 0): Indicator => ({
    id,
    planId: 1,
    name,
    measureUnit,
    aggregation: 'sum',
    frequency: 'yearly',
    decimals,
    sortOrder: id,
    wording: parseTargetWording(wording),
    wordingText: wording,
    baseline: null,
    decomposed: true,
  });
  const contracts = ind(50, '技术合同成交额', '亿元', '技术合同成交额突破7亿元', 4);
  const hightech = ind(51, '高新技术企业', '家', '高新技术企业76家');
  const target = (indicatorId: number, unitId: number, value: number) => ({ indicatorId, unitId, value, valueMax: null });
  const figure = (indicatorId: number, unitId: number, value: number) => ({ indicatorId, unitId, period: '2022', value, note: null, enteredBy: '测试', enteredAt: '2023-01-01' });
  const table = buildProgressTable({
    period: '2022',
    parent: district,
    subUnits: subs,
    indicators: [contracts, hightech],
    targets: [target(50, 1, 7), target(50, 11, 4), target(50, 12, 3), target(51, 1, 76), target(51, 11, 40), target(51, 12, 36)],
    figures: [figure(50, 11, 4.2), figure(50, 12, 3.284), figure(51, 11, 38), figure(51, 12, 35)],
  });
  const input = { actionLines: lines, tasks, progress, table, unitName: (id: number) => names[id] };

  it('keeps the latest progress of each task and unit', () => {
    expect(latestProgress(progress).find((p) => p.taskId === 1)?.text).toBe('已印发实施方案');
  });

  it('the district: highlights by action line as seed 001 writes them, problems as problems, never contradicting the figures', () => {
    const s = prefillSections({ ...input, unitId: 1, isPlanUnit: true });
    expect(s.highlights).toEqual([
      { level: 3, text: '科技创新区域优化布局行动成效明显。推进数字经济“一号发展工程”，已印发实施方案。' },
      { level: 3, text: '科技创新平台增量升级行动稳步推进。打造专业化创新载体，新建众创空间1家。' },
    ]);
    expect(s.problems).toEqual([
      { level: 3, text: '高新技术企业未完成年度目标。2022年全区高新技术企业73家，距76家的目标尚差3家。' },
      // The lead (区科工局) reported nothing late; the street that did is named.
      { level: 3, text: '洪都街道承担的“年营收3亿元以上工业企业研发机构全覆盖”任务进展滞后。企业意愿不足。' },
    ]);
    // Task 4's note says late, but 技术合同成交额 reached 7.48亿元 of 7亿元: not a problem.
    expect(JSON.stringify(s.problems)).not.toContain('技术合同');
    // No plan for 2023 yet: what is unfinished carries over.
    expect(s.nextYear).toEqual([
      { level: 0, text: '2023年，将对照本年度尚未完成的目标任务，重点抓好以下工作。' },
      { level: 3, text: '聚焦高新技术企业指标，对照76家的年度目标补齐差距。' },
      { level: 3, text: '继续打造专业化创新载体。' },
      { level: 3, text: '继续推进年营收3亿元以上工业企业研发机构全覆盖。' },
    ]);
  });

  it('next year from the next plan when there is one', () => {
    const s = prefillSections({
      ...input,
      unitId: 1,
      isPlanUnit: true,
      nextPlan: { title: '2023年青云谱区科技创新工作要点', goals: ['技术合同成交额突破8亿元', '力争高新技术企业达到90家'], actionLines: [{ title: '科技创新平台增量升级行动', tasks: ['打造专业化创新载体', '推进省级创新型县（区）建设'] }] },
    });
    expect(s.nextYear).toEqual([
      { level: 0, text: '2023年，将按照《2023年青云谱区科技创新工作要点》的部署，重点抓好以下工作。' },
      { level: 2, text: '2023年工作目标' },
      { level: 3, text: '力争技术合同成交额突破8亿元。' },
      { level: 3, text: '力争高新技术企业达到90家。' },
      { level: 2, text: '重点工作' },
      { level: 3, text: '科技创新平台增量升级行动。打造专业化创新载体；推进省级创新型县（区）建设。' },
    ]);
  });

  it('a street: only its own progress and figures', () => {
    const s = prefillSections({ ...input, unitId: 11, isPlanUnit: false });
    expect(s.highlights).toEqual([{ level: 3, text: '科技创新平台增量升级行动成效明显。打造专业化创新载体，新建众创空间1家。' }]);
    expect(s.problems).toEqual([{ level: 3, text: '高新技术企业未完成年度目标。2022年全街道高新技术企业38家，距40家的目标尚差2家。' }]);
  });

  it('a task as a short phrase', () => {
    expect(taskPhrase('力争 2022 年底，培育入库科技型中小企业 140 家，高新技术企业达到 76 家。')).toBe('培育入库科技型中小企业140家，高新技术企业达到76家');
    expect(
      taskPhrase('大力宣传《关于实施“天下英雄城 聚天下英才”行动计划的意见》（洪发〔2018〕8号）和《关于支持大学毕业生和技能人才来昌留昌创业就业的实施意见》（洪发〔2020〕9号）等人才引育政策'),
    ).toBe('大力宣传人才引育政策');
    expect(taskPhrase('年营收3亿元以上工业企业研发机构全覆盖；力争新组建1-3家科研机构。')).toBe('年营收3亿元以上工业企业研发机构全覆盖');
  });
});

describe('sections under the document structure of seed 001', () => {
  it('亮点工作 and 存在的主要问题 number 1. and （1）; a paragraph stored one level too high moves down with what is under it', () => {
    expect(sectionLevels('highlights')).toEqual([3, 4, 0]);
    expect(sectionLevels('nextYear')).toEqual([2, 3, 4, 0]);
    expect(sectionParagraphs('highlights', [{ level: 2, text: 'a' }, { level: 3, text: 'b' }, { level: 0, text: 'c' }])).toEqual([
      { level: 3, text: 'a' },
      { level: 4, text: 'b' },
      { level: 0, text: 'c' },
    ]);
    expect(sectionParagraphs('nextYear', [{ level: 1, text: 'a' }, { level: 3, text: 'b' }])).toEqual([
      { level: 2, text: 'a' },
      { level: 4, text: 'b' },
    ]);
  });

  it('the last section is named by the period', () => {
    expect(sectionTitle('nextYear', '2022')).toBe('2023年工作思路');
    expect(sectionTitle('nextYear', '2022Q2')).toBe('下半年工作打算');
    expect(sectionTitle('nextYear', '2022Q3')).toBe('四季度工作打算');
    expect(sectionTitle('nextYear', '2022-10')).toBe('下一步工作打算');
  });

  it('a section with nothing written is unwritten', () => {
    expect(unwrittenSections({ highlights: [{ level: 3, text: '  ' }], problems: [{ level: 3, text: '问题' }], nextYear: [] })).toEqual(['highlights', 'nextYear']);
  });
});
