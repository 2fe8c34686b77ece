/**
 * The lower level's side of 上级下达: a plan package from the city received
 * by a district. It goes into the district's own plan for that year — found
 * by the unit's stable code, else its name (the 青云谱区 example included) —
 * or, in a database without one, creates the unit and the plan. Each issued
 * indicator is linked to one of the district's (the previous version's link,
 * else by code, else by name; a new indicator otherwise) and kept, as issued,
 * in upper_issue_* (immutable, migration 010). The issued value becomes the
 * district's own target where it has none; where the district's differs, the
 * difference is listed and kept unless the receiver chooses the issued value
 * (`adopt`). A later package of the same upper plan is the next version, its
 * differences from the previous one listed. Nothing is written by a preview;
 * a commit is one transaction after a checked copy of the database.
 *
 * A package whose plan is not a city's (a district's to its street) is the
 * sub-unit's data package of before: opened as a plan (package.ts).
 *
 * Written once over the query layer (issue 22): the analysis is an Op read on
 * either engine, and run again inside the commit's ONE write transaction, with
 * its copy first (runWithBackupOp on a file, runWithBackupPg on PostgreSQL).
 */
import { ApiError } from '../../../shared/api/errors';
import type { ExchangeIdentity } from '../../../shared/exchange/identity';
import { compareIssued, type IssueItem, type IssueReceipt, type IssueTaskItem } from '../../../shared/exchange/issue';
import type { Plan } from '../../../shared/model/plan';
import type { Unit } from '../../../shared/model/units';
import { formatNumber } from '../../../shared/numbers';
import { normaliseUnitName } from '../../../shared/units/normalise';
import { parseTargetWording } from '../../../shared/wording';
import { sql } from 'kysely';
import { takeCopyOp } from '../backup/service';
import { insertIndicatorOp, listIndicatorsOp, listTargetsOp } from '../db/repos/indicators';
import { insertPlanOp, listPlansOp } from '../db/repos/plans';
import { writeTargetOp } from '../db/repos/targetWrites';
import { insertActionLineOp, insertTaskOp, listActionLinesOp } from '../db/repos/tasks';
import { insertUnitOp, listUnitsOp } from '../db/repos/units';
import { all, get, query, returnedId, run, type Op } from '../store/query';
import { checksumMatches } from './checksum';
import { operatorOn, type ExchangeOn } from './on';
import { openPackageOn, parsePackage } from './package';
import type { PackageFile } from './packageFormat';
import { NotAnExchangeFile } from './parsed';

/** A city's package is received as 上级下达; a district's (to its street) is opened as a plan, as before. */
export function isIssuePackage(pkg: PackageFile): boolean {
  return pkg.kind === 'package' && pkg.units.find((u) => u.parentId === null)?.kind === 'city';
}

const norm = (s: string) => normaliseUnitName(s);

interface IssueRow {
  id: number;
  plan_id: number;
  version: number;
  export_id: string;
  exported_at: string;
  upper_database_id: string;
  upper_plan_id: number;
  upper_unit_name: string;
  upper_plan_title: string;
}

interface IssuedIndicatorRow {
  upper_indicator_id: number;
  code: string | null;
  name: string;
  value: number;
  value_max: number | null;
  indicator_id: number | null;
}

interface IssuedTaskRow {
  upper_task_id: number;
  content: string;
  task_id: number | null;
}

const ISSUES_OF = query<IssueRow, { databaseId: string; upperPlanId: number }>(
  (_qb, p) =>
    sql`SELECT * FROM upper_issues WHERE upper_database_id = ${p('databaseId')} AND upper_plan_id = ${p('upperPlanId')} ORDER BY plan_id, version`,
);
const LAST_UPPER_OF_PLAN = query<{ upper_unit_name: string; upper_plan_title: string }, { planId: number }>(
  (_qb, p) => sql`SELECT upper_unit_name, upper_plan_title FROM upper_issues WHERE plan_id = ${p('planId')} ORDER BY version DESC LIMIT 1`,
);
const ISSUED_INDICATOR_ROWS = query<IssuedIndicatorRow, { issueId: number }>(
  (_qb, p) => sql`SELECT * FROM upper_issue_indicators WHERE issue_id = ${p('issueId')} ORDER BY sort_order, upper_indicator_id`,
);
const ISSUED_TASK_ROWS = query<IssuedTaskRow, { issueId: number }>(
  (_qb, p) => sql`SELECT upper_task_id, content, task_id FROM upper_issue_tasks WHERE issue_id = ${p('issueId')} ORDER BY seq, upper_task_id`,
);

