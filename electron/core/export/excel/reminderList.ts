/**
 * 催报名单 as an Excel sheet: the title with the period, who still owes what (指标 and 任务进展),
 * the deadline and when each unit was last reminded — the same rows as 数据填报 → 催报 and the
 * dashboard, from the same ReminderList. Only units that still owe something are listed.
 */
import { owedPhrase, owingRows } from '../../../../shared/entry/reminderNotice';
import type { ReminderList } from '../../../../shared/entry/views';
import { chineseDateOf } from '../../../../shared/dates';
import { cell, type SheetModel, type SheetRow } from './sheetModel';
import type { BuiltSheet } from './annex1';

const CHANNEL_LABEL = { notice: '催报通知', list: '催报名单' } as const;

/** When a unit was last reminded, as the sheet and the screen write it ("2022年10月6日（催报通知，王芳）"). */
export function lastReminderText(last: ReminderList['rows'][number]['lastReminder']): string {
  return last ? `${chineseDateOf(last.at.slice(0, 10))}（${CHANNEL_LABEL[last.channel]}，${last.by}）` : '未催报';
}

export function buildReminderSheet(list: ReminderList, deadline: string): BuiltSheet {
  const title = `${list.periodLabel}科技创新指标和任务进展催报名单`;
  const rows: SheetRow[] = [
    { cells: [{ value: title, kind: 'title', span: 6 }], height: 40 },
    { cells: [{ value: `${list.notice.planTitle}　截止报送：${chineseDateOf(deadline)}`, kind: 'subtitle', span: 6, align: 'center' }] },
    { cells: ['序号', '单位', '未报指标完成数', '未报任务进展', '尚欠', '上次催报'].map((h) => cell.header(h)), height: 28 },
  ];
  const headerRow = rows.length;
  owingRows(list).forEach((r, k) => {
    rows.push({
      cells: [
        cell.center(k + 1),
        cell.center(r.unit.name),
        cell.text(r.missingFigures.join('、') || '—'),
        cell.text(r.missingProgress.map((t) => `任务${t.taskSeq}：${t.content}`).join('\n') || '—'),
        cell.text(owedPhrase(r)),
        cell.center(lastReminderText(r.lastReminder)),
      ],
    });
  });
  if (owingRows(list).length === 0) rows.push({ cells: [{ value: '各单位均已报齐，无需催报。', kind: 'text', span: 6 }] });
  rows.push({ cells: [{ value: `${list.notice.issuer}　${chineseDateOf(new Date().toISOString().slice(0, 10))}导出`, kind: 'note', span: 6 }] });
  const model: SheetModel = { name: '催报名单', columns: [6, 18, 30, 44, 30, 24], rows, headerRows: { first: headerRow, last: headerRow } };
  return { title, model };
}
