/**
 * What restoring a copy would take away and bring back, in words people
 * check before they click: "恢复后将失去 2022-10-03 之后录入或修改的 14 个完成数".
 * Both databases are compared row by row on the columns that carry meaning
 * (the copy is attached as `src`, already at the current schema) — on a
 * SQLite file. What was written after an operation (for its undo) is read
 * from the history tables instead, by one Op on either engine.
 */
import { sql } from 'kysely';
import type { BackupEntry, LossLine, WriteMarks } from '../../../shared/backup/types';
import { localDateText, localTimeText } from '../../../shared/dates';
import type { Db } from '../db/open';
import { all, get, query, type Op } from '../store/query';

interface TableCompare {
  what: LossLine['what'];
  table: string;
  /** Columns whose equality means "the same data". */
  columns: string[];
  /** A column with the time a row was written, for "… 之后". */
  at?: string;
  lost: (n: number, since: string | null) => string;
  regained: (n: number) => string;
}

const after = (since: string | null) => (since ? ` ${since} 之后` : '');

const TABLES: TableCompare[] = [
  {
    what: 'figures',
    table: 'figures',
    columns: ['indicator_id', 'unit_id', 'period', 'value', 'note'],
    at: 'entered_at',
    lost: (n, since) => `恢复后将失去${after(since)}录入或修改的 ${n} 个完成数`,
    regained: (n) => `${n} 个完成数将回到备份时的值（含之后被删除或修改的）`,
  },
  {
    what: 'progress',
    table: 'progress',
    columns: ['task_id', 'unit_id', 'period', 'status', 'text'],
    at: 'entered_at',
    lost: (n, since) => `恢复后将失去${after(since)}填写或修改的 ${n} 条任务进展`,
    regained: (n) => `${n} 条任务进展将回到备份时的内容`,
  },
  {
    what: 'targets',
    table: 'targets',
    columns: ['indicator_id', 'unit_id', 'value', 'value_max'],
    lost: (n) => `恢复后将失去 ${n} 个目标值（新设或修改的）`,
    regained: (n) => `${n} 个目标值将回到备份时的值`,
  },
  {
    what: 'tasks',
    table: 'tasks',
    columns: ['id', 'action_line_id', 'seq', 'content', 'lead_text', 'responsible_text'],
    lost: (n) => `恢复后将失去 ${n} 项任务（新增或改动的）`,
    regained: (n) => `${n} 项任务将回到备份时的内容`,
  },
  {
    what: 'indicators',
    table: 'indicators',
    columns: ['id', 'plan_id', 'name', 'measure_unit', 'baseline'],
    lost: (n) => `恢复后将失去 ${n} 项指标（新增或改动的）`,
    regained: (n) => `${n} 项指标将回到备份时的设置`,
  },
  {
    what: 'units',
    table: 'units',
    columns: ['id', 'name', 'kind', 'parent_id'],
    lost: (n) => `恢复后将失去 ${n} 个单位或部门（新增或改名的）`,
    regained: (n) => `${n} 个单位或部门将回到备份时的名称`,
  },
  {
    what: 'plans',
    table: 'plans',
    columns: ['id', 'title', 'year_start', 'year_end'],
    lost: (n) => `恢复后将失去 ${n} 份工作要点（新建或改动的）`,
    regained: (n) => `${n} 份工作要点将回到备份时的内容`,
  },
  {
    what: 'summaries',
    table: 'summaries',
    columns: ['plan_id', 'unit_id', 'year', 'updated_at'],
    at: 'updated_at',
    lost: (n, since) => `恢复后将失去${after(since)}修改的 ${n} 份年度工作总结`,
    regained: (n) => `${n} 份年度工作总结将回到备份时的内容`,
  },
  {
    what: 'locks',
    table: 'period_locks',
    columns: ['plan_id', 'period'],
    lost: (n) => `恢复后将解除 ${n} 个报告期的锁定`,
    regained: (n) => `${n} 个报告期将回到锁定状态`,
  },
];

function columnsOf(db: Db, schema: string, table: string): Set<string> {
  return new Set((db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(table, schema) as { name: string }[]).map((r) => r.name));
}

/** Rows of `a` with no identical row in `b` (on the compared columns), and the earliest time among them. */
function difference(db: Db, t: TableCompare, a: string, b: string): { n: number; since: string | null } {
  const cols = t.columns.filter((c) => columnsOf(db, a, t.table).has(c) && columnsOf(db, b, t.table).has(c));
  if (cols.length === 0) return { n: 0, since: null };
  const same = cols.map((c) => `y."${c}" IS x."${c}"`).join(' AND ');
  const at = t.at && columnsOf(db, a, t.table).has(t.at) ? `min(x."${t.at}")` : 'NULL';
  const row = db
    .prepare(`SELECT count(*) AS n, ${at} AS since FROM ${a}."${t.table}" x WHERE NOT EXISTS (SELECT 1 FROM ${b}."${t.table}" y WHERE ${same})`)
    .get() as { n: number; since: string | null };
  return { n: row.n, since: row.since ? localDateText(row.since) : null };
}