function emptyReceipt(fileName: string): IssueReceipt {
  return {
    fileName,
    mode: 'issue',
    refusal: null,
    upperUnitName: null,
    upperPlanTitle: null,
    unitName: null,
    year: null,
    version: null,
    previousVersion: null,
    planId: null,
    planTitle: null,
    created: false,
    alreadyReceived: false,
    sampleTargets: false,
    items: [],
    tasks: [],
    committed: false,
    backupId: null,
  };
}

/** Where the package goes in this database; a refusal says why it cannot go anywhere. */
interface Destination {
  unit: Unit | null;
  plan: Plan | null;
  previous: IssueRow | null;
  refusal: string | null;
  alreadyReceived: boolean;
}

function* destinationOp(pkg: PackageFile, id: ExchangeIdentity): Op<Destination> {
  const none: Destination = { unit: null, plan: null, previous: null, refusal: null, alreadyReceived: false };
  const units = yield* listUnitsOp();
  const upper = id.plan.unitName;
  const name = id.unit.name;
  const byCode = id.unit.code ? units.find((u) => u.code === id.unit.code) : undefined;
  const unit = byCode ?? units.find((u) => u.parentId === null && u.kind !== 'department' && norm(u.name) === norm(name));
  const tops = units.filter((u) => u.parentId === null && u.kind !== 'department');
  if (unit && unit.parentId !== null) {
    const parent = units.find((u) => u.id === unit.parentId);
    return {
      ...none,
      refusal: `本台账中的“${unit.name}”是${parent?.name ?? '另一单位'}的下级单位：这是下达方自己的台账，不能在这里接收下达给${name}的数据包。请在${name}的台账中接收。`,
    };
  }
  if (!unit && tops.length > 0) {
    return {
      ...none,
      refusal: `这份数据包是${upper}下达给“${name}”的，而本台账是${tops.map((u) => u.name).join('、')}的。请在${name}的台账中接收，或请${upper}为本单位重新导出。`,
    };
  }
  const year = pkg.plan.yearEnd;
  const versions = yield* all(ISSUES_OF, { databaseId: id.plan.databaseId, upperPlanId: id.plan.id });
  const same = versions.find((v) => v.export_id === id.exportId);
  const latest = versions.length ? versions[versions.length - 1] : null;
  const plans = yield* listPlansOp();
  if (same) return { ...none, unit: unit ?? null, plan: plans.find((p) => p.id === same.plan_id) ?? null, previous: same, alreadyReceived: true };
  if (latest && id.exportedAt < latest.exported_at) {
    return {
      ...none,
      refusal: `这份数据包（${id.exportedAt.slice(0, 10)}导出）早于已接收的第${latest.version}版（${latest.exported_at.slice(0, 10)}导出），是旧版本，不能接收。请使用${upper}最新下达的数据包。`,
    };
  }
  const linked = latest ? plans.find((p) => p.id === latest.plan_id) : undefined;
  const plan =
    linked ??
    (unit
      ? plans
          .filter((p) => p.unitId === unit.id && !p.archivedAt && p.yearStart <= year && p.yearEnd >= year)
          .sort((a, b) => Number(b.yearStart === b.yearEnd) - Number(a.yearStart === a.yearEnd) || b.id - a.id)[0]
      : undefined);
  if (plan && !linked) {
    const other = yield* get(LAST_UPPER_OF_PLAN, { planId: plan.id });
    if (other) {
      return {
        ...none,
        refusal: `“${plan.title}”已承接${other.upper_unit_name}下达的“${other.upper_plan_title}”，这份数据包来自另一份上级计划“${id.plan.title}”（或另一台电脑上的台账）。请核实来源，不能两份上级计划同时承接。`,
      };
    }
  }
  return { unit: unit ?? null, plan: plan ?? null, previous: linked ? latest : null, refusal: null, alreadyReceived: false };
}

