/**
 * The desktop's side of a pull: the server's plans for this PC's unit applied
 * as a data package is opened (exchange/package.ts) — units and indicators
 * found by their stable codes, the server's ids mapped to this database's —
 * and, on later pulls, brought up to date with every difference listed:
 * targets (with target_history), new indicators and tasks, task wording, the
 * district's published figures, the 审核 states.
 *
 * The unit's own cells follow one rule (reconcile), so nothing is overwritten
 * silently on this side either: a cell changed only on the server (the
 * district corrected it, or kept its value in a conflict) takes the server's
 * value — listed, the old one in the cell's history; a cell changed here
 * keeps this PC's value and is pushed; a cell changed on both sides keeps
 * this PC's value, marked 冲突, for the district to decide.
 *
 * All of it in one transaction, after a copy of the database when it changes
 * anything (runWithBackup).
 */
import { ApiError } from '../../../shared/api/errors';
import type { Unit } from '../../../shared/model/units';
import type { ProgressStatus, Task, TaskRole } from '../../../shared/model/task';
import { formatNumber } from '../../../shared/numbers';
import { periodLabel } from '../../../shared/periods';
import { REVIEW_STATE_LABEL } from '../../../shared/review/states';
import type { SyncChange } from '../../../shared/sync/views';
import type { PullAnswer, PulledPlan } from '../../../shared/sync/wire';
import { normaliseUnitName } from '../../../shared/units/normalise';
import { parseTargetWording } from '../../../shared/wording';
import { runWithBackup, type BackupContext, type OperationBackup } from '../backup/service';
import type { Db } from '../db/open';
import { getFigure, writeFigure } from '../db/repos/figures';
import { insertIndicator, listTargets } from '../db/repos/indicators';
import { writeTarget } from '../db/repos/targetWrites';
import { insertPlan } from '../db/repos/plans';
import { writeProgress } from '../db/repos/progress';
import { insertActionLine, insertTask, listTasks } from '../db/repos/tasks';
import { insertUnit, listUnits } from '../db/repos/units';
import { cellsOf, linkByServer, putCell, putLink, putReviews, reviewsOfLink, type CellValue, type LinkMap, type SyncCell } from './store';

export interface PullOutcome {
  plans: number;
  created: number;
  changes: SyncChange[];
}

type ProgressValue = { status: string; text: string; reportedOn?: string | null };

export const sameValue = (a: CellValue | undefined, b: CellValue | undefined): boolean => {
  if (a === undefined || b === undefined) return a === b;
  if (a === null || b === null || typeof a === 'number' || typeof b === 'number') return a === b;
  return a.status === b.status && a.text.trim() === b.text.trim();
};

export const valueText = (v: CellValue | undefined, decimals = 4): string =>
  v === null || v === undefined ? '空' : typeof v === 'number' ? formatNumber(v, decimals) : `${v.status === 'done' ? '已完成' : v.status === 'late' ? '滞后' : v.status === 'in_progress' ? '推进中' : '未启动'}：${v.text}`;

export function applyPull(ctx: BackupContext, server: string, answer: PullAnswer, by: string): PullOutcome {
  const changes: SyncChange[] = [];
  let created = 0;
  runWithBackup(ctx, { operation: 'sync', reason: `同步 ${server}`, by, what: '同步' }, (copy) => {
    const w = new Writer(copy);
    for (const p of answer.plans) {
      if (applyPlan(ctx.db, w, server, answer, p, by, changes)) created++;
    }
  });
  return { plans: answer.plans.length, created, changes };
}

/** Takes the before-operation copy once, before the first write that changes this PC's data. */
class Writer {
  private taken = false;
  constructor(private readonly copy: OperationBackup) {}
  write<T>(fn: () => T): T {
    if (!this.taken) {
      this.copy.take();
      this.taken = true;
    }
    return fn();
  }
}

