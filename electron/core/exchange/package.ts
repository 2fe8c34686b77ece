/**
 * Data packages (数据包). The district writes one per sub-unit
 * (buildPackage); the sub-unit opens it as a plan in its own Taizhang
 * (openPackage, remembering how the district's ids map to its own) and, after
 * entering figures and progress, writes the return (buildReturnPackage); the
 * district reads the return like a workbook (readReturnPackage).
 *
 * The database side is written once over the query layer (issue 22): Ops run
 * on a SQLite file and a PostgreSQL store alike; opening a package is ONE
 * write transaction with its copy first (ExchangeOn.withBackup).
 */
import { ApiError } from '../../../shared/api/errors';
import { asIdentity, type ExchangeIdentity } from '../../../shared/exchange/identity';
import type { ReturnedFigure, ReturnedProgress } from '../../../shared/exchange/diff';
import type { OpenedPackage, PackageInfo } from '../../../shared/exchange/review';
import { PROGRESS_STATUS_LABEL } from '../../../shared/model/task';
import type { Unit } from '../../../shared/model/units';
import { periodLabel } from '../../../shared/periods';
import { normaliseUnitName } from '../../../shared/units/normalise';
import { parseTargetWording } from '../../../shared/wording';
import { sql } from 'kysely';
import { getFigureOp, writeFigureOp } from '../db/repos/figures';
import { insertIndicatorOp, upsertTargetOp } from '../db/repos/indicators';
import { listProgressOp, writeProgressOp } from '../db/repos/progress';
import { getSettingOp, setSettingOp } from '../db/repos/settings';
import { getPlanOp, insertPlanOp } from '../db/repos/plans';
import { insertActionLineOp, insertTaskOp } from '../db/repos/tasks';
import { insertUnitOp, listUnitsOp } from '../db/repos/units';
import { requirePlanOp } from '../plans/scope';
import { takeCopyOp } from '../backup/service';
import { all, query, type Op } from '../store/query';
import { checksumMatches } from './checksum';
import type { IdentityInputs } from './identity';
import { operatorOn, type ExchangeOn } from './on';
import { PACKAGE_FORMAT, packageSchema, type PackageFile } from './packageFormat';
import { NotAnExchangeFile, type ParsedReturn } from './parsed';

/** The package of one unit, from the plan's data read once for all of them (exchange.export, 下达 to every sub-unit). */
export function packageOf(identity: ExchangeIdentity, inputs: IdentityInputs): PackageFile {
  const { plan, units, parent } = inputs.scope;
  const tree = units.filter((u) => u.id === parent.id || u.parentId === parent.id);
  const wanted = new Set([parent.id, identity.unit.id]);
  return {
    format: PACKAGE_FORMAT,
    version: 1,
    kind: 'package',
    identity,
    plan: { title: plan.title, yearStart: plan.yearStart, yearEnd: plan.yearEnd, docNumber: plan.docNumber, issuedOn: plan.issuedOn, issuer: plan.issuer },
    units: tree.map((u) => ({ id: u.id, name: u.name, kind: u.kind, parentId: u.id === parent.id ? null : u.parentId, code: u.code, fullName: u.fullName ?? null })),
    indicators: inputs.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      code: i.code,
      measureUnit: i.measureUnit,
      aggregation: i.aggregation,
      frequency: i.frequency,
      decimals: i.decimals,
      sortOrder: i.sortOrder,
      wordingText: i.wordingText,
      baseline: i.baseline,
      decomposed: i.decomposed,
    })),
    // The district's own targets and this unit's: other units' targets are not theirs to see.
    targets: inputs.targets.filter((t) => wanted.has(t.unitId)),
    actionLines: inputs.actionLines.map((a) => ({ id: a.id, seq: a.seq, title: a.title })),
    tasks: inputs.tasks.map((t) => ({
      id: t.id,
      actionLineId: t.actionLineId,
      seq: t.seq,
      content: t.content,
      leadText: t.leadText,
      responsibleText: t.responsibleText,
      deadline: t.deadline,
      units: t.units.filter((u) => tree.some((x) => x.id === u.unitId)).map((u) => ({ unitId: u.unitId, role: u.role })),
    })),
  };
}

