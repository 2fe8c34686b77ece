/**
 * Reviews one returned file against the database (回报审核): recognises it
 * (workbook or return package), refuses it with a reason when it belongs to
 * another plan, its unit is not what it claims, its period is locked, or its
 * protected part was changed; otherwise lists the changes and conflicts.
 * Writes nothing. The file itself is read in the file worker (../jobs/fileJob.ts);
 * the comparison with the database is one Op (reviewReadOp, issue 22), the same
 * on a SQLite file and a PostgreSQL store, and the apply runs it again inside
 * its write transaction.
 */
import { cellKey } from '../../../shared/entry/views';
import { cumulativePredecessor, cumulativeSuccessor } from '../../../shared/entry/periods';
import { diffFigures, diffProgress } from '../../../shared/exchange/diff';
import type { ProgressValue, ReturnReview } from '../../../shared/exchange/review';
import { isPeriodKey, periodLabel } from '../../../shared/periods';
import { sql } from 'kysely';
import { getFigureOp } from '../db/repos/figures';
import { isLockedOp } from '../db/repos/locks';
import { getPlanOp } from '../db/repos/plans';
import { listProgressOp } from '../db/repos/progress';
import { getUnitByCodeOp, getUnitOp } from '../db/repos/units';
import type { Unit } from '../../../shared/model/units';
import { normaliseUnitName } from '../../../shared/units/normalise';
import { requirePlanOp } from '../plans/scope';
import { get, query, type Op, type OpStore } from '../store/query';
import { checksumMatches } from './checksum';
import { existingDatabaseIdOp } from './identity';
import { FileJobStopped, runFileJob } from '../jobs/fileJob';
import type { ParsedReturn } from './parsed';

function empty(fileName: string): ReturnReview {
  return {
    fileName,
    kind: null,
    refusal: null,
    planId: null,
    planTitle: null,
    unitId: null,
    unitName: null,
    period: null,
    periodLabel: null,
    exportedAt: null,
    returnedBy: null,
    figures: [],
    progress: [],
    unchanged: 0,
    problems: [],
  };
}

/**
 * The file's unit in this database: by its code first (a unit renamed since the file left is still
 * itself), else by id and name — the name as the file has it, or an old name kept as an alias.
 * A unit merged into another since is refused with what to do (its cells are the kept unit's now).
 */
const ALIAS_UNIT = query<{ unit_id: number }, { alias: string }>((_qb, p) => sql`SELECT unit_id FROM unit_aliases WHERE alias = ${p('alias')}`);

function* unitOfFileOp(id: ParsedReturn['identity']): Op<Unit | string> {
  const byCode = id.unit.code ? yield* getUnitByCodeOp(id.unit.code) : undefined;
  const unit = byCode ?? (yield* getUnitOp(id.unit.id));
  const aliasOf = (yield* get(ALIAS_UNIT, { alias: normaliseUnitName(id.unit.name) }))?.unit_id;
  if (unit && unit.id === id.unit.id && (byCode || unit.name === id.unit.name || aliasOf === unit.id)) return unit;
  const kept = aliasOf === undefined ? undefined : yield* getUnitOp(aliasOf);
  if (kept && kept.id !== id.unit.id) {
    return `“${id.unit.name}”已并入“${kept.name}”，这份文件按原单位导出，不能再载入。请为“${kept.name}”重新导出填报表。`;
  }
  return `文件声称来自“${id.unit.name}”，但本工作要点的下级单位中没有这个单位（或名称已改）。请核实后重新导出填报表。`;
}

/** Identification checks that refuse the whole file; null when it may be taken in. */
function* refusalOp(planId: number, parsed: ParsedReturn): Op<string | null> {
  const id = parsed.identity;
  if (!checksumMatches(id)) {
    return `识别信息的校验码不符：文件的受保护部分（单位、报告期、指标、目标或原值）被改动过。请重新导出并发给${id.unit.name}，不要修改隐藏或受保护的内容。`;
  }
  const plan = yield* requirePlanOp(planId);
  if (id.plan.databaseId !== (yield* existingDatabaseIdOp())) {
    return `该文件不是由本台账数据库导出的（来自另一台电脑或另一个数据库的“${id.plan.title}”），无法确认其原值，不能导入。请用本数据库重新导出填报表并发给${id.unit.name}。`;
  }
  if (id.plan.id !== planId || id.plan.title !== plan.title) {
    const theirs = yield* getPlanOp(id.plan.id);
    const hint = theirs && theirs.title === id.plan.title ? `请先在顶部切换到“${theirs.title}”再载入。` : '它不是由本数据库导出的，请核实来源。';
    return `该文件属于另一工作要点“${id.plan.title}”，当前打开的是“${plan.title}”。${hint}`;
  }
  if (parsed.refusal) return parsed.refusal;
  const unit = yield* unitOfFileOp(id);
  if (typeof unit === 'string') return unit;
  if (unit.parentId !== plan.unitId) {
    return `文件声称来自“${id.unit.name}”，但本工作要点的下级单位中没有这个单位。请核实后重新导出填报表。`;
  }
  if (!isPeriodKey(id.period)) return `识别信息中的报告期“${id.period}”无法识别，文件已损坏。`;
  let locked: string | undefined;
  for (const p of [id.period, ...id.cells.map((c) => c.period)]) {
    if (yield* isLockedOp(planId, p)) {
      locked = p;
      break;
    }
  }
  if (locked) {
    return `${periodLabel(locked)}已锁定，不再接收该期数据。如确需导入，请先在“数据填报 → 锁定”中填写原因解锁。`;
  }
  return null;
}

