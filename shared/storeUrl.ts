/**
 * Which stores are PostgreSQL: a `postgres://` or `postgresql://` URL, anything else a file path
 * (issue 22). One rule for the core (electron/core/store/location.ts) and the window (the 备份与恢复
 * panel offers a store's own kind of copy file for 从文件恢复: `.dump` on PostgreSQL).
 */
const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

export function isPostgresUrl(value: string): boolean {
  return POSTGRES_URL.test(value.trim());
}
