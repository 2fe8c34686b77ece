/**
 * Where the database lives when no --db is given. Every door uses the same
 * folder: the one Electron's app.getPath('userData') gives for productName
 * "Taizhang", so the CLI and the web host open the desktop app's database.
 *
 *   Windows  %APPDATA%\Taizhang\taizhang.db
 *   Linux    $XDG_CONFIG_HOME/Taizhang/taizhang.db (default ~/.config/Taizhang)
 *   macOS    ~/Library/Application Support/Taizhang/taizhang.db
 *
 * TAIZHANG_DB or --db chooses another file, or a PostgreSQL database:
 * store/location.ts reads them (the one rule for file vs postgres:// URL).
 */
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'Taizhang';
export const DB_FILE_NAME = 'taizhang.db';

/** The per-user application-data folder, computed the way Electron computes app.getPath('appData'). */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return env.APPDATA || path.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || path.join(home, '.config');
}

/** The per-user database file (TAIZHANG_DB and --db aside: store/location.ts). */
export function perUserDbPath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(appDataDir(env, platform), APP_DIR_NAME, DB_FILE_NAME);
}
