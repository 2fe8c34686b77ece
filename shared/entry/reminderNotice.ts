/**
 * 催报通知: the notice the district sends to units that still owe figures or
 * task progress — a ready text to paste into WeChat, OA or a letter. One
 * text for 数据填报 → 催报 and the dashboard alike. Pure.
 */
import { addWorkingDays, chineseDateOf } from '../dates';
import type { ReminderList, ReminderRow } from './views';

export interface NoticeOptions {
  /** The plan's title and document number, to say which plan the figures are for. */
  planTitle: string;
  docNumber?: string | null;
  /** 原定截止: the period's reporting deadline (ISO date), as the plan's rhythm sets it (次月5日). */
  deadline: string;
  /** 本次补报截止: the new deadline this reminder gives the late units (ISO); never before `date`. */
  replyBy: string;
  /** Who sends it (青云谱区科工局). */
  issuer: string;
  /** Date of the notice (ISO), today by default in the caller. */
  date: string;
  /** Contact line, left blank to fill in by hand when absent. */
  contact?: string | null;
}

/** Working days a reminder gives by default (本次补报截止 = today + 3 working days). */
export const REMINDER_WORKING_DAYS = 3;

/** The default 本次补报截止 of a reminder sent on `today`. */
export function defaultReplyBy(today: string): string {
  return addWorkingDays(today, REMINDER_WORKING_DAYS);
}

/** A task as a notice names it: its number and the first words of its content ("任务11（加强关键核心技术攻关）"). */
export function taskLabel(task: { taskSeq: number; content: string }, max = 10): string {
  const chars = [...task.content.replace(/\s+/g, '').replace(/[。；;，,]+$/u, '')];
  return chars.length ? `任务${task.taskSeq}（${chars.slice(0, max).join('')}${chars.length > max ? '…' : ''}）` : `任务${task.taskSeq}`;
}

/** The units that still owe something, in the list's order. */
export function owingRows(list: ReminderList): ReminderRow[] {
  return list.rows.filter((r) => r.missingFigures.length + r.missingProgress.length > 0);
}

/** What one unit still owes, in a phrase ("技术合同成交额、高新技术企业2项指标完成数；任务3、任务5的进展"). */
export function owedPhrase(row: ReminderRow): string {
  const parts: string[] = [];
  if (row.missingFigures.length) parts.push(`${row.missingFigures.join('、')}${row.missingFigures.length > 1 ? `${row.missingFigures.length}项指标` : ''}完成数`);
  if (row.missingProgress.length) parts.push(`${row.missingProgress.map((t) => taskLabel(t)).join('、')}的进展情况`);
  return parts.join('；');
}

export function reminderNotice(list: ReminderList, options: NoticeOptions): string {
  const rows = owingRows(list);
  const plan = `《${options.planTitle.replace(/^《|》$/g, '')}》${options.docNumber ? `（${options.docNumber}）` : ''}`;
  const deadline = chineseDateOf(options.deadline);
  // A new deadline in the past would ask the impossible: never before the notice's date.
  const replyBy = chineseDateOf(options.replyBy < options.date ? options.date : options.replyBy);
  if (rows.length === 0) return `${list.periodLabel}各单位的指标完成数和任务进展均已报齐，无需催报。`;
  const lines = [
    `关于报送${list.periodLabel}科技创新指标完成情况和任务进展的通知`,
    '',
    `${rows.map((r) => r.unit.name).join('、')}：`,
    '',
    `　　根据${plan}工作安排，${list.periodLabel}的指标完成数和任务进展应于${deadline}前报送。截至${chineseDateOf(options.date)}，以下单位尚未报齐：`,
    ...rows.map((r, k) => `　　${k + 1}. ${r.unit.name}：${owedPhrase(r)}。`),
    `　　请上述单位于${replyBy}前在科创台账中填报（或填写下发的填报表后报回），逾期未报的将在全区通报。`,
    `　　联系人及电话：${options.contact?.trim() || '________'}`,
    '',
    `${options.issuer}`,
    `${chineseDateOf(options.date)}`,
  ];
  return lines.join('\n');
}
