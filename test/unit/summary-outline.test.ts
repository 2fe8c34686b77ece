/** The outline numbering (一、（一）1.（1）) of the written sections, and their pre-fill from task progress. */
import { describe, expect, it } from 'vitest';
import { chineseNumeral } from '../../shared/summary/numerals';
import { numberParagraphs, paragraphsFromText, stripLeadingNumber, type SummaryParagraph } from '../../shared/summary/outline';
import { latestProgress, prefillSections } from '../../shared/summary/prefill';
import type { ActionLine, Progress, Task } from '../../shared/model/task';

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

describe('pre-fill from task progress', () => {
  const lines: ActionLine[] = [
    { id: 1, planId: 1, seq: 1, title: '科技创新区域优化布局行动' },
    { id: 2, planId: 1, seq: 2, title: '科技创新平台增量升级行动' },
  ];
  const task = (id: number, line: number, content: string): Task => ({ id, actionLineId: line, seq: id, content, leadText: '', responsibleText: '', deadline: null, units: [] });
  const tasks = [task(1, 1, '推进数字经济“一号发展工程”'), task(2, 2, '打造专业化创新载体。'), task(3, 2, '年营收3亿元以上工业企业研发机构全覆盖')];
  const prog = (taskId: number, unitId: number, period: string, status: Progress['status'], text: string): Progress => ({ taskId, unitId, period, status, text, reportedOn: null });
  const progress = [
    prog(1, 10, '2022Q2', 'in_progress', '旧的进展'),
    prog(1, 10, '2022-11', 'done', '已印发实施方案'),
    prog(2, 11, '2022Q4', 'done', '新建众创空间1家'),
    prog(2, 12, '2022Q4', 'in_progress', '孵化器建设推进中'),
    prog(3, 12, '2022Q4', 'late', '企业意愿不足'),
  ];
  const names: Record<number, string> = { 10: '区发改委', 11: '三家店街道', 12: '洪都街道' };

  it('keeps the latest progress of each task and unit', () => {
    expect(latestProgress(progress).find((p) => p.taskId === 1)?.text).toBe('已印发实施方案');
  });

  it('the district: grouped by action line, every unit named where several report', () => {
    const s = prefillSections({ actionLines: lines, tasks, progress, unitId: 1, isPlanUnit: true, unitName: (id) => names[id] });
    expect(s.highlights).toEqual([
      { level: 2, text: '科技创新区域优化布局行动' },
      { level: 3, text: '推进数字经济“一号发展工程”。已印发实施方案。' },
      { level: 2, text: '科技创新平台增量升级行动' },
      { level: 3, text: '打造专业化创新载体。三家店街道：新建众创空间1家。洪都街道：孵化器建设推进中。' },
    ]);
    expect(s.problems).toEqual([{ level: 3, text: '年营收3亿元以上工业企业研发机构全覆盖进展滞后（洪都街道）。企业意愿不足。' }]);
    expect(s.nextYear).toEqual([]);
  });

  it('a street: only its own progress', () => {
    const s = prefillSections({ actionLines: lines, tasks, progress, unitId: 11, isPlanUnit: false, unitName: (id) => names[id] });
    expect(s.highlights).toEqual([
      { level: 2, text: '科技创新平台增量升级行动' },
      { level: 3, text: '打造专业化创新载体。新建众创空间1家。' },
    ]);
    expect(s.problems).toEqual([]);
  });
});
