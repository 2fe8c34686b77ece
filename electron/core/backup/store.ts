/**
 * Where copies live and the manifest that lists them: a `backups/` folder
 * beside the database, one manifest per database file
 * (`backups/<name>.backups.json`), written whole through a temporary file and
 * a rename so a crash never leaves half a manifest. Every manifest write
 * happens under the database's write lock (callers run inside writeTx), so
 * two processes never overwrite each other's entries.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupEntry } from '../../../shared/backup/types';

export const BACKUP_DIR_NAME = 'backups';

export interface BackupPlace {
  dbPath: string;
  dir: string;
  /** The database file's name without its extension: prefixes copies and names the manifest. */
  stem: string;
  manifest: string;
  /** The copies' file extension: `.db` (SQLite copies), `.dump` (a PostgreSQL store's pg_dump copies). */
  ext: string;
}

export function backupPlace(dbPath: string): BackupPlace {
  const dir = path.join(path.dirname(dbPath), BACKUP_DIR_NAME);
  const stem = path.basename(dbPath).replace(/\.[^.]+$/, '') || 'taizhang';
  return { dbPath, dir, stem, manifest: path.join(dir, `${stem}.backups.json`), ext: '.db' };
}

/** "20221003-101530-7f3a": local time (what people read in the folder), then 4 random hex digits. */
export function newBackupId(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `${stamp}-${crypto.randomBytes(2).toString('hex')}`;
}

export function backupFile(place: BackupPlace, id: string): string {
  return path.join(place.dir, `${place.stem}-${id}${place.ext}`);
}

interface ManifestFile {
  version: 1;
  entries: BackupEntry[];
}

/**
 * The entries, oldest first. A missing manifest is an empty list; an unreadable one is
 * rebuilt from the copies in the folder (their reason is then unknown) rather than failing.
 */
export function readManifest(place: BackupPlace): BackupEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(place.manifest, 'utf8');
  } catch {
    return rebuildFromFolder(place);
  }
  try {
    const parsed = JSON.parse(text) as ManifestFile;
    if (!Array.isArray(parsed.entries)) throw new Error('no entries');
    return parsed.entries.filter((e) => fs.existsSync(e.file));
  } catch {
    return rebuildFromFolder(place);
  }
}

export function writeManifest(place: BackupPlace, entries: BackupEntry[]): void {
  fs.mkdirSync(place.dir, { recursive: true });
  const tmp = `${place.manifest}.${process.pid}.tmp`;
  const body: ManifestFile = { version: 1, entries: [...entries].sort((a, b) => a.createdAt.localeCompare(b.createdAt)) };
  fs.writeFileSync(tmp, JSON.stringify(body, null, 1));
  fs.renameSync(tmp, place.manifest);
}

/** Copies in the folder without a manifest entry (the manifest was lost): listed with what the file says. */
function rebuildFromFolder(place: BackupPlace): BackupEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(place.dir);
  } catch {
    return [];
  }
  const prefix = `${place.stem}-`;
  return names
    .filter((n) => n.startsWith(prefix) && n.endsWith(place.ext))
    .map((n): BackupEntry => {
      const file = path.join(place.dir, n);
      const stat = fs.statSync(file);
      return {
        id: n.slice(prefix.length, -place.ext.length),
        file,
        createdAt: stat.mtime.toISOString(),
        kind: 'manual',
        operation: null,
        reason: '备份（清单丢失后找回，原因不明）',
        bytes: stat.size,
        counts: { plans: 0, units: 0, figures: 0, tasks: 0 },
        schemaVersion: 0,
        by: null,
        after: null,
        mirror: null,
      };
    });
}

/** Leftovers of interrupted copies (`*.tmp`): never a valid copy, safe to remove. */
export function removeLeftovers(place: BackupPlace): void {
  let names: string[];
  try {
    names = fs.readdirSync(place.dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (n.startsWith(`${place.stem}-`) && n.endsWith('.tmp')) fs.rmSync(path.join(place.dir, n), { force: true });
  }
}
