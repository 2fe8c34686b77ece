/**
 * From sheets to a preview and a write plan, against a snapshot of the plan's
 * data: recognise each sheet, read it, match every unit name to the unit tree
 * (group phrases included; unknown names with suggestions and the user's
 * fixes), match indicators, check the sums, and compute what will be added,
 * changed and removed. Pure: the core supplies the snapshot and writes the plan.
 */
import { issuedHeaderOf } from './issuedHeader';
import type { Indicator } from '../model/indicator';
import type { Plan } from '../model/plan';
import type { Target } from '../model/target';
import type { ActionLine, Task, TaskUnitLink } from '../model/task';
import { subUnitsOf, type Unit, type UnitGroup } from '../model/units';
import type { TargetWording } from '../wording';
import { checkSum } from '../figures/sumCheck';
import { defaultDecimals, formatNumber } from '../numbers';
import { periodLabel } from '../periods';
import { closestNames, normaliseUnitName } from '../units/normalise';
import { resolveUnitList } from '../units/resolve';
import { decimalsOf } from './cells';
import { contentKey, matchByContent } from './taskMatch';
import { detectSheet, looksLikeUnitName, type DetectedSheet } from './detect';
import { parseGoals } from './goals';
import { indicatorKey, isTotalLabel } from './headers';
import { parseTargets } from './targets';
import { parseTasks } from './tasks';
import { proposeNewPlan, settleNewPlan } from './newPlan';
import { protectBracketedSeparators, restoreBracketedSeparators } from './unitLists';
import type {
  DiffItem,
  ImportCounts,
  ImportDiff,
  ImportKind,
  ImportOptions,
  ImportPreview,
  ImportProblem,
  SheetGrid,
  SheetPreview,
  UnitFix,
  UnknownUnitView,
} from './types';
import { emptyDiff, noteDiff } from './types';

export interface PlanSnapshot {
  plan: Plan | null;
  units: Unit[];
  groups: UnitGroup[];
  indicators: Indicator[];
  targets: Target[];
  actionLines: ActionLine[];
  tasks: Task[];
  /** Task id → its progress entries (任务进展); tasks without any are absent. */
  progressByTask?: ReadonlyMap<number, number>;
  /** The plan's locked period keys (锁定): targets and baselines of a plan with any are not overwritten. */
  lockedPeriods?: readonly string[];
}

export type NewUnitKind = 'street' | 'town' | 'zone' | 'department';

/** What the core writes. Unit ids below zero are units to create (see newUnits). */
export interface WritePlan {
  /** NEW_PLAN_ID when createPlan says which plan to start first. */
  planId: number;
  /** The database had no plan: start this one (and its district unit when unitId is null). */
  createPlan: null | { title: string; year: number; unitId: number | null; unitName: string; source: string };
  newUnits: { id: number; name: string; kind: NewUnitKind }[];
  tasks: null | {
    actionLines: {
      /** The existing action line this one continues (matched by title, then position); null: a new line. */
      oldId: number | null;
      title: string;
      tasks: {
        /** The existing task this row continues (matched by content, then position), keeping its progress; null: a new task. */
        oldId: number | null;
        content: string;
        leadText: string;
        responsibleText: string;
        deadline: string | null;
        units: TaskUnitLink[];
      }[];
    }[];
    /** Existing tasks and lines the table no longer has: deleted (a task's progress with it). */
    removeTaskIds: number[];
    removeLineIds: number[];
  };
  indicators: {
    /** Negative: created (ref used by targets below). */
    id: number;
    name: string;
    measureUnit: string;
    aggregation: 'sum' | 'none';
    decimals: number;
    decomposed: boolean;
    wording: TargetWording | null;
    wordingText: string | null;
    baseline: number | null;
    /** Update an existing one's wording/baseline (goal lists). */
    updateWording: boolean;
    /** The breakdown's column header as issued, kept for the exported 附件2 (issuedHeader.ts); absent: unchanged. */
    issuedHeader?: string | null;
  }[];
  targets: { indicatorId: number; unitId: number; value: number; valueMax: number | null }[];
  removeTargets: { indicatorId: number; unitId: number }[];
}

export interface SourceMeta {
  fileName: string;
  format: 'xlsx' | 'csv' | 'text';
}

const RATIO_WORDS = /比重|强度|占比|比例|率|拥有量|密度|人均|万人/;

