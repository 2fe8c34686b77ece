/**
 * The revision of what an import preview read (the plan snapshot: its units, groups,
 * aliases, indicators, targets, tasks, progress counts and locks — not figures typed meanwhile).
 * The window sends it back with 确认导入; when the plan changed since, the commit is
 * refused instead of writing something nobody saw.
 */
import crypto from 'node:crypto';
import type { PlanSnapshot } from '../../../shared/import/analyse';

export function snapshotRevision(snapshot: PlanSnapshot): string {
  // Figures typed meanwhile (the counts per target) are not what the preview is about.
  const { figuresByTarget: _figures, ...read } = snapshot;
  const json = JSON.stringify(read, (_key, value: unknown) =>
    value instanceof Map ? [...value.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0]))) : value,
  );
  return crypto.createHash('sha256').update(json).digest('hex').slice(0, 32);
}
