/**
 * A database file as an older Taizhang left it: the migrations up to
 * `version` applied, PRAGMA user_version set, then `sql` (its data). A
 * migration's test opens it with the current app and checks what changed.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../electron/core/db/migrations';

/** One street's figure in a one-indicator plan: the data most migration tests keep an eye on. */
export const oneFigureSql = (indicator: string, value: number) => `
  INSERT INTO units (id, name, kind, parent_id) VALUES (1, '青云谱区', 'district', NULL), (2, '洪都街道', 'street', 1);
  INSERT INTO plans (id, unit_id, title, year_start, year_end, source) VALUES (1, 1, '真实计划', 2022, 2022, 'import.xlsx');
  INSERT INTO indicators (id, plan_id, name, aggregation, frequency, decomposed) VALUES (1, 1, '${indicator}', 'sum', 'monthly', 1);
  INSERT INTO figures (indicator_id, unit_id, period, value, entered_by, entered_at) VALUES (1, 2, '2022-09', ${value}, '王芳', '2022-10-01T00:00:00Z');
`;

export function writeDatabaseAt(dbPath: string, version: number, sql: string): void {
  const old = new Database(dbPath);
  try {
    old.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.slice(0, version)) old.exec(m);
    old.pragma(`user_version = ${version}`);
    old.exec(sql);
  } finally {
    old.close();
  }
}
