/** What the head of a Word notice says: the plan's title, 文号, issuer and date (and that a .doc was converted first). */
import { Descriptions } from 'antd';
import type { ImportPreview } from '../../../shared/import/types';

export function NoticeHeadBox({ preview }: { preview: ImportPreview }) {
  const head = preview.notice;
  if (!head) return null;
  const missing = '（通知中未找到）';
  return (
    <Descriptions
      className="tz-import-block"
      data-testid="import-notice-head"
      size="small"
      bordered
      column={2}
      title={preview.format === 'doc' ? '通知（已由 LibreOffice 转换为 .docx 后读取）' : '通知'}
      items={[
        { key: 'title', label: '工作要点', children: head.title ?? missing, span: 2 },
        { key: 'doc', label: '文号', children: head.docNumber ?? missing },
        { key: 'issuer', label: '发文机关', children: head.issuer ?? missing },
        { key: 'date', label: '印发日期', children: head.issuedOn ?? missing },
        { key: 'year', label: '年度', children: head.year ? (head.year.from === head.year.to ? `${head.year.from}年` : `${head.year.from}—${head.year.to}年`) : missing },
      ]}
    />
  );
}