interface Analysis {
  receipt: IssueReceipt;
  pkg: PackageFile;
  identity: ExchangeIdentity;
  dest: Destination;
}

function* analyseOp(fileName: string, pkg: PackageFile, identity: ExchangeIdentity, adopt: boolean): Op<Analysis> {
  const receipt = emptyReceipt(fileName);
  const root = pkg.units.find((u) => u.parentId === null)!;
  Object.assign(receipt, {
    upperUnitName: identity.plan.unitName,
    upperPlanTitle: identity.plan.title,
    unitName: identity.unit.name,
    year: pkg.plan.yearEnd,
    sampleTargets: pkg.plan.sampleTargets === true,
  });
  const dest = yield* destinationOp(pkg, identity);
  const out = { receipt, pkg, identity, dest };
  if (dest.refusal) {
    receipt.refusal = dest.refusal;
    return out;
  }
  receipt.alreadyReceived = dest.alreadyReceived;
  receipt.planId = dest.plan?.id ?? null;
  receipt.planTitle = dest.plan?.title ?? planTitleFor(pkg, identity);
  receipt.created = !dest.plan;
  if (dest.alreadyReceived) {
    receipt.version = dest.previous!.version;
    return out;
  }
  receipt.version = (dest.previous?.version ?? 0) + 1;
  receipt.previousVersion = dest.previous?.version ?? null;

  const prevIndicators = new Map<number, IssuedIndicatorRow>();
  const prevTasks = new Map<number, IssuedTaskRow>();
  if (dest.previous) {
    for (const r of yield* all(ISSUED_INDICATOR_ROWS, { issueId: dest.previous.id })) prevIndicators.set(r.upper_indicator_id, r);
    for (const r of yield* all(ISSUED_TASK_ROWS, { issueId: dest.previous.id })) prevTasks.set(r.upper_task_id, r);
  }
  const local = dest.plan ? yield* listIndicatorsOp(dest.plan.id) : [];
  const localTargets = new Map(
    dest.plan && dest.unit ? (yield* listTargetsOp(dest.plan.id)).filter((t) => t.unitId === dest.unit!.id).map((t) => [t.indicatorId, t]) : [],
  );
  const issuedTo = new Map(pkg.targets.filter((t) => t.unitId === identity.unit.id).map((t) => [t.indicatorId, t]));
  const upperOwn = new Map(pkg.targets.filter((t) => t.unitId === root.id).map((t) => [t.indicatorId, t]));
  const taken = new Set<number>();
  for (const ind of pkg.indicators) {
    const t = issuedTo.get(ind.id);
    if (!t) continue; // a goal the city keeps for itself (省实验室 1家): not this unit's to reach
    const prev = prevIndicators.get(ind.id);
    const prevLinked = prev?.indicator_id != null ? local.find((i) => i.id === prev.indicator_id) : undefined;
    const byCode = ind.code ? local.find((i) => i.code === ind.code && !taken.has(i.id)) : undefined;
    const byName = local.find((i) => norm(i.name) === norm(ind.name) && !taken.has(i.id));
    const link = prevLinked ?? byCode ?? byName;
    if (link) taken.add(link.id);
    const mine = link ? localTargets.get(link.id) : undefined;
    const decision = compareIssued({ issued: t.value, issuedMax: t.valueMax, linked: !!link, local: mine?.value ?? null, localMax: mine?.valueMax ?? null, adopt });
    receipt.items.push({
      upperIndicatorId: ind.id,
      code: ind.code ?? null,
      name: ind.name,
      measureUnit: ind.measureUnit,
      issued: t.value,
      issuedMax: t.valueMax,
      upperTarget: upperOwn.get(ind.id)?.value ?? null,
      previousIssued: prev ? prev.value : null,
      local: mine?.value ?? null,
      localMax: mine?.valueMax ?? null,
      linkedIndicatorId: link?.id ?? null,
      linkedName: link?.name ?? null,
      linkedBy: prevLinked ? 'previous' : byCode ? 'code' : byName ? 'name' : 'new',
      ...decision,
    } satisfies IssueItem);
  }
  for (const prev of prevIndicators.values()) {
    if (issuedTo.has(prev.upper_indicator_id)) continue;
    const link = prev.indicator_id != null ? local.find((i) => i.id === prev.indicator_id) : undefined;
    receipt.items.push({
      upperIndicatorId: prev.upper_indicator_id,
      code: prev.code,
      name: prev.name,
      measureUnit: '',
      issued: null,
      issuedMax: null,
      upperTarget: null,
      previousIssued: prev.value,
      local: link ? (localTargets.get(link.id)?.value ?? null) : null,
      localMax: null,
      linkedIndicatorId: link?.id ?? null,
      linkedName: link?.name ?? null,
      linkedBy: link ? 'previous' : null,
      kind: 'removed',
      taken: false,
    });
  }
  const lineTitle = new Map(pkg.actionLines.map((a) => [a.id, a.title]));
  const mineTasks = pkg.tasks.filter((t) => t.units.some((u) => u.unitId === identity.unit.id));
  for (const t of mineTasks) {
    const prev = prevTasks.get(t.id);
    const change: IssueTaskItem['change'] = !prev || prev.task_id === null ? 'added' : prev.content === t.content ? 'same' : 'changed';
    receipt.tasks.push({
      upperTaskId: t.id,
      seq: t.seq,
      actionLine: lineTitle.get(t.actionLineId) ?? '',
      content: t.content,
      responsibleText: t.responsibleText,
      change,
      previousContent: change === 'changed' ? prev!.content : null,
      taken: change === 'added' || (change === 'changed' && adopt),
    });
  }
  for (const prev of prevTasks.values()) {
    if (mineTasks.some((t) => t.id === prev.upper_task_id)) continue;
    receipt.tasks.push({ upperTaskId: prev.upper_task_id, seq: 0, actionLine: '', content: prev.content, responsibleText: '', change: 'removed', previousContent: null, taken: false });
  }
  return out;
}

