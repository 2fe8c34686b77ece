/**
 * The only SQL fragments that differ per engine (issue 22). Every query is
 * written once (store/query.ts); where SQLite and PostgreSQL cannot say the
 * same thing the same way, the query asks for one of these fragments by name
 * instead of being written twice. Each is here because a hot read needs it:
 *
 * - `jsonArray(engine, expr)`: one column of many rows as ONE JSON array text.
 *   A plan's figures or targets (160,000 at 2,000 units × 40 indicators) are
 *   handed over a column at a time — building a JavaScript object per row in
 *   better-sqlite3 costs three to four times as much (repos/figures.ts). SQLite
 *   says json_group_array (and '[]' over no rows); PostgreSQL says json_agg,
 *   cast to text so both engines answer the same string (pg would otherwise
 *   parse the json itself), and NULL over no rows, hence the coalesce.
 *   Several jsonArray of one query see the rows in the same order on both.
 * - `hintedTable(engine, table, alias, sqliteIndex)`: a table in FROM with
 *   SQLite's INDEXED BY, where SQLite's planner would pick the covering
 *   figures_by_period index and walk every unit's figures; PostgreSQL plans
 *   by its statistics and has no hints, so there it is the plain table.
 * - `jsonList(engine, param, type)`: the values of a JSON array parameter as
 *   rows, for `x IN (…)` over a list whose length varies per call (the
 *   indicators an edit touches): one statement compiled once, the list bound
 *   as one JSON text — never a query built per list length. SQLite reads it
 *   with json_each, PostgreSQL with json_array_elements_text, cast to the
 *   column's type.
 * - `writeToken(engine)`: where the store stands, as one cheap value — SQLite's
 *   data_version (it moves when another connection commits) and this
 *   connection's total_changes(): equal tokens mean nothing was written in
 *   between, so what was read then still holds without reading it again (an
 *   import's commit, import/service.ts). PostgreSQL keeps no such counter per
 *   database: NULL, and the caller compares what it read instead.
 */
import { sql, type AliasedExpression, type Expression, type RawBuilder } from 'kysely';
import type { Engine } from './query';
import type { Schema } from './schema';

export function jsonArray(engine: Engine, expr: Expression<unknown>): RawBuilder<string> {
  return engine === 'sqlite' ? sql<string>`json_group_array(${expr})` : sql<string>`coalesce(json_agg(${expr})::text, '[]')`;
}

export function hintedTable<T extends keyof Schema & string, A extends string>(
  engine: Engine,
  table: T,
  alias: A,
  sqliteIndex: string,
): AliasedExpression<Schema[T], A> {
  if (engine === 'postgres') return sql<Schema[T]>`${sql.table(table)}`.as(alias);
  // SQLite writes the hint after the alias ("figures AS f INDEXED BY i"), which Kysely's own
  // aliasing (after the expression) cannot: the whole FROM item is one raw fragment, typed as the alias.
  return sql`${sql.table(table)} AS ${sql.id(alias)} INDEXED BY ${sql.id(sqliteIndex)}` as unknown as AliasedExpression<Schema[T], A>;
}

/** The values of a JSON array text parameter (`JSON.stringify(list)`) as a one-column subquery, for `column IN (…)`. */
export function jsonList(engine: Engine, param: unknown, type: 'integer'): RawBuilder<number>;
export function jsonList(engine: Engine, param: unknown, type: 'text'): RawBuilder<string>;
export function jsonList(engine: Engine, param: unknown, type: 'integer' | 'text'): RawBuilder<number | string> {
  if (engine === 'sqlite') return sql`(SELECT value FROM json_each(${param}))`;
  return type === 'integer'
    ? sql`(SELECT value::bigint FROM json_array_elements_text(${param}::json) AS value)`
    : sql`(SELECT value FROM json_array_elements_text(${param}::json) AS value)`;
}

export function writeToken(engine: Engine): RawBuilder<string | null> {
  return engine === 'sqlite' ? sql<string>`(SELECT data_version FROM pragma_data_version()) || '/' || total_changes()` : sql<null>`NULL`;
}