/** Parses package bytes; throws NotAnExchangeFile with a Chinese reason. */
export function parsePackage(bytes: Buffer, fileName: string): { pkg: PackageFile; identity: ExchangeIdentity } {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new NotAnExchangeFile(`“${fileName}”不是台账数据包（无法读取其内容），文件可能已损坏。请让对方重新导出。`);
  }
  const parsed = packageSchema.safeParse(raw);
  if (!parsed.success) {
    // The field's path, not the validator's own wording (a library's text never reaches the user).
    const where = parsed.error.issues[0].path.join('.');
    throw new NotAnExchangeFile(`“${fileName}”不是有效的台账数据包（${where ? `“${where.slice(0, 60)}”一项` : '文件格式'}不符合要求）。请让对方重新导出。`);
  }
  const identity = asIdentity(parsed.data.identity);
  if (!identity) throw new NotAnExchangeFile(`“${fileName}”缺少识别信息，不是台账导出的数据包。`);
  return { pkg: parsed.data, identity };
}

// --- the sub-unit's side -----------------------------------------------------

/** How the district's ids map to this database's, kept per opened plan (settings table). */
interface PackageLink {
  fileName: string;
  identity: ExchangeIdentity;
  units: [number, number][];
  indicators: [number, number][];
  tasks: [number, number][];
}
const linkKey = (planId: number) => `exchange.package.${planId}`;

export function* packageLinkOp(planId: number): Op<PackageLink | null> {
  const raw = yield* getSettingOp(linkKey(planId));
  return raw ? (JSON.parse(raw) as PackageLink) : null;
}

export function* packageInfoOp(planId: number): Op<PackageInfo> {
  yield* requirePlanOp(planId);
  const link = yield* packageLinkOp(planId);
  if (!link) return { fromPackage: false, fileName: null, districtName: null, unitName: null, period: null, periodLabel: null };
  const id = link.identity;
  return {
    fromPackage: true,
    fileName: link.fileName,
    districtName: id.plan.unitName,
    unitName: id.unit.name,
    period: id.period,
    periodLabel: periodLabel(id.period),
  };
}

const PACKAGE_LINKS = query<{ key: string; value: string }>(() => sql`SELECT key, value FROM settings WHERE key LIKE 'exchange.package.%'`);

/** The plan a package (by its export id) was opened as, if it was and the plan is still there. */
function* findOpenedOp(exportId: string): Op<number | null> {
  for (const r of yield* all(PACKAGE_LINKS)) {
    const planId = Number(r.key.slice('exchange.package.'.length));
    if ((JSON.parse(r.value) as PackageLink).identity.exportId === exportId && (yield* getPlanOp(planId))) return planId;
  }
  return null;
}

/**
 * Opens a package as a plan of this database (all or nothing, after a copy of the database);
 * a second open of the same package returns the first. Opening writes the district's values, so
 * the caller's operator must be known first.
 */
export async function openPackageOn(on: ExchangeOn, bytes: Buffer, fileName: string): Promise<OpenedPackage> {
  const { pkg, identity } = parsePackage(bytes, fileName);
  const summary = (planId: number, alreadyOpened: boolean): OpenedPackage => ({
    planId,
    planTitle: pkg.plan.title,
    unitName: identity.unit.name,
    period: identity.period,
    periodLabel: periodLabel(identity.period),
    alreadyOpened,
  });
  if (pkg.kind !== 'package') {
    throw new ApiError('bad_request', `“${fileName}”是下级单位发回的回报数据包，不能作为工作要点打开。请在“数据交换 → 载入回报”中载入它。`);
  }
  if (!checksumMatches(identity)) {
    throw new ApiError('bad_request', `“${fileName}”的识别信息校验不符，文件已被改动。请让${identity.plan.unitName}重新导出数据包。`);
  }
  const existing = await on.store.read(findOpenedOp(identity.exportId));
  if (existing !== null) return summary(existing, true);
  const by = await operatorOn(on);
  const spec = { operation: 'exchange.openPackage' as const, reason: `打开数据包 ${fileName}`, by, what: '打开数据包' };
  const { result } = await on.withBackup({ spec, op: openPackageOp(pkg, identity, fileName) });
  return summary(result.planId, result.alreadyOpened);
}

