/**
 * The identification every exchange file carries (填报表 and 数据包): which
 * plan, unit and period it is for, when it left, the open cells with the
 * value each had then (the base for conflict detection), the tasks whose
 * progress it asks for, and a sha256 checksum of all of it. Pure types and
 * the canonical text the checksum is computed over (the core hashes it).
 *
 * Units and indicators carry their stable codes (kept across renames, years
 * and PCs): a file is matched to them by code first, by name when it has none
 * (files made before codes existed stay readable).
 */

export const EXCHANGE_FORMAT = 'taizhang-exchange';
export const EXCHANGE_VERSION = 1;

/** One open cell: an indicator's own period for the unit, with its target and the value at export time. */
export interface ExchangeCell {
  indicatorId: number;
  indicatorName: string;
  /** The indicator's stable code; absent in files made before codes. */
  indicatorCode?: string;
  measureUnit: string;
  decimals: number;
  frequency: 'monthly' | 'quarterly' | 'yearly';
  aggregation: 'sum' | 'none';
  /** The indicator's own period ("2022Q3" for a quarterly one at 2022-09). */
  period: string;
  target: number | null;
  targetMax: number | null;
  /** The figure when the file was made (null: empty); a return that finds another value in the database is a conflict. */
  base: number | null;
  /** The previous cumulative value (monthly cumulative indicators), for the “went down” check. */
  previous: number | null;
}

/** A task the unit is responsible for, with its progress at export time. */
export interface ExchangeTask {
  taskId: number;
  seq: number;
  content: string;
  leadText: string;
  base: { status: string; text: string } | null;
}

export interface ExchangeIdentity {
  format: typeof EXCHANGE_FORMAT;
  version: number;
  /** databaseId: a random id of the district's database, so two databases holding the same example plan are told apart. */
  plan: { id: number; title: string; docNumber: string | null; unitId: number; unitName: string; databaseId: string; unitCode?: string };
  /** `code`: the unit's stable code (absent in files made before codes). */
  unit: { id: number; name: string; code?: string };
  /** The view period the file was made for ("2022-12"). */
  period: string;
  exportedAt: string;
  /** Random id of this export, so one file can be told from another made the same minute. */
  exportId: string;
  cells: ExchangeCell[];
  tasks: ExchangeTask[];
  /** sha256 (hex) of canonicalText(identity without checksum). */
  checksum: string;
}

/** JSON with keys sorted at every level: the same identity always gives the same text, whoever wrote it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The text the checksum covers: everything in the identification except the checksum itself. */
export function checksumInput(identity: Omit<ExchangeIdentity, 'checksum'> & { checksum?: string }): string {
  const { checksum: _omit, ...rest } = identity;
  return canonicalJson(rest);
}

/** Key of a progress cell in reviews: `p|taskId|unitId|period`. */
export const progressKey = (taskId: number, unitId: number, period: string) => `p|${taskId}|${unitId}|${period}`;

/** Reads an identification parsed from JSON; null when it is not one (the caller says why in Chinese). */
export function asIdentity(value: unknown): ExchangeIdentity | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<ExchangeIdentity>;
  if (v.format !== EXCHANGE_FORMAT || typeof v.version !== 'number') return null;
  if (!v.plan || typeof v.plan.id !== 'number' || typeof v.plan.title !== 'string') return null;
  if (!v.unit || typeof v.unit.id !== 'number' || typeof v.unit.name !== 'string') return null;
  if (typeof v.period !== 'string' || typeof v.checksum !== 'string') return null;
  if (!Array.isArray(v.cells) || !Array.isArray(v.tasks)) return null;
  return v as ExchangeIdentity;
}
