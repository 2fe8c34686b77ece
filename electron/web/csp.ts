/**
 * The Content-Security-Policy of the web host's page: only our own scripts,
 * no remote anything. antd injects <style> tags, hence 'unsafe-inline' for
 * styles only. (electron/security.ts has the equivalent policy for the desktop window's app:// pages.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
