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
  it('guards the progress date of the API', () => {
    const schema = apiContract['progress.save'].request;
    const base = { planId: 1, period: '2022-09', entries: [{ taskId: 1, unitId: 2, status: 'done', text: '', reportedOn: '2022-02-31' }] };
    const r = schema.safeParse(base);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0].message).toContain('这一天不存在');
  });
});
