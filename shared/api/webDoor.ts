/**
 * The web door's two names, shared by electron/web/host.ts and
 * renderer/src/api/webSession.ts (no imports: the page bundle stays free of
 * zod). Every request is authorised by this header alone — the printed token
 * (scripts) or a tab's session secret, got once at WEB_SESSION_PATH.
 */
export const WEB_TOKEN_HEADER = 'x-taizhang-token';
export const WEB_SESSION_PATH = '/api/session';

/**
 * The intranet server's door (`taizhang serve`, electron/web/server.ts):
 * POST SERVER_LOGIN_PATH {"name","password"} sets the HttpOnly, SameSite=Strict
 * cookie SESSION_COOKIE and answers {"ok":true,"csrf":"…","account":{…}};
 * every /api/call and /api/events then needs that cookie and the csrf in
 * CSRF_HEADER (a cookie without it gets 403). GET SERVER_SESSION_PATH gives a
 * page reloaded, or a new tab, the csrf of its cookie's session again;
 * POST SERVER_LOGOUT_PATH ends the session. The page knows it is served this
 * way by the <meta name=DOOR_META content="server"> the server adds.
 */
export const SESSION_COOKIE = 'taizhang_session';
export const CSRF_HEADER = 'x-taizhang-csrf';
export const SERVER_LOGIN_PATH = '/api/login';
export const SERVER_LOGOUT_PATH = '/api/logout';
export const SERVER_SESSION_PATH = '/api/session';
export const DOOR_META = 'taizhang-door';
