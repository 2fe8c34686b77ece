/**
 * A database without any plan: an imported task table or goal list can
 * start one. The plan's title comes from the sheet's title row ("2022年工作
 * 要点任务分解表" → 2022年工作要点) or the file name, its year from the title
 * (or the rows above the header), its unit from the unit tree or the title
 * ("青云谱区2022年…" → 青云谱区). The user confirms or corrects all three.
 * A Word notice's head gives the title and year, and the 文号, issuer and date.
 */
import type { Plan } from '../model/plan';
import type { Unit } from '../model/units';
import { categoryTitle } from './cells';
import type { NewPlanProposal, NewPlanRequest, NoticeHead, SheetGrid } from './types';

/** Ids of the plan and district unit to be created, for the analysis (the write replaces them with real ids). */
export const NEW_PLAN_ID = -1;
export const NEW_PLAN_UNIT_ID = -1_000_000;

const ANNEX = /^\s*附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?\s*$/;
const PLAN_WORDS = /工作要点|实施方案|行动方案|行动计划|工作计划|任务分解|工作目标|重点任务|方案|计划|目标/;
const YEAR = /((?:19|20)\d{2})\s*年/;

/** A title row: one filled cell above the table that is not "附件1" nor a category row. */
function titleRows(sheets: SheetGrid[]): string[] {
  const out: string[] = [];
  for (const s of sheets) {
    for (const row of s.rows.slice(0, 6)) {
      const filled = row.map((t) => t.trim()).filter(Boolean);
      if (filled.length !== 1) continue;
      const t = filled[0].replace(/\s+/g, '');
      if (t.length < 4 || ANNEX.test(t) || categoryTitle(t) !== null) continue;
      out.push(t);
    }
  }
  return out;
}

/** "2022年工作要点任务分解表" → "2022年工作要点": the table's own words are not the plan's name. */
function planTitleOf(text: string): string {
  return text.replace(/(?:的)?(?:重点)?(?:任务分解表|任务分解|分解表|任务清单|一览表)$/, '') || text;
}

export function proposeNewPlan(sheets: SheetGrid[], fileName: string, units: Unit[], notice?: NoticeHead): NewPlanProposal {
  const titles = notice?.title ? [notice.title] : titleRows(sheets);
  const base = fileName.replace(/\.[^.]+$/, '').trim();
  const fromFile = base && !/^粘贴/.test(base) ? base : '';
  const title = planTitleOf(titles.find((t) => PLAN_WORDS.test(t)) ?? titles[0] ?? fromFile) || '导入的工作要点';
  const yearText = [title, fromFile, ...titles].map((t) => YEAR.exec(t)?.[1]).find(Boolean);
  const year = notice?.year?.from ?? (yearText ? Number(yearText) : null);
  // A notice says who issued it, its number and date: the plan keeps them.
  const fromNotice = notice ? { docNumber: notice.docNumber, issuer: notice.issuer, issuedOn: notice.issuedOn } : {};
  // The unit: a unit of the tree the title names, or the only top unit; else a 区/县/市 the title starts with.
  const tops = units.filter((u) => u.parentId === null && u.kind !== 'department');
  const named = [...units]
    .filter((u) => u.kind !== 'department' && title.includes(u.name))
    .sort((a, b) => b.name.length - a.name.length)[0];
  const unit = named ?? (tops.length === 1 ? tops[0] : undefined);
  const unnamed = title.replace(/^(?:19|20)\d{2}\s*年度?/, '');
  const fromTitle =
    /^([\u4e00-\u9fff]{2,12}?(?:自治县|新区|区|县|市|旗))(?=(?:19|20)\d{2}|人民政府|科技|关于|[\u4e00-\u9fff]*(?:工作要点|方案|计划|目标))/.exec(unnamed)?.[1] ?? null;
  // Else the issuer's area: "青云谱区人民政府办公室" → 青云谱区.
  const fromIssuer = notice?.issuer ? (/^([\u4e00-\u9fff]{2,12}?(?:自治县|新区|区|县|市|旗))(?=人民政府|政府|科|委|办|党)/.exec(notice.issuer)?.[1] ?? null) : null;
  return { title, year, unitId: unit?.id ?? null, unitName: unit?.name ?? fromTitle ?? fromIssuer, ...fromNotice };
}

/** The user's corrections over the proposal; what is still missing is said in Chinese (null when complete). */
export function settleNewPlan(
  proposal: NewPlanProposal,
  request: NewPlanRequest,
  units: Unit[],
): { plan: Plan; unit: Unit | null; unitName: string; missing: string | null } {
  const title = (request.title ?? proposal.title).trim();
  const year = request.year ?? proposal.year;
  const unitName = (request.unitName ?? proposal.unitName ?? '').replace(/\s+/g, '');
  // A name the tree already has is that unit, not a second one.
  const unitId =
    request.unitName === undefined
      ? proposal.unitId
      : (units.find((u) => u.kind !== 'department' && u.name.replace(/\s+/g, '') === unitName)?.id ?? null);
  const missing = !title
    ? '请填写新工作要点的标题。'
    : year === null
      ? '看不出新工作要点是哪一年的：请填写年份。'
      : !unitId && !unitName
        ? '看不出新工作要点属于哪个区县：请填写单位名称（如“青云谱区”）。'
        : null;
  const planUnitId = unitId ?? NEW_PLAN_UNIT_ID;
  const plan: Plan = {
    id: NEW_PLAN_ID,
    unitId: planUnitId,
    title,
    yearStart: year ?? 0,
    yearEnd: year ?? 0,
    docNumber: null,
    issuedOn: null,
    issuer: null,
    source: null,
  };
  const unit: Unit | null = unitId ? null : { id: NEW_PLAN_UNIT_ID, name: unitName, kind: 'district', parentId: null, sortOrder: 0 };
  return { plan, unit, unitName, missing };
}
