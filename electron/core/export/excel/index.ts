/**
 * Excel exports: loads what a sheet needs through the same Ops the screens'
 * handlers run (plans/views.ts taskTableOp, targetBreakdownOp;
 * figures/progressView.ts progressViewOp) — on SQLite or PostgreSQL alike —,
 * builds the sheet model (annex1.ts, annex2.ts, progress.ts) and writes the
 * workbook (writeXlsx.ts) from that plain model.
 */
import { ApiError } from '../../../../shared/api/errors';
import type { ExcelSheet } from '../../../../shared/api/methods/export';
import type { Unit } from '../../../../shared/model/units';
import { listGroupsOp } from '../../db/repos/units';
import type { ApiContext } from '../../handlers/types';
import { buildAnnex1, type BuiltSheet } from './annex1';
import { buildAnnex2 } from './annex2';
import { hasSampleFiguresOp } from '../../figures/sample';
import { buildProgress } from './progress';
import type { ExcelFile } from './sheetModel';
import { safeFileName } from './titles';
import { writeXlsx } from './writeXlsx';
import { planUnitsOp } from '../../plans/scope';
import { reviewMarksInOp } from '../../entry/sheet';
import { readScopeOf, type ReadScope } from '../../access/scope';
import { targetBreakdownOp, taskTableOp } from '../../plans/views';
import { progressViewOp } from '../../figures/progressView';
import { runSync, type Op } from '../../store/query';

export interface ExcelRequest {
  planId: number;
  sheet: ExcelSheet;
  period?: string;
  unitId?: number;
}

const SHEET_PREFIX: Record<ExcelSheet, string> = { annex1: '附件1 ', annex2: '附件2 ', progress: '' };

/** The phrase the plan's documents use for all sub-units together, when the database knows one. */
function* subUnitsPhraseOp(parentId: number, subUnits: Unit[]): Op<string> {
  const ids = new Set(subUnits.map((u) => u.id));
  const group = (yield* listGroupsOp()).find(
    (g) => g.ownerUnitId === parentId && g.memberIds.length === ids.size && g.memberIds.every((id) => ids.has(id)),
  );
  return group?.phrase ?? '各下级单位';
}

/** The sheet a request asks for, as a plain model, and the unit it was narrowed to; `scope`: what the caller may see. */
export function* excelSheetOp(req: ExcelRequest, scope: ReadScope): Op<{ built: BuiltSheet; unit: Unit | undefined }> {
  const { plan, units, subUnits } = yield* planUnitsOp(req.planId);
  let unit: Unit | undefined;
  if (req.unitId != null && req.unitId !== plan.unitId) {
    unit = units.find((u) => u.id === req.unitId);
    if (!unit) throw new ApiError('not_found', `找不到编号为 ${req.unitId} 的单位，请重新选择单位。`);
    const allowed = req.sheet === 'annex1' ? unit.kind === 'department' || subUnits.some((u) => u.id === unit!.id) : subUnits.some((u) => u.id === unit!.id);
    if (!allowed) {
      throw new ApiError(
        'bad_request',
        req.sheet === 'annex1'
          ? `“${unit.name}”不是本计划的下级单位或部门，无法按单位导出附件1。`
          : `“${unit.name}”不是本计划的下级单位（街道、镇、集聚区），无法按单位导出${req.sheet === 'annex2' ? '附件2' : '完成情况统计表'}。`,
      );
    }
  }

  let built: BuiltSheet;
  if (req.sheet === 'annex1') {
    const table = yield* taskTableOp(plan.id);
    built = buildAnnex1({ plan, table, unit });
  } else if (req.sheet === 'annex2') {
    const breakdown = yield* targetBreakdownOp(plan.id, scope);
    if (breakdown.indicators.length === 0) {
      throw new ApiError('not_found', `“${plan.title}”没有分解到下级单位的指标，无法导出附件2。请先在“指标分解”中分解目标。`);
    }
    built = buildAnnex2({ plan, breakdown, unit, subUnitsPhrase: yield* subUnitsPhraseOp(plan.unitId, subUnits) });
  } else {
    if (!req.period) throw new ApiError('bad_request', '导出完成情况统计表需要选择报告期（如 2022-09、2022Q3 或 2022）。');
    const table = yield* progressViewOp(plan.id, req.period, undefined, scope);
    if (table.indicators.length === 0) throw new ApiError('not_found', `“${plan.title}”没有指标，无法导出完成情况统计表。`);
    const periods = [...new Set(table.indicators.map((i) => table.parent.cells[i.id]?.figurePeriod).filter((p): p is string => Boolean(p)))];
    built = buildProgress({ table, unitId: unit?.id, reviews: yield* reviewMarksInOp(plan.id, periods), sample: yield* hasSampleFiguresOp(plan.id) });
  }
  return { built, unit };
}

/** The workbook of a sheet read by excelSheetOp: the same bytes whichever engine it was read from. */
export async function writeExcelFile(req: ExcelRequest, { built, unit }: { built: BuiltSheet; unit: Unit | undefined }): Promise<ExcelFile> {
  const bytes = await writeXlsx([built.model], { title: built.title });
  const unitSuffix = unit && req.sheet !== 'progress' ? `（${unit.name}）` : '';
  return { fileName: safeFileName(`${SHEET_PREFIX[req.sheet]}${built.title}${unitSuffix}`), title: built.title, bytes };
}

/** On SQLite, as the caller may see it (access/scope.ts). */
export async function buildExcelFile(ctx: ApiContext, req: ExcelRequest): Promise<ExcelFile> {
  return writeExcelFile(req, runSync(ctx.db, excelSheetOp(req, readScopeOf(ctx.db, ctx.caller))));
}