function applyPlan(db: Db, w: Writer, server: string, answer: PullAnswer, p: PulledPlan, by: string, changes: SyncChange[]): boolean {
  const at = new Date().toISOString();
  const link = linkByServer(db, answer.serverId, p.serverPlanId);
  const map: LinkMap = link?.map ?? { units: [], indicators: [], actionLines: [], tasks: [] };
  const unitMap = new Map(map.units);
  const root = p.units.find((u) => u.parentId === null);
  if (!root) throw new ApiError('bad_request', `服务器发来的“${p.plan.title}”缺少单位树的根，无法同步。`);
  const mineOnServer = p.units.find((u) => u.id === answer.account.unitId);
  if (!mineOnServer) throw new ApiError('bad_request', `服务器发来的“${p.plan.title}”中没有本单位“${answer.account.unitName}”，无法同步。`);
  const title = p.plan.title;
  const change = (c: Omit<SyncChange, 'plan'>) => changes.push({ plan: title, ...c });

  // Units by code first (the district may have renamed one), then by name under the same parent.
  const findOrCreate = (u: PulledPlan['units'][number], parentId: number | null, sortOrder: number): number => {
    const mapped = unitMap.get(u.id);
    if (mapped !== undefined && listUnits(db).some((x) => x.id === mapped)) return mapped;
    const local = listUnits(db);
    const found =
      local.find((x: Unit) => x.code === u.code) ?? local.find((x: Unit) => x.parentId === parentId && normaliseUnitName(x.name) === normaliseUnitName(u.name));
    if (found) return found.id;
    return w.write(() =>
      insertUnit(db, { name: u.name, kind: u.kind, parentId, sortOrder, code: local.some((x) => x.code === u.code) ? undefined : u.code, fullName: u.fullName }),
    );
  };
  unitMap.set(root.id, findOrCreate(root, null, 0));
  p.units.filter((u) => u.parentId !== null).forEach((u, i) => unitMap.set(u.id, findOrCreate(u, unitMap.get(root.id)!, i + 1)));
  const localUnit = (id: number) => unitMap.get(id);
  const myUnit = unitMap.get(mineOnServer.id)!;
  const districtUnit = unitMap.get(root.id)!;

  const isNew = !link;
  const planId = link
    ? link.planId
    : w.write(() => insertPlan(db, { ...p.plan, unitId: districtUnit, source: `服务器：${server}`, example: p.plan.example }));
  if (isNew) change({ kind: 'plan', label: `新建工作要点“${title}”（来自服务器）`, old: null, new: title });
  const source = `同步：${server}`;
  const sender = `${root.name}（服务器）`;

  // Indicators: the server's id → ours; new ones by code in this plan, else added.
  const indMap = new Map(map.indicators);
  const localInds = db.prepare('SELECT id, code, name, measure_unit, decimals, wording_text, baseline FROM indicators WHERE plan_id = ?').all(planId) as {
    id: number;
    code: string;
    name: string;
    measure_unit: string;
    decimals: number;
    wording_text: string | null;
    baseline: number | null;
  }[];
  const decimalsOf = new Map<number, number>();
  for (const i of p.indicators) {
    const local = localInds.find((x) => x.id === indMap.get(i.id)) ?? localInds.find((x) => x.code === i.code);
    decimalsOf.set(i.id, i.decimals);
    if (!local) {
      const id = w.write(() => insertIndicator(db, { ...i, planId, wording: i.wordingText ? parseTargetWording(i.wordingText) : null }));
      indMap.set(i.id, id);
      if (!isNew) change({ kind: 'indicator', label: `新增指标：${i.name}`, old: null, new: i.name });
      continue;
    }
    indMap.set(i.id, local.id);
    if (local.name !== i.name || local.measure_unit !== i.measureUnit || local.decimals !== i.decimals || local.wording_text !== i.wordingText || local.baseline !== i.baseline) {
      w.write(() =>
        db
          .prepare('UPDATE indicators SET name = ?, measure_unit = ?, decimals = ?, wording_text = ?, wording_json = ?, baseline = ? WHERE id = ?')
          .run(i.name, i.measureUnit, i.decimals, i.wordingText, i.wordingText ? JSON.stringify(parseTargetWording(i.wordingText)) : null, i.baseline, local.id),
      );
      change({ kind: 'indicator', label: `指标：${i.name}`, old: `${local.name}（${local.wording_text ?? ''}）`, new: `${i.name}（${i.wordingText ?? ''}）` });
    }
  }
  const nameOfInd = new Map(p.indicators.map((i) => [i.id, i.name]));

  // Targets of the district and this unit: the district's to set; a change is listed and kept in target_history.
  const targetAudit = { planId, by, at, source };
  const targetsNow = new Map(listTargets(db, planId).map((t) => [`${t.indicatorId}|${t.unitId}`, t]));
  const pulledTargets = new Set<string>();
  for (const t of p.targets) {
    const ind = indMap.get(t.indicatorId);
    const unit = localUnit(t.unitId);
    if (ind === undefined || unit === undefined) continue;
    pulledTargets.add(`${ind}|${unit}`);
    const old = targetsNow.get(`${ind}|${unit}`);
    if (old && old.value === t.value && (old.valueMax ?? null) === t.valueMax) continue;
    w.write(() => writeTarget(db, targetAudit, ind, unit, t.value, t.valueMax));
    if (!isNew) {
      const unitName = p.units.find((u) => u.id === t.unitId)?.name ?? '';
      change({ kind: 'target', label: `目标：${unitName} · ${nameOfInd.get(t.indicatorId)}`, old: old ? String(old.value) : null, new: String(t.value) });
    }
  }
  // A target of the district or this unit the server no longer holds was removed there: removed here
  // too (listed, in target_history); the figures entered against it stay, and the list says how many.
  const pulledInds = new Set(p.indicators.map((i) => indMap.get(i.id)));
  const nameOfLocalUnit = new Map(p.units.map((u) => [localUnit(u.id), u.name]));
  for (const [key, old] of targetsNow) {
    if (pulledTargets.has(key) || !pulledInds.has(old.indicatorId) || !nameOfLocalUnit.has(old.unitId)) continue;
    w.write(() => writeTarget(db, targetAudit, old.indicatorId, old.unitId, null));
    const kept = db.prepare('SELECT count(*) FROM figures WHERE indicator_id = ? AND unit_id = ?').pluck().get(old.indicatorId, old.unitId) as number;
    const serverInd = [...indMap].find(([, l]) => l === old.indicatorId)?.[0];
    change({
      kind: 'target',
      label: `目标：${nameOfLocalUnit.get(old.unitId)} · ${serverInd !== undefined ? nameOfInd.get(serverInd) : ''}`,
      old: old.valueMax != null ? `${old.value}-${old.valueMax}` : String(old.value),
      new: `区里已删除该目标${kept ? `（本机已填的 ${kept} 个完成数保留）` : ''}`,
    });
  }
  // An indicator the server no longer holds stays here with its figures, listed once — then it
  // follows no server indicator (its figures are not sent).
  const stillOnServer = new Set(p.indicators.map((i) => i.id));
  for (const [serverId, localId] of indMap) {
    if (stillOnServer.has(serverId)) continue;
    const name = localInds.find((x) => x.id === localId)?.name ?? `指标${localId}`;
    change({ kind: 'indicator', label: `指标：${name}`, old: name, new: '区里已删除该指标（本机保留它和已填的完成数，不再同步）' });
    indMap.delete(serverId);
  }

  // Action lines and tasks: added when new, their wording kept as the district writes it.
  const lineMap = new Map(map.actionLines);
  for (const a of p.actionLines) {
    if (lineMap.has(a.id)) continue;
    lineMap.set(a.id, w.write(() => insertActionLine(db, { planId, seq: a.seq, title: a.title })));
  }
  const taskMap = new Map(map.tasks);
  const tasksNow = new Map(listTasks(db, planId).map((t) => [t.id, t]));
  const ctxOfLinks: LinkContext = { mine: new Set([districtUnit, myUnit]), myUnit, names: new Map(p.units.map((u) => [localUnit(u.id)!, u.name])), change, removed: false };
  for (const t of p.tasks) {
    const local = tasksNow.get(taskMap.get(t.id) ?? -1);
    if (!local) {
      const line = lineMap.get(t.actionLineId);
      if (line === undefined) throw new ApiError('bad_request', `服务器发来的任务${t.seq}所属的重点工作不存在，无法同步。`);
      const units = t.units.flatMap((u) => (localUnit(u.unitId) === undefined ? [] : [{ unitId: localUnit(u.unitId)!, role: u.role, viaPhrase: null }]));
      taskMap.set(t.id, w.write(() => insertTask(db, { actionLineId: line, seq: t.seq, content: t.content, leadText: t.leadText, responsibleText: t.responsibleText, deadline: t.deadline, units })));
      if (!isNew) change({ kind: 'task', label: `新增任务${t.seq}`, old: null, new: t.content });
      continue;
    }
    if (local.content !== t.content || local.leadText !== t.leadText || local.responsibleText !== t.responsibleText || local.seq !== t.seq) {
      w.write(() =>
        db.prepare('UPDATE tasks SET seq = ?, content = ?, lead_text = ?, responsible_text = ?, deadline = ? WHERE id = ?').run(t.seq, t.content, t.leadText, t.responsibleText, t.deadline, local.id),
      );
      change({ kind: 'task', label: `任务${t.seq}`, old: local.content, new: t.content });
    }
    relinkTask(db, w, local, t.seq, t.units.flatMap((u) => (localUnit(u.unitId) === undefined ? [] : [{ unitId: localUnit(u.unitId)!, role: u.role }])), ctxOfLinks);
  }
  // A task the server no longer holds: it stays here with its progress, no longer this unit's, listed
  // once — then it follows no server task (its progress is not sent).
  const pulledTaskIds = new Set(p.tasks.map((t) => t.id));
  for (const [serverId, localId] of taskMap) {
    if (pulledTaskIds.has(serverId)) continue;
    const local = tasksNow.get(localId);
    if (local) relinkTask(db, w, local, local.seq, [], { ...ctxOfLinks, removed: true });
    taskMap.delete(serverId);
  }

  // The district's published figures: the server's to say.
  const districtOnServer = p.figures.filter((f) => f.unitId === root.id);
  for (const f of districtOnServer) {
    const ind = indMap.get(f.indicatorId)!;
    const now = getFigure(db, ind, districtUnit, f.period);
    if (now && now.value === f.value) continue;
    w.write(() => writeFigure(db, { indicatorId: ind, unitId: districtUnit, period: f.period, value: f.value, note: f.note, by: sender, at, source }));
    if (!isNew) {
      change({ kind: 'figure', label: `${root.name} · ${nameOfInd.get(f.indicatorId)}（${periodLabel(f.period)}）`, old: now ? valueText(now.value, decimalsOf.get(f.indicatorId)) : null, new: valueText(f.value, decimalsOf.get(f.indicatorId)) });
    }
  }

  // This unit's own cells.
  const cells = cellsOf(db, planId);
  const conflicts = new Map(p.conflicts.map((c) => [`f|${indMap.get(c.indicatorId)}|${c.period}`, c]));
  const serverFigures = new Map(p.figures.filter((f) => f.unitId === mineOnServer.id).map((f) => [`f|${indMap.get(f.indicatorId)}|${f.period}`, f]));
  const localFigures = new Map(
    (
      db
        .prepare('SELECT f.indicator_id, f.period, f.value FROM figures f JOIN indicators i ON i.id = f.indicator_id WHERE i.plan_id = ? AND f.unit_id = ?')
        .raw()
        .all(planId, myUnit) as [number, string, number][]
    ).map(([i, period, value]) => [`f|${i}|${period}`, value]),
  );
  const serverIndOf = new Map([...indMap].map(([s, l]) => [l, s]));
  const figureKeys = new Set([...serverFigures.keys(), ...localFigures.keys(), ...[...cells.keys()].filter((k) => k.startsWith('f|'))]);
  for (const key of figureKeys) {
    const [, indText, period] = key.split('|');
    const ind = Number(indText);
    const serverInd = serverIndOf.get(ind);
    if (serverInd === undefined) continue;
    const decimals = decimalsOf.get(serverInd);
    const label = `${mineOnServer.name} · ${nameOfInd.get(serverInd)}（${periodLabel(period)}）`;
    const sv = serverFigures.get(key);
    reconcile(db, w, planId, cells.get(key), key, isNew, {
      server: sv ? sv.value : null,
      serverAt: null,
      local: localFigures.has(key) ? localFigures.get(key)! : null,
      conflict: conflicts.get(key) ?? null,
      label,
      decimals,
      write: (v) => writeFigure(db, { indicatorId: ind, unitId: myUnit, period, value: v as number | null, note: sv?.note ?? null, by: sender, at, source }),
      change,
    });
  }

  // This unit's task progress, by the same rule.
  const serverTaskOf = new Map([...taskMap].map(([s, l]) => [l, s]));
  const serverProgress = new Map(p.progress.map((e) => [`p|${taskMap.get(e.taskId)}|${e.period}`, e]));
  const localProgress = new Map(
    (
      db
        .prepare(
          `SELECT p.task_id, p.period, p.status, p.text, p.reported_on FROM progress p JOIN tasks t ON t.id = p.task_id JOIN action_lines a ON a.id = t.action_line_id
           WHERE a.plan_id = ? AND p.unit_id = ?`,
        )
        .raw()
        .all(planId, myUnit) as [number, string, string, string, string | null][]
    ).map(([t, period, status, text, reportedOn]) => [`p|${t}|${period}`, { status, text, reportedOn }]),
  );
  const seqOf = new Map(p.tasks.map((t) => [t.id, t.seq]));
  const progressConflicts = new Map(p.progressConflicts.map((c) => [`p|${taskMap.get(c.taskId)}|${c.period}`, c]));
  const progressKeys = new Set([...serverProgress.keys(), ...localProgress.keys(), ...[...cells.keys()].filter((k) => k.startsWith('p|'))]);
  for (const key of progressKeys) {
    const [, taskText, period] = key.split('|');
    const task = Number(taskText);
    const serverTask = serverTaskOf.get(task);
    if (serverTask === undefined) continue;
    const sv = serverProgress.get(key);
    reconcile(db, w, planId, cells.get(key), key, isNew, {
      server: sv ? { status: sv.status, text: sv.text, reportedOn: sv.reportedOn } : null,
      serverAt: sv?.enteredAt ?? null,
      local: localProgress.get(key) ?? null,
      conflict: progressConflicts.get(key) ?? null,
      label: `${mineOnServer.name} · 任务${seqOf.get(serverTask)}的进展（${periodLabel(period)}）`,
      write: (v) => {
        const pv = v as ProgressValue | null;
        // A progress entry is never emptied from the server's side: there is nothing to write then.
        if (pv) writeProgress(db, { taskId: task, unitId: myUnit, period, status: pv.status as ProgressStatus, text: pv.text, reportedOn: pv.reportedOn ?? null, by: sender, at });
      },
      change,
    });
  }

  // 审核 as the server holds it for this unit: the outcome the street waits for.
  const before = reviewsOfLink(db, planId);
  for (const r of p.reviews) {
    const old = before.get(r.period);
    if (old && old.state === r.state && old.reason === r.reason) continue;
    change({
      kind: 'review',
      label: `${mineOnServer.name}${periodLabel(r.period)}的完成数`,
      old: old ? REVIEW_STATE_LABEL[old.state] : null,
      new: `${REVIEW_STATE_LABEL[r.state]}${r.state === 'returned' && r.reason ? `（退回原因：${r.reason}）` : ''}`,
    });
  }
  putReviews(db, planId, p.reviews);
  putLink(db, {
    planId,
    server,
    serverId: answer.serverId,
    serverPlanId: p.serverPlanId,
    unitId: myUnit,
    map: { units: [...unitMap], indicators: [...indMap], actionLines: [...lineMap], tasks: [...taskMap] },
    pulledAt: at,
  });
  return isNew;
}