const planTitleFor = (pkg: PackageFile, id: ExchangeIdentity) => `${pkg.plan.yearEnd}年${id.unit.name}科技创新工作要点`;

class ReturnNotPackage extends NotAnExchangeFile {}

/** Reads a package: a refused one throws NotAnExchangeFile / ApiError with the reason. */
function readIssue(bytes: Buffer, fileName: string): { pkg: PackageFile; identity: ExchangeIdentity } {
  const { pkg, identity } = parsePackage(bytes, fileName);
  if (pkg.kind !== 'package') {
    throw new ReturnNotPackage(`“${fileName}”是下级单位发回的回报数据包，不是上级下达的计划。请在“数据交换 → 载入回报”中载入它。`);
  }
  if (!checksumMatches(identity)) {
    throw new NotAnExchangeFile(`“${fileName}”的识别信息校验不符，文件已被改动。请让${identity.plan.unitName}重新导出数据包。`);
  }
  return { pkg, identity };
}

export interface ReceiveOptions {
  commit: boolean;
  /** Take the issued values where the district's own targets (or task texts) differ. */
  adopt: boolean;
}

/**
 * Receives a package: a city's as 上级下达 (preview, or commit with its backup), a district's
 * opened as a plan as before (its commit only; the preview says what it is). Never throws for a
 * package it refuses: the receipt's `refusal` says why. A commit needs the caller's operator.
 */
export async function receivePackage(on: ExchangeOn, bytes: Buffer, fileName: string, opts: ReceiveOptions): Promise<IssueReceipt> {
  let read: { pkg: PackageFile; identity: ExchangeIdentity };
  try {
    read = readIssue(bytes, fileName);
  } catch (err) {
    if (err instanceof ReturnNotPackage) return { ...emptyReceipt(fileName), mode: 'return', refusal: err.message };
    if (err instanceof NotAnExchangeFile) return { ...emptyReceipt(fileName), mode: null, refusal: err.message };
    throw err;
  }
  const { pkg, identity } = read;
  if (!isIssuePackage(pkg)) return openAsPlan(on, bytes, fileName, pkg, identity, opts);
  const first = await on.store.read(analyseOp(fileName, pkg, identity, opts.adopt));
  if (!opts.commit || first.receipt.refusal || first.receipt.alreadyReceived) return first.receipt;
  const by = await operatorOn(on);
  const spec = { operation: 'exchange.receive' as const, reason: `接收上级下达 ${fileName}`, by, what: '接收上级下达' };
  const { result, backup } = await on.withBackup({ spec, op: receiveOp(fileName, pkg, identity, opts.adopt, by) });
  return { ...result, committed: true, backupId: backup?.id ?? null };
}

