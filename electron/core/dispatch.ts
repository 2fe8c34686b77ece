/**
 * The single entry every door goes through: check the method exists, validate
 * the request against its zod schema, run the handler, and turn any failure
 * into an ApiResult with a Chinese message. Never throws.
 */
import { apiContract, isApiMethod } from '../../shared/api/contract';
import { ApiError, type ApiResult } from '../../shared/api/errors';
import { handlers, type ApiContext } from './api';

export async function dispatch(ctx: ApiContext, method: string, request: unknown): Promise<ApiResult<unknown>> {
  try {
    if (!isApiMethod(method)) {
      throw new ApiError('unknown_method', `未知的操作“${String(method)}”。`);
    }
    const schema = apiContract[method].request;
    const parsed = schema.safeParse(request ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue.path.length ? `字段“${issue.path.join('.')}”` : '请求';
      throw new ApiError('bad_request', `${where}不正确：${issue.message}`, parsed.error.issues);
    }
    const handler = handlers[method] as (ctx: ApiContext, req: unknown) => unknown;
    return { ok: true, value: await handler(ctx, parsed.data) };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.toBody() };
    // Unexpected: the details go to the log; the user gets a sentence. Writes run in transactions,
    // so a failure inside one has been rolled back.
    console.error(`[taizhang] ${method} failed:`, err);
    return {
      ok: false,
      error: {
        code: 'internal',
        message: '操作未能完成，未完成的修改已撤回。请重试；若反复出现，请把本提示和操作步骤告知技术支持。',
        details: { method, reason: (err as Error)?.message ?? String(err) },
      },
    };
  }
}
