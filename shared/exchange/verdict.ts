/**
 * The summary line of a reviewed return (数据交换 → 载入回报): it reflects the file's worst
 * problem, so a file whose values were all refused never shows a green "没有新的数据" next to
 * red errors. Pure; the review card shows it as its first line.
 */
import type { ReturnReview } from './review';

export interface ReviewVerdict {
  level: 'error' | 'warning' | 'success' | 'info';
  title: string;
}

export function reviewVerdict(r: Pick<ReturnReview, 'refusal' | 'figures' | 'progress' | 'unchanged' | 'problems'>): ReviewVerdict {
  if (r.refusal) return { level: 'error', title: '已拒绝，不会导入' };
  const errors = r.problems.filter((p) => p.level === 'error').length;
  const warnings = r.problems.length - errors;
  const blocked = r.figures.filter((c) => c.blocked).length;
  const takeable = r.figures.filter((c) => !c.blocked).length + r.progress.length;
  const same = r.unchanged ? `，${r.unchanged} 项与台账中一致` : '';
  const refused = errors + blocked;
  if (takeable === 0 && refused > 0) {
    return { level: 'error', title: `没有可导入的数据：${refused} 个值有问题，不会导入（见下方）${same}` };
  }
  if (refused > 0) return { level: 'error', title: `${takeable} 项可导入；${refused} 个值有问题，不会导入（见下方）` };
  if (takeable === 0) {
    return warnings
      ? { level: 'warning', title: `没有新的数据${same}；另有 ${warnings} 条提醒（见下方）` }
      : { level: 'success', title: `没有新的数据${r.unchanged ? `（${r.unchanged} 项与台账中一致）` : ''}` };
  }
  return warnings ? { level: 'warning', title: `${takeable} 项可导入；${warnings} 条提醒（见下方）` } : { level: 'info', title: `${takeable} 项可导入` };
}
