/**
 * 附件1 任务分解表: "附件1", the title, the header 序号 / 工作内容 / 牵头单位 /
 * 责任单位, each action line as a merged row "(一) …", and its tasks with the
 * numbers they carry across the whole table. 牵头单位 and 责任单位 are written
 * as the document writes them (group phrases such as "各街道、镇、集聚区" kept),
 * never the expanded unit lists.
 */
import type { TaskTable } from '../../../../shared/api/views';
import type { Plan } from '../../../../shared/model/plan';
import type { Unit } from '../../../../shared/model/units';
import { actionLineLabel } from './chineseNumeral';
import { cell, type SheetModel, type SheetRow } from './sheetModel';
import { fitWidth, INTEGER_FORMAT, SIZE } from './style';
import { yearLabel } from './titles';

export interface Annex1Input {
  plan: Plan;
  table: TaskTable;
  /** Only the tasks this unit works on (as lead or responsible, group phrases included); all when absent. */
  unit?: Unit;
}

export interface BuiltSheet {
  title: string;
  model: SheetModel;
}

export function annex1Title(plan: Plan): string {
  return `${yearLabel(plan)}工作要点任务分解表`;
}

export function buildAnnex1(input: Annex1Input): BuiltSheet {
  const { plan, table, unit } = input;
  const title = annex1Title(plan);
  const involves = (task: TaskTable['actionLines'][number]['tasks'][number]) =>
    !unit || task.units.some((u) => u.unitId === unit.id);
  const lines = table.actionLines
    .map((line) => ({ line, tasks: line.tasks.filter(involves) }))
    .filter((l) => l.tasks.length > 0 || !unit);
  const tasks = lines.flatMap((l) => l.tasks);

  const widths = [
    6,
    fitWidth(tasks.map((t) => t.content), SIZE.body, 24, 44),
    fitWidth(['牵头单位', ...tasks.map((t) => t.leadText)], SIZE.body, 10, 14),
    fitWidth(['责任单位', ...tasks.map((t) => t.responsibleText)], SIZE.body, 14, 26),
  ];
  const ncol = widths.length;

  const rows: SheetRow[] = [
    { cells: [{ value: '附件1', kind: 'label', span: 2 }], height: 26 },
    { cells: [{ value: title, kind: 'title', span: ncol }], height: 44 },
  ];
  if (unit) {
    rows.push({ cells: [{ value: `（${unit.name}，共${tasks.length}项任务）`, kind: 'subtitle', span: ncol, align: 'center' }] });
  }
  rows.push({ cells: ['序号', '工作内容', '牵头单位', '责任单位'].map((h) => cell.header(h)), height: 28 });
  const headerRow = rows.length;

  for (const { line, tasks: lineTasks } of lines) {
    rows.push({ cells: [{ value: `${actionLineLabel(line.seq)} ${line.title}`, kind: 'section', span: ncol }] });
    for (const t of lineTasks) {
      rows.push({
        cells: [
          cell.number(t.seq, INTEGER_FORMAT, { align: 'center' }),
          cell.text(t.content),
          cell.center(t.leadText),
          cell.text(t.responsibleText),
        ],
      });
    }
  }
  if (unit && tasks.length === 0) {
    rows.push({ cells: [cell.center(`${unit.name}在本计划中没有牵头或负责的任务。`, { span: ncol })] });
  }
  return { title, model: { name: unit ? `附件1（${unit.name}）` : '附件1 任务分解表', columns: widths, rows, headerRows: { first: headerRow, last: headerRow } } };
}