export function guessUnitKind(name: string): NewUnitKind {
  if (/街道|街办$/.test(name)) return 'street';
  if (/(镇|乡)$/.test(name)) return 'town';
  if (/(集聚区|园区|开发区|产业园|示范区|新区)$/.test(name)) return 'zone';
  return 'department';
}

/** A cell of the file, where an unknown name was met (column '' when the name sits in a list of a task row). */
interface Place {
  sheet: string;
  row: number;
  column: string;
}

const placeText = (p: Place) => `${p.sheet} 第${p.row}行${p.column ? ` ${p.column}列` : ''}`;

interface UnitResolver {
  /** Resolves a list of names; unknown names are recorded with their place. */
  list(text: string, place: Place): { units: { unitId: number; viaPhrase: string | null }[]; names: string[] };
  one(text: string, place: Place): number | null;
  nameOf(id: number): string;
  /** For recognising a header of unit names: a unit of the tree, a close misspelling of one, or a name ending like one. */
  isUnitName(text: string): boolean;
  unknown: Map<string, UnknownUnitView>;
  /** Where each unknown name was first met. */
  firstPlace: Map<string, Place>;
  newUnits: WritePlan['newUnits'];
}

function makeResolver(snapshot: PlanSnapshot, fixes: Record<string, UnitFix>): UnitResolver {
  const plan = snapshot.plan!;
  const byId = new Map(snapshot.units.map((u) => [u.id, u]));
  const inScope = (u: Unit): boolean => {
    let cur: Unit | undefined = u;
    for (let i = 0; cur && i < 10; i++) {
      if (cur.id === plan.unitId) return true;
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
    }
    return false;
  };
  const scope = snapshot.units.filter(inScope);
  const groups = snapshot.groups.filter((g) => g.ownerUnitId === plan.unitId);
  const newUnits: WritePlan['newUnits'] = [];
  const extra: Unit[] = [];
  for (const [name, fix] of Object.entries(fixes)) {
    const key = normaliseUnitName(name);
    if ('unitId' in fix) {
      if (scope.some((u) => u.id === fix.unitId)) extra.push({ id: fix.unitId, name: key, kind: 'department', parentId: null, sortOrder: 0 });
    } else {
      const id = -(newUnits.length + 1);
      newUnits.push({ id, name: key, kind: fix.add });
      extra.push({ id, name: key, kind: fix.add, parentId: plan.unitId, sortOrder: 0 });
    }
  }
  const all = [...scope, ...extra];
  const forResolve = all.map((u) => ({ ...u, name: protectBracketedSeparators(u.name) }));
  const byName = new Map(all.map((u) => [normaliseUnitName(u.name), u]));
  const knownNames = scope.map((u) => u.name);
  const unknown = new Map<string, UnknownUnitView>();
  const firstPlace = new Map<string, Place>();
  const record = (text: string, at: Place) => {
    const place = placeText(at);
    const name = normaliseUnitName(text);
    if (!firstPlace.has(name)) firstPlace.set(name, at);
    const entry = unknown.get(name) ?? {
      name,
      suggestions: closestNames(name, knownNames),
      guessedKind: guessUnitKind(name),
      places: [],
      fix: null,
    };
    if (!entry.places.includes(place)) entry.places.push(place);
    unknown.set(name, entry);
  };
  const nameOf = (id: number) => all.find((u) => u.id === id)?.name ?? String(id);
  return {
    list(text, place) {
      const r = resolveUnitList(protectBracketedSeparators(text), forResolve, groups);
      for (const u of r.unknown) record(restoreBracketedSeparators(u.text), place);
      return { units: r.units, names: r.units.map((u) => nameOf(u.unitId)) };
    },
    one(text, place) {
      const key = normaliseUnitName(text);
      if (isTotalLabel(key)) return plan.unitId;
      const u = byName.get(key);
      if (u) return u.id;
      record(text, place);
      return null;
    },
    nameOf,
    isUnitName(text) {
      const key = normaliseUnitName(text);
      return isTotalLabel(key) || byName.has(key) || looksLikeUnitName(key) || closestNames(key, knownNames, 1).length > 0;
    },
    unknown,
    firstPlace,
    newUnits,
  };
}

const emptyCounts = (): ImportCounts => ({ actionLines: 0, tasks: 0, units: 0, indicators: 0, targets: 0 });

export interface Analysis {
  preview: ImportPreview;
  write: WritePlan | null;
}