/** Inside the write transaction: asked again under the writers' lock (another window may have just opened it), then the copy, then the writes. */
function* openPackageOp(pkg: PackageFile, identity: ExchangeIdentity, fileName: string): Op<{ planId: number; alreadyOpened: boolean }> {
  const opened = yield* findOpenedOp(identity.exportId);
  if (opened !== null) return { planId: opened, alreadyOpened: true };
  yield* takeCopyOp();
  const at = new Date().toISOString();
  const unitMap = new Map<number, number>();
  let local = yield* listUnitsOp();
  const root = pkg.units.find((u) => u.parentId === null);
  if (!root) throw new ApiError('bad_request', `“${fileName}”缺少单位树的根（${identity.plan.unitName}），文件不完整。`);
  // By code first (the district may have renamed a unit since last year's package), then by name under the same parent.
  function* findOrCreate(u: PackageFile['units'][number], parentId: number | null, sortOrder: number): Op<number> {
    const found =
      (u.code ? local.find((x: Unit) => x.code === u.code) : undefined) ??
      local.find((x: Unit) => x.parentId === parentId && normaliseUnitName(x.name) === normaliseUnitName(u.name));
    if (found) return found.id;
    const codeFree = u.code && !local.some((x) => x.code === u.code);
    const id = yield* insertUnitOp({ name: u.name, kind: u.kind, parentId, sortOrder, code: codeFree ? u.code : undefined, fullName: u.fullName ?? null });
    local = yield* listUnitsOp();
    return id;
  }
  unitMap.set(root.id, yield* findOrCreate(root, null, 0));
  for (const [i, u] of pkg.units.filter((x) => x.parentId !== null).entries()) unitMap.set(u.id, yield* findOrCreate(u, unitMap.get(root.id)!, i + 1));
  const localUnit = (id: number, what: string) => {
    const v = unitMap.get(id);
    if (v === undefined) throw new ApiError('bad_request', `“${fileName}”中${what}引用了不在单位树中的单位（编号 ${id}），文件不完整。`);
    return v;
  };
  const planId = yield* insertPlanOp({ ...pkg.plan, unitId: unitMap.get(root.id)!, source: `数据包：${fileName}` });
  const indMap = new Map<number, number>();
  for (const i of pkg.indicators) {
    indMap.set(i.id, yield* insertIndicatorOp({ ...i, planId, wording: i.wordingText ? parseTargetWording(i.wordingText) : null }));
  }
  for (const t of pkg.targets) {
    const ind = indMap.get(t.indicatorId);
    if (ind !== undefined) yield* upsertTargetOp({ indicatorId: ind, unitId: localUnit(t.unitId, '目标'), value: t.value, valueMax: t.valueMax });
  }
  const lineMap = new Map<number, number>();
  for (const a of pkg.actionLines) lineMap.set(a.id, yield* insertActionLineOp({ planId, seq: a.seq, title: a.title }));
  const taskMap = new Map<number, number>();
  for (const t of pkg.tasks) {
    const line = lineMap.get(t.actionLineId);
    if (line === undefined) throw new ApiError('bad_request', `“${fileName}”中任务${t.seq}所属的重点工作不存在，文件不完整。`);
    taskMap.set(
      t.id,
      yield* insertTaskOp({
        actionLineId: line,
        seq: t.seq,
        content: t.content,
        leadText: t.leadText,
        responsibleText: t.responsibleText,
        deadline: t.deadline,
        units: t.units.map((u) => ({ unitId: localUnit(u.unitId, `任务${t.seq}`), role: u.role, viaPhrase: null })),
      }),
    );
  }
  // What the district already holds for this unit, so the sub-unit sees it and the cumulative check works.
  const unitId = localUnit(identity.unit.id, '识别信息');
  const source = `数据包：${fileName}`;
  const sender = `${identity.plan.unitName}（数据包）`;
  for (const c of identity.cells) {
    const ind = indMap.get(c.indicatorId)!;
    if (c.base !== null) yield* writeFigureOp({ indicatorId: ind, unitId, period: c.period, value: c.base, by: sender, at, source });
  }
  for (const t of identity.tasks) {
    if (t.base && taskMap.has(t.taskId)) {
      yield* writeProgressOp({
        taskId: taskMap.get(t.taskId)!,
        unitId,
        period: identity.period,
        status: t.base.status as keyof typeof PROGRESS_STATUS_LABEL,
        text: t.base.text,
        reportedOn: null,
        by: sender,
        at,
      });
    }
  }
  const link: PackageLink = { fileName, identity, units: [...unitMap], indicators: [...indMap], tasks: [...taskMap] };
  yield* setSettingOp(linkKey(planId), JSON.stringify(link));
  return { planId, alreadyOpened: false };
}

