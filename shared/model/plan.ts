/** Plan (工作要点/实施方案): one unit's plan for one year or several years. */
export interface Plan {
  id: number;
  /** The unit whose plan it is (青云谱区). */
  unitId: number;
  title: string;
  yearStart: number;
  yearEnd: number;
  /** 文号, e.g. "青政办发〔2022〕16号". */
  docNumber: string | null;
  /** 印发日期, ISO date "2022-06-16". */
  issuedOn: string | null;
  /** 发文单位, e.g. "青云谱区人民政府办公室". */
  issuer: string | null;
  /** Where the plan came from (a seed document, an imported file). */
  source: string | null;
  /** 归档: ISO time it was archived (hidden from the switcher unless asked for); null when in use. */
  archivedAt?: string | null;
  /** The 青云谱区 2022 example (示例), not the bureau's own data. */
  example?: boolean;
  /** Its per-unit targets are generated sample data (示例数据: the 南昌市 example's district targets). */
  sampleTargets?: boolean;
  /**
   * The last month (YYYY-MM) of the plan's own years that its figures reach (a quarter's or a year's
   * figure counts as its last month); null without figures. Filled by plans.list: a past plan opens there.
   */
  lastFigureMonth?: string | null;
}

/**
 * Whether a year is the one before the plan: figures entered there are 上年同期, the base of 同比,
 * never judged against this plan's targets. The one rule for every screen and the core.
 */
export function isBaseYear(plan: Pick<Plan, 'yearStart'>, year: number): boolean {
  return year === plan.yearStart - 1;
}

/** The years figures of a plan may be entered for: its own, and the base year before them. */
export function isEntryYear(plan: Pick<Plan, 'yearStart' | 'yearEnd'>, year: number): boolean {
  return year >= plan.yearStart - 1 && year <= plan.yearEnd;
}
