/**
 * The tables as the query layer (Kysely) sees them. Only the tables and
 * columns of the queries already written through the layer are declared;
 * each module that moves to the layer adds its own (issue 22, step by step).
 * Column types are what both engines return: INTEGER → number (PostgreSQL
 * BIGINT, parsed to a number by store/postgres/pool.ts), REAL → number, TEXT → string.
 */
import type { Generated } from 'kysely';
import type { AccountAction, Role } from '../../../shared/accounts/roles';
import type { ProgressStatus } from '../../../shared/model/task';
import type { ReviewAction, ReviewState } from '../../../shared/review/states';

export interface PlansTable {
  id: Generated<number>;
  unit_id: number;
  title: string;
  year_start: number;
  year_end: number;
  doc_number: string | null;
  issued_on: string | null;
  issuer: string | null;
  source: string | null;
  created_at: Generated<string>;
  archived_at: string | null;
  example: Generated<number>;
  sample_targets: Generated<number>;
}

export interface UnitsTable {
  id: Generated<number>;
  name: string;
  kind: 'city' | 'district' | 'street' | 'town' | 'zone' | 'department';
  parent_id: number | null;
  sort_order: Generated<number>;
  code: string | null;
  full_name: string | null;
  active: Generated<number>;
}

export interface UnitGroupsTable {
  id: Generated<number>;
  phrase: string;
  /** A JSON array of other spellings. */
  aliases: Generated<string>;
  owner_unit_id: number;
}

export interface UnitGroupMembersTable {
  group_id: number;
  unit_id: number;
  sort_order: Generated<number>;
}

export interface IndicatorsTable {
  id: Generated<number>;
  plan_id: number;
  name: string;
  measure_unit: Generated<string>;
  aggregation: 'sum' | 'none';
  frequency: 'monthly' | 'quarterly' | 'yearly';
  decimals: Generated<number>;
  sort_order: Generated<number>;
  wording_text: string | null;
  /** The parsed wording as JSON text. */
  wording_json: string | null;
  baseline: number | null;
  decomposed: Generated<number>;
  code: string | null;
  issued_header: string | null;
}

export interface TargetsTable {
  indicator_id: number;
  unit_id: number;
  value: number;
  value_max: number | null;
}

export interface ActionLinesTable {
  id: Generated<number>;
  plan_id: number;
  seq: number;
  title: string;
}

export interface TasksTable {
  id: Generated<number>;
  action_line_id: number;
  seq: number;
  content: string;
  lead_text: Generated<string>;
  responsible_text: Generated<string>;
  deadline: string | null;
}

export interface TaskUnitsTable {
  task_id: number;
  unit_id: number;
  role: 'lead' | 'responsible';
  via_phrase: string | null;
  sort_order: Generated<number>;
}

export interface FiguresTable {
  indicator_id: number;
  unit_id: number;
  period: string;
  value: number;
  note: string | null;
  entered_by: string;
  entered_at: string;
}

/** Every change of a figure (never deleted). */
export interface FigureHistoryTable {
  id: Generated<number>;
  indicator_id: number;
  unit_id: number;
  period: string;
  old_value: number | null;
  new_value: number | null;
  note: string | null;
  changed_by: string;
  changed_at: string;
  source: string | null;
}

/** Each month's sum of a unit's sub-units' figures and how many reported, kept by triggers (migration 014). */
export interface SubUnitSumsTable {
  parent_id: number;
  indicator_id: number;
  period: string;
  total: number;
  reported: number;
}

/** 任务进展 per task, responsible unit and period. */
export interface ProgressTable {
  task_id: number;
  unit_id: number;
  period: string;
  status: ProgressStatus;
  text: Generated<string>;
  reported_on: string | null;
  entered_by: string;
  entered_at: string;
}

export interface ProgressHistoryTable {
  id: Generated<number>;
  task_id: number;
  unit_id: number;
  period: string;
  old_status: string | null;
  new_status: string | null;
  old_text: string | null;
  new_text: string | null;
  reported_on: string | null;
  changed_by: string;
  changed_at: string;
}

/** 审核 state of a unit's figures for a period (migration 012). */
export interface FigureReviewsTable {
  plan_id: number;
  unit_id: number;
  period: string;
  state: ReviewState;
  reason: string | null;
  by_name: string;
  at: string;
}

/** 催报 sent (migration 011). */
export interface ReminderEventsTable {
  id: Generated<number>;
  plan_id: number;
  period: string;
  unit_id: number;
  channel: 'notice' | 'list';
  sent_by: string;
  sent_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** Accounts of `taizhang serve` (migration 012); `name` compares without case (SQLite NOCASE, PostgreSQL's ICU taizhang_nocase). */
export interface UsersTable {
  id: Generated<number>;
  name: string;
  role: Role;
  unit_id: number | null;
  password_hash: string;
  password_set_at: string;
  failed_logins: Generated<number>;
  locked_until: string | null;
  disabled_at: string | null;
  last_login_at: string | null;
  created_by: string;
  created_at: string;
}

/** The accounts' security record (migration 012), never deleted. */
export interface AccountEventsTable {
  id: Generated<number>;
  user_id: number | null;
  user_name: string;
  action: AccountAction;
  detail: string | null;
  by_name: string | null;
  from_addr: string | null;
  at: string;
}

export interface SummariesTable {
  id: Generated<number>;
  plan_id: number;
  unit_id: number;
  year: number;
  period: string;
  title: string | null;
  issuer: string | null;
  dated_on: string | null;
  sections_saved: Generated<number>;
  updated_by: string;
  updated_at: string;
}

export interface SummaryParagraphsTable {
  summary_id: number;
  section: 'highlights' | 'problems' | 'nextYear';
  seq: number;
  level: number;
  text: string;
}

/** A locked period of a plan (migration 002): its figures and task progress are read-only. */
export interface PeriodLocksTable {
  plan_id: number;
  period: string;
  locked_by: string;
  locked_at: string;
  reason: string | null;
}

/** Every lock and unlock (migration 002), never deleted. */
export interface PeriodLockEventsTable {
  id: Generated<number>;
  plan_id: number;
  period: string;
  action: 'lock' | 'unlock';
  reason: string | null;
  by_name: string;
  at: string;
}

/** Every step of 审核 (migration 012), never deleted. */
export interface FigureReviewEventsTable {
  id: Generated<number>;
  plan_id: number;
  unit_id: number;
  period: string;
  action: ReviewAction;
  reason: string | null;
  source: string | null;
  by_name: string;
  at: string;
}

export interface Schema {
  plans: PlansTable;
  units: UnitsTable;
  unit_groups: UnitGroupsTable;
  unit_group_members: UnitGroupMembersTable;
  indicators: IndicatorsTable;
  targets: TargetsTable;
  action_lines: ActionLinesTable;
  tasks: TasksTable;
  task_units: TaskUnitsTable;
  figures: FiguresTable;
  figure_history: FigureHistoryTable;
  sub_unit_sums: SubUnitSumsTable;
  progress: ProgressTable;
  progress_history: ProgressHistoryTable;
  figure_reviews: FigureReviewsTable;
  reminder_events: ReminderEventsTable;
  settings: SettingsTable;
  users: UsersTable;
  account_events: AccountEventsTable;
  summaries: SummariesTable;
  summary_paragraphs: SummaryParagraphsTable;
  period_locks: PeriodLocksTable;
  period_lock_events: PeriodLockEventsTable;
  figure_review_events: FigureReviewEventsTable;
}