export function analyseImport(
  sheets: SheetGrid[],
  snapshot: PlanSnapshot,
  options: ImportOptions,
  meta: SourceMeta,
): Analysis {
  const problems: ImportProblem[] = [];
  const counts = emptyCounts();
  const diff: ImportDiff = emptyDiff();
  const existingPlan = snapshot.plan;
  const base: ImportPreview = {
    ok: false,
    fileName: meta.fileName,
    format: meta.format,
    planId: existingPlan?.id ?? null,
    planTitle: existingPlan?.title ?? null,
    kind: null,
    sheets: [],
    unknownUnits: [],
    problems,
    counts,
    diff,
    progressLoss: [],
  };
  let createPlan: WritePlan['createPlan'] = null;
  if (!existingPlan) {
    // No plan yet: analyse against the plan this file can start, so the preview shows everything; committing needs the user's yes.
    const proposal = proposeNewPlan(sheets, meta.fileName, snapshot.units);
    const settled = settleNewPlan(proposal, options.createPlan ?? {}, snapshot.units);
    base.newPlan = { ...proposal, confirmed: options.createPlan !== undefined };
    base.planTitle = settled.plan.title;
    const what = `“${settled.plan.title}”（${settled.plan.yearStart || '年份未知'}${settled.plan.yearStart ? '年' : ''}，${settled.unitName || '单位未知'}）`;
    if (!options.createPlan) {
      problems.push({
        level: 'error',
        sheet: '',
        row: 0,
        column: '',
        message: `数据库中还没有工作要点。可以用本文件新建工作要点${what}并导入：请在预览中确认“新建工作要点”（命令行加 --new-plan）。`,
      });
    } else if (settled.missing) {
      problems.push({ level: 'error', sheet: '', row: 0, column: '', message: settled.missing });
    }
    snapshot = { ...snapshot, plan: settled.plan, units: settled.unit ? [...snapshot.units, settled.unit] : snapshot.units };
    createPlan = {
      title: settled.plan.title,
      year: settled.plan.yearStart,
      unitId: settled.unit ? null : settled.plan.unitId,
      unitName: settled.unitName,
      source: `导入：${meta.fileName}`,
    };
    noteDiff(diff, 'added', () => ({ what: 'plan', label: `工作要点${what}` }));
    if (settled.unit) noteDiff(diff, 'added', () => ({ what: 'unit', label: `单位“${settled.unitName}”（区县）` }));
  }
  const plan = snapshot.plan!;
  const resolver = makeResolver(snapshot, options.unitFixes ?? {});
  const write: WritePlan = {
    planId: plan.id,
    createPlan,
    newUnits: resolver.newUnits,
    tasks: null,
    indicators: [],
    targets: [],
    removeTargets: [],
  };
  const usedKinds = new Set<ImportKind>();
  const linkedUnits = new Set<number>();
  let nextIndicatorRef = -1;

  for (const grid of sheets) {
    const sheetOptions = options.sheets?.[grid.name] ?? {};
    const detected: DetectedSheet = detectSheet(grid, sheetOptions, { isUnitName: resolver.isUnitName });
    const view: SheetPreview = {
      name: grid.name,
      kind: detected.kind,
      ...(detected.orientation ? { orientation: detected.orientation } : {}),
      included: false,
      headerRows: detected.headerRows.map((r) => r + 1),
      columns: detected.columns,
      note: detected.note,
    };
    base.sheets.push(view);
    if (sheetOptions.skip || !detected.kind) continue;
    if (usedKinds.has(detected.kind)) {
      view.note = `已有一张同类的表在前面导入，本表未导入。`;
      problems.push({ level: 'warning', sheet: grid.name, row: 0, column: '', message: '与前面的工作表是同一类表，未导入；如需导入本表，请在预览中取消前一张表。' });
      continue;
    }
    usedKinds.add(detected.kind);
    view.included = true;
    base.kind ??= detected.kind;
    const place = (row: number, column = ''): Place => ({ sheet: grid.name, row, column });

    if (detected.kind === 'tasks') {
      const parsed = parseTasks(grid, detected);
      problems.push(...parsed.problems);
      view.actionLines = [];
      const lines: NonNullable<WritePlan['tasks']>['actionLines'] = [];
      let seq = 0;
      for (const line of parsed.actionLines) {
        const lineView = { row: line.row, title: line.title, tasks: [] as NonNullable<SheetPreview['actionLines']>[number]['tasks'] };
        const lineWrite = { oldId: null, title: line.title, tasks: [] as NonNullable<WritePlan['tasks']>['actionLines'][number]['tasks'] };
        for (const t of line.tasks) {
          seq += 1;
          const lead = resolver.list(t.leadText, place(t.row));
          const resp = resolver.list(t.responsibleText, place(t.row));
          // "排名第一责任单位为牵头单位": the first unit the list names, a group's first member included.
          const leadUnits = t.leadFromFirst ? resp.units.slice(0, 1).map((u) => ({ ...u, viaPhrase: null })) : lead.units;
          const links: TaskUnitLink[] = [
            ...leadUnits.map((u) => ({ ...u, role: 'lead' as const })),
            ...resp.units.map((u) => ({ ...u, role: 'responsible' as const })),
          ];
          links.forEach((l) => linkedUnits.add(l.unitId));
          // "区直相关部门" means the departments the task's own text names; a table alone cannot say which.
          for (const phrase of new Set(resp.units.map((u) => u.viaPhrase).filter((p): p is string => !!p))) {
            const members = resp.units.filter((u) => u.viaPhrase === phrase);
            const allDepartments = members.every((u) => snapshot.units.find((x) => x.id === u.unitId)?.kind === 'department');
            if (allDepartments && members.length > 1) {
              problems.push({
                level: 'warning',
                sheet: grid.name,
                row: t.row,
                column: detected.columns.find((c) => c.role === 'responsible')?.letter ?? '',
                message: `“${phrase}”按全部 ${members.length} 个部门导入；如只指其中几个部门，请在表中写明部门名称。`,
              });
            }
          }
          lineView.tasks.push({
            row: t.row,
            seq,
            content: t.content,
            leadText: t.leadText,
            responsibleText: t.responsibleText,
            leadFromFirst: t.leadFromFirst,
            deadline: t.deadline,
            leadNames: leadUnits.map((u) => resolver.nameOf(u.unitId)),
            responsibleNames: resp.names,
          });
          lineWrite.tasks.push({ oldId: null, content: t.content, leadText: t.leadText, responsibleText: t.responsibleText, deadline: t.deadline, units: links });
        }
        view.actionLines.push(lineView);
        lines.push(lineWrite);
      }
      write.tasks = { actionLines: lines, removeTaskIds: [], removeLineIds: [] };
      counts.actionLines += lines.length;
      counts.tasks += seq;
      matchTasks(snapshot, write.tasks, diff);
      for (const id of write.tasks.removeTaskIds) {
        const entries = snapshot.progressByTask?.get(id) ?? 0;
        const old = snapshot.tasks.find((t) => t.id === id)!;
        if (entries === 0) continue;
        base.progressLoss.push({ seq: old.seq, content: old.content, entries });
        if (!options.allowDeleteProgress) {
          problems.push({
            level: 'error',
            sheet: grid.name,
            row: 0,
            column: '',
            message: `${taskPhrase(old)}已有 ${entries} 条任务进展，本表中没有这项任务，导入会删除它和这些进展记录。如确需删除，请勾选“同时删除这些任务的进展记录”（命令行加 --allow-delete-progress）；否则请在表中保留这项任务。`,
          });
        }
      }
    } else if (detected.kind === 'targets') {
      const parsed = parseTargets(grid, detected);
      problems.push(...parsed.problems);
      const colIds = parsed.indicators.map((col) => {
        const existing = matchIndicator(snapshot.indicators, col.name);
        const measureUnit = existing?.measureUnit || col.measureUnit;
        if (existing) {
          if (col.measureUnit && existing.measureUnit && col.measureUnit !== existing.measureUnit) {
            problems.push({
              level: 'error',
              sheet: grid.name,
              ...col.at,
              message: `“${col.header}”的计量单位是“${col.measureUnit}”，而工作要点中的“${existing.name}”以“${existing.measureUnit}”计；请换算后再导入，或改正表头。`,
            });
          }
          const issuedHeader = issuedHeaderOf(col.header);
          if (!existing.decomposed || (issuedHeader && issuedHeader !== existing.issuedHeader)) {
            write.indicators.push({ ...toWriteIndicator(existing), decomposed: true, updateWording: false, ...(issuedHeader ? { issuedHeader } : {}) });
          }
          return { id: existing.id, name: existing.name, measureUnit, additive: existing.aggregation === 'sum', decimals: existing.decimals, existing };
        }
        const id = nextIndicatorRef--;
        const values = parsed.rows.map((r) => r.values[parsed.indicators.indexOf(col)]?.value).filter((v): v is number => v != null);
        const decimals = Math.max(defaultDecimals(measureUnit), ...values.map(decimalsOf));
        const aggregation = RATIO_WORDS.test(col.name) || measureUnit.includes('%') ? 'none' : 'sum';
        write.indicators.push({
          id,
          name: col.name,
          measureUnit,
          aggregation,
          decimals: Math.min(decimals, 6),
          decomposed: true,
          wording: null,
          wordingText: null,
          baseline: null,
          updateWording: false,
          issuedHeader: issuedHeaderOf(col.header),
        });
        noteDiff(diff, 'added', () => ({ what: 'indicator', label: `指标“${col.name}”${measureUnit ? `（${measureUnit}）` : ''}` }));
        return { id, name: col.name, measureUnit, additive: aggregation === 'sum', decimals, existing: null };
      });
      view.indicators = parsed.indicators.map((col, i) => ({
        row: col.at.row,
        column: col.at.column,
        header: col.header,
        name: col.name,
        measureUnit: colIds[i].measureUnit,
        existingId: colIds[i].existing?.id ?? null,
        existingName: colIds[i].existing?.name ?? null,
      }));
      view.targetRows = [];
      const transposed = parsed.orientation === 'indicatorRows';
      // Where a unit first stood, to name it when the unit comes twice: "第6行" or "D列".
      const seenUnits = new Map<number, string>();
      let unresolved = 0;
      const valueAt = new Map<string, number | null>();
      for (const row of parsed.rows) {
        const unitId = resolver.one(row.unitText, place(row.row, row.column));
        view.targetRows.push({
          row: row.row,
          column: row.column,
          unitText: row.unitText,
          unitName: unitId === null ? null : resolver.nameOf(unitId),
          values: row.values.map((v) => v?.value ?? null),
        });
        if (unitId === null) {
          unresolved++;
          continue;
        }
        const before = seenUnits.get(unitId);
        if (before !== undefined) {
          problems.push({
            level: 'error',
            sheet: grid.name,
            row: row.row,
            column: row.column,
            message: `“${row.unitText}”与${before}是同一单位，重复了。请删去一${transposed ? '列' : '行'}。`,
          });
          continue;
        }
        seenUnits.set(unitId, transposed ? `${row.column}列` : `第${row.row}行`);
        row.values.forEach((v, i) => {
          if (!v) return;
          write.targets.push({ indicatorId: colIds[i].id, unitId, value: v.value, valueMax: v.valueMax });
          valueAt.set(`${colIds[i].id}:${unitId}`, v.value);
        });
      }
      counts.units += seenUnits.size;
      counts.indicators += colIds.length;
      counts.targets += [...valueAt.values()].filter((v) => v !== null).length;
      // Sum check: do the sub-units add up to the plan's unit? A difference is a warning, not an error.
      const children = subUnitsOf(snapshot.units, plan.unitId);
      colIds.forEach((ind, i) => {
        const parentValue = valueAt.get(`${ind.id}:${plan.unitId}`) ?? null;
        if (parentValue === null) return;
        const present = children.filter((c) => valueAt.has(`${ind.id}:${c.id}`));
        // Rows with unknown units cannot be counted yet; the check waits until they are matched.
        if (present.length === 0 || unresolved > 0) return;
        const check = checkSum({
          indicatorId: ind.id,
          additive: ind.additive,
          decimals: Math.max(ind.decimals, 4),
          parent: parentValue,
          children: children.map((c) => ({ unitId: c.id, value: valueAt.get(`${ind.id}:${c.id}`) ?? null })),
        });
        // The indicator's column (units as rows) or its row (indicators as rows).
        const at = parsed.indicators[i].at;
        const row = transposed ? at.row : 0;
        const column = transposed ? '' : at.column;
        if (check.state === 'mismatch' && check.difference !== null) {
          problems.push({
            level: 'warning',
            sheet: grid.name,
            row,
            column,
            message: `${ind.name}：各单位合计 ${formatNumber(check.sum)}${ind.measureUnit}，与${resolver.nameOf(plan.unitId)}目标 ${formatNumber(parentValue)}${ind.measureUnit} 相差 ${formatNumber(check.difference)}${ind.measureUnit}。`,
          });
        } else if (check.state === 'incomplete' && check.missingUnitIds.length) {
          problems.push({
            level: 'warning',
            sheet: grid.name,
            row,
            column,
            message: `${ind.name}：${check.missingUnitIds.map((id) => resolver.nameOf(id)).join('、')}没有目标值。`,
          });
        }
      });
      diffTargets(snapshot, write, colIds.map((c) => c.id), resolver, diff);
    } else {
      const parsed = parseGoals(grid, detected);
      problems.push(...parsed.problems);
      view.goals = [];
      for (const g of parsed.goals) {
        const existing = matchIndicator(snapshot.indicators, g.name);
        const id = existing?.id ?? nextIndicatorRef--;
        view.goals.push({ row: g.row, name: g.name, measureUnit: g.measureUnit, wordingText: g.wordingText, value: g.value, valueMax: g.valueMax, baseline: g.baseline, existingId: existing?.id ?? null });
        const measureUnit = existing?.measureUnit || g.measureUnit;
        write.indicators.push({
          id,
          name: existing?.name ?? g.name,
          measureUnit,
          aggregation: existing?.aggregation ?? (RATIO_WORDS.test(g.name) || measureUnit.includes('%') ? 'none' : 'sum'),
          decimals: existing?.decimals ?? Math.max(defaultDecimals(measureUnit), g.value === null ? 0 : decimalsOf(g.value)),
          decomposed: existing?.decomposed ?? false,
          wording: g.wording,
          wordingText: g.wordingText,
          baseline: g.baseline ?? existing?.baseline ?? null,
          updateWording: true,
        });
        if (g.value !== null) write.targets.push({ indicatorId: id, unitId: plan.unitId, value: g.value, valueMax: g.valueMax });
        const old = existing ? snapshot.targets.find((t) => t.indicatorId === existing.id && t.unitId === plan.unitId) : undefined;
        const after = g.wordingText ?? `${g.value}${g.measureUnit}`;
        const baseline = g.baseline ?? existing?.baseline ?? null;
        if (existing && (existing.baseline ?? null) !== baseline) {
          const num = (v: number | null) => (v === null ? '无' : formatNumber(v));
          noteDiff(diff, 'changed', () => ({ what: 'goal', label: `工作目标“${existing.name}”的基数（上年完成）`, before: num(existing.baseline), after: num(baseline) }));
        }
        if (!existing) noteDiff(diff, 'added', () => ({ what: 'goal', label: `工作目标“${g.name}”`, after }));
        else if ((existing.wordingText ?? '') !== (g.wordingText ?? existing.wordingText ?? '') || (old?.value ?? null) !== g.value) {
          noteDiff(diff, 'changed', () => ({ what: 'goal', label: `工作目标“${existing.name}”`, before: existing.wordingText ?? String(old?.value ?? ''), after }));
        }
      }
      counts.indicators += parsed.goals.length;
      counts.targets += parsed.goals.filter((g) => g.value !== null).length;
    }
  }

  if (!base.sheets.some((s) => s.included)) {
    const notes = base.sheets.map((s) => s.note).filter(Boolean);
    problems.push({
      level: 'error',
      sheet: '',
      row: 0,
      column: '',
      message: notes[0] ?? '文件中没有可以导入的表。',
    });
  }

  lockedTargets(snapshot, write, resolver, problems);

  // Unknown names: an error each until the user maps them or adds them as new units.
  for (const u of resolver.unknown.values()) {
    const hint = u.suggestions.length ? `是否是“${u.suggestions.join('”或“')}”？` : '';
    const first = resolver.firstPlace.get(u.name) ?? { sheet: '', row: 0, column: '' };
    problems.push({
      level: 'error',
      ...first,
      message: `未知单位“${u.name}”（${u.places.slice(0, 3).join('、')}${u.places.length > 3 ? ` 等${u.places.length}处` : ''}）。${hint}请在“单位匹配”中选择对应的单位，或新增为单位。`,
    });
  }
  base.unknownUnits = [...resolver.unknown.values()];
  for (const u of resolver.newUnits) noteDiff(diff, 'added', () => ({ what: 'unit', label: `单位“${u.name}”` }));
  if (base.kind === 'tasks') counts.units += [...linkedUnits].length;

  // In reading order: by sheet, then by row (problems of a whole sheet first).
  const sheetOrder = new Map(sheets.map((g, i) => [g.name, i]));
  problems.sort((a, b) => (sheetOrder.get(a.sheet) ?? -1) - (sheetOrder.get(b.sheet) ?? -1) || a.row - b.row);
  base.ok = !problems.some((p) => p.level === 'error');
  return { preview: base, write: base.ok ? write : null };
}

