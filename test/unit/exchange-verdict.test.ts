/** The summary line of a reviewed return reflects its worst problem (issue 16). */
import { describe, expect, it } from 'vitest';
import { reviewVerdict } from '../../shared/exchange/verdict';
import type { FigureChange } from '../../shared/exchange/review';

const error = { level: 'error' as const, where: '工作表“填报表” 第8行 F列', message: '技术合同成交额：“abc”不是数字。该值不会导入。' };
const warning = { level: 'warning' as const, where: '', message: '填报人未填写。' };
const change = (over: Partial<FigureChange> = {}) => ({ key: 'k', blocked: null, ...over }) as FigureChange;
const base = { refusal: null, figures: [] as FigureChange[], progress: [], unchanged: 0, problems: [] as (typeof error | typeof warning)[] };

describe('reviewVerdict', () => {
  it('a file whose values were all refused is red, never “没有新的数据” in green', () => {
    expect(reviewVerdict({ ...base, problems: [error], unchanged: 2 })).toEqual({
      level: 'error',
      title: '没有可导入的数据：1 个值有问题，不会导入（见下方），2 项与台账中一致',
    });
    expect(reviewVerdict({ ...base, figures: [change({ blocked: '缺少说明' })] }).level).toBe('error');
  });
  it('some values taken, some refused: red, with both counts', () => {
    expect(reviewVerdict({ ...base, figures: [change(), change({ key: 'b' })], problems: [error] })).toEqual({
      level: 'error',
      title: '2 项可导入；1 个值有问题，不会导入（见下方）',
    });
  });
  it('only warnings: amber; nothing at all: green; a refusal: red', () => {
    expect(reviewVerdict({ ...base, problems: [warning], unchanged: 3 }).level).toBe('warning');
    expect(reviewVerdict({ ...base, unchanged: 3 })).toEqual({ level: 'success', title: '没有新的数据（3 项与台账中一致）' });
    expect(reviewVerdict({ ...base, refusal: '属于另一个工作要点' }).level).toBe('error');
    expect(reviewVerdict({ ...base, figures: [change()] })).toEqual({ level: 'info', title: '1 项可导入' });
  });
});
