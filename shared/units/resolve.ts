/**
 * Resolving a unit list as documents write it ("区科工局、区发改委，各街道、镇、集聚区")
 * to units: group phrases first (they contain 、 themselves), then single names.
 */
import type { Unit, UnitGroup } from '../model/units';
import { NAME_SEPARATORS, closestNames, normaliseUnitName } from './normalise';

export interface ResolvedName {
  /** The unit's id. */
  unitId: number;
  /** The group phrase it came from, as the tree records it; null when named directly. */
  viaPhrase: string | null;
}

export interface UnknownName {
  text: string;
  suggestions: string[];
}

export interface UnitListResolution {
  /** Units in the order the text names them, each once. */
  units: ResolvedName[];
  /** Group phrases found, in order. */
  phrases: string[];
  unknown: UnknownName[];
}

export interface ResolveOptions {
  /** Per-phrase members that replace the group's default (a task's own reading of 区直相关部门). */
  overrides?: Record<string, number[]>;
}

const PLACEHOLDER = '\u0000';

export function resolveUnitList(
  text: string,
  units: Unit[],
  groups: UnitGroup[],
  options: ResolveOptions = {},
): UnitListResolution {
  return unitListResolver(units, groups)(text, options);
}

/**
 * The same, with the unit and phrase indexes built once: an import resolves
 * two lists per task row, and a table may have thousands of rows.
 * `suggest: false` leaves the suggestions out (the caller makes its own).
 */
export function unitListResolver(
  units: Unit[],
  groups: UnitGroup[],
): (text: string, options?: ResolveOptions & { suggest?: boolean }) => UnitListResolution {
  // Longest spelling first, so "各街道、镇、集聚区" wins over "各街道".
  const spellings = groups
    .flatMap((g) => [g.phrase, ...g.aliases].map((s) => ({ s: normaliseUnitName(s), g })))
    .sort((a, b) => b.s.length - a.s.length);
  const byName = new Map(units.map((u) => [normaliseUnitName(u.name), u]));
  const knownNames = units.map((u) => u.name);
  return (text, options = {}) => resolveWith(text, spellings, byName, knownNames, options);
}

function resolveWith(
  text: string,
  spellings: { s: string; g: UnitGroup }[],
  byName: Map<string, Unit>,
  knownNames: string[],
  options: ResolveOptions & { suggest?: boolean },
): UnitListResolution {
  let rest = normaliseUnitName(text);
  const found: { at: number; group: UnitGroup }[] = [];
  for (const { s, g } of spellings) {
    let at = rest.indexOf(s);
    while (at >= 0) {
      found.push({ at, group: g });
      rest = rest.slice(0, at) + PLACEHOLDER.repeat(s.length) + rest.slice(at + s.length);
      at = rest.indexOf(s);
    }
  }

  type Piece = { at: number; kind: 'unit'; unit: Unit } | { at: number; kind: 'unknown'; text: string };
  const pieces: Piece[] = [];
  let offset = 0;
  for (const raw of rest.split(NAME_SEPARATORS)) {
    const at = rest.indexOf(raw, offset);
    offset = at + raw.length;
    const name = raw.split(PLACEHOLDER).join('').trim();
    if (!name) continue;
    const unit = byName.get(name);
    pieces.push(unit ? { at, kind: 'unit', unit } : { at, kind: 'unknown', text: name });
  }

  const ordered = [
    ...found.map((f) => ({ at: f.at, kind: 'group' as const, group: f.group })),
    ...pieces,
  ].sort((a, b) => a.at - b.at);

  const result: UnitListResolution = { units: [], phrases: [], unknown: [] };
  const seen = new Set<number>();
  const add = (unitId: number, viaPhrase: string | null) => {
    if (seen.has(unitId)) return;
    seen.add(unitId);
    result.units.push({ unitId, viaPhrase });
  };
  for (const item of ordered) {
    if (item.kind === 'group') {
      result.phrases.push(item.group.phrase);
      const members = options.overrides?.[item.group.phrase] ?? item.group.memberIds;
      members.forEach((id) => add(id, item.group.phrase));
    } else if (item.kind === 'unit') {
      add(item.unit.id, null);
    } else {
      result.unknown.push({ text: item.text, suggestions: options.suggest === false ? [] : closestNames(item.text, knownNames) });
    }
  }
  return result;
}
