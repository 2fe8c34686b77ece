import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../shared/dates';
import { apiContract } from '../../shared/api/contract';

describe('isIsoDate', () => {
  it('accepts real days, leap days included', () => {
    expect(isIsoDate('2022-09-30')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
  });
  it('refuses days that do not exist and other shapes', () => {
    for (const bad of ['2023-02-29', '2022-02-31', '2022-13-01', '2022-00-10', '2022-9-30', '2022/09/30', '']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });
  it('guards the date printed under a summary', () => {
    // (任务进展 dates are checked in the core, with the task and unit named: electron/core/entry/progress.ts.)
    const schema = apiContract['summary.save'].request;
    const sections = { highlights: [], problems: [], nextYear: [] };
    const r = schema.safeParse({ planId: 1, year: 2022, datedOn: '2023-02-29', sections });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0].message).toContain('这一天不存在');
  });
});
