// 001: units, groups, plans, indicators, targets, figures (with history),
// action lines, tasks and their units, task progress, settings.
// SQL lives in .ts so that bundles (Electron main, CLI) carry it without file lookups.
export default /* sql */ `

CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('city','district','street','town','zone','department')),
  parent_id   INTEGER REFERENCES units(id) ON DELETE RESTRICT,
  sort_order  INTEGER NOT NULL DEFAULT 0
);
-- A name is unique among its siblings (two 科工局 under two districts are fine).
CREATE UNIQUE INDEX units_parent_name ON units(ifnull(parent_id, 0), name);

CREATE TABLE unit_groups (
  id             INTEGER PRIMARY KEY,
  phrase         TEXT NOT NULL,
  aliases        TEXT NOT NULL DEFAULT '[]', -- JSON array of other spellings
  owner_unit_id  INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  UNIQUE (owner_unit_id, phrase)
);

CREATE TABLE unit_group_members (
  group_id    INTEGER NOT NULL REFERENCES unit_groups(id) ON DELETE CASCADE,
  unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  sort_order  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (group_id, unit_id)
);

CREATE TABLE plans (
  id          INTEGER PRIMARY KEY,
  unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
  title       TEXT NOT NULL,
  year_start  INTEGER NOT NULL,
  year_end    INTEGER NOT NULL CHECK (year_end >= year_start),
  doc_number  TEXT,
  issued_on   TEXT,
  issuer      TEXT,
  source      TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE indicators (
  id            INTEGER PRIMARY KEY,
  plan_id       INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  measure_unit  TEXT NOT NULL DEFAULT '',
  aggregation   TEXT NOT NULL CHECK (aggregation IN ('sum','none')),
  frequency     TEXT NOT NULL CHECK (frequency IN ('monthly','quarterly','yearly')),
  decimals      INTEGER NOT NULL DEFAULT 0 CHECK (decimals BETWEEN 0 AND 6),
  sort_order    INTEGER NOT NULL DEFAULT 0,
  wording_text  TEXT,            -- the goal clause as the plan writes it
  wording_json  TEXT,            -- its parsed TargetWording
  baseline      REAL,            -- last year's actual
  decomposed    INTEGER NOT NULL DEFAULT 0 CHECK (decomposed IN (0,1)),
  UNIQUE (plan_id, name)
);

CREATE TABLE targets (
  indicator_id  INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  unit_id       INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
  value         REAL NOT NULL,
  value_max     REAL,
  PRIMARY KEY (indicator_id, unit_id)
);

CREATE TABLE figures (
  indicator_id  INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  unit_id       INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
  period        TEXT NOT NULL,
  value         REAL NOT NULL,
  note          TEXT,
  entered_by    TEXT NOT NULL,
  entered_at    TEXT NOT NULL,
  PRIMARY KEY (indicator_id, unit_id, period)
);

-- Every change of a figure, never deleted (the audit trail).
CREATE TABLE figure_history (
  id            INTEGER PRIMARY KEY,
  indicator_id  INTEGER NOT NULL,
  unit_id       INTEGER NOT NULL,
  period        TEXT NOT NULL,
  old_value     REAL,
  new_value     REAL,
  note          TEXT,
  changed_by    TEXT NOT NULL,
  changed_at    TEXT NOT NULL,
  source        TEXT
);
CREATE INDEX figure_history_cell ON figure_history(indicator_id, unit_id, period);

CREATE TABLE action_lines (
  id       INTEGER PRIMARY KEY,
  plan_id  INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  seq      INTEGER NOT NULL,
  title    TEXT NOT NULL,
  UNIQUE (plan_id, seq)
);

CREATE TABLE tasks (
  id                INTEGER PRIMARY KEY,
  action_line_id    INTEGER NOT NULL REFERENCES action_lines(id) ON DELETE CASCADE,
  seq               INTEGER NOT NULL,
  content           TEXT NOT NULL,
  lead_text         TEXT NOT NULL DEFAULT '',
  responsible_text  TEXT NOT NULL DEFAULT '',
  deadline          TEXT
);
CREATE INDEX tasks_line ON tasks(action_line_id, seq);

CREATE TABLE task_units (
  task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
  role        TEXT NOT NULL CHECK (role IN ('lead','responsible')),
  via_phrase  TEXT,
  sort_order  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (task_id, unit_id, role)
);

CREATE TABLE progress (
  task_id      INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  unit_id      INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
  period       TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('not_started','in_progress','done','late')),
  text         TEXT NOT NULL DEFAULT '',
  reported_on  TEXT,
  entered_by   TEXT NOT NULL,
  entered_at   TEXT NOT NULL,
  PRIMARY KEY (task_id, unit_id, period)
);

-- Small key/value settings (operator name, last opened plan, …).
CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
`;
