/**
 * The Electron shell's security rules as small pure functions, so that
 * test/unit/electron-shell.test.ts can check them in Node without Electron.
 * electron/main.ts only glues them to Electron's events.
 *
 * The renderer is served from a custom scheme, app://taizhang/, rather than
 * file://. Reasons (Electron's security checklist, item "avoid file://"):
 *   - file:// pages share one opaque origin with every file on the disk; a
 *     custom scheme gives our pages their own origin, which the IPC sender
 *     check and CSP 'self' can name exactly;
 *   - a CSP header cannot be attached to file:// responses (webRequest does
 *     not see them), while our protocol handler sets it on every response;
 *   - Vite's `<script type="module" crossorigin>` loads over a standard,
 *     secure scheme without special cases;
 *   - the handler serves only files inside dist/renderer (no ../ escape).
 */
import path from 'node:path';

/** The custom scheme and host the renderer is served from. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'taizhang';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The URL the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges for registerSchemesAsPrivileged. `standard` gives the scheme a
 * real origin (so 'self', relative URLs and localStorage work), `secure`
 * makes it a secure context, `supportFetchAPI` lets the page fetch its own
 * assets. `corsEnabled` is deliberately left off: nothing from another origin
 * may read app:// resources. `bypassCSP` is never set.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
} as const;

// ---------------------------------------------------------------------------
// Content-Security-Policy

/**
 * The directives, in order — one policy for both doors (the desktop window's app:// pages and the
 * web host's page). antd injects <style> elements, hence 'unsafe-inline' for styles only; blob:
 * images are the dashboard's pages drawn onto a canvas for its PNG export.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

/** The Content-Security-Policy header value for every response the renderer gets. */
export function contentSecurityPolicy(): string {
  return CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');
}

/**
 * Response headers with our CSP forced in: any CSP the response already
 * carries (in whatever letter case) is replaced, not merged, so the policy
 * cannot be loosened by a response.
 */
export function withSecurityHeaders(
  headers: Record<string, string | string[]> | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'x-content-type-options') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [contentSecurityPolicy()];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}

// ---------------------------------------------------------------------------
// URLs

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True only for URLs of our own renderer: scheme app:, host taizhang, no
 * user/password/port. file:// (any folder), http(s), devtools://, chrome://,
 * data:, blob:, about:blank and everything else are refused.
 */
export function isAppUrl(url: unknown): boolean {
  const u = parseUrl(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

// ---------------------------------------------------------------------------
// IPC sender check

/** What main.ts reads off an IpcMainInvokeEvent before letting it reach the core. */
export interface SenderFacts {
  /** event.sender.id: the webContents that sent the message. */
  senderWebContentsId: number;
  /** Our window's webContents id, or null when the window is gone. */
  windowWebContentsId: number | null;
  /** event.senderFrame?.url, or null when the frame has already gone away. */
  frameUrl: string | null;
  /** True when event.senderFrame is the top frame of the sender (no parent, same frame as webContents.mainFrame). */
  isMainFrame: boolean;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

/**
 * An API call is served only when it comes from the main frame of our one
 * window, and that frame currently shows a page of our own app:// origin.
 * Anything else (another webContents, an iframe, a frame that navigated
 * elsewhere, a destroyed frame) is refused.
 */
export function checkSender(facts: SenderFacts): SenderVerdict {
  if (facts.windowWebContentsId === null) return { ok: false, reason: 'no window' };
  if (facts.senderWebContentsId !== facts.windowWebContentsId) {
    return { ok: false, reason: 'sender is not the Taizhang window' };
  }
  if (facts.frameUrl === null) return { ok: false, reason: 'sender frame is gone' };
  if (!facts.isMainFrame) return { ok: false, reason: 'sender is not the main frame' };
  if (!isAppUrl(facts.frameUrl)) return { ok: false, reason: `sender URL is not ours: ${facts.frameUrl}` };
  return { ok: true };
}

// ---------------------------------------------------------------------------
// Navigation, new windows, permissions

/** In-window navigation is allowed only within our own origin (e.g. a reload). */
export function isNavigationAllowed(url: unknown): boolean {
  return isAppUrl(url);
}

/**
 * Links that may be handed to the system browser (shell.openExternal):
 * plain http(s) URLs without embedded credentials. Returns the normalised
 * URL to open, or null to drop the request. file:, smb:, custom schemes
 * (which could start other programs) and javascript: are never opened.
 */
export function externalUrlToOpen(url: unknown): string | null {
  const u = parseUrl(url);
  if (u === null) return null;
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (u.username !== '' || u.password !== '' || u.hostname === '') return null;
  return u.href;
}

/**
 * Permission requests and checks from web content. Everything is refused
 * except writing plain text to the clipboard from our own pages (the
 * "复制" buttons for summary text use navigator.clipboard.writeText).
 */
export function isPermissionAllowed(permission: string, requestingUrl: unknown): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl);
}

// ---------------------------------------------------------------------------
// Serving the renderer (over app://, and by the web host)

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app:// request URL to a file inside `rootDir` (dist/renderer).
 * Returns null for other origins and for any path that would leave rootDir
 * (../, encoded %2e%2e%2f, backslashes, NUL, absolute or drive paths).
 * "/" and extension-less paths (client-side routes) map to index.html.
 */
export function resolveAppFile(requestUrl: string, rootDir: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const u = new URL(requestUrl);
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  let segments = rel.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || /^[a-zA-Z]:/.test(s))) return null;
  const last = segments[segments.length - 1];
  if (last === undefined || path.extname(last) === '') segments = ['index.html'];
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  const inside = path.relative(root, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}
