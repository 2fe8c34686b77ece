/** Titles and file names of the exported tables. */
import type { Plan } from '../../../../shared/model/plan';

/** "2022年", or "2021-2025年" for a multi-year plan. */
export function yearLabel(plan: Pick<Plan, 'yearStart' | 'yearEnd'>): string {
  return plan.yearStart === plan.yearEnd ? `${plan.yearStart}年` : `${plan.yearStart}-${plan.yearEnd}年`;
}

/** A file name every system accepts: no \ / : * ? " < > |, no control characters, not too long. */
export function safeFileName(stem: string, ext = '.xlsx'): string {
  const cleaned = stem
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not allowed in file names
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  return `${cleaned || '导出'}${ext}`;
}
