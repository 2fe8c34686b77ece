/** A unit's name in tasks' texts after a rename or merge, the 落款 from a kept full name, and a target as typed into 指标分解. */
import { describe, expect, it } from 'vitest';
import type { Unit } from '../../shared/model/units';
import { officialIssuer } from '../../shared/summary/issuer';
import { joinUnitList, replacePhraseInList, replaceUnitInList } from '../../shared/units/listText';
import { readTargetText, targetText } from '../../shared/plan/targetText';

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

  it('writes a chosen list as the documents do: 、 between names, ， around a group phrase', () => {
    expect(joinUnitList(['区科工局', '区发改委', '各街道、镇、集聚区'], new Set(['各街道、镇、集聚区']))).toBe('区科工局、区发改委，各街道、镇、集聚区');
    expect(joinUnitList(['各街道、镇、集聚区', '区科协'], new Set(['各街道、镇、集聚区']))).toBe('各街道、镇、集聚区，区科协');
    expect(joinUnitList([], new Set())).toBe('');
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


describe('a target typed into 指标分解', () => {
  const count = { measureUnit: '家', decimals: 0, wording: null };
  const amount = { measureUnit: '亿元', decimals: 2, wording: null };
  it('reads numbers as typed (full width, with the measure unit), ranges, and nothing as a removal', () => {
    expect(readTargetText('21', count)).toEqual({ kind: 'value', value: 21, valueMax: null });
    expect(readTargetText('２１家', count)).toEqual({ kind: 'value', value: 21, valueMax: null });
    expect(readTargetText(' 0.05 ', amount)).toEqual({ kind: 'value', value: 0.05, valueMax: null });
    expect(readTargetText('1-3', count)).toEqual({ kind: 'value', value: 1, valueMax: 3 });
    expect(readTargetText('1～3家', count)).toEqual({ kind: 'value', value: 1, valueMax: 3 });
    expect(readTargetText('', count)).toEqual({ kind: 'clear' });
  });
  it('refuses what the core refuses, in Chinese', () => {
    expect(readTargetText('-1', count)).toEqual({ kind: 'error', message: '目标值不能为负数（-1家）' });
    expect(readTargetText('1.5', count)).toEqual({ kind: 'error', message: '家只能填整数' });
    expect(readTargetText('3-1', count)).toEqual({ kind: 'error', message: '范围的上限小于下限' });
    expect(readTargetText('约3', count).kind).toBe('error');
  });
  it('shows a range as typed', () => {
    expect(targetText(1, 3, 0)).toBe('1-3');
    expect(targetText(0.05, null, 2)).toBe('0.05');
    expect(targetText(null, null, 0)).toBe('');
  });
});
