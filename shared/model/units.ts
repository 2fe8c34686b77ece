/**
 * Units (单位): the tree of administrative units a plan covers, plus the
 * departments (部门) that own tasks, plus named groups (group phrases such as
 * "各街道、镇、集聚区") that tables use instead of listing every unit.
 */

/** What a unit is. The tree holds city/county/district/street/town/zone; departments hang beside it. */
export type UnitKind =
  | 'city' // 市
  | 'district' // 区/县 (county-level)
  | 'street' // 街道
  | 'town' // 镇/乡
  | 'zone' // 集聚区/园区/开发区
  | 'department'; // 部门: 区科工局, 区发改委, …

export const UNIT_KIND_LABEL: Record<UnitKind, string> = {
  city: '市',
  district: '区县',
  street: '街道',
  town: '镇',
  zone: '集聚区',
  department: '部门',
};

export interface Unit {
  id: number;
  name: string;
  kind: UnitKind;
  /** Parent in the tree; departments point at the unit they belong to (区科工局 → 青云谱区). */
  parentId: number | null;
  sortOrder: number;
  // The three below are always set on units read from the database; optional so that units
  // built in memory (a file's proposed tree, test fixtures) need not invent them.
  /** Stable code kept across renames, years and PCs: the 行政区划代码 where known (青云谱区 360104), else generated. */
  code?: string;
  /** The full official name documents use (洪都街道办事处); null = the short name. */
  fullName?: string | null;
  /** False once deactivated: kept for history, hidden from new plans. */
  active?: boolean;
}

/** What a picker needs of a unit: its id and the name it shows. */
export type UnitRef = Pick<Unit, 'id' | 'name'>;

/** A unit as it is created: code generated and active unless given. */
export type NewUnit = Omit<Unit, 'id'>;

/** A group phrase (组合称谓) and the units it means. */
export interface UnitGroup {
  id: number;
  /** The phrase as documents write it, e.g. "各街道、镇、集聚区". */
  phrase: string;
  /** Other spellings of the same phrase ("各街办、镇、集聚区"). */
  aliases: string[];
  /** The unit whose sub-units or departments the phrase refers to. */
  ownerUnitId: number;
  memberIds: number[];
}

export interface UnitNode extends Unit {
  children: UnitNode[];
}

/** Builds the tree (departments included as children of their unit). Pure. */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const nodes = new Map<number, UnitNode>();
  for (const u of units) nodes.set(u.id, { ...u, children: [] });
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId == null ? undefined : nodes.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: UnitNode[]) => {
    list.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/**
 * The administrative sub-units of a unit (streets, towns, zones), excluding departments.
 * A deactivated unit is kept for history, hidden from new plans and pickers: it is listed only
 * when `inUse` holds it (it has targets, figures, progress or tasks in the plan asked about).
 */
export function subUnitsOf(units: Unit[], parentId: number, inUse?: ReadonlySet<number>): Unit[] {
  return units
    .filter((u) => u.parentId === parentId && u.kind !== 'department' && (u.active !== false || inUse?.has(u.id) === true))
    .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
}

/** Whether a unit may be chosen for something new (a task, a target, a new plan): deactivated ones may not. */
export const isPickable = (u: Pick<Unit, 'active'>): boolean => u.active !== false;
