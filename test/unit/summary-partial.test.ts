/**
 * A district total summed while streets are still reporting is written as a
 * running figure with how many have reported, never as a completion verdict.
 */
import { describe, expect, it } from 'vitest';
import { buildProgressTable } from '../../shared/figures/progressTable';
import type { Indicator } from '../../shared/model/indicator';
import type { Unit } from '../../shared/model/units';
import { indicatorSection } from '../../shared/summary/sentences';
import { parseTargetWording } from '../../shared/wording';

const district: Unit = { id: 1, name: '青云谱区', kind: 'district', parentId: null, sortOrder: 0 };
const streets: Unit[] = [2, 3, 4].map((id) => ({ id, name: `街道${id}`, kind: 'street', parentId: 1, sortOrder: id }));
const contracts: Indicator = {
  id: 10,
  planId: 1,
  name: '技术合同成交额',
  measureUnit: '亿元',
  aggregation: 'sum',
  frequency: 'yearly',
  decimals: 4,
  sortOrder: 1,
  wording: parseTargetWording('技术合同成交额突破7亿元'),
  wordingText: '技术合同成交额突破7亿元',
  baseline: null,
  decomposed: true,
};
const targets = [
  { indicatorId: 10, unitId: 1, value: 7, valueMax: null },
  ...streets.map((u) => ({ indicatorId: 10, unitId: u.id, value: 7 / 3, valueMax: null })),
];
const figure = (unitId: number, value: number) => ({
  indicatorId: 10,
  unitId,
  period: '2022',
  value,
  note: null,
  enteredBy: '测试',
  enteredAt: '2023-01-05T00:00:00Z',
});

function districtSentence(figures: ReturnType<typeof figure>[]) {
  const table = buildProgressTable({ period: '2022', parent: district, subUnits: streets, indicators: [contracts], targets, figures });
  return indicatorSection(table, district.id).sentences[0];
}

describe('partial district totals in the summary', () => {
  it('says how many have reported and does not judge the running total', () => {
    const s = districtSentence([figure(2, 3.2)]);
    expect(s.outcome).toBe('unknown');
    expect(s.text).toBe('1.技术合同成交额。2022年，3个下级单位中已有1个报送，合计3.2亿元（年度目标7亿元），待全部报齐后再作评价。');
  });

  it('judges the total once every sub-unit has reported', () => {
    const s = districtSentence([figure(2, 3.2), figure(3, 2.5), figure(4, 1.6)]);
    expect(s.outcome).toBe('exceeded');
    expect(s.text).toContain('全区技术合同成交额达到7.3亿元');
  });
});
