// 010: plans that flow between levels (issue 20). A city issues its plan to a
// district as a package (上级下达); the district's database keeps every
// version it received, immutable, and which of its own indicators and tasks
// each issued one is linked to (承接). The district's own targets stay in
// `targets`: an issued value reaches them only when the district takes it.
// `upper_sent` remembers what the district last reported upward for each
// cell, so the upper level can tell a corrected figure from one it changed
// itself (its conflict check). `plans.sample_targets` marks a plan whose
// per-unit targets are generated sample data (示例数据: the 南昌市 example).
export default /* sql */ `
ALTER TABLE plans ADD COLUMN sample_targets INTEGER NOT NULL DEFAULT 0 CHECK (sample_targets IN (0, 1));

CREATE TABLE upper_issues (
  id                 INTEGER PRIMARY KEY,
  plan_id            INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  version            INTEGER NOT NULL CHECK (version >= 1),
  upper_database_id  TEXT NOT NULL,   -- the issuing database's random exchange id
  upper_plan_id      INTEGER NOT NULL,
  upper_plan_title   TEXT NOT NULL,
  upper_doc_number   TEXT,
  upper_unit_name    TEXT NOT NULL,   -- 南昌市
  upper_unit_code    TEXT,
  unit_upper_id      INTEGER NOT NULL, -- this unit's id in the issuing database
  unit_code          TEXT,
  unit_name          TEXT NOT NULL,   -- this unit as the issuer names it
  export_id          TEXT NOT NULL UNIQUE,
  exported_at        TEXT NOT NULL,
  received_at        TEXT NOT NULL,
  received_by        TEXT NOT NULL,
  file_name          TEXT NOT NULL,
  sample_targets     INTEGER NOT NULL DEFAULT 0 CHECK (sample_targets IN (0, 1)),
  package            TEXT NOT NULL,   -- the package as received, verbatim
  UNIQUE (plan_id, version)
);

CREATE TABLE upper_issue_indicators (
  issue_id            INTEGER NOT NULL REFERENCES upper_issues(id) ON DELETE CASCADE,
  upper_indicator_id  INTEGER NOT NULL,
  code                TEXT,
  name                TEXT NOT NULL,
  measure_unit        TEXT NOT NULL,
  aggregation         TEXT NOT NULL CHECK (aggregation IN ('sum','none')),
  frequency           TEXT NOT NULL CHECK (frequency IN ('monthly','quarterly','yearly')),
  wording_text        TEXT,
  upper_value         REAL,            -- the issuer's own target (全市)
  upper_value_max     REAL,
  value               REAL NOT NULL,   -- the target issued to this unit
  value_max           REAL,
  indicator_id        INTEGER REFERENCES indicators(id) ON DELETE SET NULL, -- linked (承接)
  sort_order          INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (issue_id, upper_indicator_id)
);
CREATE INDEX upper_issue_indicators_local ON upper_issue_indicators(indicator_id);

CREATE TABLE upper_issue_tasks (
  issue_id          INTEGER NOT NULL REFERENCES upper_issues(id) ON DELETE CASCADE,
  upper_task_id     INTEGER NOT NULL,
  seq               INTEGER NOT NULL,
  action_line       TEXT NOT NULL,
  content           TEXT NOT NULL,
  lead_text         TEXT NOT NULL,
  responsible_text  TEXT NOT NULL,
  task_id           INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
  PRIMARY KEY (issue_id, upper_task_id)
);

-- What was issued is never edited: only the link to this database's indicator or task may change.
CREATE TRIGGER upper_issues_immutable BEFORE UPDATE ON upper_issues
BEGIN SELECT RAISE(ABORT, '上级下达的内容不能修改'); END;
CREATE TRIGGER upper_issue_indicators_immutable BEFORE UPDATE OF upper_indicator_id, code, name, measure_unit, aggregation, frequency, wording_text, upper_value, upper_value_max, value, value_max ON upper_issue_indicators
BEGIN SELECT RAISE(ABORT, '上级下达的目标不能修改'); END;
CREATE TRIGGER upper_issue_tasks_immutable BEFORE UPDATE OF upper_task_id, seq, action_line, content, lead_text, responsible_text ON upper_issue_tasks
BEGIN SELECT RAISE(ABORT, '上级下达的任务不能修改'); END;

CREATE TABLE upper_sent (
  plan_id   INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  key       TEXT NOT NULL,     -- 'f|<upper indicator id>|<period>' or 'p|<upper task id>|<period>'
  value     TEXT NOT NULL,     -- JSON: the number, or {status, text}
  sent_at   TEXT NOT NULL,
  PRIMARY KEY (plan_id, key)
);
`;
