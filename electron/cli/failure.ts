/**
 * The CLI's one path from a failure to what the user sees and the exit
 * status — whatever the command, whatever went wrong (a wrong option, a
 * refusal from the core, a locked database, a full disk, a bug):
 *
 * - exit 2 for wrong usage (UsageError, or a request the core calls bad),
 *   1 for everything else;
 * - with --json, one JSON object on stdout: `{"ok": false, "error":
 *   {"code", "message"}}` plus the keys the command's own output always has
 *   (CliCommand.failureJson), so a script reads failures like results;
 * - without it, the Chinese sentence on stderr (with the usage, for usage errors);
 * - the stack of anything unexpected into taizhang.log beside the database
 *   (electron/core/log.ts), never onto stdout or stderr.
 *
 * The sentence itself comes from electron/core/failure.ts, the same
 * translation the API uses.
 */
import { ApiError } from '../../shared/api/errors';
import { readableMessage } from '../../shared/text/clip';
import { failureOf } from '../core/failure';
import { errorLogBeside } from '../core/log';
import type { CliCommand, CliIo } from './command';
import { Refusal, UsageError } from './output';

export interface FailureScene {
  json: boolean;
  io: CliIo;
  dbPath: string;
  command?: CliCommand;
  options?: Record<string, unknown>;
}

function exitStatusOf(err: unknown): 1 | 2 {
  if (err instanceof Refusal) return 1;
  if (err instanceof UsageError) return 2;
  if (err instanceof ApiError && (err.code === 'bad_request' || err.code === 'unknown_method')) return 2;
  return 1;
}

/** Reports a failure as the user (or script) should see it; returns the exit status. */
export function reportFailure(err: unknown, scene: FailureScene): number {
  const status = exitStatusOf(err);
  let code: string;
  let message: string;
  if (err instanceof UsageError) {
    code = 'usage';
    message = readableMessage(err.message);
  } else if (err instanceof Refusal) {
    code = 'refused';
    message = readableMessage(err.message);
  } else {
    const failure = failureOf(err, { dbPath: scene.dbPath });
    if (failure.unexpected) errorLogBeside(scene.dbPath).error(`taizhang ${scene.command?.name ?? ''}`.trim(), err);
    code = failure.error.code;
    message = failure.error.message;
  }
  if (scene.json) {
    const extra = scene.command?.failureJson?.(message, scene.options ?? {}) ?? {};
    scene.io.out(JSON.stringify({ ok: false, ...extra, error: { code, message } }));
  } else if (err instanceof UsageError) {
    const usage = err.usage ?? scene.command?.usage;
    scene.io.err(usage ? `${message}\n用法：\n  ${usage.split('\n').join('\n  ')}` : message);
  } else {
    scene.io.err(message);
  }
  return status;
}