function toWriteIndicator(i: Indicator): WritePlan['indicators'][number] {
  return {
    id: i.id,
    name: i.name,
    measureUnit: i.measureUnit,
    aggregation: i.aggregation,
    decimals: i.decimals,
    decomposed: i.decomposed,
    wording: i.wording,
    wordingText: i.wordingText,
    baseline: i.baseline,
    updateWording: false,
  };
}

/** The plan's indicator a header names: same key, or one name containing the other (longest wins). */
export function matchIndicator(indicators: Indicator[], name: string): Indicator | null {
  const key = indicatorKey(name);
  if (!key) return null;
  const exact = indicators.find((i) => indicatorKey(i.name) === key);
  if (exact) return exact;
  const near = indicators
    .filter((i) => {
      const k = indicatorKey(i.name);
      return k.length >= 3 && (key.includes(k) || k.includes(key));
    })
    .sort((a, b) => b.name.length - a.name.length);
  return near[0] ?? null;
}

/** "任务5（推进数字经济“一号发展工程”…）": a task as the preview names it. */
function taskPhrase(t: { seq: number; content: string }): string {
  const chars = [...t.content];
  return `任务${t.seq}（${chars.slice(0, 20).join('')}${chars.length > 20 ? '…' : ''}）`;
}

/**
 * Pairs the table's lines and tasks with the plan's (shared/import/taskMatch.ts),
 * records the pairing in the write plan and what it adds, changes and removes in the diff.
 */