/** The sub-unit's return: the identification as received, with this database's figures and progress for it. */
export function* buildReturnPackageOp(planId: number, by: string): Op<{ pkg: PackageFile; identity: ExchangeIdentity }> {
  const plan = yield* requirePlanOp(planId);
  const link = yield* packageLinkOp(planId);
  if (!link) {
    throw new ApiError('bad_request', '当前工作要点不是从数据包打开的，无法生成回报数据包。请先用“打开数据包”打开上级下发的 .tzpkg 文件。');
  }
  const identity = link.identity;
  const units = new Map(link.units);
  const inds = new Map(link.indicators);
  const tasks = new Map(link.tasks);
  const unitId = units.get(identity.unit.id)!;
  const figures: NonNullable<PackageFile['returned']>['figures'] = [];
  for (const c of identity.cells) {
    const f = yield* getFigureOp(inds.get(c.indicatorId)!, unitId, c.period);
    if (f) figures.push({ indicatorId: c.indicatorId, unitId: identity.unit.id, period: c.period, value: f.value, note: f.note });
  }
  const entered = new Map((yield* listProgressOp(planId, identity.period)).filter((p) => p.unitId === unitId).map((p) => [p.taskId, p]));
  const progress: NonNullable<PackageFile['returned']>['progress'] = [];
  for (const t of identity.tasks) {
    const p = entered.get(tasks.get(t.taskId)!);
    if (p) progress.push({ taskId: t.taskId, unitId: identity.unit.id, status: p.status, text: p.text, reportedOn: p.reportedOn });
  }
  return {
    identity,
    pkg: {
      format: PACKAGE_FORMAT,
      version: 1,
      kind: 'return',
      identity,
      plan: { title: plan.title, yearStart: plan.yearStart, yearEnd: plan.yearEnd, docNumber: plan.docNumber, issuedOn: plan.issuedOn, issuer: plan.issuer },
      units: [],
      indicators: [],
      targets: [],
      actionLines: [],
      tasks: [],
      returned: { by, at: new Date().toISOString(), figures, progress },
    },
  };
}

// --- the district's side -----------------------------------------------------

export function readReturnPackage(bytes: Buffer, fileName: string): ParsedReturn {
  const { pkg, identity } = parsePackage(bytes, fileName);
  const parsed: ParsedReturn = { kind: 'return', identity, figures: [], progress: [], returnedBy: null, refusal: null, problems: [] };
  if (pkg.kind === 'package' || !pkg.returned) {
    parsed.kind = 'package';
    parsed.refusal = `这是下发给${identity.unit.name}的数据包，还没有填报数据，不是回报。请等${identity.unit.name}在台账中填报后导出“回报数据包”再载入。`;
    return parsed;
  }
  parsed.returnedBy = pkg.returned.by;
  const other = [...pkg.returned.figures, ...pkg.returned.progress].find((f) => f.unitId !== identity.unit.id);
  if (other) {
    parsed.refusal = `回报中含有其他单位（编号 ${other.unitId}）的数据，而识别信息属于“${identity.unit.name}”：这不是${identity.unit.name}的回报，请核实后让该单位重新导出。`;
    return parsed;
  }
  const cells = new Map(identity.cells.map((c) => [`${c.indicatorId}|${c.period}`, c]));
  for (const f of pkg.returned.figures) {
    const cell = cells.get(`${f.indicatorId}|${f.period}`);
    const where = `数据包 · 指标编号 ${f.indicatorId}（${f.period}）`;
    if (!cell) {
      parsed.problems.push({ level: 'error', where, message: '该指标或报告期不在下发的填报范围内，不会导入。' });
      continue;
    }
    parsed.figures.push({ cell, raw: f.value, note: f.note, where: `数据包 · ${cell.indicatorName}` } satisfies ReturnedFigure);
  }
  const tasks = new Map(identity.tasks.map((t) => [t.taskId, t]));
  for (const p of pkg.returned.progress) {
    const task = tasks.get(p.taskId);
    if (!task) {
      parsed.problems.push({ level: 'error', where: `数据包 · 任务编号 ${p.taskId}`, message: '该任务不在下发的填报范围内，不会导入。' });
      continue;
    }
    parsed.progress.push({ task, status: p.status, text: p.text, where: `数据包 · 任务${task.seq}` } satisfies ReturnedProgress);
  }
  return parsed;
}
