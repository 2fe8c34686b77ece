/**
 * Writes a plan file (seeds/ format) into the database, in one transaction:
 * units (found or created), group phrases, the plan, its goals with parsed
 * wording and district targets, the 附件2 breakdown, action lines and tasks
 * with resolved units. Any problem throws and nothing is written.
 *
 * Written once over the query layer (store/query.ts) as `loadPlanSeedOp`:
 * run as ONE write transaction — writeTxOp on a SQLite file, writeTxPgOp on
 * a PostgreSQL store. Every new row's id comes back by RETURNING id.
 */
import type { Unit, UnitKind } from '../../../shared/model/units';
import { resolveUnitList } from '../../../shared/units/resolve';
import { normaliseUnitName } from '../../../shared/units/normalise';
import { parseTargetWording, targetBounds } from '../../../shared/wording';
import { ApiError } from '../../../shared/api/errors';
import type { Db } from '../db/open';
import { insertGroupOp, insertUnitOp, listGroupsOp, listUnitsOp } from '../db/repos/units';
import { insertPlanOp, markSampleTargetsOp } from '../db/repos/plans';
import { insertIndicatorOp, setDecomposedOp, setIssuedHeaderOp, upsertTargetOp } from '../db/repos/indicators';
import { insertActionLineOp, insertTaskOp } from '../db/repos/tasks';
import type { Op } from '../store/query';
import { planSeedSchema, type PlanSeed } from './schema';
import { writeTxOp } from '../db/tx';

export interface LoadedPlan {
  planId: number;
  unitId: number;
}

export function loadPlanSeed(db: Db, raw: unknown, sourceName: string): LoadedPlan {
  return writeTxOp(db, loadPlanSeedOp(raw, sourceName));
}

/** The plan file checked, then written (run it as one write transaction: writeTxOp / writeTxPgOp). */
export function* loadPlanSeedOp(raw: unknown, sourceName: string): Op<LoadedPlan> {
  const parsed = planSeedSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError('bad_request', `计划文件“${sourceName}”格式不正确：${issue.path.join('.')}：${issue.message}`);
  }
  return yield* writePlanOp(parsed.data, sourceName);
}

function fail(sourceName: string, where: string, what: string): never {
  throw new ApiError('bad_request', `计划文件“${sourceName}”${where}：${what}`);
}

