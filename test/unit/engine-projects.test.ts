/**
 * The `postgres` project's list (test/engineProjects.ts) stays honest: every
 * file it names exists, none is named twice, and every integration file it
 * does run asks for its stores through test/helpers/testStore.ts — a file
 * that opened its own SQLite file would pass twice on SQLite and prove
 * nothing about PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOT_YET_ON_POSTGRES, SQLITE_ONLY } from '../engineProjects';

const dir = path.resolve(__dirname, '../integration');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.ts'));
const bothInOneFile = (f: string) => f.endsWith('-engines.test.ts') || f.startsWith('postgres-');

describe('the integration files on PostgreSQL', () => {
  it('lists only files that exist, each once, never a file that tests both engines itself', () => {
    const listed = [...Object.keys(SQLITE_ONLY), ...NOT_YET_ON_POSTGRES];
    expect(listed.filter((f) => !files.includes(f))).toEqual([]);
    expect(listed.filter((f, i) => listed.indexOf(f) !== i)).toEqual([]);
    expect(listed.filter(bothInOneFile)).toEqual([]);
  });

  it('runs every other file on stores from testStore.ts, never on a SQLite file of its own', () => {
    const listed = new Set([...Object.keys(SQLITE_ONLY), ...NOT_YET_ON_POSTGRES]);
    const onPostgres = files.filter((f) => !listed.has(f) && !bothInOneFile(f));
    const offTheHelper = onPostgres.filter((f) => {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      // Directly, or through storeCore (test/helpers/exchange.ts: a testStore with its API calls); never exchange.ts's SQLite-only openTestCore.
      const onTestStore = text.includes("from '../helpers/testStore'") || /\bstoreCore\(/.test(text);
      return !onTestStore || /from 'better-sqlite3'|openCore\(|openTestCore\(|tempDbPath\(/.test(text);
    });
    expect(offTheHelper).toEqual([]);
    expect(onPostgres.length).toBeGreaterThan(0);
  });
});
