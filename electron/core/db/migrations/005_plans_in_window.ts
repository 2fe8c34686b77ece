// 005: keeping the plan in the window (issue 14). Stable codes for units and
// indicators (kept across renames, years and PCs: packages, returns and
// multi-year history match by code first), a unit's full official name for
// documents, deactivated units, archived and example plans, and the history of
// every edit made in the window (who, when, what, old → new).
export default /* sql */ `
ALTER TABLE units ADD COLUMN code TEXT;
ALTER TABLE units ADD COLUMN full_name TEXT;       -- 洪都街道办事处: the name documents use; NULL = the short name
ALTER TABLE units ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
UPDATE units SET code = 'U' || lower(hex(randomblob(5)));
UPDATE units SET code = '360104' WHERE name = '青云谱区' AND parent_id IS NULL; -- 行政区划代码 where known
CREATE UNIQUE INDEX units_code ON units(code);

-- The same indicator in two years' plans shares its code.
ALTER TABLE indicators ADD COLUMN code TEXT;
CREATE TEMP TABLE indicator_codes AS SELECT name, 'I' || lower(hex(randomblob(5))) AS code FROM (SELECT DISTINCT name FROM indicators);
UPDATE indicators SET code = (SELECT c.code FROM indicator_codes c WHERE c.name = indicators.name);
DROP TABLE indicator_codes;
CREATE UNIQUE INDEX indicators_plan_code ON indicators(plan_id, code);

ALTER TABLE plans ADD COLUMN archived_at TEXT;     -- 归档: hidden from the switcher unless asked for
ALTER TABLE plans ADD COLUMN example INTEGER NOT NULL DEFAULT 0 CHECK (example IN (0, 1)); -- 示例
UPDATE plans SET example = 1 WHERE source LIKE '%青政办发〔2022〕16号%' AND title = '2022年青云谱区科技创新基础大提升工作要点';

-- Every change made in the window to a plan's goals, tasks, action lines, units or the plan
-- itself. Targets and baselines keep their own record (target_history, 004). No foreign keys:
-- the record outlives what it names.
CREATE TABLE edit_history (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER,                 -- NULL for units (they belong to no one plan)
  entity      TEXT NOT NULL CHECK (entity IN ('plan','indicator','action_line','task','unit')),
  entity_id   INTEGER NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('add','change','remove','move','merge')),
  field       TEXT,                    -- 'name', 'content', … for a change
  old_value   TEXT,
  new_value   TEXT,
  summary     TEXT NOT NULL,           -- in Chinese, as the history shows it
  changed_by  TEXT NOT NULL,
  changed_at  TEXT NOT NULL
);
CREATE INDEX edit_history_entity ON edit_history(entity, entity_id);
CREATE INDEX edit_history_plan ON edit_history(plan_id);
`;
