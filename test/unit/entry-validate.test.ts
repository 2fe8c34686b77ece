/** The entry rules as the grid and the core apply them: numbers, decimals per measure unit, cumulative drops, far above target. */
import { describe, expect, it } from 'vitest';
import { checkEntryText, checkEntryValue, FAR_ABOVE_FACTOR, isCumulative } from '../../shared/entry/validate';
import type { EntryContext } from '../../shared/entry/validate';
import { neighboursAfterPaste, pastedValues } from '../../shared/entry/cumulative';

const companies: EntryContext['indicator'] = { name: '科技型中小企业', measureUnit: '家', decimals: 0, frequency: 'quarterly', aggregation: 'sum' };
const contracts: EntryContext['indicator'] = { name: '技术合同成交额', measureUnit: '亿元', decimals: 4, frequency: 'monthly', aggregation: 'sum' };
const rd: EntryContext['indicator'] = { name: '全社会R&D经费投入占GDP比重', measureUnit: '%', decimals: 2, frequency: 'monthly', aggregation: 'none' };

const error = (r: ReturnType<typeof checkEntryText>) => (r.kind === 'error' ? r.message : null);

describe('checkEntryText', () => {
  it('accepts numbers as people type them, full-width and with separators', () => {
    expect(checkEntryText(' 12 ', { indicator: companies })).toEqual({ kind: 'ok', value: 12, needsNote: null, needsConfirm: null });
    expect(checkEntryText('１２', { indicator: companies })).toMatchObject({ kind: 'ok', value: 12 });
    expect(checkEntryText('1,234', { indicator: companies })).toMatchObject({ kind: 'ok', value: 1234 });
    expect(checkEntryText('0.3500', { indicator: contracts })).toMatchObject({ kind: 'ok', value: 0.35 });
    expect(checkEntryText('12.0', { indicator: companies })).toMatchObject({ kind: 'ok', value: 12 });
  });

  it('an empty cell clears the value', () => {
    expect(checkEntryText('  ', { indicator: companies })).toMatchObject({ kind: 'ok', value: null });
  });

  it('says in Chinese when the text is not a number', () => {
    expect(error(checkEntryText('十二', { indicator: companies }))).toBe('“十二”不是数字，请输入数字，如 12 或 0.35。');
    expect(error(checkEntryText('3亿', { indicator: contracts }))).toContain('不是数字');
  });

  it('refuses negatives', () => {
    expect(error(checkEntryText('-1', { indicator: companies }))).toBe('完成数不能为负数（科技型中小企业）。');
  });

  it('家 takes whole numbers, 亿元 up to 4 decimals, from indicator.decimals', () => {
    expect(error(checkEntryText('12.5', { indicator: companies }))).toBe('科技型中小企业以“家”计，只能填整数，如 12。');
    expect(checkEntryText('0.0535', { indicator: contracts })).toMatchObject({ kind: 'ok', value: 0.0535 });
    expect(error(checkEntryText('0.05351', { indicator: contracts }))).toBe('技术合同成交额以“亿元”计，只能填最多4位小数，如 1.2346。');
  });

  it('a cumulative value below the previous period needs a note (monthly and quarterly are cumulative); ratios do not', () => {
    const r = checkEntryText('2.1', { indicator: contracts, previous: 2.4, previousLabel: '2022年1-8月' });
    expect(r).toMatchObject({ kind: 'ok', value: 2.1 });
    if (r.kind === 'ok') expect(r.needsNote).toBe('本期累计数小于上期（2022年1-8月）的累计数 2.4，请填写说明（如数据核减的原因）。');
    expect(checkEntryText('2.4', { indicator: contracts, previous: 2.4 })).toMatchObject({ needsNote: null });
    expect(checkEntryText('0.4', { indicator: rd, previous: 0.5 })).toMatchObject({ needsNote: null });
    expect(isCumulative(contracts)).toBe(true);
    expect(isCumulative(rd)).toBe(false);
    // Quarterly figures are year-to-date too (一季度, 上半年, 前三季度, 全年).
    expect(isCumulative(companies)).toBe(true);
    expect(isCumulative({ ...companies, frequency: 'quarterly' })).toBe(true);
    expect(isCumulative({ ...companies, frequency: 'yearly' })).toBe(false);
  });

  it('a value that would make the NEXT period’s cumulative figure drop needs a note too, naming that period', () => {
    const r = checkEntryText('0.06', { indicator: contracts, next: 0.03, nextLabel: '2022年1-9月' });
    expect(r.kind === 'ok' && r.needsNote).toBe(
      '本期累计数大于下期（2022年1-9月）已填的累计数 0.03，下期（2022年1-9月）的累计数将因此下降，请填写说明（如数据核减的原因），或先修改下期的数。',
    );
    expect(checkEntryText('0.03', { indicator: contracts, next: 0.03 })).toMatchObject({ needsNote: null });
    expect(checkEntryText('0.06', { indicator: rd, next: 0.03 })).toMatchObject({ needsNote: null });
    // Both ways at once: one note, both periods named.
    const both = checkEntryText('1', { indicator: contracts, previous: 2, previousLabel: '2022年1-7月', next: 0.5, nextLabel: '2022年1-9月' });
    expect(both.kind === 'ok' && both.needsNote).toMatch(/小于上期（2022年1-7月）.*大于下期（2022年1-9月）/);
  });

  it('a pasted block is checked against its own neighbouring values, not the stored ones', () => {
    const batch = pastedValues([
      { indicatorId: 1, unitId: 2, period: '2022-08', text: '０．０６' },
      { indicatorId: 1, unitId: 2, period: '2022-09', text: '0.07' },
    ]);
    // 1-8月 pasted with 1-9月 in the same block: 1-9月's own backward check judges the pair (one note, on the later period).
    expect(neighboursAfterPaste(batch, 1, 2, '2022-08', { previous: 0.01, next: 0.03 })).toEqual({ previous: 0.01, next: null });
    expect(neighboursAfterPaste(batch, 1, 2, '2022-09', { previous: 0.02, next: null })).toEqual({ previous: 0.06, next: null });
    // Another unit or indicator keeps its stored neighbours.
    expect(neighboursAfterPaste(batch, 1, 3, '2022-08', { previous: 0.01, next: 0.03 })).toEqual({ previous: 0.01, next: 0.03 });
    // Yearly figures and December have no next period; January none before.
    expect(neighboursAfterPaste(batch, 1, 2, '2022-12', { previous: 1, next: 9 }).next).toBeNull();
    expect(neighboursAfterPaste(batch, 1, 2, '2022-01', { previous: 1, next: 9 }).previous).toBeNull();
  });

  it(`a value more than ${FAR_ABOVE_FACTOR}× the target asks to confirm; a range is judged by its upper bound`, () => {
    const far = checkEntryText('31', { indicator: companies, target: 10 });
    expect(far.kind === 'ok' && far.needsConfirm).toContain('数值远高于目标（目标 10家，填报 31家');
    expect(checkEntryText('30', { indicator: companies, target: 10 })).toMatchObject({ needsConfirm: null });
    expect(checkEntryText('8', { indicator: companies, target: 1, targetMax: 3 })).toMatchObject({ needsConfirm: null });
    expect(checkEntryText('10', { indicator: companies, target: 1, targetMax: 3 }).kind === 'ok').toBe(true);
    const range = checkEntryText('10', { indicator: companies, target: 1, targetMax: 3 });
    expect(range.kind === 'ok' && range.needsConfirm).toContain('目标 3家');
    expect(checkEntryText('100', { indicator: companies, target: 0 })).toMatchObject({ needsConfirm: null });
  });
});

describe('checkEntryValue (numbers from the API)', () => {
  it('judges decimals by rounding when no text is known', () => {
    expect(checkEntryValue(0.1 + 0.2, { indicator: contracts })).toMatchObject({ kind: 'ok', value: 0.3 });
    expect(checkEntryValue(1e-7, { indicator: contracts }).kind).toBe('error');
    expect(checkEntryValue(12.5, { indicator: companies }).kind).toBe('error');
    expect(checkEntryValue(Number.POSITIVE_INFINITY, { indicator: companies }).kind).toBe('error');
  });
});
