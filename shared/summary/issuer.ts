/**
 * The issuing organ's official full name for the 落款 (GB/T 9704: 发文机关署名
 * 应使用机关全称或规范化简称): a district's summary is signed by its science
 * bureau in full ("青云谱区科学技术和工业信息化局", not the 区科工局 of the
 * task tables), a street's by its 办事处, a town's by its 人民政府, a zone's
 * by its 管理委员会. The user can change it before export.
 */
import type { Unit } from '../model/units';

/** Informal department names → the organ's full name. */
const DEPARTMENT_FULL_NAMES: [RegExp, string][] = [
  [/科工局$/, '科学技术和工业信息化局'],
  [/科技和工信局$/, '科学技术和工业信息化局'],
  [/科技局$/, '科学技术局'],
  [/工信局$/, '工业和信息化局'],
  [/发改委$/, '发展和改革委员会'],
  [/市场监管局$/, '市场监督管理局'],
  [/人社局$/, '人力资源和社会保障局'],
  [/住建局$/, '住房和城乡建设局'],
  [/科协$/, '科学技术协会'],
];

const SCIENCE_BUREAU = /科工局|科技局|科技和工信局|科学技术/;

/** "区科工局" → "科学技术和工业信息化局" (the level prefix 区/县/市 dropped: the unit's name stands before it). */
export function departmentFullName(name: string): string {
  const bare = name.replace(/^[区县市]/, '');
  for (const [pattern, full] of DEPARTMENT_FULL_NAMES) if (pattern.test(bare)) return bare.replace(pattern, full);
  return bare;
}

/**
 * The organ that signs a unit's summary, in full: the full name kept for it in 设置 → 单位与部门
 * when there is one (a district signs with its science bureau's), else derived from the short name.
 */
export function officialIssuer(unit: Unit, departments: readonly Unit[]): string {
  const kept = (u: Unit) => u.fullName?.trim() || null;
  if (unit.kind !== 'district' && unit.kind !== 'city' && kept(unit)) return kept(unit)!;
  if (/(办事处|人民政府|管委会|管理委员会|局|委员会)$/.test(unit.name)) return unit.name;
  switch (unit.kind) {
    case 'street':
      return `${unit.name}办事处`;
    case 'town':
      return `${unit.name}人民政府`;
    case 'zone':
      return `${unit.name}管理委员会`;
    case 'department':
      return unit.name;
    default: {
      const bureau = departments.find((d) => d.kind === 'department' && d.parentId === unit.id && SCIENCE_BUREAU.test(d.name) && d.active !== false);
      if (bureau) return kept(bureau) ?? `${unit.name}${departmentFullName(bureau.name)}`;
      return kept(unit) ?? `${unit.name}人民政府`;
    }
  }
}
