/** Plans (工作要点). */
import type { Plan } from '../../../../shared/model/plan';
import type { Db } from '../open';
import { all, get, query, returnedId, run, runSync, type Op } from '../../store/query';

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

type NewPlanRow = { unitId: number; title: string; yearStart: number; yearEnd: number; docNumber: string | null; issuedOn: string | null; issuer: string | null; source: string | null; example: number };
const INSERT_PLAN = query<{ id: number }, NewPlanRow>((qb, p) =>
  qb
    .insertInto('plans')
    .values({
      unit_id: p('unitId'),
      title: p('title'),
      year_start: p('yearStart'),
      year_end: p('yearEnd'),
      doc_number: p('docNumber'),
      issued_on: p('issuedOn'),
      issuer: p('issuer'),
      source: p('source'),
      example: p('example'),
    })
    .returning('id'),
);

export function* insertPlanOp(p: Omit<Plan, 'id'>): Op<number> {
  return returnedId(
    yield* get(INSERT_PLAN, {
      unitId: p.unitId,
      title: p.title,
      yearStart: p.yearStart,
      yearEnd: p.yearEnd,
      docNumber: p.docNumber,
      issuedOn: p.issuedOn,
      issuer: p.issuer,
      source: p.source,
      example: p.example ? 1 : 0,
    }),
  );
}

export function insertPlan(db: Db, p: Omit<Plan, 'id'>): number {
  return runSync(db, insertPlanOp(p));
}

const MARK_EXAMPLE = query<never, { id: number }>((qb, p) => qb.updateTable('plans').set({ example: 1 }).where('id', '=', p('id')));
const MARK_SAMPLE_TARGETS = query<never, { id: number }>((qb, p) => qb.updateTable('plans').set({ sample_targets: 1 }).where('id', '=', p('id')));

/** Marks a plan as an example (示例), so every screen and export says so. */
export function* markExamplePlanOp(id: number): Op<void> {
  yield* run(MARK_EXAMPLE, { id });
}

/** Marks a plan whose sub-units' targets were generated (示例数据, seeds' `sampleTargets`). */
export function* markSampleTargetsOp(id: number): Op<void> {
  yield* run(MARK_SAMPLE_TARGETS, { id });
}

// The query layer's (store/query.ts): the plan list reads the same on SQLite and PostgreSQL.
const PLANS_NEWEST_FIRST = query<PlanRow>((qb) => qb.selectFrom('plans').selectAll().orderBy('year_end', 'desc').orderBy('id', 'desc'));

export function* listPlansOp(): Op<Plan[]> {
  return (yield* all(PLANS_NEWEST_FIRST)).map(toPlan);
}

export function listPlans(db: Db): Plan[] {
  return runSync(db, listPlansOp());
}

const PLAN_BY_ID = query<PlanRow, { id: number }>((qb, p) => qb.selectFrom('plans').selectAll().where('id', '=', p('id')));

export function* getPlanOp(id: number): Op<Plan | undefined> {
  const row = yield* get(PLAN_BY_ID, { id });
  return row && toPlan(row);
}

export function getPlan(db: Db, id: number): Plan | undefined {
  return runSync(db, getPlanOp(id));
}
