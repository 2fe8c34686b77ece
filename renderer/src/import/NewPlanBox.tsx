/**
 * The import offers to start a plan: the database has none yet, or the file
 * is another year's table (issue 12: it is never merged into this year's
 * plan). Title, year and district come from the file; the user corrects them
 * and says yes. Nothing is created until 确认导入.
 */
import { useEffect, useState } from 'react';
import { Alert, Checkbox, Input, InputNumber, Space } from 'antd';
import type { ImportPreview, NewPlanRequest, YearMismatch } from '../../../shared/import/types';

export function NewPlanBox({
  proposal,
  yearMismatch,
  request,
  onChange,
}: {
  proposal: NonNullable<ImportPreview['newPlan']>;
  /** Set when the plan exists but the file is another year's. */
  yearMismatch: YearMismatch | null;
  request: NewPlanRequest | undefined;
  onChange(request: NewPlanRequest | undefined): void;
}) {
  const [draft, setDraft] = useState<{ title: string; year: number | null; unitName: string }>({
    title: request?.title ?? proposal.title,
    year: request?.year ?? proposal.year,
    unitName: request?.unitName ?? proposal.unitName ?? '',
  });
  useEffect(() => {
    if (!request) setDraft({ title: proposal.title, year: proposal.year, unitName: proposal.unitName ?? '' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [proposal.title, proposal.year, proposal.unitName]);

  const asRequest = (d: typeof draft): NewPlanRequest => ({
    ...(d.title.trim() && d.title.trim() !== proposal.title ? { title: d.title.trim() } : {}),
    ...(d.year !== null && d.year !== proposal.year ? { year: d.year } : {}),
    ...(d.unitName.trim() && d.unitName.trim() !== (proposal.unitName ?? '') ? { unitName: d.unitName.trim() } : {}),
  });
  // Edits reach the core when a field is left, not on every key.
  const settle = () => {
    if (request) onChange(asRequest(draft));
  };

  return (
    <Alert
      className="tz-import-block"
      type={request ? 'success' : yearMismatch ? 'warning' : 'info'}
      showIcon
      data-testid="import-new-plan"
      title={
        yearMismatch
          ? `本表是${yearMismatch.fileYear}年的，当前工作要点是${yearMismatch.planYears}的：不会并入当前工作要点`
          : '数据库中还没有工作要点'
      }
      description={
        <div>
          {yearMismatch ? <div>年份来自{yearMismatch.source}。</div> : null}
          {proposal.docNumber || proposal.issuer || proposal.issuedOn ? (
            <div data-testid="import-new-plan-notice">
              按通知记入：{[proposal.docNumber && `文号 ${proposal.docNumber}`, proposal.issuer && `发文机关 ${proposal.issuer}`, proposal.issuedOn && `印发日期 ${proposal.issuedOn}`]
                .filter(Boolean)
                .join('，')}
              。
            </div>
          ) : null}
          <div>
            可以用这个文件新建{yearMismatch ? `${yearMismatch.fileYear}年的` : '一个'}
            工作要点，再把表中的内容导入其中（标题、年份和区县按文件识别，可以修改）：
          </div>
          <Space wrap className="tz-import-new-plan-fields">
            <span>标题</span>
            <Input
              aria-label="新工作要点标题"
              style={{ width: 320 }}
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
              onBlur={settle}
            />
            <span>年份</span>
            <InputNumber
              aria-label="新工作要点年份"
              min={1990}
              max={2100}
              style={{ width: 90 }}
              value={draft.year}
              onChange={(v) => setDraft({ ...draft, year: typeof v === 'number' ? v : null })}
              onBlur={settle}
            />
            <span>区县</span>
            <Input
              aria-label="新工作要点所属区县"
              style={{ width: 140 }}
              placeholder="如 青云谱区"
              value={draft.unitName}
              onChange={(e) => setDraft({ ...draft, unitName: e.target.value })}
              onBlur={settle}
            />
            <Checkbox
              data-testid="import-new-plan-confirm"
              checked={!!request}
              onChange={(e) => onChange(e.target.checked ? asRequest(draft) : undefined)}
            >
              新建此工作要点并导入
            </Checkbox>
          </Space>
        </div>
      }
    />
  );
}
