/**
 * The desktop's side of a push: the unit's cells changed since the last
 * exchange (this PC's value is not what the server held then), each sent with
 * that base so the server can tell a conflict. A batch is written to
 * sync_outbox BEFORE it is sent and removed only when its answer is recorded:
 * a server that goes down mid-push (or an answer that never arrives) leaves
 * the batch there, and the next sync sends the very same batch again — the
 * server answers a batch it already took with its first answer (serverPush.ts),
 * so nothing is lost and nothing is applied twice.
 */
import { randomUUID } from 'node:crypto';
import type { PushAnswer, PushRequest } from '../../../shared/sync/wire';
import { SYNC_PROTOCOL, pushAnswerSchema } from '../../../shared/sync/wire';
import type { Db } from '../db/open';
import { writeTx } from '../db/tx';
import { sql } from 'kysely';
import { all, query, runSync, type Op } from '../store/query';
import type { ServerClient } from './client';
import { sameValue, valueText } from './applyPull';
import { cellsOf, cellsOfOp, outboxOf, putCell, putReviews, type CellValue, type OutboxEntry, type SyncLink } from './store';

export interface PushTally {
  batches: number;
  applied: number;
  unchanged: number;
  conflicts: number;
  refused: number;
  resent: number;
  conflictList: { label: string; mine: string; theirs: string }[];
  refusedList: { label: string; message: string }[];
}

export const emptyTally = (): PushTally => ({ batches: 0, applied: 0, unchanged: 0, conflicts: 0, refused: 0, resent: 0, conflictList: [], refusedList: [] });

const UNIT_FIGURES = query<{ indicator_id: number; period: string; value: number; note: string | null }, { planId: number; unitId: number }>(
  (_qb, p) => sql`SELECT f.indicator_id, f.period, f.value, f.note FROM figures f JOIN indicators i ON i.id = f.indicator_id
    WHERE i.plan_id = ${p('planId')} AND f.unit_id = ${p('unitId')}`,
);
const UNIT_PROGRESS = query<{ task_id: number; period: string; status: string; text: string; reported_on: string | null }, { planId: number; unitId: number }>(
  (_qb, p) => sql`SELECT p.task_id, p.period, p.status, p.text, p.reported_on FROM progress p JOIN tasks t ON t.id = p.task_id
    JOIN action_lines a ON a.id = t.action_line_id WHERE a.plan_id = ${p('planId')} AND p.unit_id = ${p('unitId')}`,
);

/** The unit's cells as this PC holds them now: local key → value (figures and progress). */
export function* localCellsOp(link: SyncLink): Op<Map<string, { value: CellValue; note: string | null }>> {
  const out = new Map<string, { value: CellValue; note: string | null }>();
  const unit = { planId: link.planId, unitId: link.unitId };
  for (const f of yield* all(UNIT_FIGURES, unit)) out.set(`f|${f.indicator_id}|${f.period}`, { value: f.value, note: f.note });
  for (const r of yield* all(UNIT_PROGRESS, unit)) {
    out.set(`p|${r.task_id}|${r.period}`, { value: { status: r.status, text: r.text, reportedOn: r.reported_on }, note: null });
  }
  return out;
}

export function localCells(db: Db, link: SyncLink): Map<string, { value: CellValue; note: string | null }> {
  return runSync(db, localCellsOp(link));
}

/** The local keys a batch carries. */
export function batchKeys(link: SyncLink, payload: PushRequest): string[] {
  const ind = new Map(link.map.indicators);
  const task = new Map(link.map.tasks);
  return [
    ...payload.figures.map((f) => `f|${ind.get(f.indicatorId)}|${f.period}`),
    ...payload.progress.map((p) => `p|${task.get(p.taskId)}|${p.period}`),
  ];
}

const RESPONSIBLE_TASKS = query<{ task_id: number }, { unitId: number }>(
  (_qb, p) => sql`SELECT task_id FROM task_units WHERE unit_id = ${p('unitId')} AND role = 'responsible'`,
);

/**
 * The cells this PC can send at all: of an indicator or task that follows the server's (one the
 * district removed stays here, unsent), and progress only of tasks this unit still answers for.
 */
function* sendableOp(link: SyncLink): Op<(key: string) => boolean> {
  const indicators = new Set(link.map.indicators.map(([, l]) => l));
  const tasks = new Set(link.map.tasks.map(([, l]) => l));
  const mine = new Set((yield* all(RESPONSIBLE_TASKS, { unitId: link.unitId })).map((r) => r.task_id));
  return (key) => {
    const [kind, idText] = key.split('|');
    const id = Number(idText);
    return kind === 'f' ? indicators.has(id) : tasks.has(id) && mine.has(id);
  };
}

/** Which of the unit's cells wait to be sent: changed here since the last exchange, not already answered for this value. */
export function* pendingKeysOp(link: SyncLink): Op<string[]> {
  const cells = yield* cellsOfOp(link.planId);
  const local = yield* localCellsOp(link);
  const canSend = yield* sendableOp(link);
  const keys = new Set([...local.keys(), ...[...cells.keys()]]);
  const out: string[] = [];
  for (const key of keys) {
    if (!canSend(key)) continue;
    const cell = cells.get(key);
    const value = local.get(key)?.value ?? null;
    if (sameValue(value, cell?.base ?? null)) continue;
    // Already answered for exactly this value (a conflict the district decides, a refusal): not sent again.
    if (cell && (cell.state === 'conflict' || cell.state === 'refused') && cell.sent !== undefined && sameValue(cell.sent, value)) continue;
    // A progress entry removed here cannot be removed on the server: nothing to send.
    if (key.startsWith('p|') && value === null) continue;
    out.push(key);
  }
  return out;
}

