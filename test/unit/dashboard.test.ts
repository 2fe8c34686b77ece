/** The dashboard's pure parts: task states, the period's days, the ranking order and the 催报 notice. */
import { describe, expect, it } from 'vitest';
import { defaultDeadline, periodDays, rankingOf, taskStateOf } from '../../shared/dashboard/build';
import { defaultReplyBy, reminderNotice, taskLabel } from '../../shared/entry/reminderNotice';
import { addWorkingDays } from '../../shared/dates';
import type { ReminderList } from '../../shared/entry/views';
import type { Progress } from '../../shared/model/task';
import type { DashboardCell } from '../../shared/dashboard/view';

const p = (status: Progress['status']): Progress => ({ taskId: 1, unitId: 1, period: '2022-09', status, text: '', reportedOn: null });

describe('taskStateOf', () => {
  it('is 滞后 when any unit is late, 已完成 only when every unit has finished', () => {
    expect(taskStateOf([undefined, undefined])).toBe('unreported');
    expect(taskStateOf([p('done'), p('late')])).toBe('late');
    expect(taskStateOf([p('done'), p('done')])).toBe('done');
    expect(taskStateOf([p('done'), undefined])).toBe('in_progress');
    expect(taskStateOf([p('not_started'), undefined])).toBe('not_started');
    expect(taskStateOf([p('not_started'), p('in_progress')])).toBe('in_progress');
  });
});

describe('periodDays', () => {
  it('counts days left in the period and to the deadline (次月5日)', () => {
    expect(defaultDeadline('2022-09')).toBe('2022-10-05');
    expect(defaultDeadline('2022Q4')).toBe('2023-01-05');
    expect(defaultDeadline('2022-02')).toBe('2022-03-05');
    expect(periodDays('2022-09', '2022-09-20')).toEqual({ periodEnd: '2022-09-30', deadline: '2022-10-05', leftInPeriod: 10, toDeadline: 15 });
    expect(periodDays('2022-09', '2022-10-08')).toMatchObject({ leftInPeriod: 0, toDeadline: -3 });
  });
});

describe('rankingOf', () => {
  it('orders sub-units by rank, those without a rate last, and leaves out the total row', () => {
    const cells: DashboardCell[][] = [
      [['green', 1, 10, 10, null]],
      [['red', 0.2, 1, 5, 3]],
      [['none', null, null, 5, null]],
      [['green', 0.9, 4.5, 5, 1]],
      [['amber', 0.7, 3.5, 5, 2]],
    ];
    const units = ['区', '甲', '乙', '丙', '丁'].map((name, k) => ({ id: k + 1, name, isParent: k === 0 }));
    const indicators = [{ id: 9, name: '指标', measureUnit: '家', decimals: 0, aggregation: 'sum' as const, frequency: 'monthly' as const, figurePeriod: '2022-09' }];
    expect(rankingOf({ units, cells, indicators }, 9).map((e) => `${e.rank}${e.unitName}`)).toEqual(['1丙', '2丁', '3甲', 'null乙']);
  });
});

const list: ReminderList = {
  planId: 1,
  period: '2022-09',
  periodLabel: '2022年1-9月',
  notice: { planTitle: '2022年青云谱区科技创新基础大提升工作要点', docNumber: '青政办发〔2022〕16号', issuer: '青云谱区科工局', deadline: '2022-10-05' },
  rows: [
    { unit: { id: 2, name: '洪都街道', kind: 'street', parentId: 1, sortOrder: 1 }, missingFigures: ['技术合同成交额', '科技型中小企业'], expectedFigures: 3, missingProgress: [{ taskSeq: 4, content: '大力宣传《南昌市促进科技成果转移转化补助暂行办法》' }], expectedProgress: 2, lastReminder: null },
    { unit: { id: 3, name: '区发改委', kind: 'department', parentId: 1, sortOrder: 2 }, missingFigures: [], expectedFigures: 0, missingProgress: [{ taskSeq: 2, content: '加强关键核心技术攻关。' }], expectedProgress: 1, lastReminder: null },
    { unit: { id: 4, name: '京山街道', kind: 'street', parentId: 1, sortOrder: 3 }, missingFigures: [], expectedFigures: 3, missingProgress: [], expectedProgress: 1, lastReminder: null },
  ],
};