function matchTasks(snapshot: PlanSnapshot, tasks: NonNullable<WritePlan['tasks']>, diff: ImportDiff): void {
  const lines = tasks.actionLines;
  const oldLines = [...snapshot.actionLines].sort((a, b) => a.seq - b.seq);
  const lineMatch = matchByContent(oldLines.map((l) => contentKey(l.title)), lines.map((l) => contentKey(l.title)));
  lines.forEach((l, i) => {
    const m = lineMatch[i];
    const old = m === null ? null : oldLines[m];
    l.oldId = old?.id ?? null;
    if (!old) noteDiff(diff, 'added', () => ({ what: 'actionLine', label: `行动“${l.title}”` }));
    else if (old.title !== l.title) noteDiff(diff, 'changed', () => ({ what: 'actionLine', label: `第${i + 1}项行动`, before: old.title, after: l.title }));
  });
  const keptLines = new Set(lines.map((l) => l.oldId));
  for (const l of oldLines) {
    if (keptLines.has(l.id)) continue;
    tasks.removeLineIds.push(l.id);
    noteDiff(diff, 'removed', () => ({ what: 'actionLine', label: `行动“${l.title}”` }));
  }

  const oldTasks = [...snapshot.tasks].sort((a, b) => a.seq - b.seq);
  const newTasks = lines.flatMap((l) => l.tasks);
  const taskMatch = matchByContent(oldTasks.map((t) => contentKey(t.content)), newTasks.map((t) => contentKey(t.content)));
  const brief = (t: { content: string; leadText: string; responsibleText: string }) =>
    `${t.content}｜牵头：${t.leadText}｜责任：${t.responsibleText}`;
  // Spaces and full/half-width punctuation are spelling, not change ("，" vs ",").
  const same = (a: string, b: string) => normaliseUnitName(a) === normaliseUnitName(b);
  newTasks.forEach((t, i) => {
    const m = taskMatch[i];
    const old = m === null ? null : oldTasks[m];
    t.oldId = old?.id ?? null;
    if (!old) noteDiff(diff, 'added', () => ({ what: 'task', label: `任务 ${i + 1}`, after: brief(t) }));
    else if (!same(old.content, t.content) || !same(old.leadText, t.leadText) || !same(old.responsibleText, t.responsibleText)) {
      const moved = old.seq !== i + 1 ? `（原任务 ${old.seq}）` : '';
      noteDiff(diff, 'changed', () => ({ what: 'task', label: `任务 ${i + 1}${moved}`, before: brief(old), after: brief(t) }));
    }
  });
  const kept = new Set(newTasks.map((t) => t.oldId));
  for (const t of oldTasks) {
    if (kept.has(t.id)) continue;
    tasks.removeTaskIds.push(t.id);
    const entries = snapshot.progressByTask?.get(t.id) ?? 0;
    noteDiff(diff, 'removed', () =>
      entries
        ? { what: 'task', label: `${taskPhrase(t)}的${entries}条任务进展将被删除`, before: brief(t) }
        : { what: 'task', label: `任务 ${t.seq}`, before: brief(t) },
    );
  }
}

