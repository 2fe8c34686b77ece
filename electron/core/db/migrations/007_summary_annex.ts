// 007: the summary and the annexes as issued (issue 17).
//
// 1. indicators.issued_header: the column header the issued 附件2 printed for
//    the indicator ("2022年高新技术企业数量（家）"), kept when a breakdown is
//    imported or seeded, so the exported annex prints it again. NULL: the
//    export composes "2022年<name>（<measure unit>）".
// 2. summaries are kept per period, not per year: a 上半年 (2022Q2) or
//    前三季度 summary has written sections of its own beside the year-end one
//    (period '2022'); and the 成文日期 can be set before the sections were
//    ever saved (sections_saved = 0: the document stays pre-filled). The table is rebuilt with the new key, as SQLite cannot
//    change a UNIQUE constraint; existing summaries become their year's
//    year-end summary, paragraphs and all (copied, then the old tables dropped:
//    paragraphs first, so dropping summaries has nothing to cascade to).
// 3. The example plan (青政办发〔2022〕16号) as seeded by earlier versions:
//    its issued headers, and 附件1 task texts without the spaces the PDF text
//    extraction left ("年营收 3 亿元" → "年营收3亿元"). Only rows still exactly
//    as seeded are touched; anything a user edited stays as it is.
const EXAMPLE_SOURCE = '青政办发〔2022〕16号《2022年青云谱区科技创新基础大提升工作要点》';
const examplePlans = `(SELECT id FROM plans WHERE source = '${EXAMPLE_SOURCE}')`;
const exampleTasks = `(SELECT t.id FROM tasks t JOIN action_lines a ON a.id = t.action_line_id WHERE a.plan_id IN ${examplePlans})`;

const CLEANED_TASKS: [string, string][] = [
  ['年营收 3 亿元以上工业企业研发机构全覆盖；力争新组建 1-3 家科研机构。', '年营收3亿元以上工业企业研发机构全覆盖；力争新组建1-3家科研机构。'],
  ['力争 2022 年底全区技术合同登记额突破 7 亿元', '力争2022年底全区技术合同登记额突破7亿元'],
  ['力争 2022 年底，培育入库科技型中小企业 140 家，高新技术企业达到 76 家。', '力争2022年底，培育入库科技型中小企业140家，高新技术企业达到76家。'],
];

const ISSUED_HEADERS: [string, string][] = [
  ['科技型中小企业', '科技型中小企业'],
  ['高新技术企业', '2022年高新技术企业数量（家）'],
  ['技术合同成交额', '2022年技术合同成交额（亿元）'],
];

export default /* sql */ `

ALTER TABLE indicators ADD COLUMN issued_header TEXT;

CREATE TABLE summaries_v5 (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
  year        INTEGER NOT NULL,
  period      TEXT NOT NULL,   -- '2022' year-end; '2022Q2' 上半年; '2022-10' 1-10月
  title       TEXT,            -- NULL: the default "青云谱区2022年科技创新工作总结"
  issuer      TEXT,            -- NULL: the default issuing organ's full name
  dated_on    TEXT,            -- ISO 成文日期; NULL: the default for the period (shared/summary/dates.ts)
  -- 0: only the title, issuer or date were saved; the sections are still the pre-fill
  sections_saved INTEGER NOT NULL DEFAULT 1 CHECK (sections_saved IN (0,1)),
  updated_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (plan_id, unit_id, period)
);
INSERT INTO summaries_v5 (id, plan_id, unit_id, year, period, title, issuer, dated_on, updated_by, updated_at)
  SELECT id, plan_id, unit_id, year, CAST(year AS TEXT), title, issuer, dated_on, updated_by, updated_at FROM summaries;

CREATE TABLE summary_paragraphs_v5 (
  summary_id  INTEGER NOT NULL REFERENCES summaries_v5(id) ON DELETE CASCADE,
  section     TEXT NOT NULL CHECK (section IN ('highlights','problems','nextYear')),
  seq         INTEGER NOT NULL,
  level       INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
  text        TEXT NOT NULL,
  PRIMARY KEY (summary_id, section, seq)
);
INSERT INTO summary_paragraphs_v5 (summary_id, section, seq, level, text)
  SELECT summary_id, section, seq, level, text FROM summary_paragraphs;

DROP TABLE summary_paragraphs;
DROP TABLE summaries;
ALTER TABLE summaries_v5 RENAME TO summaries;
ALTER TABLE summary_paragraphs_v5 RENAME TO summary_paragraphs;

${ISSUED_HEADERS.map(
  ([name, header]) =>
    `UPDATE indicators SET issued_header = '${header}' WHERE name = '${name}' AND decomposed = 1 AND issued_header IS NULL AND plan_id IN ${examplePlans};`,
).join('\n')}

${CLEANED_TASKS.map(([before, after]) => `UPDATE tasks SET content = '${after}' WHERE content = '${before}' AND id IN ${exampleTasks};`).join('\n')}
`;
