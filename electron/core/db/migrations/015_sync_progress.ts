// 015: task progress (任务进展) in the sync bookkeeping.
//
// - sync_conflicts holds progress conflicts too: a street pushed a task's
//   progress whose value on the server is no longer the one the street
//   started from (the district changed it meanwhile). `kind` says which: a
//   figure's row names its indicator and keeps the numbers in value / base /
//   current as before; a progress row names its task and keeps the street's
//   entry (status, text, reported_on), the entry both started from
//   (base_status, base_text) and the district's at the push (current_status,
//   current_text). SQLite cannot drop a NOT NULL, so the table is rebuilt;
//   every existing row is kept as a figure conflict with its id.
// - sync_cells.server_at: on the desktop, when the server last took the value
//   a progress cell holds there (the server's clock): a 审核 step of the same
//   period before it did not see it (the progress marks, sync/marks.ts).
export default /* sql */ `

CREATE TABLE sync_conflicts_014 (
  id              INTEGER PRIMARY KEY,
  plan_id         INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  unit_id         INTEGER NOT NULL,
  kind            TEXT NOT NULL DEFAULT 'figure' CHECK (kind IN ('figure','progress')),
  indicator_id    INTEGER,
  task_id         INTEGER,
  period          TEXT NOT NULL,
  value           REAL,
  note            TEXT,
  base            REAL,
  current         REAL,
  status          TEXT CHECK (status IN ('not_started','in_progress','done','late')),
  text            TEXT,
  reported_on     TEXT,
  base_status     TEXT CHECK (base_status IN ('not_started','in_progress','done','late')),
  base_text       TEXT,
  current_status  TEXT CHECK (current_status IN ('not_started','in_progress','done','late')),
  current_text    TEXT,
  state           TEXT NOT NULL CHECK (state IN ('open','taken','kept')),
  pushed_by       TEXT NOT NULL,
  pushed_at       TEXT NOT NULL,
  decided_by      TEXT,
  decided_at      TEXT,
  CHECK ((kind = 'figure' AND indicator_id IS NOT NULL AND task_id IS NULL)
      OR (kind = 'progress' AND task_id IS NOT NULL AND indicator_id IS NULL AND status IS NOT NULL AND text IS NOT NULL))
);
INSERT INTO sync_conflicts_014 (id, plan_id, unit_id, kind, indicator_id, period, value, note, base, current, state, pushed_by, pushed_at, decided_by, decided_at)
  SELECT id, plan_id, unit_id, 'figure', indicator_id, period, value, note, base, current, state, pushed_by, pushed_at, decided_by, decided_at FROM sync_conflicts;
DROP TABLE sync_conflicts;
ALTER TABLE sync_conflicts_014 RENAME TO sync_conflicts;
CREATE INDEX sync_conflicts_plan ON sync_conflicts(plan_id, state);

ALTER TABLE sync_cells ADD COLUMN server_at TEXT;
`;
