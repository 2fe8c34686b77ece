/** A real SQLite file in a fresh temp folder, removed after the test. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDir(prefix = 'taizhang-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function tempDbPath(): { dbPath: string; cleanup(): void } {
  const { dir, cleanup } = tempDir();
  return { dbPath: path.join(dir, 'taizhang.db'), cleanup };
}
