/**
 * Units and departments (设置 → 单位与部门, issue 14): add, rename (the old
 * name stays an alias for imports and returns), the full official name for
 * documents, codes, order, deactivate, merge two units (区划调整), and the
 * group phrases (组合称谓). Every write records who and when.
 */
import { z } from 'zod';
import { method } from '../method';
import type { EditHistoryView } from './planEdit';

const id = z.number().int().positive();
const text = (max: number) => z.string().max(max);

export const UNIT_KINDS = ['city', 'district', 'street', 'town', 'zone', 'department'] as const;

const unit = z
  .object({
    /** Absent: a new unit. */
    id: id.optional(),
    name: text(60),
    /** 洪都街道办事处: the name documents sign with; null = derived from the short name. */
    fullName: text(100).nullable(),
    /** The 行政区划代码 where known; null or absent: kept (a new unit gets a generated one). */
    code: text(24).nullable().optional(),
    kind: z.enum(UNIT_KINDS),
    /** The unit above (a department: the unit it belongs to); only for a new unit. */
    parentId: id.nullable().optional(),
  })
  .strict();

const group = z
  .object({
    id: id.optional(),
    ownerUnitId: id,
    phrase: text(60),
    aliases: z.array(text(60)).max(20),
    memberIds: z.array(id).max(5000),
  })
  .strict();

/** What a merge moves, and (done: false) the values it would not keep, listed first. */
export interface UnitMergeResult {
  done: boolean;
  /** Values of the merged unit that the kept unit's own values replace, in Chinese (at most 200, then a count line). */
  conflicts: string[];
  conflictCount: number;
  /** What moves to the kept unit. */
  moved: { figures: number; targets: number; progress: number; tasks: number; summaries: number };
  backup: { id: string; createdAt: string } | null;
}

export interface UnitAliasView {
  alias: string;
  unitId: number;
  unitName: string;
  source: string;
  createdBy: string;
  createdAt: string;
}

export const unitMethods = {
  'units.save': method<{ id: number }>()(z.object({ unit }).strict(), 'Adds (no id) or edits a unit or department: name (the old one kept as an alias), full name, code, kind.'),
  'units.reorder': method<{ ok: true }>()(
    z.object({ parentId: id.nullable(), ids: z.array(id).min(1).max(5000) }).strict(),
    'Puts a unit\'s sub-units (or its departments) in a new order: every one of them once.',
  ),
  'units.setActive': method<{ ok: true }>()(
    z.object({ unitId: id, active: z.boolean() }).strict(),
    '停用 (or back): a deactivated unit is kept for history, hidden from new plans and pickers.',
  ),
  'units.merge': method<UnitMergeResult>()(
    z.object({ fromId: id, intoId: id, confirm: z.boolean().optional() }).strict(),
    'Merges a unit into another (区划调整): figures, progress, targets, task links and history move; where both hold a value the kept one stays (listed first, confirm), with a backup.',
  ),
  'groups.save': method<{ id: number }>()(z.object({ group }).strict(), 'Adds (no id) or edits a group phrase (组合称谓): its wording, other spellings and members.'),
  'groups.remove': method<{ ok: true }>()(
    z.object({ groupId: id }).strict(),
    'Removes a group phrase; tasks that used it keep their units and their text as written.',
  ),
  'units.aliases': method<UnitAliasView[]>()(z.object({}).strict(), 'Other names of units: remembered from imports, and old names after a rename or merge.'),
  'units.edits': method<EditHistoryView[]>()(z.object({ unitId: id.optional() }).strict(), 'The history of unit and group-phrase edits, newest first.'),
} as const;
