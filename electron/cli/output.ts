/** What several CLI commands share: a usage error (exit status 2) and whole-file writes. */
import fs from 'node:fs';
import path from 'node:path';

/** A mistake in the command line: reported with what to do (and the command's usage), exit status 2. */
/** The core said no to a well-formed command (a duplicate, a locked period): exit status 1, not 2. */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refusal';
  }
}

export class UsageError extends Error {
  constructor(
    message: string,
    /** The usage lines to show under the message; the command's own when absent. */
    public usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Writes beside the target and renames, so a failed export never leaves half a file. A failure
 * (a full disk, no permission) is thrown with the target's path, so the message can name its folder.
 */
export function writeWhole(file: string, bytes: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (err && typeof err === 'object') (err as { path?: string }).path = file;
    throw err;
  }
}

/** A string option's value, trimmed; undefined when absent or blank. */
export const optionText = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
