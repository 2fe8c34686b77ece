/** What several CLI commands share: a usage error (exit status 2) and whole-file writes. */
import fs from 'node:fs';
import path from 'node:path';

/** A mistake in the command line: reported with what to do, exit status 2. */
export class UsageError extends Error {}

/** Writes beside the target and renames, so a failed export never leaves half a file. */
export function writeWhole(file: string, bytes: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** A string option's value, trimmed; undefined when absent or blank. */
export const optionText = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
