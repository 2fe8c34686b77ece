/**
 * The desktop's HTTP client of `taizhang serve`: logs in as a browser does
 * (POST /api/login → the session cookie and the csrf), then calls the API
 * (POST /api/call with both). Failures become Chinese sentences: a server
 * that cannot be reached is `SyncOffline` (what changed here stays queued),
 * a refused login or call an ApiError with the server's own words.
 */
import { ApiError } from '../../../shared/api/errors';
import { CSRF_HEADER, SERVER_LOGIN_PATH, SERVER_LOGOUT_PATH, SESSION_COOKIE } from '../../../shared/api/webDoor';

/** The server could not be reached (down, unplugged, wrong address): nothing was lost, try later. */
export class SyncOffline extends Error {}

const TIMEOUT_MS = Number(process.env.TAIZHANG_SYNC_TIMEOUT_MS) || 60_000;

/** "10.1.2.3:4420" → "http://10.1.2.3:4420"; refuses what is not an http(s) address. */
export function normaliseServer(text: string): string {
  const t = text.trim().replace(/\/+$/, '');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `http://${t}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ApiError('bad_request', `服务器地址“${text.slice(0, 60)}”不正确，应写成 http://10.1.2.3:4420 这样的地址。`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ApiError('bad_request', '服务器地址应以 http:// 或 https:// 开头。');
  if (url.username || url.password) throw new ApiError('bad_request', '服务器地址中不要写账户或密码，请分别填写。');
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

export class ServerClient {
  private cookie: string | null = null;
  private csrf: string | null = null;

  constructor(readonly server: string) {}

  private async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; setCookie: string[] }> {
    let res: Response;
    try {
      res = await fetch(`${this.server}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      throw new SyncOffline(`连不上服务器 ${this.server}（${cause === 'TimeoutError' ? '等待超时' : cause ?? '网络错误'}）。本机的修改已保存并排队，下次同步时发送。`);
    }
    let parsed: unknown;
    try {
      parsed = await res.json();
    } catch {
      if (res.status >= 500 || res.status === 502 || res.status === 504) {
        throw new SyncOffline(`服务器 ${this.server} 暂时不可用（HTTP ${res.status}）。本机的修改已保存并排队，下次同步时发送。`);
      }
      throw new ApiError('bad_request', `${this.server} 的回答不是科创台账服务器的回答（HTTP ${res.status}）。请核对服务器地址。`);
    }
    return { status: res.status, body: parsed, setCookie: res.headers.getSetCookie() };
  }

  async login(name: string, password: string): Promise<{ name: string; role: string; unitName: string | null }> {
    const r = await this.post(SERVER_LOGIN_PATH, { name, password });
    if (!r.body?.ok) {
      const message = typeof r.body?.error?.message === 'string' ? r.body.error.message : `登录被拒绝（HTTP ${r.status}）。`;
      throw new ApiError('unauthorized', `服务器拒绝登录：${message}`);
    }
    const pair = r.setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (!pair || typeof r.body.csrf !== 'string') throw new ApiError('bad_request', `${this.server} 没有给出登录会话，请核对服务器地址。`);
    this.cookie = pair;
    this.csrf = r.body.csrf;
    return r.body.account;
  }

  async call<T>(method: string, request: unknown): Promise<T> {
    if (!this.cookie || !this.csrf) throw new ApiError('internal', '尚未登录服务器。');
    const r = await this.post('/api/call', { method, request }, { Cookie: this.cookie, [CSRF_HEADER]: this.csrf });
    if (r.body?.ok === true) return r.body.value as T;
    const error = r.body?.error;
    if (error?.code === 'unknown_method') {
      throw new ApiError('bad_request', `服务器上的科创台账版本较旧，不支持同步（${error.message}）。请让区里升级服务器。`);
    }
    throw new ApiError(error?.code === 'forbidden' ? 'forbidden' : 'bad_request', `服务器：${typeof error?.message === 'string' ? error.message : `请求失败（HTTP ${r.status}）`}`);
  }

  async logout(): Promise<void> {
    if (!this.cookie || !this.csrf) return;
    try {
      await this.post(SERVER_LOGOUT_PATH, {}, { Cookie: this.cookie, [CSRF_HEADER]: this.csrf });
    } catch {
      // The session runs out on its own; a logout that does not arrive loses nothing.
    }
    this.cookie = this.csrf = null;
  }
}
