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
 * All of it is ONE transaction together with the batch's answer in
 * sync_batches: a push repeated after a lost answer (the server went down
 * before answering) finds its batch and gets the first answer again, so
 * nothing is applied twice and nothing is lost.
 */
import { ApiError } from '../../../shared/api/errors';
import type { AccountRef } from '../../../shared/accounts/roles';
import type { ProgressStatus } from '../../../shared/model/task';
import { figureKey, progressCellKey, pushAnswerSchema, type PushAnswer, type PushRequest } from '../../../shared/sync/wire';
import type { Db } from '../db/open';
import { writeTx } from '../db/tx';
import { getFigure } from '../db/repos/figures';
import { getReview } from '../db/repos/reviews';
import { saveFigures } from '../entry/save';
import { saveProgress } from '../entry/progress';
import { planUnits } from '../plans/scope';
import { recordConflict, recordProgressConflict } from './conflicts';
import { reviewsOf, syncUnitOf } from './serverPull';

type Result = PushAnswer['results'][number];

const sameProgress = (a: { status: string; text: string } | null, b: { status: string; text: string } | null) =>
  a === null || b === null ? a === b : a.status === b.status && a.text.trim() === b.text.trim();

/** A failure of one cell's checks, as the street should read it. */
const messageOf = (err: unknown) => (err instanceof ApiError ? err.message : null);

export function pushFor(db: Db, account: AccountRef | null, req: PushRequest): PushAnswer {
  const unit = syncUnitOf(db, account);
  const userId = account!.id;
  return writeTx(db, () => {
    const stored = db.prepare('SELECT user_id, result FROM sync_batches WHERE batch_id = ?').get(req.batchId) as { user_id: number; result: string } | undefined;
    if (stored) {
      if (stored.user_id !== userId) throw new ApiError('bad_request', '该同步批次属于另一个账户，已拒绝。');
      return { ...pushAnswerSchema.parse(JSON.parse(stored.result)), replayed: true, reviews: reviewsOf(db, req.serverPlanId, unit.id) };
    }
    const { plan, subUnits } = planUnits(db, req.serverPlanId);
    if (!subUnits.some((u) => u.id === unit.id)) {
      throw new ApiError('forbidden', `“${unit.name}”不是工作要点“${plan.title}”的填报单位，不能向它同步。`);
    }
    const by = account!.name;
    const source = `同步（${req.sentBy}）`;
    const at = new Date().toISOString();
    const results: Result[] = [];
    for (const f of req.figures) {
      const key = figureKey(f.indicatorId, f.period);
      const current = getFigure(db, f.indicatorId, unit.id, f.period)?.value ?? null;
      if (current === f.value) {
        results.push({ key, outcome: 'unchanged', current, message: null });
      } else if (current !== f.base) {
        recordConflict(db, { planId: plan.id, unitId: unit.id, indicatorId: f.indicatorId, period: f.period, value: f.value, note: f.note, base: f.base, current, by, at });
        results.push({ key, outcome: 'conflict', current, message: `区里在此期间已改为 ${current ?? '空'}，由区里决定采用哪个值` });
      } else if (getReview(db, plan.id, unit.id, f.period)?.state === 'approved') {
        results.push({ key, outcome: 'refused', current, message: '已审核通过，不能再修改。如需更正，请联系区里退回后再改' });
      } else {
        try {
          // One cell per save: a cell the checks refuse is answered with why, the others still go in.
          saveFigures(db, plan.id, [{ indicatorId: f.indicatorId, unitId: unit.id, period: f.period, value: f.value, note: f.note, confirmed: true }], by, source, 'unit');
          results.push({ key, outcome: 'applied', current: f.value, message: null });
        } catch (err) {
          const message = messageOf(err);
          if (message === null) throw err;
          results.push({ key, outcome: 'refused', current, message });
        }
      }
    }
    for (const p of req.progress) {
      const key = progressCellKey(p.taskId, p.period);
      const row = db
        .prepare('SELECT status, text FROM progress WHERE task_id = ? AND unit_id = ? AND period = ?')
        .get(p.taskId, unit.id, p.period) as { status: string; text: string } | undefined;
      const current = row ? { status: row.status as ProgressStatus, text: row.text } : null;
      const mine = { status: p.status, text: p.text };
      if (sameProgress(current, mine)) {
        results.push({ key, outcome: 'unchanged', current: current as never, message: null });
      } else if (!sameProgress(current, p.base)) {
        recordProgressConflict(db, { planId: plan.id, unitId: unit.id, taskId: p.taskId, period: p.period, value: { ...mine, reportedOn: p.reportedOn }, base: p.base, current, by, at });
        results.push({ key, outcome: 'conflict', current: current as never, message: '区里在此期间也修改了这条任务进展，由区里决定采用哪个' });
      } else {
        try {
          saveProgress(db, plan.id, p.period, [{ taskId: p.taskId, unitId: unit.id, status: p.status, text: p.text, reportedOn: p.reportedOn }], by);
          results.push({ key, outcome: 'applied', current: mine, message: null });
        } catch (err) {
          const message = messageOf(err);
          if (message === null) throw err;
          results.push({ key, outcome: 'refused', current: current as never, message });
        }
      }
    }
    const answer: PushAnswer = { batchId: req.batchId, replayed: false, results, reviews: reviewsOf(db, plan.id, unit.id) };
    db.prepare('INSERT INTO sync_batches (batch_id, user_id, plan_id, sent_by, at, result) VALUES (?, ?, ?, ?, ?, ?)').run(
      req.batchId,
      userId,
      plan.id,
      req.sentBy,
      at,
      JSON.stringify({ ...answer, reviews: [] }),
    );
    return answer;
  });
}
