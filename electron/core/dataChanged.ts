/**
 * Which API methods change data, and the `data.changed` event (shared/api/events.ts) each one
 * sends once it has succeeded: ONE table for both cores — dispatch.ts on a SQLite file,
 * store/postgres/core.ts on a PostgreSQL store — so open windows and `taizhang serve`'s pages
 * reload after the same writes with the same reason on either engine, and a method that moves to
 * PostgreSQL brings its event with it. The handlers only write; they never emit `data.changed`
 * themselves (job.progress, a long job's own stages, stays with the job).
 *
 * A rule sees the validated request, the answer and the caller; it answers the event, or null when
 * the call changed nothing (a save without changes, a removal only listed, an import refused).
 * `planId` null: every plan's screens reload (units, plans, a restore).
 */
import type { z } from 'zod';
import type { ApiContract, ApiEvents, ApiMethod, ApiResponse } from '../../shared/api/contract';
import type { Caller } from './caller';

export type DataChanged = ApiEvents['data.changed'];
type Rule<M extends ApiMethod> = (request: z.output<ApiContract[M]['request']>, answer: ApiResponse<M>, caller: Caller) => DataChanged | null;

const to = (planId: number | null, reason: string): DataChanged => ({ planId, reason });
/** Units belong to every plan: every window reloads. */
const units = () => to(null, 'units');
/** A write to one plan. */
const plan =
  (reason: string) =>
  ({ planId }: { planId: number }) =>
    to(planId, reason);
/** A removal: only when it was done (not when it only listed what would go). */
const ifDone =
  <R extends { done: boolean }>(event: (answer: R) => DataChanged) =>
  (_: unknown, answer: R) =>
    answer.done ? event(answer) : null;

const DATA_CHANGES: { [M in ApiMethod]?: Rule<M> } = {
  // 设置 → 单位与部门 (units/).
  'units.save': units,
  'units.reorder': units,
  'units.setActive': units,
  'units.merge': ifDone(units),
  'groups.save': units,
  'groups.remove': units,

  // The plan kept in the window (plans/).
  'goals.save': plan('goals'),
  'goals.reorder': plan('goals'),
  'goals.remove': (req, answer) => (answer.done ? to(req.planId, 'goals') : null),
  'targets.save': (req, answer) => (answer.changed ? to(req.planId, 'targets') : null),
  'actionLines.save': plan('tasks'),
  'actionLines.move': plan('tasks'),
  'actionLines.remove': (req, answer) => (answer.done ? to(req.planId, 'tasks') : null),
  'tasks.save': plan('tasks'),
  'tasks.move': plan('tasks'),
  'tasks.remove': (req, answer) => (answer.done ? to(req.planId, 'tasks') : null),
  'plan.create': () => to(null, 'plans'),
  'plan.update': plan('plans'),
  'plan.archive': () => to(null, 'plans'),
  'plan.delete': ifDone(() => to(null, 'plans')),
  'example.load': () => to(null, 'plans'),
  'ledger.create': () => to(null, 'plans'),

  // 数据填报, 任务进展, 催报, 审核.
  // Only the desktop's operator setting is shared by every window; a session's or a command's name is its own.
  'operator.set': (_req, _answer, caller) => (caller.kind === 'pc' ? to(null, 'operator') : null),
  'entry.save': (req, answer) => (answer.changed > 0 ? to(req.planId, 'figures') : null),
  'entry.lock': plan('lock'),
  'entry.unlock': plan('unlock'),
  'progress.save': (req, answer) => (answer.changed > 0 ? to(req.planId, 'progress') : null),
  'entry.remindersSent': plan('reminders'),
  'review.approve': plan('review'),
  'review.return': plan('review'),
  'summary.save': (_req, answer) => to(answer.planId, 'summary.save'),

  'import.commit': (_req, answer) => (answer.committed ? to(answer.planId, 'import') : null),

  // After a restore every window reloads whatever it shows: the data may be a different plan set altogether.
  'backup.restore': ifDone(() => to(null, 'restore')),
  'backup.undo': ifDone(() => to(null, 'restore')),

  // 数据交换.
  'exchange.apply': (req, answer) => (answer.figures + answer.progress > 0 ? to(req.planId, 'exchange') : null),
  'exchange.openPackage': (_req, answer) => (answer.alreadyOpened ? null : to(null, 'plans')),
  'exchange.receive': (_req, answer) => (answer.committed ? to(null, 'plans') : null),
  'exchange.adoptIssued': (req, answer) => (answer.changed > 0 ? to(req.planId, 'plans') : null),

  // 同步.
  'sync.run': () => to(null, 'sync'),
  'sync.push': (req, answer) => (answer.replayed ? null : to(req.serverPlanId, 'sync')),
  'sync.resolve': (_req, answer) => to(answer.conflict.planId, 'sync'),
};

/** The `data.changed` event a successful call sends, or null when it changed nothing. */
export function dataChangedBy(method: ApiMethod, request: unknown, answer: unknown, caller: Caller): DataChanged | null {
  const rule = DATA_CHANGES[method] as Rule<ApiMethod> | undefined;
  return rule ? rule(request as never, answer as never, caller) : null;
}

/** The methods that may change data (tests check each one's event on both engines). */
export const DATA_CHANGING_METHODS = Object.keys(DATA_CHANGES) as ApiMethod[];