/** Compares `main` (the database now) with the attached `src` (the copy). */
export function compareWithCopy(db: Db): { lost: LossLine[]; regained: LossLine[] } {
  const lost: LossLine[] = [];
  const regained: LossLine[] = [];
  for (const t of TABLES) {
    const l = difference(db, t, 'main', 'src');
    if (l.n > 0) lost.push({ what: t.what, count: l.n, text: t.lost(l.n, l.since) });
    const r = difference(db, t, 'src', 'main');
    if (r.n > 0) regained.push({ what: t.what, count: r.n, text: t.regained(r.n) });
  }
  return { lost, regained };
}

/** The figures written after the marks, oldest first (the first `limit` are named). */
const FIGURES_SINCE = query<
  { by: string; at: string; period: string; value: number | null; unit: string | null; indicator: string | null },
  { after: number; limit: number }
>(
  (_qb, p) => sql`SELECT h.changed_by AS by, h.changed_at AS at, h.period, h.new_value AS value, u.name AS unit, i.name AS indicator
         FROM figure_history h LEFT JOIN units u ON u.id = h.unit_id LEFT JOIN indicators i ON i.id = h.indicator_id
        WHERE h.id > ${p('after')} ORDER BY h.id LIMIT ${p('limit')}`,
);
/** How many rows of each history lie beyond the marks (summaries keep none: their newest updated_at). */
const COUNTS_SINCE = query<
  { figures: number; progress: number; targets: number; locks: number; summaries: number },
  { figures: number; progress: number; targets: number; locks: number; summariesAt: string }
>(
  (_qb, p) => sql`SELECT (SELECT count(*) FROM figure_history WHERE id > ${p('figures')}) AS figures,
            (SELECT count(*) FROM progress_history WHERE id > ${p('progress')}) AS progress,
            (SELECT count(*) FROM target_history WHERE id > ${p('targets')}) AS targets,
            (SELECT count(*) FROM period_lock_events WHERE id > ${p('locks')}) AS locks,
            (SELECT count(*) FROM summaries WHERE updated_at > ${p('summariesAt')}) AS summaries`,
);

/**
 * What was written after an operation (its marks) and would go with an undo: each figure,
 * progress and target change named, then the counts of the rest. One Op for both engines
 * (restore.ts on a file, store/postgres/backup.ts on PostgreSQL).
 */
export function* changesSinceOp(marks: WriteMarks, limit = 20): Op<LossLine[]> {
  const lines: LossLine[] = [];
  const n = yield* get(COUNTS_SINCE, {
    figures: marks.figureHistory,
    progress: marks.progressHistory,
    targets: marks.targetHistory,
    locks: marks.lockEvents,
    summariesAt: marks.summariesAt ?? '',
  });
  const count = (k: keyof NonNullable<typeof n>) => Number(n?.[k] ?? 0);
  const total = count('figures');
  if (total) {
    const named = (yield* all(FIGURES_SINCE, { after: marks.figureHistory, limit })).map(
      (f) => `${f.unit ?? '（已删除的单位）'} · ${f.indicator ?? '（已删除的指标）'}（${f.period}）${f.value === null ? '被清空' : `改为 ${f.value}`}（${f.by}，${localDateText(f.at)}）`,
    );
    const more = total > limit ? `等 ${total} 处` : '';
    lines.push({ what: 'figures', count: total, text: `之后录入的完成数将一并撤销：${named.join('；')}${more}` });
  }
  const progress = count('progress');
  if (progress) lines.push({ what: 'progress', count: progress, text: `之后填写的 ${progress} 条任务进展将一并撤销` });
  const targets = count('targets');
  if (targets) lines.push({ what: 'targets', count: targets, text: `之后修改的 ${targets} 个目标值或基数将一并撤销` });
  const locks = count('locks');
  if (locks) lines.push({ what: 'locks', count: locks, text: `之后的 ${locks} 次锁定或解锁将一并撤销` });
  const summaries = count('summaries');
  if (summaries) lines.push({ what: 'summaries', count: summaries, text: `之后修改的 ${summaries} 份年度工作总结将一并撤销` });
  return lines;
}

/**
 * What an undo of `entry` (an operation's copy) would take away: what was written since it
 * (changesSinceOp), then the operations after it, which go with it. The same on both engines.
 */
export function* undoLossOp(entry: BackupEntry, listed: BackupEntry[]): Op<LossLine[]> {
  const lines = entry.after ? yield* changesSinceOp(entry.after) : [];
  const later = listed.filter((e) => e.kind === 'operation' && e.after && e.createdAt > entry.createdAt && e.id !== entry.id);
  if (later.length) {
    lines.push({
      what: 'operations',
      count: later.length,
      text: `之后的 ${later.length} 次操作也将一并撤销：${later.map((e) => `${e.reason}（${localTimeText(e.createdAt)}）`).join('；')}`,
    });
  }
  return lines;
}
