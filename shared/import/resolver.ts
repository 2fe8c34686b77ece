/**
 * Unit names as a file writes them → the plan's units. Matches the tree's
 * own names (spaces, line breaks and full/half width ignored), group phrases
 * ("各街道、镇、集聚区"), totals (合计, 全区目标 … → the plan's own unit), the
 * aliases remembered from earlier imports, and the user's fixes for this
 * import. Unknown names are collected with their places and suggestions
 * (short forms first: 洪都 → 洪都街道). Bookkeeping is by Map and Set, so a
 * sheet of 50,000 rows costs no more per row than one of fifty.
 */
import type { Unit } from '../model/units';
import { normaliseUnitName, unitNameSuggester } from '../units/normalise';
import { unitListResolver } from '../units/resolve';
import { looksLikeUnitName } from './headerCandidates';
import { isTotalLabel } from './headers';
import { placeText as defaultPlaceText, type Place } from './place';
import { protectBracketedSeparators, restoreBracketedSeparators } from './unitLists';
import type { AliasUse, UnitFix, UnknownUnitView } from './types';
import type { NewUnitKind, PlanSnapshot, WritePlan } from './writePlan';

/** A cell of the file where a name was met (column '' when the name sits in a list of a task row). */
export type { Place } from './place';

/** Places kept per unknown name (the count says how many more). */
const PLACES_KEPT = 20;
/**
 * Unknown names that get suggestions: the first ones met. A sheet naming
 * hundreds of units the tree lacks is another district's or read the wrong
 * way; suggesting for each would cost names × units for nothing.
 */
const SUGGESTED_NAMES = 200;

export function guessUnitKind(name: string): NewUnitKind {
  if (/街道|街办$/.test(name)) return 'street';
  if (/(镇|乡)$/.test(name)) return 'town';
  if (/(集聚区|园区|开发区|产业园|示范区|新区)$/.test(name)) return 'zone';
  return 'department';
}

export interface UnitResolver {
  /** Resolves a list of names; unknown names are recorded with their place. */
  list(text: string, place: Place): { units: { unitId: number; viaPhrase: string | null }[]; names: string[] };
  /** One name; the plan's own unit for a total (合计, 全区目标, the district's name). */
  one(text: string, place: Place): number | null;
  nameOf(id: number): string;
  kindOf(id: number): Unit['kind'] | undefined;
  /** For recognising a header of unit names: a unit of the tree, an alias, a total, a close misspelling, or a name ending like one. */
  isUnitName(text: string): boolean;
  unknown: Map<string, UnknownUnitView>;
  /** Where each unknown name was first met. */
  firstPlace: Map<string, Place>;
  newUnits: WritePlan['newUnits'];
  /** Names matched through remembered aliases. */
  aliasesUsed(): AliasUse[];
  /** The user's mappings to existing units, to be remembered. */
  toRemember: WritePlan['aliases'];
}

