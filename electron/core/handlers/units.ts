/** Handlers of shared/api/methods/units.ts: thin, the work is in electron/core/units/ (their data.changed: dataChanged.ts). */
import type { unitMethods } from '../../../shared/api/methods/units';
import { requireOperator } from '../caller';
import { unitAliasesViewOp } from '../db/repos/unitAliases';
import { listUnitEditsOp } from '../plans/history';
import { runSync } from '../store/query';
import { removeGroup, saveGroup } from '../units/groups';
import { reorderUnits, saveUnit, setUnitActive } from '../units/maintain';
import { mergeUnits } from '../units/merge';
import type { ApiContext, HandlersOf } from './types';

const by = (ctx: ApiContext) => requireOperator(ctx.db, ctx.caller);

export const unitHandlers: HandlersOf<typeof unitMethods> = {
  'units.save': (ctx, { unit }) => ({ id: saveUnit(ctx.db, by(ctx), unit) }),
  'units.reorder': (ctx, { parentId, ids }) => (reorderUnits(ctx.db, by(ctx), parentId, ids), { ok: true as const }),
  'units.setActive': (ctx, { unitId, active }) => (setUnitActive(ctx.db, by(ctx), unitId, active), { ok: true as const }),
  'units.merge': (ctx, { fromId, intoId, confirm }) => mergeUnits(ctx, by(ctx), fromId, intoId, confirm ?? false),
  'groups.save': (ctx, { group }) => ({ id: saveGroup(ctx.db, by(ctx), group) }),
  'groups.remove': (ctx, { groupId }) => (removeGroup(ctx.db, by(ctx), groupId), { ok: true as const }),
  'units.aliases': ({ db }) => runSync(db, unitAliasesViewOp()),
  'units.edits': ({ db }, { unitId }) => runSync(db, listUnitEditsOp(unitId)),
};
