/**
 * The web door's two names, shared by electron/web/host.ts and
 * renderer/src/api/webSession.ts (no imports: the page bundle stays free of
 * zod). Every request is authorised by this header alone — the printed token
 * (scripts) or a tab's session secret, got once at WEB_SESSION_PATH.
 */
export const WEB_TOKEN_HEADER = 'x-taizhang-token';
export const WEB_SESSION_PATH = '/api/session';
