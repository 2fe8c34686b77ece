/** Every problem of an import, with its sheet, row and column. */
import { Table, Tag } from 'antd';
import type { ImportProblem } from '../../../shared/import/types';

export function ProblemList({ problems }: { problems: ImportProblem[] }) {
  if (problems.length === 0) return <div className="tz-import-ok" data-testid="import-no-problems">没有发现问题。</div>;
  const sorted = [...problems].sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  return (
    <Table<ImportProblem & { key: number }>
      data-testid="import-problems"
      size="small"
      pagination={sorted.length > 8 ? { pageSize: 8, size: 'small' } : false}
      dataSource={sorted.map((p, i) => ({ ...p, key: i }))}
      columns={[
        {
          title: '级别',
          dataIndex: 'level',
          width: 64,
          render: (l: ImportProblem['level']) => (l === 'error' ? <Tag color="red">错误</Tag> : <Tag color="gold">提醒</Tag>),
        },
        { title: '工作表', dataIndex: 'sheet', width: 110, render: (s: string) => s || '—' },
        { title: '行', dataIndex: 'row', width: 52, render: (r: number) => (r ? r : '—') },
        { title: '列', dataIndex: 'column', width: 44, render: (c: string) => c || '—' },
        { title: '说明', dataIndex: 'message' },
      ]}
    />
  );
}