function* writePlanOp(seed: PlanSeed, sourceName: string): Op<LoadedPlan> {
  // Units: reuse what the tree already has (a second year of the same district), create the rest.
  // The tree is read once and looked up by code and by parent + name, in its order (the first match
  // wins, as a scan would): reading and scanning it again for each unit was quadratic — a plan of
  // 2,000 streets took seconds to load.
  const byCode = new Map<string, { id: number; at: number }>();
  const byName = new Map<string, { id: number; at: number }>();
  let at = 0;
  const know = (id: number, name: string, parentId: number | null, code: string | undefined) => {
    const place = { id, at: at++ };
    if (code !== undefined && !byCode.has(code)) byCode.set(code, place);
    const key = `${parentId}|${normaliseUnitName(name)}`;
    if (!byName.has(key)) byName.set(key, place);
  };
  for (const u of yield* listUnitsOp()) know(u.id, u.name, u.parentId, u.code);
  function* findOrCreate(name: string, kind: UnitKind, parentId: number | null, sortOrder: number, code?: string): Op<number> {
    const viaCode = code === undefined ? undefined : byCode.get(code);
    const viaName = byName.get(`${parentId}|${normaliseUnitName(name)}`);
    const existing = viaCode && viaName ? (viaCode.at <= viaName.at ? viaCode : viaName) : (viaCode ?? viaName);
    if (existing) return existing.id;
    const id = yield* insertUnitOp({ name, kind, parentId, sortOrder, code });
    know(id, name, parentId, code);
    return id;
  }
  const rootId = yield* findOrCreate(seed.unit.name, seed.unit.kind, null, 0, seed.unit.code);
  for (const [i, c] of seed.unit.children.entries()) yield* findOrCreate(c.name, c.kind, rootId, i + 1, c.code);
  for (const [i, d] of seed.unit.departments.entries()) yield* findOrCreate(d, 'department', rootId, 100 + i);

  const units = yield* listUnitsOp();
  const under = units.filter((u) => u.parentId === rootId);
  const unitByName = (name: string): Unit | undefined =>
    units.find((u) => normaliseUnitName(u.name) === normaliseUnitName(name));

  const existingPhrases = new Set((yield* listGroupsOp()).filter((g) => g.ownerUnitId === rootId).map((g) => g.phrase));
  for (const g of seed.groups) {
    if (existingPhrases.has(g.phrase)) continue;
    const memberIds =
      'kinds' in g.members
        ? under.filter((u) => (g.members as { kinds: UnitKind[] }).kinds.includes(u.kind)).map((u) => u.id)
        : g.members.names.map((n) => unitByName(n)?.id ?? fail(sourceName, `组合称谓“${g.phrase}”`, `未知单位“${n}”`));
    yield* insertGroupOp({ phrase: g.phrase, aliases: g.aliases, ownerUnitId: rootId, memberIds });
  }
  const groups = (yield* listGroupsOp()).filter((g) => g.ownerUnitId === rootId);

  const planId = yield* insertPlanOp({ ...seed.plan, unitId: rootId, source: seed.source });
  if (seed.sampleTargets) yield* markSampleTargetsOp(planId);

  const indicatorIds = new Map<string, number>();
  for (const [i, goal] of seed.goals.entries()) {
    const wording = parseTargetWording(goal.wording);
    if (!wording) fail(sourceName, `第${i + 1}个工作目标`, `无法识别目标表述“${goal.wording}”`);
    const id = yield* insertIndicatorOp({
      planId,
      name: goal.name,
      measureUnit: goal.measureUnit,
      aggregation: goal.aggregation,
      frequency: goal.frequency,
      decimals: goal.decimals,
      sortOrder: i + 1,
      wording,
      wordingText: goal.wording,
      baseline: goal.baseline,
      decomposed: false,
    });
    indicatorIds.set(goal.name, id);
    if (wording.quantity.kind !== 'growth') {
      const { value, valueMax } = targetBounds(wording);
      yield* upsertTargetOp({ indicatorId: id, unitId: rootId, value, valueMax });
    }
  }

  if (seed.breakdown) {
    const columnIds = seed.breakdown.columns.map(
      (c) =>
        indicatorIds.get(c.indicator) ??
        fail(sourceName, `附件2 列“${c.header}”`, `没有名为“${c.indicator}”的工作目标`),
    );
    for (const [c, id] of columnIds.entries()) {
      yield* setDecomposedOp(id, true);
      // The header as the issued annex printed it, so the exported 附件2 prints it again.
      yield* setIssuedHeaderOp(id, seed.breakdown.columns[c].header);
    }
    for (const [r, [unitName, ...values]] of seed.breakdown.rows.entries()) {
      const unit = unitByName(unitName);
      if (!unit) fail(sourceName, `附件2 第${r + 1}行`, `未知单位“${unitName}”`);
      for (const [c, value] of values.entries()) {
        if (value != null) yield* upsertTargetOp({ indicatorId: columnIds[c], unitId: unit.id, value, valueMax: null });
      }
    }
  }

  let taskSeq = 0;
  for (const [l, line] of seed.actionLines.entries()) {
    const actionLineId = yield* insertActionLineOp({ planId, seq: l + 1, title: line.title });
    for (const task of line.tasks) {
      taskSeq += 1;
      const where = `第${taskSeq}项任务`;
      const overrides = Object.fromEntries(
        Object.entries(task.resolve ?? {}).map(([phrase, names]) => [
          phrase,
          names.map((n) => unitByName(n)?.id ?? fail(sourceName, where, `未知单位“${n}”`)),
        ]),
      );
      const resolveRole = (text: string, label: string) => {
        const r = resolveUnitList(text, units, groups, { overrides });
        if (r.unknown.length > 0) {
          const u = r.unknown[0];
          const hint = u.suggestions.length ? `，是否是“${u.suggestions.join('”或“')}”？` : '';
          fail(sourceName, `${where}${label}`, `未知单位“${u.text}”${hint}`);
        }
        return r.units;
      };
      const lead = resolveRole(task.lead, '牵头单位');
      const responsible = resolveRole(task.responsible, '责任单位');
      yield* insertTaskOp({
        actionLineId,
        seq: taskSeq,
        content: task.content,
        leadText: task.lead,
        responsibleText: task.responsible,
        deadline: task.deadline,
        units: [
          ...lead.map((u) => ({ ...u, role: 'lead' as const })),
          ...responsible.map((u) => ({ ...u, role: 'responsible' as const })),
        ],
      });
    }
  }

  return { planId, unitId: rootId };
}
