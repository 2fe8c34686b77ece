/**
 * Goals written as paragraphs (a notice's "一、工作目标"): each paragraph
 * goes through the target-wording parser (shared/wording parseGoalLine), and
 * every clause that is one target becomes a goal — "科技型中小企业140家，高新
 * 技术企业76家；" gives two. Row N of the sheet is 第N段 (./notice/sheets.ts).
 * A clause with a quantity the parser cannot read is said, never dropped
 * silently.
 */
import { formatTargetWording, goalWordings, parseGoalLine, targetBounds, type TargetWording } from '../wording';
import { HAS_QUANTITY } from '../wording/lexicon';
import { echo } from './echo';
import type { ParsedGoal, ParsedGoals } from './goals';
import type { ImportProblem, SheetGrid } from './types';

/** The indicator a goal clause names: its subject ("技术合同成交额"); "新增45家研发平台" keeps its 新增. */
export function goalName(w: TargetWording): string {
  const subject = w.subject.replace(/\s+/g, '').replace(/^(?:的|为|有)/, '');
  const named = w.order === 'quantity-first' && /(?:新增|净增)$/.test(w.verb) ? `新增${subject}` : subject;
  // "新增市级以上研发平台和创新载体数量1-3个": the count is the indicator, not the word 数量.
  return named.replace(/(?:数量|总数)$/, '') || named;
}

export function parseGoalParagraphs(grid: SheetGrid): ParsedGoals {
  const problems: ImportProblem[] = [];
  const goals: ParsedGoal[] = [];
  const seen = new Map<string, number>();
  grid.rows.forEach((row, r) => {
    const text = (row[0] ?? '').trim();
    if (!text) return;
    const at = { sheet: grid.name, row: r + 1, column: '' };
    const line = parseGoalLine(text);
    for (const part of line.parts) {
      if (part.kind === 'text' && part.role === 'text' && HAS_QUANTITY.test(part.text)) {
        problems.push({
          level: 'warning',
          ...at,
          message: `第${r + 1}段中的“${echo(part.text.trim(), 30)}”读不出指标和目标值，未作为工作目标导入；如是工作目标，请导入后在“工作目标”中补上。`,
        });
      }
    }
    for (const wording of goalWordings(line)) {
      const name = goalName(wording);
      const before = seen.get(name);
      if (before) {
        problems.push({ level: 'error', ...at, message: `指标“${echo(name)}”在第${before}段已有目标，重复了；请核对通知后再导入。` });
        continue;
      }
      seen.set(name, r + 1);
      const growth = wording.quantity.kind === 'growth';
      const bounds = growth ? null : targetBounds(wording);
      goals.push({
        row: r + 1,
        name,
        measureUnit: wording.measureUnit,
        wordingText: formatTargetWording(wording).trim(),
        wording,
        value: bounds?.value ?? null,
        valueMax: bounds?.valueMax ?? null,
        baseline: null,
      });
    }
  });
  // A goal section in prose ("研发投入达到全省平均水平") has nothing to import; the rest of the notice still does.
  if (goals.length === 0) {
    problems.push({
      level: 'warning',
      sheet: grid.name,
      row: 0,
      column: '',
      message: '这一节中没有读出具体的指标和目标值（如“技术合同成交额突破7亿元”），未导入工作目标；如有，请导入后在“工作目标”中补上。',
    });
  }
  return { goals, problems };
}