/** `placeText` says where a name was met (a Word notice's paragraphs say 段). */
export function makeResolver(snapshot: PlanSnapshot, fixes: Record<string, UnitFix>, placeText: (p: Place) => string = defaultPlaceText): UnitResolver {
  const plan = snapshot.plan!;
  const byId = new Map(snapshot.units.map((u) => [u.id, u]));
  const inScope = (u: Unit): boolean => {
    let cur: Unit | undefined = u;
    for (let i = 0; cur && i < 10; i++) {
      if (cur.id === plan.unitId) return true;
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
    }
    return false;
  };
  const scope = snapshot.units.filter(inScope);
  const scopeIds = new Set(scope.map((u) => u.id));
  const groups = snapshot.groups.filter((g) => g.ownerUnitId === plan.unitId);
  const newUnits: WritePlan['newUnits'] = [];
  const toRemember: WritePlan['aliases'] = [];
  const extra: Unit[] = [];
  for (const [name, fix] of Object.entries(fixes)) {
    const key = normaliseUnitName(name);
    if ('unitId' in fix) {
      if (!scopeIds.has(fix.unitId)) continue;
      extra.push({ id: fix.unitId, name: key, kind: byId.get(fix.unitId)!.kind, parentId: null, sortOrder: 0 });
      if (key !== normaliseUnitName(byId.get(fix.unitId)!.name)) toRemember.push({ alias: key, unitId: fix.unitId });
    } else {
      const id = -(newUnits.length + 1);
      newUnits.push({ id, name: key, kind: fix.add });
      extra.push({ id, name: key, kind: fix.add, parentId: plan.unitId, sortOrder: 0 });
    }
  }
  // Remembered aliases of units in this plan's tree read like names, unless the tree has a unit of that name.
  const treeNames = new Set(scope.map((u) => normaliseUnitName(u.name)));
  const aliasOf = new Map<string, number>();
  for (const a of snapshot.aliases ?? []) {
    const key = normaliseUnitName(a.alias);
    if (scopeIds.has(a.unitId) && !treeNames.has(key) && !(key in fixes)) aliasOf.set(key, a.unitId);
  }
  const aliasUnits: Unit[] = [...aliasOf].map(([alias, id]) => ({ ...byId.get(id)!, name: alias }));

  const all = [...scope, ...extra, ...aliasUnits];
  const names = new Map<number, string>();
  for (const u of [...scope, ...extra]) if (!names.has(u.id)) names.set(u.id, u.name);
  const byName = new Map(all.map((u) => [normaliseUnitName(u.name), u]));
  const resolveList = unitListResolver(
    all.map((u) => ({ ...u, name: protectBracketedSeparators(u.name) })),
    groups,
  );
  const district = normaliseUnitName(byId.get(plan.unitId)?.name ?? '');
  /** 合计, 全区目标, and the district's name with 合计/目标/总计 after it. */
  const isTotal = (key: string) =>
    isTotalLabel(key) || (district !== '' && key.startsWith(district) && /^(?:合计|总计|目标|小计)?$/.test(key.slice(district.length)));

  const suggest = unitNameSuggester(scope.map((u) => u.name));
  const unknown = new Map<string, UnknownUnitView>();
  const firstPlace = new Map<string, Place>();
  const placeSets = new Map<string, Set<string>>();
  const used = new Map<string, number>();
  const record = (text: string, at: Place) => {
    const name = normaliseUnitName(text);
    let entry = unknown.get(name);
    if (!entry) {
      const suggestions = unknown.size < SUGGESTED_NAMES ? suggest(name) : [];
      entry = { name, suggestions, guessedKind: guessUnitKind(name), places: [], count: 0, fix: null };
      unknown.set(name, entry);
      firstPlace.set(name, at);
      placeSets.set(name, new Set());
    }
    const place = placeText(at);
    const seen = placeSets.get(name)!;
    if (seen.has(place)) return;
    seen.add(place);
    entry.count += 1;
    if (entry.places.length < PLACES_KEPT) entry.places.push(place);
  };
  const noteAlias = (key: string) => {
    const id = aliasOf.get(key);
    if (id !== undefined) used.set(key, id);
  };
  const unitNameCache = new Map<string, boolean>();
  const nameOf = (id: number) => names.get(id) ?? String(id);
  return {
    list(text, place) {
      const r = resolveList(protectBracketedSeparators(text), { suggest: false });
      for (const u of r.unknown) record(restoreBracketedSeparators(u.text), place);
      for (const part of normaliseUnitName(text).split(/[、，,；;]+/)) noteAlias(part);
      return { units: r.units, names: r.units.map((u) => nameOf(u.unitId)) };
    },
    one(text, place) {
      const key = normaliseUnitName(text);
      if (isTotal(key)) return plan.unitId;
      const u = byName.get(key);
      if (u) {
        noteAlias(key);
        return u.id;
      }
      record(text, place);
      return null;
    },
    nameOf,
    kindOf: (id) => byId.get(id)?.kind ?? extra.find((u) => u.id === id)?.kind,
    isUnitName(text) {
      const key = normaliseUnitName(text);
      let known = unitNameCache.get(key);
      if (known === undefined) {
        known = isTotal(key) || byName.has(key) || looksLikeUnitName(key) || suggest(key, 1).length > 0;
        unitNameCache.set(key, known);
      }
      return known;
    },
    unknown,
    firstPlace,
    newUnits,
    aliasesUsed: () => [...used].map(([alias, unitId]) => ({ alias, unitId, unitName: nameOf(unitId) })),
    toRemember,
  };
}
