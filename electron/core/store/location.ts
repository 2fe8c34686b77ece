/**
 * Where the store lives: a SQLite file or a PostgreSQL database (issue 22).
 * The one rule that tells them apart — a `postgres://` or `postgresql://`
 * URL is PostgreSQL, anything else a file path (shared/storeUrl.ts, which the
 * window asks too) — is applied here, and every door
 * (the CLI and `taizhang serve`, `npm run web`, the desktop shell) asks it
 * for `--db` / TAIZHANG_DB.
 */
import path from 'node:path';
import { isPostgresUrl } from '../../../shared/storeUrl';
import { perUserDbPath } from '../paths';

export type StoreLocation =
  | { engine: 'sqlite'; path: string }
  /** `shown`: the URL with its password masked — what messages, logs and `info` print. */
  | { engine: 'postgres'; url: string; shown: string };

export { isPostgresUrl };

/** `--db` when given (non-empty), else TAIZHANG_DB, else the per-user file every door shares. */
export function storeLocation(given?: string, env: NodeJS.ProcessEnv = process.env, platform = process.platform): StoreLocation {
  const chosen = given?.trim() ? given.trim() : env.TAIZHANG_DB?.trim() ? env.TAIZHANG_DB.trim() : undefined;
  if (chosen !== undefined && isPostgresUrl(chosen)) return { engine: 'postgres', url: chosen, shown: maskPassword(chosen) };
  return { engine: 'sqlite', path: chosen !== undefined ? path.resolve(chosen) : perUserDbPath(env, platform) };
}

/** The file path, or the URL without its password. */
export function shownLocation(location: StoreLocation): string {
  return location.engine === 'sqlite' ? location.path : location.shown;
}

/** postgres://user:secret@host/db → postgres://user:***@host/db (a password never reaches a terminal or a log). */
export function maskPassword(url: string): string {
  // The password runs to the LAST @: people type / ? # in passwords without percent-encoding them,
  // and stopping at the first of those would print the rest. (Masking too much is the safe side.)
  const userinfo = /^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):([\s\S]*)@([^@]*)$/i.exec(url);
  let masked = userinfo ? `${userinfo[1]}:***@${userinfo[3]}` : url;
  // A password given as a query parameter (?password=…) is masked too.
  masked = masked.replace(/([?&]password=)[^&#]*/gi, '$1***');
  return masked;
}

/** The store used when no --db is given, as the usage texts show it: TAIZHANG_DB, else the per-user file. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  return shownLocation(storeLocation(undefined, env, platform));
}
