/**
 * The single entry every door goes through: check the method exists, validate
 * that the caller's role may make the call, validate the request against its
 * zod schema, check the units it reaches for (access/authorize.ts, both from
 * the one table access/permissions.ts), run the
 * handler, and turn any failure into an ApiResult with a Chinese message
 * (failure.ts). Never throws.
 */
import { apiContract, isApiMethod } from '../../shared/api/contract';
import { ApiError, type ApiResult } from '../../shared/api/errors';
import { clipText } from '../../shared/text/clip';
import { handlers, type ApiContext } from './api';
import { failureOf } from './failure';
import { authorize, authorizeMethod } from './access/authorize';

export async function dispatch(ctx: ApiContext, method: string, request: unknown): Promise<ApiResult<unknown>> {
  try {
    if (!isApiMethod(method)) {
      throw new ApiError('unknown_method', `未知的操作“${clipText(String(method), 40)}”。`);
    }
    // A role that may not make this call at all is refused before its request is read.
    authorizeMethod(ctx.db, ctx.caller, method);
    const schema = apiContract[method].request;
    const parsed = schema.safeParse(request ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // The messages are Chinese (shared/api/validationMessages.ts); the field is named by its path.
      const where = issue.path.length ? `字段“${clipText(issue.path.join('.'), 40)}”` : '请求';
      throw new ApiError('bad_request', `${where}不正确：${issue.message}`, parsed.error.issues.slice(0, 10).map(({ code, path }) => ({ code, path })));
    }
    const allowed = authorize(ctx.db, ctx.caller, method, parsed.data as Record<string, unknown>);
    const handler = handlers[method] as (ctx: ApiContext, req: unknown) => unknown;
    return { ok: true, value: await handler(ctx, allowed) };
  } catch (err) {
    // Writes run in transactions, so a failure inside one has been rolled back. The user gets a sentence;
    // the details of anything unexpected (a full disk, a lock held too long, a bug) go to the log file only.
    const { error, unexpected } = failureOf(err, ctx);
    if (unexpected) ctx.log.error(method, err);
    return { ok: false, error: error.toBody() };
  }
}
