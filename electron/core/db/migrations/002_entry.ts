// 002: figure entry — period locks and their lock/unlock history (owned by the entry feature, issue 4).
// The operator name lives in the `settings` table of 001 (key 'operator').
export default /* sql */ `

-- A locked period of a plan: figures and task progress of this period key are read-only.
CREATE TABLE period_locks (
  plan_id    INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  period     TEXT NOT NULL,
  locked_by  TEXT NOT NULL,
  locked_at  TEXT NOT NULL,
  reason     TEXT,
  PRIMARY KEY (plan_id, period)
);

-- Every lock and unlock, never deleted: who, when, why (unlocking needs a reason).
CREATE TABLE period_lock_events (
  id         INTEGER PRIMARY KEY,
  plan_id    INTEGER NOT NULL,
  period     TEXT NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('lock','unlock')),
  reason     TEXT,
  by_name    TEXT NOT NULL,
  at         TEXT NOT NULL,
  CHECK (action = 'lock' OR length(trim(ifnull(reason, ''))) > 0)
);
CREATE INDEX period_lock_events_plan ON period_lock_events(plan_id, period);

-- Task progress keeps its history too (who changed what, when).
CREATE TABLE progress_history (
  id           INTEGER PRIMARY KEY,
  task_id      INTEGER NOT NULL,
  unit_id      INTEGER NOT NULL,
  period       TEXT NOT NULL,
  old_status   TEXT,
  new_status   TEXT,
  old_text     TEXT,
  new_text     TEXT,
  reported_on  TEXT,
  changed_by   TEXT NOT NULL,
  changed_at   TEXT NOT NULL
);
CREATE INDEX progress_history_cell ON progress_history(task_id, unit_id, period);
`;
