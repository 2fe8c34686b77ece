/**
 * 报表导出 → Excel: choose the table (附件1, 附件2, 完成情况统计表), the unit
 * and, for the 完成情况统计表, the period; 导出 downloads the .xlsx the core
 * builds (export.excel).
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Radio, Select, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { EXCEL_SHEET_LABEL, EXCEL_SHEETS, type ExcelSheet } from '../../../shared/export/sheets';
import type { Plan } from '../../../shared/model/plan';
import { periodLabel, periodsOfYear } from '../../../shared/periods';
import { api, errorMessage } from '../api/transport';
import { downloadBase64 } from './downloadFile';
import './reports.css';
import { usePlanUnits } from './usePlanUnits';
import { usePeriod } from '../store/periodStore';

const SHEET_HINT: Record<ExcelSheet, string> = {
  annex1: '序号、工作内容、牵头单位、责任单位，按行动分组，与印发文件的附件1一致。',
  annex2: '全区目标在前，各街道、镇、集聚区在后，每个分解指标一列，附合计校验。',
  progress: '目标值、完成数、完成率、时序进度、状态（颜色加文字）、同比和排名。',
};

function periodOptions(plan: Plan) {
  const years = Array.from({ length: plan.yearEnd - plan.yearStart + 1 }, (_, i) => plan.yearStart + i);
  return years.flatMap((year) => [
    { label: `${year}年 按月累计`, options: periodsOfYear(year, 'monthly').map((p) => ({ value: p, label: periodLabel(p) })) },
    { label: `${year}年 按季度`, options: periodsOfYear(year, 'quarterly').map((p) => ({ value: p, label: periodLabel(p) })) },
    { label: `${year}年 全年`, options: [{ value: String(year), label: periodLabel(String(year)) }] },
  ]);
}

export function ExcelExportCard({ plan }: { plan: Plan }) {
  const { message } = AntApp.useApp();
  const [sheet, setSheet] = useState<ExcelSheet>('annex1');
  const [unitId, setUnitId] = useState<number>(plan.unitId);
  // The 完成情况统计表 starts at the app-wide period (the one 概览 and 数据填报 show), not an empty 1-12月.
  const [appPeriod] = usePeriod(plan);
  const [period, setPeriod] = useState<string>(appPeriod);
  const { units, own, subs, departments: depts, loadError } = usePlanUnits(plan);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: another plan (plan.id) starts from its own unit and period
  useEffect(() => {
    setUnitId(plan.unitId);
    setPeriod(appPeriod);
  }, [plan.id, plan.unitId]);

  const unitOptions = useMemo(() => {
    const groups = [
      { label: '全区', options: [{ value: plan.unitId, label: `全部（${own?.name ?? '本级'}）` }] },
      { label: '街道、镇、集聚区', options: subs.map((u) => ({ value: u.id, label: u.name })) },
    ];
    // Departments own tasks (附件1) but have no targets or figures.
    if (sheet === 'annex1' && depts.length) groups.push({ label: '部门', options: depts.map((u) => ({ value: u.id, label: u.name })) });
    return groups;
  }, [own, subs, depts, plan.unitId, sheet]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a result shown belongs to the choice that made it; a new choice clears it
  useEffect(() => {
    setDone(null);
    setError(null);
  }, [sheet, unitId, period, plan.id]);

  // A department chosen for 附件1 is not a choice for the other tables.
  useEffect(() => {
    if (!unitOptions.some((g) => g.options.some((o) => o.value === unitId))) setUnitId(plan.unitId);
  }, [unitOptions, unitId, plan.unitId]);

  const runExport = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const file = await api.call('export.excel', {
        planId: plan.id,
        sheet,
        ...(sheet === 'progress' ? { period } : {}),
        ...(unitId !== plan.unitId ? { unitId } : {}),
      });
      downloadBase64(file.base64, file.fileName, file.mimeType);
      setDone(file.fileName);
      message.success(`已导出“${file.fileName}”`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      className="tz-card tz-export-card"
      data-testid="excel-export-card"
      title={
        <span>
          <FileExcelOutlined className="tz-export-icon" /> Excel 报表
        </span>
      }
    >
      <Form layout="vertical" className="tz-export-form">
        <Form.Item label="报表">
          <Radio.Group
            data-testid="excel-sheet"
            value={sheet}
            onChange={(e) => setSheet(e.target.value as ExcelSheet)}
            optionType="button"
            buttonStyle="solid"
            options={EXCEL_SHEETS.map((s) => ({ value: s, label: EXCEL_SHEET_LABEL[s] }))}
          />
          <Typography.Paragraph type="secondary" className="tz-export-hint">
            {SHEET_HINT[sheet]}
          </Typography.Paragraph>
        </Form.Item>
        <Form.Item label="单位">
          <Select
            data-testid="excel-unit"
            aria-label="单位"
            value={unitId}
            onChange={(v: number) => setUnitId(v)}
            options={unitOptions}
            loading={units == null}
            style={{ width: 280 }}
          />
        </Form.Item>
        {sheet === 'progress' ? (
          <Form.Item label="报告期">
            <Select
              data-testid="excel-period"
              aria-label="报告期"
              value={period}
              onChange={(v: string) => setPeriod(v)}
              options={periodOptions(plan)}
              style={{ width: 280 }}
            />
          </Form.Item>
        ) : null}
        <Form.Item>
          <Button type="primary" icon={<FileExcelOutlined />} loading={busy} onClick={() => void runExport()} data-testid="excel-export-button">
            导出
          </Button>
          <Typography.Text type="secondary" className="tz-export-note">
            A4 排版、每页重复表头、页脚页码，可直接打印。浏览器中文件保存到“下载”文件夹；桌面版会弹出保存对话框。
          </Typography.Text>
        </Form.Item>
      </Form>
      {loadError ? <Alert type="error" showIcon title="无法读取单位列表" description={loadError} /> : null}
      {error ? <Alert type="error" showIcon title="导出失败" description={error} data-testid="excel-export-error" /> : null}
      {done ? <Alert type="success" showIcon title={`已导出：${done}`} data-testid="excel-export-result" /> : null}
    </Card>
  );
}
