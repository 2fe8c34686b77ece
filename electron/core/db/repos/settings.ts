/** Small key/value settings (table `settings` of migration 001). */
import type { Db } from '../open';

export function getSetting(db: Db, key: string): string | null {
  const v = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return v ?? null;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/** The name recorded with every figure and progress entry (asked on first run, changed in 设置). */
export const OPERATOR_KEY = 'operator';
