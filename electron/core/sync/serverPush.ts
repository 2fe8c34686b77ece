/**
 * The server's side of a push (`sync.push`, a 填报员 account): the street's
 * changed cells arrive like a returned file's — each checked against the
 * value the street last saw (`base`): the same value is nothing to do; another
 * value on the server is a conflict (the district changed it meanwhile: kept,
 * recorded for the district, never overwritten); approved figures are refused
 * (read-only to an entry account); a task's progress the district changed
 * meanwhile is a conflict the same way (sync_conflicts, kind 'progress'); the
 * rest is written through saveFigures / saveProgress — the same checks, locks
 * and history as typed values, figures landing as 待审核 for the district's 审核. A cell the checks refuse is answered with
 * the reason and written nowhere; the others still go in.
 *
 * All of it is ONE write transaction together with the batch's answer in
 * sync_batches (writeTxOp on SQLite — IMMEDIATE —, writeTxPgOp on PostgreSQL
 * under the writers' advisory lock): a push repeated after a lost answer (the
 * server went down before answering), or sent twice at once, finds its batch
 * and gets the first answer again, so nothing is applied twice and nothing is
 * lost. Each cell is written inside a savepoint, so a cell the checks refuse
 * leaves nothing of itself behind while the others still go in.
 */
import { sql } from 'kysely';
import { ApiError } from '../../../shared/api/errors';
import type { AccountRef } from '../../../shared/accounts/roles';
import { figureKey, progressCellKey, pushAnswerSchema, type PushAnswer, type PushRequest } from '../../../shared/sync/wire';
import { getFigureOp } from '../db/repos/figures';
import { getReviewOp } from '../db/repos/reviews';
import { saveFiguresOp } from '../entry/save';
import { saveProgressOp } from '../entry/progress';
import { planUnitsOp } from '../plans/scope';
import { get, query, run, type Op } from '../store/query';
import { progressNowOp, recordConflictOp, recordProgressConflictOp } from './conflicts';
import { reviewsOfOp, syncUnitOfOp } from './serverPull';

type Result = PushAnswer['results'][number];

const sameProgress = (a: { status: string; text: string } | null, b: { status: string; text: string } | null) =>
  a === null || b === null ? a === b : a.status === b.status && a.text.trim() === b.text.trim();

/** A failure of one cell's checks, as the street should read it. */
const messageOf = (err: unknown) => (err instanceof ApiError ? err.message : null);

const BATCH = query<{ user_id: number; result: string }, { batchId: string }>(
  (_qb, p) => sql`SELECT user_id, result FROM sync_batches WHERE batch_id = ${p('batchId')}`,
);
const RECORD_BATCH = query<never, { batchId: string; userId: number; planId: number; sentBy: string; at: string; result: string }>(
  (_qb, p) => sql`INSERT INTO sync_batches (batch_id, user_id, plan_id, sent_by, at, result)
    VALUES (${p('batchId')}, ${p('userId')}, ${p('planId')}, ${p('sentBy')}, ${p('at')}, ${p('result')})`,
);
// Both engines say savepoints alike; the push's own transaction holds them (one client on PostgreSQL).
const SAVEPOINT = query<never>(() => sql`SAVEPOINT sync_cell`);
const RELEASE = query<never>(() => sql`RELEASE SAVEPOINT sync_cell`);
const ROLLBACK_TO = query<never>(() => sql`ROLLBACK TO SAVEPOINT sync_cell`);

/**
 * One cell's write inside a savepoint: refused by its checks (an ApiError), nothing of it stays and the
 * refusal is its answer; any other failure fails the whole push.
 */
function* cellWrite(op: Op<unknown>): Op<string | null> {
  yield* run(SAVEPOINT);
  try {
    yield* op;
  } catch (err) {
    const message = messageOf(err);
    if (message === null) throw err;
    yield* run(ROLLBACK_TO);
    yield* run(RELEASE);
    return message;
  }
  yield* run(RELEASE);
  return null;
}

