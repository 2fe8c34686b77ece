/**
 * The error log: details of unexpected failures (stack traces) for technical
 * support, in `taizhang.log` beside the database — never on stdout/stderr,
 * where a user (or a script reading --json) would meet them.
 *
 * Bounded: past MAX_BYTES the file becomes taizhang.log.1 (the one before is
 * dropped), so a failure in a loop cannot fill the disk. Best effort: when
 * the log itself cannot be written (a full disk, a read-only folder) the
 * entry is dropped; logging never turns one failure into two.
 *
 * What never goes in: request bodies, URLs, tokens and session secrets —
 * callers pass a short context ("import.commit", "web host") and the error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { perUserDbPath } from './paths';
import { isPostgresUrl } from './store/location';

export const LOG_FILE_NAME = 'taizhang.log';
const MAX_BYTES = 1024 * 1024;

export interface ErrorLog {
  /** The file written to; null when the database lives in memory (tests). */
  readonly file: string | null;
  error(context: string, err: unknown): void;
}

/** The log file for a database: taizhang.log in the same folder; for a PostgreSQL store, in the per-user folder. */
export function logFileFor(dbPath: string): string | null {
  if (dbPath === ':memory:' || dbPath === '') return null;
  if (isPostgresUrl(dbPath)) return path.join(path.dirname(perUserDbPath()), LOG_FILE_NAME);
  return path.join(path.dirname(path.resolve(dbPath)), LOG_FILE_NAME);
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return `${err.stack ?? `${err.name}: ${err.message}`}${code ? ` [code ${code}]` : ''}`;
  }
  return String(err);
}

export function errorLogBeside(dbPath: string, maxBytes = MAX_BYTES): ErrorLog {
  const file = logFileFor(dbPath);
  return {
    file,
    error(context, err) {
      if (!file) return;
      try {
        const entry = `${new Date().toISOString()} [${context}] ${describe(err)}\n`;
        let size = 0;
        try {
          size = fs.statSync(file).size;
        } catch {
          // no log yet
        }
        if (size + Buffer.byteLength(entry) > maxBytes) fs.renameSync(file, `${file}.1`);
        fs.appendFileSync(file, entry.length > maxBytes ? entry.slice(0, maxBytes) : entry);
      } catch {
        // Nowhere to write (full disk, read-only folder): drop the entry rather than fail again.
      }
    },
  };
}