/**
 * A plan with a locked period (锁定) keeps its targets and baselines: its
 * completion rates and 同比 were reported against them. Changing or removing
 * an existing target, or changing a baseline, is an error until unlocked
 * (with a reason). Adding a target where there was none, or a new indicator,
 * overwrites nothing and stays allowed (and is recorded in target_history).
 */
function lockedTargets(snapshot: PlanSnapshot, write: WritePlan, resolver: UnitResolver, problems: ImportProblem[]): void {
  const plan = snapshot.plan!;
  const locked = (snapshot.lockedPeriods ?? []).filter((p) => {
    const year = Number(p.slice(0, 4));
    return year >= plan.yearStart && year <= plan.yearEnd;
  });
  if (locked.length === 0) return;
  const indicatorName = (id: number) => snapshot.indicators.find((i) => i.id === id)?.name ?? '';
  const oldTargets = new Map(snapshot.targets.map((t) => [`${t.indicatorId}:${t.unitId}`, t]));
  const overwrites: string[] = [];
  for (const t of write.targets) {
    const old = oldTargets.get(`${t.indicatorId}:${t.unitId}`);
    if (old && (old.value !== t.value || (old.valueMax ?? null) !== (t.valueMax ?? null))) {
      overwrites.push(`${resolver.nameOf(t.unitId)} · ${indicatorName(t.indicatorId)} ${formatNumber(old.value)} → ${formatNumber(t.value)}`);
    }
  }
  for (const t of write.removeTargets) {
    const old = oldTargets.get(`${t.indicatorId}:${t.unitId}`);
    overwrites.push(`删除 ${resolver.nameOf(t.unitId)} · ${indicatorName(t.indicatorId)}${old ? ` ${formatNumber(old.value)}` : ''}`);
  }
  for (const i of write.indicators) {
    const old = i.id > 0 && i.updateWording ? snapshot.indicators.find((x) => x.id === i.id) : undefined;
    if (old && (old.baseline ?? null) !== (i.baseline ?? null)) {
      overwrites.push(`${old.name} 基数 ${old.baseline === null ? '无' : formatNumber(old.baseline)} → ${i.baseline === null ? '无' : formatNumber(i.baseline)}`);
    }
  }
  if (overwrites.length === 0) return;
  const periods = [...locked].sort();
  const periodText = `${periods.slice(0, 3).map(periodLabel).join('、')}${periods.length > 3 ? `等 ${periods.length} 个报告期` : ''}`;
  problems.push({
    level: 'error',
    sheet: '',
    row: 0,
    column: '',
    message: `本工作要点的${periodText}已锁定，请先解锁（填写原因）后再导入目标。本次导入会修改或删除 ${overwrites.length} 个已有目标值或基数（${overwrites.slice(0, 3).join('；')}${overwrites.length > 3 ? ' 等' : ''}）；只新增目标值可以直接导入。`,
  });
}

