/**
 * A request checked against its method's schema (shared/api/contract.ts), the one way for every
 * core: dispatch (SQLite) and the PostgreSQL core (store/postgres/core.ts) refuse a bad request
 * with the same Chinese sentence, naming the field.
 */
import { apiContract, type ApiMethod } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { clipText } from '../../shared/text/clip';

export function parseRequest(method: ApiMethod, request: unknown): unknown {
  const parsed = apiContract[method].request.safeParse(request ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // The messages are Chinese (shared/api/validationMessages.ts); the field is named by its path.
  const where = issue.path.length ? `字段“${clipText(issue.path.join('.'), 40)}”` : '请求';
  throw new ApiError('bad_request', `${where}不正确：${issue.message}`, parsed.error.issues.slice(0, 10).map(({ code, path }) => ({ code, path })));
}
