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
    // Unexpected: keep the details for the log, give the user a sentence.
    console.error(`[taizhang] ${method} failed:`, err);
    return {
      ok: false,
      error: { code: 'internal', message: `操作“${method}”出错：${(err as Error)?.message ?? String(err)}。数据未作修改。` },
    };
  }
}