/** Inside the write transaction: analysed again under the writers' lock — what is written is what was compared —, then the copy, then the writes. */
function* receiveOp(fileName: string, pkg: PackageFile, identity: ExchangeIdentity, adopt: boolean, by: string): Op<IssueReceipt> {
  const a = yield* analyseOp(fileName, pkg, identity, adopt);
  if (a.receipt.refusal) throw new ApiError('bad_request', a.receipt.refusal);
  yield* takeCopyOp();
  yield* writeIssueOp(a, by);
  return a.receipt;
}

/** A district's package to its street: opened as a plan (package.ts); the receipt says so. */
async function openAsPlan(on: ExchangeOn, bytes: Buffer, fileName: string, pkg: PackageFile, identity: ExchangeIdentity, opts: ReceiveOptions): Promise<IssueReceipt> {
  const receipt: IssueReceipt = {
    ...emptyReceipt(fileName),
    mode: 'package',
    upperUnitName: identity.plan.unitName,
    upperPlanTitle: identity.plan.title,
    unitName: identity.unit.name,
    year: pkg.plan.yearEnd,
    planTitle: pkg.plan.title,
  };
  if (!opts.commit) return receipt;
  const opened = await openPackageOn(on, bytes, fileName);
  return { ...receipt, planId: opened.planId, alreadyReceived: opened.alreadyOpened, created: !opened.alreadyOpened, committed: !opened.alreadyOpened };
}

const INSERT_ISSUE = query<
  { id: number },
  {
    planId: number;
    version: number;
    databaseId: string;
    upperPlanId: number;
    upperPlanTitle: string;
    upperDocNumber: string | null;
    upperUnitName: string;
    upperUnitCode: string | null;
    unitUpperId: number;
    unitCode: string | null;
    unitName: string;
    exportId: string;
    exportedAt: string;
    receivedAt: string;
    receivedBy: string;
    fileName: string;
    sampleTargets: number;
    package: string;
  }
>(
  (_qb, p) => sql`INSERT INTO upper_issues (plan_id, version, upper_database_id, upper_plan_id, upper_plan_title, upper_doc_number, upper_unit_name,
     upper_unit_code, unit_upper_id, unit_code, unit_name, export_id, exported_at, received_at, received_by, file_name, sample_targets, package)
   VALUES (${p('planId')}, ${p('version')}, ${p('databaseId')}, ${p('upperPlanId')}, ${p('upperPlanTitle')}, ${p('upperDocNumber')}, ${p('upperUnitName')},
     ${p('upperUnitCode')}, ${p('unitUpperId')}, ${p('unitCode')}, ${p('unitName')}, ${p('exportId')}, ${p('exportedAt')}, ${p('receivedAt')},
     ${p('receivedBy')}, ${p('fileName')}, ${p('sampleTargets')}, ${p('package')})
   RETURNING id`,
);
const MAX_INDICATOR_SORT = query<{ n: number | null }, { planId: number }>((_qb, p) => sql`SELECT max(sort_order) AS n FROM indicators WHERE plan_id = ${p('planId')}`);
const CODE_TAKEN = query<{ one: number }, { planId: number; code: string }>(
  (_qb, p) => sql`SELECT 1 AS one FROM indicators WHERE plan_id = ${p('planId')} AND code = ${p('code')}`,
);
const INSERT_ISSUED_INDICATOR = query<
  never,
  {
    issueId: number;
    upperIndicatorId: number;
    code: string | null;
    name: string;
    measureUnit: string;
    aggregation: string;
    frequency: string;
    wordingText: string | null;
    upperValue: number | null;
    value: number | null;
    valueMax: number | null;
    indicatorId: number;
    sortOrder: number;
  }
