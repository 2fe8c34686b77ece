/**
 * Summaries (年度工作总结, and 上半年/前三季度… ones): the stored
 * title/issuer/date and the paragraphs of the written sections, per plan,
 * unit and period ('2022' is the year-end one; migration 007); and the task
 * progress of a year that pre-fills them. Ops of the query layer
 * (store/query.ts): the same reads and the same one-transaction save on
 * SQLite and PostgreSQL.
 */
import type { Progress } from '../../../../shared/model/task';
import type { OutlineLevel, SectionKey, SummarySections } from '../../../../shared/summary/outline';
import { emptySections, SECTION_KEYS } from '../../../../shared/summary/outline';
import { sql } from 'kysely';
import type { Db } from '../open';
import { writeTxOp } from '../tx';
import { all, get, query, returnedId, run, runSync, type Op } from '../../store/query';

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

type SummaryKey = { planId: number; unitId: number; period: string };

const SUMMARY = query<SummaryRow, SummaryKey>((qb, p) =>
  qb
    .selectFrom('summaries')
    .select(['id', 'title', 'issuer', 'dated_on', 'sections_saved', 'updated_by', 'updated_at'])
    .where('plan_id', '=', p('planId'))
    .where('unit_id', '=', p('unitId'))
    .where('period', '=', p('period')),
);

const PARAGRAPHS = query<{ section: SectionKey; level: OutlineLevel; text: string }, { summaryId: number }>((qb, p) =>
  qb
    .selectFrom('summary_paragraphs')
    .select(['section', 'level', 'text'])
    .where('summary_id', '=', p('summaryId'))
    .orderBy('section')
    .orderBy('seq'),
);

/** The stored summary, or undefined when nothing was saved yet. */
export function* getSummaryOp(planId: number, unitId: number, period: string): Op<StoredSummary | undefined> {
  const row = yield* get(SUMMARY, { planId, unitId, period });
  if (!row) return undefined;
  const sections = emptySections();
  for (const p of yield* all(PARAGRAPHS, { summaryId: row.id })) sections[p.section].push({ level: p.level, text: p.text });
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

export function getSummary(db: Db, planId: number, unitId: number, period: string): StoredSummary | undefined {
  return runSync(db, getSummaryOp(planId, unitId, period));
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

type SummaryHead = SummaryKey & { year: number; title: string | null; issuer: string | null; datedOn: string | null; by: string; at: string };

/** A new summary with no saved sections yet, or the stored one's title, issuer, date and who saved it last. */
const UPSERT_SUMMARY = query<{ id: number }, SummaryHead>((qb, p) =>
  qb
    .insertInto('summaries')
    .values({
      plan_id: p('planId'),
      unit_id: p('unitId'),
      year: p('year'),
      period: p('period'),
      title: p('title'),
      issuer: p('issuer'),
      dated_on: p('datedOn'),
      sections_saved: 0,
      updated_by: p('by'),
      updated_at: p('at'),
    })
    .onConflict((oc) =>
      oc.columns(['plan_id', 'unit_id', 'period']).doUpdateSet((eb) => ({
        title: eb.ref('excluded.title'),
        issuer: eb.ref('excluded.issuer'),
        dated_on: eb.ref('excluded.dated_on'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returning('id'),
);
const DELETE_PARAGRAPHS = query<never, { summaryId: number }>((qb, p) => qb.deleteFrom('summary_paragraphs').where('summary_id', '=', p('summaryId')));
const INSERT_PARAGRAPH = query<never, { summaryId: number; section: SectionKey; seq: number; level: OutlineLevel; text: string }>((qb, p) =>
  qb.insertInto('summary_paragraphs').values({ summary_id: p('summaryId'), section: p('section'), seq: p('seq'), level: p('level'), text: p('text') }),
);
const MARK_SECTIONS_SAVED = query<never, { summaryId: number }>((qb, p) => qb.updateTable('summaries').set({ sections_saved: 1 }).where('id', '=', p('summaryId')));

/** Replaces the summary and all its paragraphs; run it as ONE write transaction (saveSummary, or writeTxPgOp). */
export function* saveSummaryOp(w: SummaryWrite): Op<void> {
  const at = w.at ?? new Date().toISOString();
  const summaryId = returnedId(
    yield* get(UPSERT_SUMMARY, {
      planId: w.planId,
      unitId: w.unitId,
      year: Number(w.period.slice(0, 4)),
      period: w.period,
      title: w.title,
      issuer: w.issuer,
      datedOn: w.datedOn,
      by: w.by,
      at,
    }),
  );
  // Without sections (only the title, issuer or date changed) the stored paragraphs stay as they are —
  // or, never saved, stay unsaved: the document keeps being pre-filled.
  if (!w.sections) return;
  yield* run(DELETE_PARAGRAPHS, { summaryId });
  for (const section of SECTION_KEYS) {
    for (const [i, p] of w.sections[section].entries()) yield* run(INSERT_PARAGRAPH, { summaryId, section, seq: i + 1, level: p.level, text: p.text });
  }
  yield* run(MARK_SECTIONS_SAVED, { summaryId });
}

/** Replaces the summary and all its paragraphs in one transaction. */
export function saveSummary(db: Db, w: SummaryWrite): void {
  writeTxOp(db, saveSummaryOp(w));
}

type YearProgressRow = { task_id: number; unit_id: number; period: string; status: Progress['status']; text: string; reported_on: string | null };

const YEAR_PROGRESS = query<YearProgressRow, { planId: number; year: string }>((qb, p) =>
  qb
    .selectFrom('progress as p')
    .innerJoin('tasks as t', 't.id', 'p.task_id')
    .innerJoin('action_lines as a', 'a.id', 't.action_line_id')
    .select(['p.task_id', 'p.unit_id', 'p.period', 'p.status', 'p.text', 'p.reported_on'])
    .where('a.plan_id', '=', p('planId'))
    .where(sql<string>`substr(${sql.ref('p.period')}, 1, 4)`, '=', p('year'))
    .orderBy('p.task_id')
    .orderBy('p.unit_id')
    .orderBy('p.period'),
);

/** Task progress of a plan in one year (every period of that year). */
export function* listYearProgressOp(planId: number, year: number): Op<Progress[]> {
  return (yield* all(YEAR_PROGRESS, { planId, year: String(year) })).map((r) => ({
    taskId: r.task_id,
    unitId: r.unit_id,
    period: r.period,
    status: r.status,
    text: r.text,
    reportedOn: r.reported_on,
  }));
}

export function listYearProgress(db: Db, planId: number, year: number): Progress[] {
  return runSync(db, listYearProgressOp(planId, year));
}
