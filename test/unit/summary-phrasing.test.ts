/** Short labels broken only between words; the 成文日期 a summary gets by default; the issuer's full name. */
import { describe, expect, it } from 'vitest';
import { labelWords, wrapLabel } from '../../shared/summary/phrasing';
import { defaultDatedOn, lastWorkingDay } from '../../shared/summary/dates';
import { departmentFullName, officialIssuer } from '../../shared/summary/issuer';
import type { Unit } from '../../shared/model/units';

describe('labels break between words, never inside one', () => {
  it('joined, the words are the label exactly', () => {
    for (const label of ['科技型中小企业', '新增市级以上研发平台和创新载体', '全社会R&D经费投入占GDP比重', '新经济产业集聚区', '提高0.07个百分点', '2022年高新技术企业数量（家）']) {
      expect(labelWords(label).join('')).toBe(label);
    }
  });

  it('the words of issue 17’s labels stay whole', () => {
    expect(labelWords('科技型中小企业')).toEqual(['科技型', '中小企业']);
    expect(labelWords('新经济产业集聚区')).toEqual(['新经济', '产业', '集聚区']);
    expect(labelWords('提高0.07个百分点')).toEqual(['提高', '0.07个百分点']);
    expect(labelWords('增长13.3%')).toEqual(['增长', '13.3%']);
  });

  it('chart labels wrap at words ("新经济产业 / 集聚区", never "新经济产业集 / 聚区")', () => {
    expect(wrapLabel('新经济产业集聚区', 6)).toEqual(['新经济产业', '集聚区']);
    expect(wrapLabel('科技型中小企业', 6)).toEqual(['科技型', '中小企业']);
    expect(wrapLabel('全社会R&D经费投入占GDP比重', 6)).toEqual(['全社会R&D', '经费投入', '占GDP比重']);
    expect(wrapLabel('三家店街道', 6)).toEqual(['三家店街道']);
  });
});

describe('the 成文日期 by default', () => {
  it('today while the period runs or soon after; a period long past, its last working day', () => {
    expect(defaultDatedOn('2022', '2023-01-10')).toBe('2023-01-10');
    expect(defaultDatedOn('2022', '2022-12-20')).toBe('2022-12-20');
    expect(defaultDatedOn('2022', '2026-11-29')).toBe('2022-12-30'); // 31 December 2022 was a Saturday
    expect(defaultDatedOn('2022Q2', '2022-07-08')).toBe('2022-07-08');
    expect(defaultDatedOn('2022Q2', '2023-03-01')).toBe('2022-06-30');
    expect(lastWorkingDay('2023-12-31')).toBe('2023-12-29');
  });
});

describe('the issuer in full', () => {
  const district: Unit = { id: 1, name: '青云谱区', kind: 'district', parentId: null, sortOrder: 0 };
  const dept = (id: number, name: string): Unit => ({ id, name, kind: 'department', parentId: 1, sortOrder: id });
  it('a district signs as its science bureau in full; streets, towns and zones as their organs', () => {
    expect(officialIssuer(district, [dept(2, '区发改委'), dept(3, '区科工局')])).toBe('青云谱区科学技术和工业信息化局');
    expect(officialIssuer(district, [dept(3, '区科技局')])).toBe('青云谱区科学技术局');
    expect(officialIssuer(district, [])).toBe('青云谱区人民政府');
    expect(officialIssuer({ ...district, id: 5, name: '洪都街道', kind: 'street' }, [])).toBe('洪都街道办事处');
    expect(officialIssuer({ ...district, id: 6, name: '青云谱镇', kind: 'town' }, [])).toBe('青云谱镇人民政府');
    expect(officialIssuer({ ...district, id: 7, name: '新经济产业集聚区', kind: 'zone' }, [])).toBe('新经济产业集聚区管理委员会');
    expect(departmentFullName('区市场监管局')).toBe('市场监督管理局');
  });
});