function diffTargets(snapshot: PlanSnapshot, write: WritePlan, indicatorIds: number[], resolver: UnitResolver, diff: ImportDiff): void {
  const label = (indicatorId: number, unitId: number) => {
    const ind = snapshot.indicators.find((i) => i.id === indicatorId)?.name ?? write.indicators.find((i) => i.id === indicatorId)?.name ?? '';
    return `${resolver.nameOf(unitId)} · ${ind}`;
  };
  const fresh = write.targets.filter((t) => indicatorIds.includes(t.indicatorId));
  for (const t of fresh) {
    const old = snapshot.targets.find((o) => o.indicatorId === t.indicatorId && o.unitId === t.unitId);
    if (!old) noteDiff(diff, 'added', () => ({ what: 'target', label: label(t.indicatorId, t.unitId), after: formatNumber(t.value) }));
    else if (old.value !== t.value || (old.valueMax ?? null) !== (t.valueMax ?? null)) {
      noteDiff(diff, 'changed', () => ({ what: 'target', label: label(t.indicatorId, t.unitId), before: formatNumber(old.value), after: formatNumber(t.value) }));
    }
  }
  const planUnitId = snapshot.plan!.unitId;
  const sheetHasParent = fresh.some((t) => t.unitId === planUnitId);
  for (const old of snapshot.targets) {
    if (!indicatorIds.includes(old.indicatorId)) continue;
    if (old.unitId === planUnitId && !sheetHasParent) continue; // the plan's own goal stays
    if (fresh.some((t) => t.indicatorId === old.indicatorId && t.unitId === old.unitId)) continue;
    write.removeTargets.push({ indicatorId: old.indicatorId, unitId: old.unitId });
    noteDiff(diff, 'removed', () => ({ what: 'target', label: label(old.indicatorId, old.unitId), before: formatNumber(old.value) }));
  }
}

export type { DiffItem };
