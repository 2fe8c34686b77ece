/**
 * What every CLI command is built from: its shape (CliCommand), what it runs
 * with (CliContext, CliIo) and the one way it calls the core (callOrThrow).
 * Kept apart from the list of commands (commands.ts), which imports every
 * command, so no command imports the list back (no import cycle).
 */
import type { ParseArgsConfig } from 'node:util';
import type { Core } from '../core';
import type { ApiMethod, ApiRequest, ApiResponse } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Standard input, read whole (`user add --password-stdin`); absent where there is none. */
  in?(): Promise<string>;
}

export interface CliContext {
  core: Core;
  args: string[];
  json: boolean;
  io: CliIo;
  /** The command's own options (declared in CliCommand.options), parsed strictly. */
  options?: Record<string, string | boolean | string[] | boolean[] | undefined>;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** The usage lines shown under a usage error (exit status 2). */
  usage?: string;
  /**
   * The keys this command's --json output always has, for a failure (besides ok: false and error):
   * a script that reads `problems` or `files` finds them there too.
   */
  failureJson?(message: string, options: Record<string, unknown>): Record<string, unknown>;
  /** Options of this command besides the global ones (--db, --json, --help, --version). */
  options?: ParseArgsConfig['options'];
  /** Runs on a PostgreSQL store too (`--db postgres://…`, issue 22); every other command refuses one. */
  postgres?: true;
  /**
   * Why this command refuses a PostgreSQL store on purpose (not "not yet"): the sentence said instead of the
   * list of commands that run there. `shown`: the store's URL without its password.
   */
  postgresRefusal?(shown: string): string;
  /**
   * On a PostgreSQL store, take the daily copy (pg_dump) at start when due: the server's (`serve`, running
   * for days); the one-off commands leave it to it. On a file every command takes it (openCore).
   */
  postgresDailyCopy?: true;
  run(ctx: CliContext): Promise<number>;
}

/** Calls the API and throws its Chinese message as an ApiError when it fails. */
export async function callOrThrow<M extends ApiMethod>(
  core: Core,
  method: M,
  request: ApiRequest<M>,
): Promise<ApiResponse<M>> {
  const result = await core.call(method, request);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details);
  return result.value as ApiResponse<M>;
}
