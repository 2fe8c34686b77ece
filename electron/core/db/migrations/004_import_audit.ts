// 004: import audit (owned by the import feature, issue 3). Targets (目标值) and
// indicator baselines (基数, which drive 同比) are the yardstick reports are
// measured against; an import that sets, changes or removes one records who,
// when, from which file, and the values before and after. No foreign keys, as
// progress_history: the record outlives the indicator or unit it names.
export default /* sql */ `

CREATE TABLE target_history (
  id             INTEGER PRIMARY KEY,
  plan_id        INTEGER NOT NULL,
  indicator_id   INTEGER NOT NULL,
  unit_id        INTEGER NOT NULL,
  -- 'target': value/value_max of (indicator, unit); NULL old = added, NULL new = removed.
  -- 'baseline': the indicator's baseline; unit_id is the plan's own unit.
  kind           TEXT NOT NULL CHECK (kind IN ('target','baseline')),
  old_value      REAL,
  old_value_max  REAL,
  new_value      REAL,
  new_value_max  REAL,
  old_baseline   REAL,
  new_baseline   REAL,
  changed_by     TEXT NOT NULL,
  changed_at     TEXT NOT NULL,
  source         TEXT NOT NULL      -- the imported file's name
);
CREATE INDEX target_history_cell ON target_history(indicator_id, unit_id);
CREATE INDEX target_history_plan ON target_history(plan_id);
`;
