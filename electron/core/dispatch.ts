/**
 * The single entry every door goes through: check the method exists, validate
 * that the caller's role may make the call, validate the request against its
 * zod schema, check the units it reaches for (access/authorize.ts, both from
 * the one table access/permissions.ts), run the
 * handler, tell open windows what it changed (dataChanged.ts, the one table
 * both cores follow), and turn any failure into an ApiResult with a Chinese
 * message (failure.ts). Never throws.
 */
import { isApiMethod } from '../../shared/api/contract';
import { ApiError, type ApiResult } from '../../shared/api/errors';
import { clipText } from '../../shared/text/clip';
import { handlers, type ApiContext } from './api';
import { failureOf } from './failure';
import { parseRequest } from './request';
import { authorize, authorizeMethod } from './access/authorize';
import { dataChangedBy } from './dataChanged';

export async function dispatch(ctx: ApiContext, method: string, request: unknown): Promise<ApiResult<unknown>> {
  try {
    if (!isApiMethod(method)) {
      throw new ApiError('unknown_method', `未知的操作“${clipText(String(method), 40)}”。`);
    }
    // A role that may not make this call at all is refused before its request is read.
    authorizeMethod(ctx.db, ctx.caller, method);
    const parsed = parseRequest(method, request);
    const allowed = authorize(ctx.db, ctx.caller, method, parsed as Record<string, unknown>);
    const handler = handlers[method] as (ctx: ApiContext, req: unknown) => unknown;
    const value = await handler(ctx, allowed);
    const changed = dataChangedBy(method, allowed, value, ctx.caller);
    if (changed) ctx.emit('data.changed', changed);
    return { ok: true, value };
  } catch (err) {
    // Writes run in transactions, so a failure inside one has been rolled back. The user gets a sentence;
    // the details of anything unexpected (a full disk, a lock held too long, a bug) go to the log file only.
    const { error, unexpected } = failureOf(err, ctx);
    if (unexpected) ctx.log.error(method, err);
    return { ok: false, error: error.toBody() };
  }
}
