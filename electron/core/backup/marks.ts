/** The newest row of every history table: what was written after an operation lies beyond these. */
import { sql } from 'kysely';
import type { WriteMarks } from '../../../shared/backup/types';
import type { Db } from '../db/open';
import { get, query, runSync, type Op } from '../store/query';

// One query on both engines (store/query.ts): coalesce is SQLite's ifnull, and PostgreSQL's max(id) of a BIGINT reads as a number (pool.ts).
const MARKS = query<{ f: number; t: number; p: number; l: number; s: string | null }>(
  () => sql`SELECT (SELECT coalesce(max(id), 0) FROM figure_history) AS f, (SELECT coalesce(max(id), 0) FROM target_history) AS t,
            (SELECT coalesce(max(id), 0) FROM progress_history) AS p, (SELECT coalesce(max(id), 0) FROM period_lock_events) AS l,
            (SELECT max(updated_at) FROM summaries) AS s`,
);

export function* writeMarksOp(): Op<WriteMarks> {
  const row = yield* get(MARKS);
  if (!row) throw new Error('a SELECT without FROM answers one row');
  return { figureHistory: Number(row.f), targetHistory: Number(row.t), progressHistory: Number(row.p), lockEvents: Number(row.l), summariesAt: row.s ?? null };
}

export function writeMarks(db: Db): WriteMarks {
  return runSync(db, writeMarksOp());
}
