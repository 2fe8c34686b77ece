// 003: year-end summary (年度工作总结), owned by the summary feature (issue 7).
// One summary per plan, unit and year: its title, issuer and date, and the
// paragraphs of the written sections. Numbers (一、（一）1.（1）) are not
// stored: they follow from each paragraph's level, so edits renumber.
export default /* sql */ `

CREATE TABLE summaries (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
  year        INTEGER NOT NULL,
  title       TEXT,            -- NULL: the default "青云谱区科工局2022年科技创新工作总结"
  issuer      TEXT,            -- NULL: the default issuing unit
  dated_on    TEXT,            -- ISO date of the 落款; NULL: the day it is generated
  updated_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (plan_id, unit_id, year)
);

CREATE TABLE summary_paragraphs (
  summary_id  INTEGER NOT NULL REFERENCES summaries(id) ON DELETE CASCADE,
  section     TEXT NOT NULL CHECK (section IN ('highlights','problems','nextYear')),
  seq         INTEGER NOT NULL,
  level       INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
  text        TEXT NOT NULL,
  PRIMARY KEY (summary_id, section, seq)
);
`;