/** The push as ONE write Op (run it with writeTxOp / the store's write): `at` is when the server took it. */
export function* pushOp(account: AccountRef | null, req: PushRequest, at: string): Op<PushAnswer> {
  const unit = yield* syncUnitOfOp(account);
  const userId = account!.id;
  const stored = yield* get(BATCH, { batchId: req.batchId });
  if (stored) {
    if (stored.user_id !== userId) throw new ApiError('bad_request', '该同步批次属于另一个账户，已拒绝。');
    return { ...pushAnswerSchema.parse(JSON.parse(stored.result)), replayed: true, reviews: yield* reviewsOfOp(req.serverPlanId, unit.id) };
  }
  const { plan, subUnits } = yield* planUnitsOp(req.serverPlanId);
  if (!subUnits.some((u) => u.id === unit.id)) {
    throw new ApiError('forbidden', `“${unit.name}”不是工作要点“${plan.title}”的填报单位，不能向它同步。`);
  }
  const by = account!.name;
  const source = `同步（${req.sentBy}）`;
  const results: Result[] = [];
  for (const f of req.figures) {
    const key = figureKey(f.indicatorId, f.period);
    const current = (yield* getFigureOp(f.indicatorId, unit.id, f.period))?.value ?? null;
    if (current === f.value) {
      results.push({ key, outcome: 'unchanged', current, message: null });
    } else if (current !== f.base) {
      yield* recordConflictOp({ planId: plan.id, unitId: unit.id, indicatorId: f.indicatorId, period: f.period, value: f.value, note: f.note, base: f.base, current, by, at });
      results.push({ key, outcome: 'conflict', current, message: `区里在此期间已改为 ${current ?? '空'}，由区里决定采用哪个值` });
    } else if ((yield* getReviewOp(plan.id, unit.id, f.period))?.state === 'approved') {
      results.push({ key, outcome: 'refused', current, message: '已审核通过，不能再修改。如需更正，请联系区里退回后再改' });
    } else {
      // One cell per save: a cell the checks refuse is answered with why, the others still go in.
      const refused = yield* cellWrite(
        saveFiguresOp(plan.id, [{ indicatorId: f.indicatorId, unitId: unit.id, period: f.period, value: f.value, note: f.note, confirmed: true }], by, at, source, 'unit'),
      );
      results.push(refused === null ? { key, outcome: 'applied', current: f.value, message: null } : { key, outcome: 'refused', current, message: refused });
    }
  }
  for (const p of req.progress) {
    const key = progressCellKey(p.taskId, p.period);
    const current = yield* progressNowOp(p.taskId, unit.id, p.period);
    const mine = { status: p.status, text: p.text };
    if (sameProgress(current, mine)) {
      results.push({ key, outcome: 'unchanged', current: current as never, message: null });
    } else if (!sameProgress(current, p.base)) {
      yield* recordProgressConflictOp({ planId: plan.id, unitId: unit.id, taskId: p.taskId, period: p.period, value: { ...mine, reportedOn: p.reportedOn }, base: p.base, current, by, at });
      results.push({ key, outcome: 'conflict', current: current as never, message: '区里在此期间也修改了这条任务进展，由区里决定采用哪个' });
    } else {
      const refused = yield* cellWrite(
        saveProgressOp(plan.id, p.period, [{ taskId: p.taskId, unitId: unit.id, status: p.status, text: p.text, reportedOn: p.reportedOn }], by, at),
      );
      results.push(refused === null ? { key, outcome: 'applied', current: mine, message: null } : { key, outcome: 'refused', current: current as never, message: refused });
    }
  }
  const answer: PushAnswer = { batchId: req.batchId, replayed: false, results, reviews: yield* reviewsOfOp(plan.id, unit.id) };
  yield* run(RECORD_BATCH, { batchId: req.batchId, userId, planId: plan.id, sentBy: req.sentBy, at, result: JSON.stringify({ ...answer, reviews: [] }) });
  return answer;
}