describe('催报通知', () => {
  it('names the units that owe something, the period, the deadline and the sender', () => {
    const text = reminderNotice(list, { ...list.notice, replyBy: '2022-10-12', date: '2022-10-03', contact: '王芳 0791-88888888' });
    expect(text.split('\n')[0]).toBe('关于报送2022年1-9月科技创新指标完成情况和任务进展的通知');
    expect(text).toContain('洪都街道、区发改委：');
    expect(text).not.toContain('京山街道');
    expect(text).toContain('《2022年青云谱区科技创新基础大提升工作要点》（青政办发〔2022〕16号）');
    expect(text).toContain('1. 洪都街道：技术合同成交额、科技型中小企业2项指标完成数；任务4（大力宣传《南昌市促进…）的进展情况。');
    expect(text).toContain('2. 区发改委：任务2（加强关键核心技术攻关）的进展情况。');
    // Two dates: the period's original deadline, and the new one this reminder gives.
    expect(text).toContain('应于2022年10月5日前报送');
    expect(text).toContain('请上述单位于2022年10月12日前在科创台账中填报');
    expect(text).toContain('截至2022年10月3日');
    expect(text).toContain('王芳 0791-88888888');
    expect(text.trimEnd().split('\n').slice(-2)).toEqual(['青云谱区科工局', '2022年10月3日']);
  });

  it('a late reminder: the original deadline stays, the new one is today + 3 working days and never before today', () => {
    const today = '2026-11-29'; // a Sunday
    expect(defaultReplyBy(today)).toBe('2026-12-02');
    expect(addWorkingDays('2026-11-27', 3)).toBe('2026-12-02'); // Friday → Wednesday
    expect(addWorkingDays('2026-11-24', 3)).toBe('2026-11-27');
    const text = reminderNotice(list, { ...list.notice, replyBy: defaultReplyBy(today), date: today });
    expect(text).toContain('应于2022年10月5日前报送。截至2026年11月29日');
    expect(text).toContain('请上述单位于2026年12月2日前');
    expect(text).not.toContain('请上述单位于2022年10月5日前');
    // A new deadline before the notice's own date is raised to that date.
    expect(reminderNotice(list, { ...list.notice, replyBy: '2026-11-01', date: today })).toContain('请上述单位于2026年11月29日前');
  });

  it('names a task by its number and its first words', () => {
    expect(taskLabel({ taskSeq: 11, content: '加强关键核心技术攻关' })).toBe('任务11（加强关键核心技术攻关）');
    expect(taskLabel({ taskSeq: 3, content: '年营收3亿元以上工业企业研发机构全覆盖' })).toBe('任务3（年营收3亿元以上工业…）');
    expect(taskLabel({ taskSeq: 5, content: '' })).toBe('任务5');
  });

  it('says there is nothing to chase when everyone has reported', () => {
    expect(reminderNotice({ ...list, rows: [list.rows[2]] }, { ...list.notice, replyBy: '2022-10-06', date: '2022-10-03' })).toContain('均已报齐，无需催报');
  });
});

describe('the dashboard pages wrap text with 禁则', () => {
  it('never starts a line with closing punctuation nor ends one with opening punctuation, and loses no character', async () => {
    const { wrap } = await import('../../electron/core/dashboard/svgPage');
    const label = '万人有效发明专利拥有量（件）';
    for (let width = 40; width <= 200; width += 3) {
      const lines = wrap(label, width, 10.5);
      expect(lines.join('')).toBe(label);
      for (const l of lines.slice(1)) expect('。，、；：！？）》”'.includes(l[0])).toBe(false);
      for (const l of lines.slice(0, -1)) expect('（《“'.includes(l[l.length - 1])).toBe(false);
    }
  });
});