export function pendingKeys(db: Db, link: SyncLink): string[] {
  return runSync(db, pendingKeysOp(link));
}

function buildBatch(db: Db, link: SyncLink, sentBy: string): PushRequest | null {
  const keys = pendingKeys(db, link);
  if (keys.length === 0) return null;
  const cells = cellsOf(db, link.planId);
  const local = localCells(db, link);
  const serverInd = new Map(link.map.indicators.map(([s, l]) => [l, s]));
  const serverTask = new Map(link.map.tasks.map(([s, l]) => [l, s]));
  const batch: PushRequest = { protocol: SYNC_PROTOCOL, batchId: randomUUID(), serverPlanId: link.serverPlanId, sentBy, figures: [], progress: [] };
  for (const key of keys) {
    const [kind, idText, period] = key.split('|');
    const base = cells.get(key)?.base ?? null;
    const mine = local.get(key);
    if (kind === 'f') {
      const id = serverInd.get(Number(idText));
      if (id === undefined) continue;
      batch.figures.push({ indicatorId: id, period, value: (mine?.value as number | undefined) ?? null, note: mine?.note ?? null, base: typeof base === 'number' ? base : null });
    } else {
      const id = serverTask.get(Number(idText));
      const v = mine?.value as { status: PushRequest['progress'][number]['status']; text: string; reportedOn?: string | null };
      if (id === undefined || !v) continue;
      const b = base && typeof base === 'object' ? { status: base.status as PushRequest['progress'][number]['status'], text: base.text } : null;
      batch.progress.push({ taskId: id, period, status: v.status, text: v.text, reportedOn: v.reportedOn ?? null, base: b });
    }
  }
  return batch.figures.length + batch.progress.length ? batch : null;
}

/** Records a batch's answer, in one transaction with the removal of the batch from the outbox. */
function recordAnswer(db: Db, link: SyncLink, entry: OutboxEntry, payload: PushRequest, answer: PushAnswer, tally: PushTally, labelOf: (key: string) => string): void {
  const keys = batchKeys(link, payload);
  const sent = new Map<string, CellValue>();
  payload.figures.forEach((f, i) => sent.set(keys[i], f.value));
  payload.progress.forEach((p, i) => sent.set(keys[payload.figures.length + i], { status: p.status, text: p.text, reportedOn: p.reportedOn }));
  const localOf = new Map<string, string>();
  payload.figures.forEach((f, i) => localOf.set(`f|${f.indicatorId}|${f.period}`, keys[i]));
  payload.progress.forEach((p, i) => localOf.set(`p|${p.taskId}|${p.period}`, keys[payload.figures.length + i]));
  const at = new Date().toISOString();
  writeTx(db, () => {
    const cells = cellsOf(db, link.planId);
    for (const r of answer.results) {
      const key = localOf.get(r.key);
      if (!key) continue;
      const value = sent.get(key) ?? null;
      const cell = cells.get(key);
      const base = cell?.base ?? null;
      tally[r.outcome === 'conflict' ? 'conflicts' : r.outcome]++;
      // Applied: the server took it just now, after every 审核 step this PC knows of (serverAt unknown until the next pull).
      const serverAt = r.outcome === 'applied' ? null : (cell?.serverAt ?? null);
      if (r.outcome === 'applied' || r.outcome === 'unchanged') {
        putCell(db, link.planId, { key, base: value, sent: value, state: 'sent', message: null, at, serverAt });
      } else if (r.outcome === 'conflict') {
        const theirs = valueText(r.current as CellValue);
        putCell(db, link.planId, { key, base, sent: value, state: 'conflict', message: r.message ?? `服务器上为 ${theirs}`, at, serverAt });
        tally.conflictList.push({ label: labelOf(key), mine: valueText(value), theirs });
      } else {
        putCell(db, link.planId, { key, base, sent: value, state: 'refused', message: r.message, at, serverAt });
        tally.refusedList.push({ label: labelOf(key), message: r.message ?? '' });
      }
    }
    putReviews(db, link.planId, answer.reviews);
    db.prepare('DELETE FROM sync_outbox WHERE batch_id = ?').run(entry.batchId);
  });
}

async function send(db: Db, client: ServerClient, link: SyncLink, entry: OutboxEntry, tally: PushTally, labelOf: (key: string) => string): Promise<void> {
  writeTx(db, () => db.prepare('UPDATE sync_outbox SET attempts = attempts + 1 WHERE batch_id = ?').run(entry.batchId));
  const payload = JSON.parse(entry.payload) as PushRequest;
  const answer = pushAnswerSchema.parse(await client.call<unknown>('sync.push', payload));
  if (answer.replayed) tally.resent++;
  recordAnswer(db, link, entry, payload, answer, tally, labelOf);
}

/** The batches a previous sync left unanswered first, then what changed since: one batch per plan. */
export async function pushLink(db: Db, client: ServerClient, link: SyncLink, sentBy: string, tally: PushTally, labelOf: (key: string) => string): Promise<void> {
  for (const entry of outboxOf(db, link.planId)) await send(db, client, link, entry, tally, labelOf);
  const batch = buildBatch(db, link, sentBy);
  if (!batch) return;
  const entry: OutboxEntry = { batchId: batch.batchId, planId: link.planId, payload: JSON.stringify(batch), createdAt: new Date().toISOString(), attempts: 0 };
  // Written before it leaves: whatever happens to the connection, the batch is still here.
  writeTx(db, () =>
    db.prepare('INSERT INTO sync_outbox (batch_id, plan_id, payload, created_at, attempts) VALUES (?, ?, ?, ?, 0)').run(entry.batchId, entry.planId, entry.payload, entry.createdAt),
  );
  tally.batches++;
  await send(db, client, link, entry, tally, labelOf);
}