interface ReconcileInput {
  server: CellValue;
  /** When the server took its value (progress; its clock), for the marks. */
  serverAt: string | null;
  local: CellValue;
  /** The district's latest decision about this cell, if a push ever met a conflict there. */
  conflict: { state: 'open' | 'taken' | 'kept'; value: CellValue } | null;
  label: string;
  decimals?: number;
  write(v: CellValue): void;
  change(c: Omit<SyncChange, 'plan'>): void;
}

/** One cell of this unit: the rule in the file's comment. */
function reconcile(db: Db, w: Writer, planId: number, cell: SyncCell | undefined, key: string, isNew: boolean, c: ReconcileInput): void {
  const at = new Date().toISOString();
  const keep = (next: Partial<SyncCell>) =>
    putCell(db, planId, { key, base: c.server, sent: cell?.sent, state: cell?.state ?? null, message: cell?.message ?? null, at: cell?.at ?? null, serverAt: c.serverAt, ...next });
  const take = (why: string) => {
    w.write(() => c.write(c.server));
    if (!isNew) c.change({ kind: key.startsWith('f|') ? 'figure' : 'progress', label: c.label, old: valueText(c.local, c.decimals), new: `${valueText(c.server, c.decimals)}${why}` });
    keep({ state: cell?.sent !== undefined ? 'sent' : null, message: null });
  };
  if (sameValue(c.server, c.local)) {
    // Both sides agree; a conflict or refusal about another value is over.
    keep({ state: cell?.state === 'sent' || cell?.sent !== undefined ? 'sent' : null, message: null });
    return;
  }
  if (!cell) {
    if (c.local === null) {
      take('');
      return;
    }
    // Entered here, nothing on the server yet: it waits in the queue for the push.
    if (c.server === null) {
      putCell(db, planId, { key, base: null, sent: undefined, state: null, message: null, at: null, serverAt: null });
      return;
    }
    // Entered here before the first exchange while the server holds another value: both are kept; the push asks the district.
    putCell(db, planId, { key, base: null, sent: undefined, state: 'conflict', message: `服务器上为 ${valueText(c.server, c.decimals)}`, at, serverAt: c.serverAt });
    c.change({ kind: key.startsWith('f|') ? 'figure' : 'progress', label: c.label, old: valueText(c.local, c.decimals), new: valueText(c.server, c.decimals), kept: true });
    return;
  }
  const changedHere = !sameValue(c.local, cell.base);
  const changedThere = !sameValue(c.server, cell.base);
  if (!changedHere && changedThere) {
    take('（区里更改）');
    return;
  }
  if (changedHere && !changedThere) return; // waits in the queue for the push
  // Both changed. The district has decided a conflict about exactly this value: its decision stands.
  if (c.conflict && c.conflict.state === 'kept' && sameValue(c.conflict.value, c.local)) {
    take(`（区里保留原值，本机的 ${valueText(c.local, c.decimals)} 已存入修改记录）`);
    return;
  }
  keep({ base: cell.base, serverAt: cell.serverAt, state: 'conflict', message: `服务器上为 ${valueText(c.server, c.decimals)}，由区里决定采用哪个值` });
  if (cell.state !== 'conflict') {
    c.change({ kind: key.startsWith('f|') ? 'figure' : 'progress', label: c.label, old: valueText(c.local, c.decimals), new: valueText(c.server, c.decimals), kept: true });
  }
}