export interface ReviewedFile {
  review: ReturnReview;
  parsed: ParsedReturn | null;
}

/** A returned file read (no database needed): what it says, or why it cannot be read. */
export type ReadReturn = { parsed: ParsedReturn; refusal: null } | { parsed: null; refusal: string };

export async function readReturn(fileName: string, bytes: Buffer): Promise<ReadReturn> {
  try {
    // A return is a file from outside: read in the file worker, with its time budget and heap limit.
    const read = await runFileJob({ kind: 'return', fileName, bytes });
    return read.kind === 'refused' ? { parsed: null, refusal: read.message } : { parsed: read.parsed, refusal: null };
  } catch (err) {
    if (!(err instanceof FileJobStopped)) throw err;
    return { parsed: null, refusal: err.message };
  }
}

/** A plan that does not exist is refused before any file is read. */
export async function reviewFile(store: OpStore, planId: number, fileName: string, bytes: Buffer): Promise<ReviewedFile> {
  await store.read(requirePlanOp(planId));
  return store.read(reviewReadOp(planId, fileName, await readReturn(fileName, bytes)));
}

/**
 * Compares a file already read with the database. An Op, so the apply can review and write in
 * one transaction: nothing can change between what was checked and what is written.
 */
export function* reviewReadOp(planId: number, fileName: string, read: ReadReturn): Op<ReviewedFile> {
  const review = empty(fileName);
  yield* requirePlanOp(planId);
  if (!read.parsed) {
    review.refusal = read.refusal;
    return { review, parsed: null };
  }
  const parsed = read.parsed;
  const id = parsed.identity;
  Object.assign(review, {
    kind: parsed.kind,
    planId: id.plan.id,
    planTitle: id.plan.title,
    unitId: id.unit.id,
    unitName: id.unit.name,
    period: id.period,
    periodLabel: isPeriodKey(id.period) ? periodLabel(id.period) : id.period,
    exportedAt: id.exportedAt,
    returnedBy: parsed.returnedBy,
    problems: [...parsed.problems],
  });
  review.refusal = yield* refusalOp(planId, parsed);
  if (review.refusal) return { review, parsed };

  const current = new Map<string, number>();
  const previous = new Map<string, number>();
  const next = new Map<string, number>();
  for (const c of id.cells) {
    const key = cellKey(c.indicatorId, id.unit.id, c.period);
    const now = yield* getFigureOp(c.indicatorId, id.unit.id, c.period);
    if (now) current.set(key, now.value);
    const prev = cumulativePredecessor(c.period);
    const pv = prev ? yield* getFigureOp(c.indicatorId, id.unit.id, prev) : undefined;
    if (pv) previous.set(key, pv.value);
    const after = cumulativeSuccessor(c.period);
    const nv = after ? yield* getFigureOp(c.indicatorId, id.unit.id, after) : undefined;
    if (nv && nv.value !== null) next.set(key, nv.value);
  }
  const figures = diffFigures({ unitId: id.unit.id, unitName: id.unit.name, returned: parsed.figures, current, previous, next });
  const progressNow = new Map<number, ProgressValue>(
    (yield* listProgressOp(planId, id.period))
      .filter((p) => p.unitId === id.unit.id)
      .map((p) => [p.taskId, { status: p.status, text: p.text }]),
  );
  const progress = diffProgress({ unitId: id.unit.id, unitName: id.unit.name, period: id.period, returned: parsed.progress, current: progressNow });
  review.figures = figures.changes;
  review.progress = progress.changes;
  review.unchanged = figures.unchanged + progress.unchanged;
  review.problems.push(...figures.problems, ...progress.problems);
  return { review, parsed };
}