>(
  (_qb, p) => sql`INSERT INTO upper_issue_indicators (issue_id, upper_indicator_id, code, name, measure_unit, aggregation, frequency, wording_text,
     upper_value, upper_value_max, value, value_max, indicator_id, sort_order)
   VALUES (${p('issueId')}, ${p('upperIndicatorId')}, ${p('code')}, ${p('name')}, ${p('measureUnit')}, ${p('aggregation')}, ${p('frequency')},
     ${p('wordingText')}, ${p('upperValue')}, NULL, ${p('value')}, ${p('valueMax')}, ${p('indicatorId')}, ${p('sortOrder')})`,
);
const MAX_TASK_SEQ = query<{ n: number | null }, { planId: number }>(
  (_qb, p) => sql`SELECT max(t.seq) AS n FROM tasks t JOIN action_lines a ON a.id = t.action_line_id WHERE a.plan_id = ${p('planId')}`,
);
const SET_TASK_CONTENT = query<never, { content: string; id: number }>((_qb, p) => sql`UPDATE tasks SET content = ${p('content')} WHERE id = ${p('id')}`);
const INSERT_ISSUED_TASK = query<
  never,
  { issueId: number; upperTaskId: number; seq: number; actionLine: string; content: string; leadText: string; responsibleText: string; taskId: number | null }
>(
  (_qb, p) => sql`INSERT INTO upper_issue_tasks (issue_id, upper_task_id, seq, action_line, content, lead_text, responsible_text, task_id)
   VALUES (${p('issueId')}, ${p('upperTaskId')}, ${p('seq')}, ${p('actionLine')}, ${p('content')}, ${p('leadText')}, ${p('responsibleText')}, ${p('taskId')})`,
);

