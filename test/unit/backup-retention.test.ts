/** Which copies are kept (electron/core/backup/retention.ts): the tiers of issue 10, on synthetic entries. */
import { describe, expect, it } from 'vitest';
import { backupsToRemove } from '../../electron/core/backup/retention';
import type { BackupEntry, BackupKind } from '../../shared/backup/types';

const DAY = 24 * 3600_000;
const now = new Date('2023-06-30T12:00:00');

function entry(kind: BackupKind, daysAgo: number, i = 0): BackupEntry {
  const at = new Date(now.getTime() - daysAgo * DAY);
  return {
    id: `${kind}-${daysAgo}-${i}`,
    file: `/x/${kind}-${daysAgo}-${i}.db`,
    createdAt: at.toISOString(),
    kind,
    operation: kind === 'operation' ? 'import' : null,
    reason: '',
    bytes: 1,
    counts: { plans: 1, units: 1, figures: 1, tasks: 1 },
    schemaVersion: 4,
    by: null,
    after: null,
    mirror: null,
  };
}
const removedIds = (entries: BackupEntry[]) => backupsToRemove(entries, now).map((e) => e.id).sort();

describe('retention', () => {
  it('keeps every before-operation copy for 30 days', () => {
    const entries = Array.from({ length: 40 }, (_, i) => entry('operation', i * 0.5, i)); // 40 copies in 20 days
    expect(removedIds(entries)).toEqual([]);
  });

  it('keeps at least the last 20 before-operation copies, however old', () => {
    const old = Array.from({ length: 25 }, (_, i) => entry('operation', 100 + i, i));
    const removed = removedIds(old);
    expect(removed).toHaveLength(5);
    expect(removed).toEqual(old.slice(20).map((e) => e.id).sort());
  });

  it('daily: all for 14 days, then one a week for 8 weeks, then one a month for 12 months, then none', () => {
    const daily = Array.from({ length: 500 }, (_, d) => entry('daily', d));
    const kept = daily.filter((e) => !removedIds(daily).includes(e.id));
    const ages = kept.map((e) => Math.round((now.getTime() - Date.parse(e.createdAt)) / DAY));
    expect(ages.filter((a) => a <= 14)).toHaveLength(15);
    const weekly = ages.filter((a) => a > 14 && a <= 70);
    expect(weekly.length).toBeGreaterThanOrEqual(8);
    expect(weekly.length).toBeLessThanOrEqual(9);
    const monthly = ages.filter((a) => a > 70);
    expect(monthly.length).toBeGreaterThanOrEqual(12);
    expect(monthly.length).toBeLessThanOrEqual(13);
    expect(Math.max(...ages)).toBeLessThan(70 + 12 * 31 + 1);
  });

  it('never removes a manual copy', () => {
    expect(removedIds([entry('manual', 2000), entry('manual', 400)])).toEqual([]);
  });
});
