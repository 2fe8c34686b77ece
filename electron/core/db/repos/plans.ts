/** Plans (工作要点). */
import type { Plan } from '../../../../shared/model/plan';
import type { Db } from '../open';
import { all, query, runSync, type Op } from '../../store/query';

interface PlanRow {
  id: number;
  unit_id: number;
  title: string;
  year_start: number;
  year_end: number;
  doc_number: string | null;
  issued_on: string | null;
  issuer: string | null;
  source: string | null;
  archived_at: string | null;
  example: number;
  sample_targets?: number;
}

const toPlan = (r: PlanRow): Plan => ({
  id: r.id,
  unitId: r.unit_id,
  title: r.title,
  yearStart: r.year_start,
  yearEnd: r.year_end,
  docNumber: r.doc_number,
  issuedOn: r.issued_on,
  issuer: r.issuer,
  source: r.source,
  archivedAt: r.archived_at,
  example: r.example === 1,
  sampleTargets: r.sample_targets === 1,
});

export function insertPlan(db: Db, p: Omit<Plan, 'id'>): number {
  return Number(
    db
      .prepare(
        `INSERT INTO plans (unit_id, title, year_start, year_end, doc_number, issued_on, issuer, source, example)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.unitId, p.title, p.yearStart, p.yearEnd, p.docNumber, p.issuedOn, p.issuer, p.source, p.example ? 1 : 0)
      .lastInsertRowid,
  );
}

// The query layer's (store/query.ts): the plan list reads the same on SQLite and PostgreSQL.
const PLANS_NEWEST_FIRST = query<PlanRow>((qb) => qb.selectFrom('plans').selectAll().orderBy('year_end', 'desc').orderBy('id', 'desc'));

export function* listPlansOp(): Op<Plan[]> {
  return (yield* all(PLANS_NEWEST_FIRST)).map(toPlan);
}

export function listPlans(db: Db): Plan[] {
  return runSync(db, listPlansOp());
}

export function getPlan(db: Db, id: number): Plan | undefined {
  const row = db.prepare('SELECT * FROM plans WHERE id = ?').get(id) as PlanRow | undefined;
  return row && toPlan(row);
}