function* writeIssueOp(a: Analysis, by: string): Op<void> {
  const { pkg, identity, dest, receipt } = a;
  const at = new Date().toISOString();
  const source = `上级下达：${receipt.fileName}`;
  const recipient = pkg.units.find((u) => u.id === identity.unit.id);
  const root = pkg.units.find((u) => u.parentId === null)!;
  // The unit and the plan: created in an empty database (or for a year it has no plan for).
  const unitId =
    dest.unit?.id ??
    (yield* insertUnitOp({
      name: identity.unit.name,
      kind: recipient?.kind ?? 'district',
      parentId: null,
      sortOrder: 0,
      code: identity.unit.code && !(yield* listUnitsOp()).some((u) => u.code === identity.unit.code) ? identity.unit.code : undefined,
      fullName: recipient?.fullName ?? null,
    }));
  const planId =
    dest.plan?.id ??
    (yield* insertPlanOp({
      unitId,
      title: receipt.planTitle!,
      yearStart: pkg.plan.yearStart,
      yearEnd: pkg.plan.yearEnd,
      docNumber: null,
      issuedOn: null,
      issuer: null,
      source,
    }));
  receipt.planId = planId;
  const issueId = returnedId(
    yield* get(INSERT_ISSUE, {
      planId,
      version: receipt.version!,
      databaseId: identity.plan.databaseId,
      upperPlanId: identity.plan.id,
      upperPlanTitle: identity.plan.title,
      upperDocNumber: pkg.plan.docNumber,
      upperUnitName: identity.plan.unitName,
      upperUnitCode: root.code ?? identity.plan.unitCode ?? null,
      unitUpperId: identity.unit.id,
      unitCode: identity.unit.code ?? null,
      unitName: identity.unit.name,
      exportId: identity.exportId,
      exportedAt: identity.exportedAt,
      receivedAt: at,
      receivedBy: by,
      fileName: receipt.fileName,
      sampleTargets: receipt.sampleTargets ? 1 : 0,
      package: JSON.stringify(pkg),
    }),
  );
  const audit = { planId, by, at, source };
  const upperInd = new Map(pkg.indicators.map((i) => [i.id, i]));
  let sort = (yield* get(MAX_INDICATOR_SORT, { planId }))?.n ?? 0;
  for (const [order, item] of receipt.items.entries()) {
    if (item.kind === 'removed') continue;
    const ind = upperInd.get(item.upperIndicatorId)!;
    let localId = item.linkedIndicatorId;
    if (localId === null) {
      sort += 1;
      const wordingText = `${ind.name}${formatNumber(item.issued!)}${item.issuedMax !== null ? `-${formatNumber(item.issuedMax)}` : ''}${ind.measureUnit}`;
      const codeFree = ind.code && !(yield* get(CODE_TAKEN, { planId, code: ind.code }));
      localId = yield* insertIndicatorOp({
        planId,
        name: ind.name,
        code: codeFree ? ind.code : undefined,
        measureUnit: ind.measureUnit,
        aggregation: ind.aggregation,
        frequency: ind.frequency,
        decimals: ind.decimals,
        sortOrder: sort,
        wording: parseTargetWording(wordingText),
        wordingText,
        baseline: null,
        decomposed: false,
      });
      item.linkedIndicatorId = localId;
      item.linkedName = ind.name;
    }
    if (item.taken) yield* writeTargetOp(audit, localId, unitId, item.issued!, item.issuedMax);
    yield* run(INSERT_ISSUED_INDICATOR, {
      issueId,
      upperIndicatorId: item.upperIndicatorId,
      code: item.code,
      name: item.name,
      measureUnit: item.measureUnit,
      aggregation: ind.aggregation,
      frequency: ind.frequency,
      wordingText: ind.wordingText,
      upperValue: item.upperTarget,
      value: item.issued,
      valueMax: item.issuedMax,
      indicatorId: localId,
      sortOrder: order,
    });
  }

  // Tasks: added under the upper plan's action lines (appended after the district's own), the district responsible.
  const prevTaskIds = new Map<number, number | null>();
  if (dest.previous) {
    for (const r of yield* all(ISSUED_TASK_ROWS, { issueId: dest.previous.id })) prevTaskIds.set(r.upper_task_id, r.task_id);
  }
  const lines = yield* listActionLinesOp(planId);
  const lineIds = new Map(lines.map((l) => [l.title, l.id]));
  let lineSeq = lines.reduce((m, l) => Math.max(m, l.seq), 0);
  let taskSeq = (yield* get(MAX_TASK_SEQ, { planId }))?.n ?? 0;
  const upperTask = new Map(pkg.tasks.map((t) => [t.id, t]));
  for (const item of receipt.tasks) {
    if (item.change === 'removed') continue;
    const t = upperTask.get(item.upperTaskId)!;
    let localTask = prevTaskIds.get(item.upperTaskId) ?? null;
    if (item.change === 'added') {
      const title = `${item.actionLine}（${identity.plan.unitName}下达）`;
      let lineId = lineIds.get(title);
      if (lineId === undefined) {
        lineSeq += 1;
        lineId = yield* insertActionLineOp({ planId, seq: lineSeq, title });
        lineIds.set(title, lineId);
      }
      taskSeq += 1;
      const role = t.units.find((u) => u.unitId === identity.unit.id)?.role ?? 'responsible';
      localTask = yield* insertTaskOp({
        actionLineId: lineId,
        seq: taskSeq,
        content: t.content,
        leadText: t.leadText,
        responsibleText: t.responsibleText,
        deadline: t.deadline,
        // The district reports progress on it: it is responsible, and leads where the city says so.
        units: [
          ...(role === 'lead' ? [{ unitId, role: 'lead' as const, viaPhrase: null }] : []),
          { unitId, role: 'responsible' as const, viaPhrase: null },
        ],
      });
    } else if (item.change === 'changed' && item.taken && localTask !== null) {
      yield* run(SET_TASK_CONTENT, { content: t.content, id: localTask });
    }
    yield* run(INSERT_ISSUED_TASK, {
      issueId,
      upperTaskId: item.upperTaskId,
      seq: t.seq,
      actionLine: item.actionLine,
      content: t.content,
      leadText: t.leadText,
      responsibleText: t.responsibleText,
      taskId: localTask,
    });
  }
}
