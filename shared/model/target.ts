/** Target by unit (指导性任务分解): the value a unit is asked to reach for an indicator. */
export interface Target {
  indicatorId: number;
  unitId: number;
  /** The target, or the lower bound of a range ("1-3个" → 1). */
  value: number;
  /** Upper bound of a range target, else null. */
  valueMax: number | null;
}

/** A figure (完成数): a unit's actual value for an indicator and a period. */
export interface Figure {
  indicatorId: number;
  unitId: number;
  /** Period key: "2022-09" (cumulative to September), "2022Q3", "2022". */
  period: string;
  value: number;
  note: string | null;
  enteredBy: string;
  enteredAt: string;
}
