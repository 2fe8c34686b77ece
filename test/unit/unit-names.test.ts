/** A unit's name in tasks' texts after a rename or merge, and the 落款 from a kept full name. */
import { describe, expect, it } from 'vitest';
import type { Unit } from '../../shared/model/units';
import { officialIssuer } from '../../shared/summary/issuer';
import { replacePhraseInList, replaceUnitInList } from '../../shared/units/listText';

describe('a renamed or merged unit in a 牵头单位 / 责任单位 text', () => {
  it('replaces the whole item only, keeping the separators as written', () => {
    expect(replaceUnitInList('区科工局、区发改委，各街道、镇、集聚区', '区科工局', '区科技局')).toBe('区科技局、区发改委，各街道、镇、集聚区');
    expect(replaceUnitInList('区科工局', '区科工局', '区科技局')).toBe('区科技局');
    // "区科工局办" is another name; spaces and full-width letters are forgiven.
    expect(replaceUnitInList('区科工局办、区发改委', '区科工局', '区科技局')).toBe('区科工局办、区发改委');
    expect(replaceUnitInList('区 科工局；区发改委', '区科工局', '区科技局')).toBe('区科技局；区发改委');
    expect(replaceUnitInList('区发改委', '区科工局', '区科技局')).toBe('区发改委');
  });

  it('writes the kept unit once after a merge', () => {
    expect(replaceUnitInList('岱山街道、青云谱镇、京山街道', '岱山街道', '青云谱镇')).toBe('青云谱镇、京山街道');
    expect(replaceUnitInList('青云谱镇，岱山街道', '岱山街道', '青云谱镇')).toBe('青云谱镇');
  });

  it('rewords a group phrase written whole', () => {
    expect(replacePhraseInList('区科工局，各街道、镇、集聚区', '各街道、镇、集聚区', '各街道（镇、集聚区）')).toBe('区科工局，各街道（镇、集聚区）');
    expect(replacePhraseInList('各街道、镇', '各街道、镇、集聚区', 'x')).toBe('各街道、镇');
  });
});

describe('the 落款 from a full name kept in 设置 → 单位与部门', () => {
  const district: Unit = { id: 1, name: '青云谱区', kind: 'district', parentId: null, sortOrder: 0 };
  const bureau: Unit = { id: 3, name: '区科工局', kind: 'department', parentId: 1, sortOrder: 100 };
  it('prefers the kept full name of the unit (or of the district’s science bureau)', () => {
    expect(officialIssuer({ id: 5, name: '洪都街道', kind: 'street', parentId: 1, sortOrder: 1, fullName: '南昌市青云谱区洪都街道办事处' }, [])).toBe('南昌市青云谱区洪都街道办事处');
    expect(officialIssuer(district, [{ ...bureau, fullName: '南昌市青云谱区科学技术和工业信息化局' }])).toBe('南昌市青云谱区科学技术和工业信息化局');
    expect(officialIssuer(district, [bureau])).toBe('青云谱区科学技术和工业信息化局');
    // A deactivated bureau no longer signs.
    expect(officialIssuer({ ...district, fullName: '南昌市青云谱区人民政府' }, [{ ...bureau, active: false }])).toBe('南昌市青云谱区人民政府');
  });
});
