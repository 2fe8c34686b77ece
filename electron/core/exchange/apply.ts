/**
 * Takes in the changes the user accepted, in ONE transaction per accept
 * action (whatever the number of files), after a copy of the database
 * (撤销本次载入 restores it): each file is reviewed again, every
 * accepted cell must still be a change and the database must still hold the
 * value the user saw (else nothing is written and the user reloads), then the
 * figures go through saveFigures — the same checks, locks and history as
 * typed values, with the file name as source — and progress through saveProgress.
 * Written once over the query layer (issue 22): the same Op on a SQLite file
 * (writeTx, the file's copy) and a PostgreSQL store (writeTxPg, a pg_dump copy).
 */
import { ApiError } from '../../../shared/api/errors';
import type { FigureEdit } from '../../../shared/entry/views';
import type { AcceptedCell, ApplyResult, ProgressValue, ReturnReview } from '../../../shared/exchange/review';
import { saveProgressOp, type ProgressInput } from '../entry/progress';
import { saveFiguresOp } from '../entry/save';
import { takeCopyOp } from '../backup/service';
import type { Op } from '../store/query';
import type { ExchangeOn } from './on';
import { readReturn, reviewReadOp, type ReadReturn } from './review';

export interface AcceptedFile {
  fileName: string;
  bytes: Buffer;
  accept: AcceptedCell[];
}

const sameSeen = (seen: AcceptedCell['seen'], now: number | null | ProgressValue) => {
  if (seen === null || now === null || typeof seen === 'number' || typeof now === 'number') return seen === now;
  return seen.status === now.status && seen.text === now.text;
};

const STALE = '请重新载入回报文件后再确认。';

/**
 * Files are read first (no database needed); then review, the "seen value" checks, the copy of
 * the database and every write happen in ONE write transaction, so a save from another window
 * between file 1 and file 2 can never be overwritten silently.
 */
export async function applyReturns(on: ExchangeOn, by: string, planId: number, files: AcceptedFile[]): Promise<ApplyResult> {
  const read: ReadReturn[] = [];
  for (const f of files) read.push(await readReturn(f.fileName, f.bytes));
  const reason = files.length === 1 ? `载入回报 ${files[0].fileName}` : `载入回报 ${files.length} 个文件`;
  const at = new Date().toISOString();
  const spec = { operation: 'exchange.apply' as const, reason, by, what: '载入回报' };
  const { result: done, backup } = await on.withBackup({ spec, op: applyOp(by, at, planId, files, read) });
  return {
    figures: done.reduce((s, d) => s + d.figures, 0),
    progress: done.reduce((s, d) => s + d.progress, 0),
    by,
    at,
    files: done,
    backup: backup ? { id: backup.id, createdAt: backup.createdAt } : null,
  };
}

type Applied = ApplyResult['files'][number];

/** Inside the write transaction: every file checked again, the copy once something will be written, then the writes. */
export function* applyOp(by: string, at: string, planId: number, files: AcceptedFile[], read: ReadReturn[]): Op<Applied[]> {
  const plans: ReturnType<typeof acceptedOf>[] = [];
  for (const [i, f] of files.entries()) plans.push(acceptedOf(f, (yield* reviewReadOp(planId, f.fileName, read[i])).review));
  if (plans.some((p) => p.edits.length + p.entries.length > 0)) yield* takeCopyOp();
  const done: Applied[] = [];
  for (const p of plans) {
    done.push({
      fileName: p.fileName,
      // A returned file's figures land as 待审核 for its unit and period (review/onSave.ts): one approval path.
      figures: p.edits.length ? yield* saveFiguresOp(planId, p.edits, by, at, p.fileName, 'file') : 0,
      progress: p.entries.length ? yield* saveProgressOp(planId, p.period, p.entries, by, at) : 0,
    });
  }
  return done;
}

/** One file's accepted cells, checked against its review of the database as it is now (inside the transaction). */
function acceptedOf(f: AcceptedFile, review: ReturnReview) {
  if (review.refusal) throw new ApiError('bad_request', `“${f.fileName}”不能导入：${review.refusal}`);
  const figures = new Map(review.figures.map((c) => [c.key, c]));
  const progress = new Map(review.progress.map((c) => [c.key, c]));
  const edits: FigureEdit[] = [];
  const entries: ProgressInput[] = [];
  for (const a of f.accept) {
    const fc = figures.get(a.key);
    const pc = progress.get(a.key);
    if (fc) {
      if (fc.blocked) throw new ApiError('bad_request', `“${f.fileName}” ${fc.unitName} · ${fc.indicatorName}：${fc.blocked}`);
      if (!sameSeen(a.seen, fc.current)) {
        throw new ApiError('conflict', `“${f.fileName}” ${fc.unitName} · ${fc.indicatorName}：确认之后数据库中的值已变化（现为 ${fc.current ?? '空'}）。${STALE}`);
      }
      edits.push({ indicatorId: fc.indicatorId, unitId: fc.unitId, period: fc.period, value: fc.value, note: fc.note, confirmed: true });
    } else if (pc) {
      if (!sameSeen(a.seen, pc.current)) {
        throw new ApiError('conflict', `“${f.fileName}” ${pc.unitName} · 任务${pc.taskSeq}：确认之后数据库中的进展已变化。${STALE}`);
      }
      entries.push({ taskId: pc.taskId, unitId: pc.unitId, status: pc.value.status, text: pc.value.text, reportedOn: null });
    } else {
      throw new ApiError('bad_request', `“${f.fileName}”中找不到要确认的修改（${a.key}），可能已经导入过。${STALE}`);
    }
  }
  return { fileName: f.fileName, period: review.period!, edits, entries };
}
