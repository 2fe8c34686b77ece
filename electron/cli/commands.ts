/** The CLI's commands, one entry each; what a failure prints is in failure.ts, for all of them. */
import type { ParseArgsConfig } from 'node:util';
import type { Core } from '../core';
import type { ApiMethod, ApiRequest, ApiResponse } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { infoCommand } from './info';
import { exportCommand } from './export';
import { importCommand } from './import';
import { exchangeCommand } from './exchange';
import { backupCommand } from './backup';
import { planCommand } from './plan';
import { statusCommand } from './status';
import { unitCommand } from './unit';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
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

export const COMMANDS: CliCommand[] = [infoCommand, exportCommand, importCommand, exchangeCommand, backupCommand, planCommand, unitCommand, statusCommand];
