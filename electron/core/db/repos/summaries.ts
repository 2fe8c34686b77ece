/**
 * Summaries (年度工作总结, and 上半年/前三季度… ones): the stored
 * title/issuer/date and the paragraphs of the written sections, per plan,
 * unit and period ('2022' is the year-end one; migration 007); and the task
 * progress of a year that pre-fills them.
 */
import type { Progress } from '../../../../shared/model/task';
import type { OutlineLevel, SectionKey, SummarySections } from '../../../../shared/summary/outline';
import { emptySections, SECTION_KEYS } from '../../../../shared/summary/outline';
import type { Db } from '../open';
import { writeTx } from '../tx';

export interface StoredSummary {
  planId: number;
  unitId: number;
  /** The figures' period: '2022' (year end), '2022Q2' (上半年), '2022-10'. */
  period: string;
  title: string | null;
  issuer: string | null;
  datedOn: string | null;
  /** null: only the title, issuer or date were saved; the sections are still to be pre-filled. */
  sections: SummarySections | null;
  updatedBy: string;
  updatedAt: string;
}

interface SummaryRow {
  id: number;
  title: string | null;
  issuer: string | null;
  dated_on: string | null;
  sections_saved: number;
  updated_by: string;
  updated_at: string;
}

/** The stored summary, or undefined when nothing was saved yet. */
export function getSummary(db: Db, planId: number, unitId: number, period: string): StoredSummary | undefined {
  const row = db
    .prepare('SELECT id, title, issuer, dated_on, sections_saved, updated_by, updated_at FROM summaries WHERE plan_id = ? AND unit_id = ? AND period = ?')
    .get(planId, unitId, period) as SummaryRow | undefined;
  if (!row) return undefined;
  const sections = emptySections();
  const paragraphs = db
    .prepare('SELECT section, level, text FROM summary_paragraphs WHERE summary_id = ? ORDER BY section, seq')
    .all(row.id) as { section: SectionKey; level: OutlineLevel; text: string }[];
  for (const p of paragraphs) sections[p.section].push({ level: p.level, text: p.text });
  return {
    planId,
    unitId,
    period,
    title: row.title,
    issuer: row.issuer,
    datedOn: row.dated_on,
    sections: row.sections_saved ? sections : null,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

export interface SummaryWrite {
  planId: number;
  unitId: number;
  period: string;
  title: string | null;
  issuer: string | null;
  datedOn: string | null;
  /** Absent: keep the stored paragraphs (a change of title, issuer or date only). */
  sections?: SummarySections;
  by: string;
  at?: string;
}

/** Replaces the summary and all its paragraphs in one transaction. */
export function saveSummary(db: Db, w: SummaryWrite): void {
  writeTx(db, () => {
    const at = w.at ?? new Date().toISOString();
    db.prepare(
      `INSERT INTO summaries (plan_id, unit_id, year, period, title, issuer, dated_on, sections_saved, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
       ON CONFLICT (plan_id, unit_id, period) DO UPDATE SET
         title = excluded.title, issuer = excluded.issuer, dated_on = excluded.dated_on,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    ).run(w.planId, w.unitId, Number(w.period.slice(0, 4)), w.period, w.title, w.issuer, w.datedOn, w.by, at);
    const id = db
      .prepare('SELECT id FROM summaries WHERE plan_id = ? AND unit_id = ? AND period = ?')
      .pluck()
      .get(w.planId, w.unitId, w.period) as number;
    // Without sections (only the title, issuer or date changed) the stored paragraphs stay as they are —
    // or, never saved, stay unsaved: the document keeps being pre-filled.
    if (!w.sections) return;
    db.prepare('DELETE FROM summary_paragraphs WHERE summary_id = ?').run(id);
    const insert = db.prepare('INSERT INTO summary_paragraphs (summary_id, section, seq, level, text) VALUES (?, ?, ?, ?, ?)');
    for (const key of SECTION_KEYS) w.sections[key].forEach((p, i) => insert.run(id, key, i + 1, p.level, p.text));
    db.prepare('UPDATE summaries SET sections_saved = 1 WHERE id = ?').run(id);
  });
}

/** Task progress of a plan in one year (every period of that year). */
export function listYearProgress(db: Db, planId: number, year: number): Progress[] {
  const rows = db
    .prepare(
      `SELECT p.task_id, p.unit_id, p.period, p.status, p.text, p.reported_on FROM progress p
       JOIN tasks t ON t.id = p.task_id JOIN action_lines a ON a.id = t.action_line_id
       WHERE a.plan_id = ? AND substr(p.period, 1, 4) = ? ORDER BY p.task_id, p.unit_id, p.period`,
    )
    .all(planId, String(year)) as {
    task_id: number;
    unit_id: number;
    period: string;
    status: Progress['status'];
    text: string;
    reported_on: string | null;
  }[];
  return rows.map((r) => ({
    taskId: r.task_id,
    unitId: r.unit_id,
    period: r.period,
    status: r.status,
    text: r.text,
    reportedOn: r.reported_on,
  }));
}