interface LinkContext {
  /** The local units the server speaks for in this plan: the district and this PC's unit. */
  mine: Set<number>;
  myUnit: number;
  names: Map<number, string>;
  change(c: Omit<SyncChange, 'plan'>): void;
  /** The task itself is gone from the server. */
  removed: boolean;
}

const ROLE_WORD: Record<TaskRole, string> = { lead: '牵头', responsible: '责任' };

/**
 * A task's 牵头/责任 links of the district and this unit, as the server holds them now: links the
 * district added are added, links it took away removed — listed. Other units' links are not the
 * server's to say here. This unit's progress on a task it no longer answers for stays in the
 * database (the list says how many entries), and is not sent again (push.ts).
 */
function relinkTask(db: Db, w: Writer, task: Task, seq: number, wanted: { unitId: number; role: TaskRole }[], c: LinkContext): void {
  const key = (l: { unitId: number; role: TaskRole }) => `${l.unitId}|${l.role}`;
  const have = task.units.filter((l) => c.mine.has(l.unitId));
  const want = new Set(wanted.filter((l) => c.mine.has(l.unitId)).map(key));
  const gone = have.filter((l) => !want.has(key(l)));
  const added = wanted.filter((l) => c.mine.has(l.unitId) && !have.some((h) => key(h) === key(l)));
  if (!gone.length && !added.length) {
    if (c.removed) c.change({ kind: 'task', label: `任务${seq}`, old: task.content, new: '区里已删除该任务（本机保留）' });
    return;
  }

  w.write(() => {
    const drop = db.prepare('DELETE FROM task_units WHERE task_id = ? AND unit_id = ? AND role = ?');
    for (const l of gone) drop.run(task.id, l.unitId, l.role);
    const next = (db.prepare('SELECT coalesce(max(sort_order), -1) + 1 FROM task_units WHERE task_id = ?').pluck().get(task.id) as number) ?? 0;
    const insert = db.prepare('INSERT OR IGNORE INTO task_units (task_id, unit_id, role, via_phrase, sort_order) VALUES (?, ?, ?, NULL, ?)');
    added.forEach((l, i) => insert.run(task.id, l.unitId, l.role, next + i));
  });
  const words = (links: { unitId: number; role: TaskRole }[]) => links.map((l) => `${c.names.get(l.unitId) ?? ''}（${ROLE_WORD[l.role]}）`).join('、');
  const lostMine = gone.some((l) => l.unitId === c.myUnit && l.role === 'responsible') && !added.some((l) => l.unitId === c.myUnit && l.role === 'responsible');
  const entries = lostMine ? (db.prepare('SELECT count(*) FROM progress WHERE task_id = ? AND unit_id = ?').pluck().get(task.id, c.myUnit) as number) : 0;
  const kept = entries ? `；本机已填的 ${entries} 条进展保留在本机，不再发送` : '';
  c.change({
    kind: 'task',
    label: c.removed ? `任务${seq}（区里已删除该任务，本机保留）` : `任务${seq}的牵头/责任单位`,
    old: gone.length ? `${words(gone)}` : null,
    new: `${added.length ? `新增${words(added)}` : ''}${added.length && gone.length ? '；' : ''}${gone.length ? `不再有${words(gone)}` : ''}${kept}`,
  });
}
