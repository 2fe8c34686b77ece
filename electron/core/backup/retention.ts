/**
 * Which copies to keep (pure: entries and "now" in, the ones to remove out).
 *
 * - before-operation copies (operation): every one for 30 days, and at least the last 20 whatever their age;
 * - daily copies: every one for 14 days, then the newest of each week for 8 more weeks, then the newest
 *   of each calendar month for 12 more months, then none;
 * - manual copies (立即备份): never removed automatically.
 */
import type { BackupEntry } from '../../../shared/backup/types';

const DAY = 24 * 60 * 60 * 1000;
export const RETENTION = {
  operationDays: 30,
  operationKeepLast: 20,
  dailyAllDays: 14,
  dailyWeeks: 8,
  dailyMonths: 12,
} as const;

/** Monday-based week number since the epoch, in local time: copies of the same week share it. */
function weekOf(d: Date): number {
  const local = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  const mondayBased = (local.getDay() + 6) % 7;
  return Math.floor((local.getTime() - mondayBased * DAY) / (7 * DAY));
}
const monthOf = (d: Date) => d.getFullYear() * 12 + d.getMonth();

export function backupsToRemove(entries: readonly BackupEntry[], now: Date): BackupEntry[] {
  const remove: BackupEntry[] = [];
  const newestFirst = [...entries].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const age = (e: BackupEntry) => (now.getTime() - Date.parse(e.createdAt)) / DAY;

  newestFirst
    .filter((e) => e.kind === 'operation')
    .forEach((e, i) => {
      if (i >= RETENTION.operationKeepLast && age(e) > RETENTION.operationDays) remove.push(e);
    });

  const weeklyUntil = RETENTION.dailyAllDays + RETENTION.dailyWeeks * 7;
  const monthlyUntil = weeklyUntil + RETENTION.dailyMonths * 31;
  const seenWeeks = new Set<number>();
  const seenMonths = new Set<number>();
  for (const e of newestFirst.filter((x) => x.kind === 'daily')) {
    const a = age(e);
    const d = new Date(e.createdAt);
    if (a <= RETENTION.dailyAllDays) continue;
    if (a <= weeklyUntil) {
      if (seenWeeks.has(weekOf(d))) remove.push(e);
      else seenWeeks.add(weekOf(d));
      continue;
    }
    if (a <= monthlyUntil) {
      if (seenMonths.has(monthOf(d))) remove.push(e);
      else seenMonths.add(monthOf(d));
      continue;
    }
    remove.push(e);
  }
  return remove;
}
