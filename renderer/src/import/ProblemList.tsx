/**
 * Every problem of an import, with its place: a worksheet's sheet, row and
 * column letter; a Word notice's table, row and column number ("附件1 第2个表格
 * 第10行 第4列" — a table continued after a page break counted as Word shows
 * it), or its paragraph ("正文·重点工作 第12段").
 */
import { Table, Tag } from 'antd';
import { placeText } from '../../../shared/import/place';
import type { ImportProblem, SheetOrigin, SheetPreview } from '../../../shared/import/types';

const levelColumn = {
  title: '级别',
  dataIndex: 'level',
  width: 64,
  render: (l: ImportProblem['level']) => (l === 'error' ? <Tag color="red">错误</Tag> : <Tag color="gold">提醒</Tag>),
};

export function ProblemList({ problems, sheets = [] }: { problems: ImportProblem[]; sheets?: SheetPreview[] }) {
  if (problems.length === 0) return <div className="tz-import-ok" data-testid="import-no-problems">没有发现问题。</div>;
  const origins = new Map<string, SheetOrigin | undefined>(sheets.map((s) => [s.name, s.origin]));
  const word = sheets.some((s) => s.origin);
  const sorted = [...problems].sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  const places = word
    ? [{ title: '位置', key: 'place', width: 230, render: (_: unknown, p: ImportProblem) => (p.sheet ? placeText(p, origins.get(p.sheet)) : '整个文件') }]
    : [
        { title: '工作表', dataIndex: 'sheet', width: 110, render: (s: string) => s || '—' },
        { title: '行', dataIndex: 'row', width: 52, render: (r: number) => (r ? r : '—') },
        { title: '列', dataIndex: 'column', width: 44, render: (c: string) => c || '—' },
      ];
  return (
    <Table<ImportProblem & { key: number }>
      data-testid="import-problems"
      size="small"
      pagination={sorted.length > 8 ? { pageSize: 8, size: 'small' } : false}
      dataSource={sorted.map((p, i) => ({ ...p, key: i }))}
      columns={[levelColumn, ...places, { title: '说明', dataIndex: 'message' }]}
    />
  );
}
