/**
 * Takes in the changes the user accepted, in ONE transaction per accept
 * action (whatever the number of files), after a copy of the database
 * (撤销本次载入 restores it): each file is reviewed again, every
 * accepted cell must still be a change and the database must still hold the
 * value the user saw (else nothing is written and the user reloads), then the
 * figures go through saveFigures — the same checks, locks and history as
 * typed values, with the file name as source — and progress through saveProgress.
 */
import { ApiError } from '../../../shared/api/errors';
import type { FigureEdit } from '../../../shared/entry/views';
import type { AcceptedCell, ApplyResult, ProgressValue } from '../../../shared/exchange/review';
import type { Db } from '../db/open';
import { saveProgress, type ProgressInput } from '../entry/progress';
import { saveFigures } from '../entry/save';
import { runWithBackup, type BackupContext } from '../backup/service';
import { readReturn, reviewRead, type ReadReturn } from './review';

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
 * the database and every write happen in ONE writeTx, so a save from another window between
 * file 1 and file 2 can never be overwritten silently.
 */
export async function applyReturns(ctx: BackupContext, by: string, planId: number, files: AcceptedFile[]): Promise<ApplyResult> {
  const { db } = ctx;
  const read: ReadReturn[] = [];
  for (const f of files) read.push(await readReturn(f.fileName, f.bytes));
  const reason = files.length === 1 ? `载入回报 ${files[0].fileName}` : `载入回报 ${files.length} 个文件`;
  const at = new Date().toISOString();
  const { result: done, backup } = runWithBackup(ctx, { operation: 'exchange.apply', reason, by, what: '载入回报' }, (copy) => {
    const plans = files.map((f, i) => acceptedChanges(db, planId, f, read[i]));
    if (plans.some((p) => p.edits.length + p.entries.length > 0)) copy.take();
    return plans.map((p) => ({
      fileName: p.fileName,
      // A returned file's figures land as 待审核 for its unit and period (review/onSave.ts): one approval path.
      figures: p.edits.length ? saveFigures(db, planId, p.edits, by, p.fileName, 'file').changed : 0,
      progress: p.entries.length ? saveProgress(db, planId, p.period, p.entries, by).changed : 0,
    }));
  });
  return {
    figures: done.reduce((s, d) => s + d.figures, 0),
    progress: done.reduce((s, d) => s + d.progress, 0),
    by,
    at,
    files: done,
    backup: backup ? { id: backup.id, createdAt: backup.createdAt } : null,
  };
}

/** One file's accepted cells, checked against the database as it is now (inside the transaction). */
function acceptedChanges(db: Db, planId: number, f: AcceptedFile, read: ReadReturn) {
  const { review } = reviewRead(db, planId, f.fileName, read);
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
