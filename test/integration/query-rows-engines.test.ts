/**
 * One write for many parameter rows (store/query.ts rowsQuery + runMany, issue 22): the same query,
 * written once, on a SQLite file (the one-row statement run per row) and on PostgreSQL (multi-row
 * statements within the 65,535-parameter limit, store/postgres/run.ts). Both store the same rows in the
 * same order (identity ids follow the rows), count the same changes, upsert alike, and a row that fails
 * anywhere leaves nothing of the write.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsQuery, runMany, type Op } from '../../electron/core/store/query';
import { MAX_PARAMETERS } from '../../electron/core/store/postgres/run';
import { openEngine, stopEngines, type EngineStore } from '../helpers/engines';

let lite: EngineStore;
let pg: EngineStore;

beforeAll(async () => {
  [lite, pg] = [await openEngine('sqlite'), await openEngine('postgres')];
}, 120_000);

afterAll(async () => {
  await lite?.close();
  await pg?.close();
  await stopEngines();
}, 60_000);

type Event = { userId: number; detail: string; action: string };
/** With Kysely's builder: account_events rows (an identity id, a CHECK constraint), one fixed value per row. */
const INSERT_EVENTS = rowsQuery<Event>((qb, rows) =>
  qb.insertInto('account_events').values(
    rows.map((r) => ({
      user_id: r('userId'),
      user_name: '测试',
      action: r('action') as never,
      detail: r('detail'),
      by_name: null,
      from_addr: null,
      at: '2022-01-01T00:00:00.000Z',
    })),
  ),
);

type Setting = { key: string; value: string };
/** As a `sql` template, with ON CONFLICT: settings upserted. */
const PUT_SETTINGS = rowsQuery<Setting>(
  (_qb, rows) => sql`INSERT INTO settings (key, value) VALUES ${sql.join(rows.map((r) => sql`(${r('key')}, ${r('value')})`))}
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
);

/** Many parameters per row (20): fewer rows fit in one PostgreSQL statement. */
type Wide = { key: string } & Record<`v${number}`, string>;
const WIDE = rowsQuery<Wide>(
  (_qb, rows) =>
    sql`INSERT INTO settings (key, value) VALUES ${sql.join(
      rows.map((r) => sql`(${r('key')}, ${sql.join(Array.from({ length: 19 }, (_, i) => r(`v${i}`)), sql` || `)})`),
    )}`,
);

const events = (n: number, from = 0): Event[] => Array.from({ length: n }, (_, i) => ({ userId: from + i, detail: `第${from + i}条`, action: 'login' }));

function* both<T>(...ops: Op<T>[]): Op<T[]> {
  const out: T[] = [];
  for (const op of ops) out.push(yield* op);
  return out;
}

async function onBoth<T>(f: (s: EngineStore) => Promise<T>): Promise<[T, T]> {
  return [await f(lite), await f(pg)];
}

describe('runMany on SQLite and PostgreSQL', () => {
  it('stores every row in order (ids follow the rows) and counts them, across chunk sizes', async () => {
    // 5,003 rows: on PostgreSQL 4,096 + 512 + 256 + 128 + 8 + 2 + 1 rows per statement.
    const rows = events(5003);
    const [a, b] = await onBoth((s) => s.store.write(runMany(INSERT_EVENTS, rows)));
    expect(a).toEqual({ changes: 5003 });
    expect(b).toEqual(a);
    const [x, y] = await onBoth((s) => s.sql('SELECT id, user_id, user_name, action, detail FROM account_events ORDER BY id'));
    expect(x).toHaveLength(5003);
    expect(y).toEqual(x);
    expect(x.map((r) => r.user_id)).toEqual(rows.map((r) => r.userId));
    expect(x.map((r) => r.id)).toEqual(x.map((_, i) => i + 1));
  });

  it('upserts alike (a sql template with ON CONFLICT), and runs nothing for no rows', async () => {
    const first = Array.from({ length: 3000 }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
    const again = Array.from({ length: 1500 }, (_, i) => ({ key: `k${i * 2}`, value: `w${i}` }));
    const [a, b] = await onBoth((s) => s.store.write(both(runMany(PUT_SETTINGS, first), runMany(PUT_SETTINGS, again), runMany(PUT_SETTINGS, []))));
    expect(a).toEqual([{ changes: 3000 }, { changes: 1500 }, { changes: 0 }]);
    expect(b).toEqual(a);
    const [x, y] = await onBoth((s) => s.sql("SELECT key, value FROM settings WHERE key LIKE 'k%' ORDER BY key"));
    expect(x).toHaveLength(3000);
    expect(y).toEqual(x);
    expect(x.find((r) => r.key === 'k10')).toEqual({ key: 'k10', value: 'w5' });
    expect(x.find((r) => r.key === 'k11')).toEqual({ key: 'k11', value: 'v11' });
  });

  it('keeps within the parameter limit with many parameters per row', async () => {
    const rows = Array.from({ length: 7000 }, (_, i) => {
      const row: Wide = { key: `wide${i}` };
      for (let j = 0; j < 19; j++) row[`v${j}`] = j === 0 ? String(i) : '';
      return row;
    });
    expect(rows.length * 20).toBeGreaterThan(MAX_PARAMETERS);
    const [a, b] = await onBoth((s) => s.store.write(runMany(WIDE, rows)));
    expect(a).toEqual({ changes: 7000 });
    expect(b).toEqual(a);
    const [x, y] = await onBoth((s) => s.sql("SELECT count(*) AS n, max(length(value)) AS len FROM settings WHERE key LIKE 'wide%'"));
    expect(y).toEqual(x);
    expect(x[0]).toEqual({ n: 7000, len: 4 });
  });

  it('a row that fails (a CHECK, in the last statement) leaves nothing of the write', async () => {
    const [before] = await onBoth((s) => s.sql('SELECT count(*) AS n FROM account_events'));
    const rows = [...events(4500, 100_000), { userId: 1, detail: '坏', action: 'bogus' }];
    for (const s of [lite, pg]) {
      await expect(s.store.write(runMany(INSERT_EVENTS, rows)), s.engine).rejects.toThrow(/CHECK|check/);
      expect(await s.sql('SELECT count(*) AS n FROM account_events')).toEqual(before);
    }
  });

  it('a missing parameter is said, and nothing is written', async () => {
    for (const s of [lite, pg]) {
      await expect(s.store.write(runMany(PUT_SETTINGS, [{ key: 'x' } as Setting])), s.engine).rejects.toThrow('query parameter value missing');
      expect(await s.sql("SELECT count(*) AS n FROM settings WHERE key = 'x'")).toEqual([{ n: 0 }]);
    }
  });
});
