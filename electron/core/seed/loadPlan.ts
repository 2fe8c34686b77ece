/**
 * Writes a plan file (seeds/ format) into the database, in one transaction:
 * units (found or created), group phrases, the plan, its goals with parsed
 * wording and district targets, the 附件2 breakdown, action lines and tasks
 * with resolved units. Any problem throws and nothing is written.
 */
import type { Unit, UnitKind } from '../../../shared/model/units';
import { resolveUnitList } from '../../../shared/units/resolve';
import { normaliseUnitName } from '../../../shared/units/normalise';
import { parseTargetWording, targetBounds } from '../../../shared/wording';
import { ApiError } from '../../../shared/api/errors';
import type { Db } from '../db/open';
import { insertGroup, insertUnit, listGroups, listUnits } from '../db/repos/units';
import { insertPlan } from '../db/repos/plans';
import { insertIndicator, setDecomposed, setIssuedHeader, upsertTarget } from '../db/repos/indicators';
import { insertActionLine, insertTask } from '../db/repos/tasks';
import { planSeedSchema, type PlanSeed } from './schema';
import { writeTx } from '../db/tx';

export interface LoadedPlan {
  planId: number;
  unitId: number;
}

export function loadPlanSeed(db: Db, raw: unknown, sourceName: string): LoadedPlan {
  const parsed = planSeedSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError('bad_request', `计划文件“${sourceName}”格式不正确：${issue.path.join('.')}：${issue.message}`);
  }
  return writeTx(db, () => writePlan(db, parsed.data, sourceName));
}

function fail(sourceName: string, where: string, what: string): never {
  throw new ApiError('bad_request', `计划文件“${sourceName}”${where}：${what}`);
}

function writePlan(db: Db, seed: PlanSeed, sourceName: string): LoadedPlan {
  // Units: reuse what the tree already has (a second year of the same district), create the rest.
  const findOrCreate = (name: string, kind: UnitKind, parentId: number | null, sortOrder: number, code?: string): number => {
    const existing = listUnits(db).find(
      (u) => (code !== undefined && u.code === code) || (u.parentId === parentId && normaliseUnitName(u.name) === normaliseUnitName(name)),
    );
    return existing ? existing.id : insertUnit(db, { name, kind, parentId, sortOrder, code });
  };
  const rootId = findOrCreate(seed.unit.name, seed.unit.kind, null, 0, seed.unit.code);
  seed.unit.children.forEach((c, i) => findOrCreate(c.name, c.kind, rootId, i + 1, c.code));
  seed.unit.departments.forEach((d, i) => findOrCreate(d, 'department', rootId, 100 + i));

  const units = listUnits(db);
  const under = units.filter((u) => u.parentId === rootId);
  const unitByName = (name: string): Unit | undefined =>
    units.find((u) => normaliseUnitName(u.name) === normaliseUnitName(name));

  const existingPhrases = new Set(listGroups(db).filter((g) => g.ownerUnitId === rootId).map((g) => g.phrase));
  for (const g of seed.groups) {
    if (existingPhrases.has(g.phrase)) continue;
    const memberIds =
      'kinds' in g.members
        ? under.filter((u) => (g.members as { kinds: UnitKind[] }).kinds.includes(u.kind)).map((u) => u.id)
        : g.members.names.map((n) => unitByName(n)?.id ?? fail(sourceName, `组合称谓“${g.phrase}”`, `未知单位“${n}”`));
    insertGroup(db, { phrase: g.phrase, aliases: g.aliases, ownerUnitId: rootId, memberIds });
  }
  const groups = listGroups(db).filter((g) => g.ownerUnitId === rootId);

  const planId = insertPlan(db, { ...seed.plan, unitId: rootId, source: seed.source });
  if (seed.sampleTargets) db.prepare('UPDATE plans SET sample_targets = 1 WHERE id = ?').run(planId);

  const indicatorIds = new Map<string, number>();
  seed.goals.forEach((goal, i) => {
    const wording = parseTargetWording(goal.wording);
    if (!wording) fail(sourceName, `第${i + 1}个工作目标`, `无法识别目标表述“${goal.wording}”`);
    const id = insertIndicator(db, {
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
      upsertTarget(db, { indicatorId: id, unitId: rootId, value, valueMax });
    }
  });

  if (seed.breakdown) {
    const columnIds = seed.breakdown.columns.map(
      (c) =>
        indicatorIds.get(c.indicator) ??
        fail(sourceName, `附件2 列“${c.header}”`, `没有名为“${c.indicator}”的工作目标`),
    );
    columnIds.forEach((id, c) => {
      setDecomposed(db, id, true);
      // The header as the issued annex printed it, so the exported 附件2 prints it again.
      setIssuedHeader(db, id, seed.breakdown!.columns[c].header);
    });
    seed.breakdown.rows.forEach(([unitName, ...values], r) => {
      const unit = unitByName(unitName);
      if (!unit) fail(sourceName, `附件2 第${r + 1}行`, `未知单位“${unitName}”`);
      values.forEach((value, c) => {
        if (value != null) upsertTarget(db, { indicatorId: columnIds[c], unitId: unit.id, value, valueMax: null });
      });
    });
  }

  let taskSeq = 0;
  seed.actionLines.forEach((line, l) => {
    const actionLineId = insertActionLine(db, { planId, seq: l + 1, title: line.title });
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
      insertTask(db, {
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
  });

  return { planId, unitId: rootId };
}
