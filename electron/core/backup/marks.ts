/** The newest row of every history table: what was written after an operation lies beyond these. */
import type { WriteMarks } from '../../../shared/backup/types';
import type { Db } from '../db/open';

export function writeMarks(db: Db): WriteMarks {
  const max = (table: string) => (db.prepare(`SELECT ifnull(max(id), 0) FROM ${table}`).pluck().get() as number) ?? 0;
  return {
    figureHistory: max('figure_history'),
    targetHistory: max('target_history'),
    progressHistory: max('progress_history'),
    lockEvents: max('period_lock_events'),
    summariesAt: (db.prepare('SELECT max(updated_at) FROM summaries').pluck().get() as string | null) ?? null,
  };
}
