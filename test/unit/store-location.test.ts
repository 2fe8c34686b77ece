/**
 * The one rule of where the store lives (electron/core/store/location.ts), the
 * SQLite → PostgreSQL translation's refusals (store/postgres/translate.ts), and
 * the PostgreSQL test cluster failing — not skipping — without its binaries.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskPassword, storeLocation } from '../../electron/core/store/location';
import { logFileFor } from '../../electron/core/log';
import { postgresStatements, UntranslatableSql } from '../../electron/core/store/postgres/translate';
import { postgresBinDir } from '../helpers/pgCluster';

describe('storeLocation: a postgres:// or postgresql:// URL is PostgreSQL, anything else a file', () => {
  const env = { XDG_CONFIG_HOME: '/home/w/.config' };
  it.each([
    ['postgres://u@db.kjj.local:5432/taizhang', 'postgres'],
    ['postgresql://u:p@10.1.2.3/taizhang', 'postgres'],
    ['POSTGRES://u@h/db', 'postgres'],
    ['  postgres://u@h/db ', 'postgres'],
    ['postgres.db', 'sqlite'],
    ['./postgres/taizhang.db', 'sqlite'],
    ['D:/data/postgres:x.db', 'sqlite'],
  ])('%s → %s', (value, engine) => {
    expect(storeLocation(value, env, 'linux').engine).toBe(engine);
  });

  it('--db first, then TAIZHANG_DB, then the per-user file; a file path is made absolute', () => {
    expect(storeLocation(undefined, env, 'linux')).toEqual({ engine: 'sqlite', path: '/home/w/.config/Taizhang/taizhang.db' });
    expect(storeLocation('', { ...env, TAIZHANG_DB: 'postgres://a@h/db' }, 'linux')).toMatchObject({ engine: 'postgres', url: 'postgres://a@h/db' });
    expect(storeLocation('x.db', { ...env, TAIZHANG_DB: 'postgres://a@h/db' }, 'linux')).toEqual({ engine: 'sqlite', path: path.resolve('x.db') });
    expect(storeLocation(undefined, { ...env, TAIZHANG_DB: 'rel.db' }, 'linux')).toEqual({ engine: 'sqlite', path: path.resolve('rel.db') });
  });

  it('never shows a password', () => {
    expect(maskPassword('postgres://wang:Secr3t%40@db:5432/tz')).toBe('postgres://wang:***@db:5432/tz');
    expect(maskPassword('postgresql://db/tz?user=wang&password=abc&sslmode=require')).toBe('postgresql://db/tz?user=wang&password=***&sslmode=require');
    expect(maskPassword('postgres://wang@db/tz')).toBe('postgres://wang@db/tz');
    // Unencoded / ? # @ in a password: all of it masked, never the part after the first of them.
    expect(maskPassword('postgres://u:se/cret@h/db')).toBe('postgres://u:***@h/db');
    expect(maskPassword('postgres://u:a?b#c@d@h:5432/db')).toBe('postgres://u:***@h:5432/db');
    expect(storeLocation('postgres://wang:pw@db/tz', {}, 'linux')).toMatchObject({ shown: 'postgres://wang:***@db/tz' });
  });

  it('a PostgreSQL store’s log goes to the per-user folder, not to a folder named after the URL', () => {
    const file = logFileFor('postgres://wang:***@db/tz');
    expect(file).not.toContain('postgres:');
    expect(path.isAbsolute(file ?? '')).toBe(true);
  });
});

describe('the PostgreSQL translation of the migrations', () => {
  it('refuses what it has no rule for, rather than guess', () => {
    expect(() => postgresStatements('CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);')).toThrow(UntranslatableSql);
    expect(() => postgresStatements("UPDATE a SET t = datetime('now');")).toThrow(/datetime/);
    expect(() => postgresStatements('CREATE TABLE a (b BLOB);')).toThrow(/column without a type/);
    expect(() => postgresStatements('CREATE TRIGGER t BEFORE INSERT ON a BEGIN DELETE FROM b; END;')).toThrow(/trigger/);
    expect(() => postgresStatements('CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET n = total(NEW.v); END;')).toThrow(/total/);
  });

  it('makes an AFTER trigger that runs statements a PL/pgSQL function and a row trigger (migration 014)', () => {
    const [fn, trigger] = postgresStatements(
      "CREATE TRIGGER keep_sums AFTER UPDATE OF v ON a WHEN OLD.v <> NEW.v BEGIN UPDATE s SET t = t - OLD.v WHERE k = OLD.k; DELETE FROM s WHERE n = 0; END;",
    );
    expect(fn).toBe('CREATE FUNCTION keep_sums_run() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE s SET t = t - OLD.v WHERE k = OLD.k; DELETE FROM s WHERE n = 0; RETURN NULL; END $$');
    expect(trigger).toBe('CREATE TRIGGER keep_sums AFTER UPDATE OF v ON a FOR EACH ROW WHEN (OLD.v <> NEW.v) EXECUTE FUNCTION keep_sums_run()');
  });

  it('leaves string literals alone and keeps a trigger whole', () => {
    const out = postgresStatements(`
      -- a comment; with a semicolon
      UPDATE a SET note = 'ifnull(x); -- not code' WHERE ifnull(b, 0) = 1;
      CREATE TRIGGER keep BEFORE UPDATE OF v ON a
      BEGIN SELECT RAISE(ABORT, '不能修改'); END;`);
    expect(out[0]).toBe("UPDATE a SET note = 'ifnull(x); -- not code' WHERE coalesce(b, 0) = 1");
    expect(out[1]).toContain("RAISE EXCEPTION USING MESSAGE = '不能修改'");
    expect(out[2]).toBe('CREATE TRIGGER keep BEFORE UPDATE OF v ON a FOR EACH ROW EXECUTE FUNCTION keep_refuse()');
  });
});

describe('the PostgreSQL test cluster', () => {
  it('without initdb and pg_ctl, fails saying what to install', () => {
    const saved = process.env.TAIZHANG_PG_BIN;
    process.env.TAIZHANG_PG_BIN = '/nonexistent/bin';
    try {
      expect(() => postgresBinDir()).toThrow('apt-get install -y postgresql');
    } finally {
      if (saved === undefined) delete process.env.TAIZHANG_PG_BIN;
      else process.env.TAIZHANG_PG_BIN = saved;
    }
  });
});
