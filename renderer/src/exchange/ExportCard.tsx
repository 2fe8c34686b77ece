/** 导出填报表 / 数据包: one file per chosen sub-unit for the period, handed to the browser's download (or Electron's save dialog). */
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Radio, Select, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { UnitRef } from '../../../shared/model/units';
import { periodLabel } from '../../../shared/periods';
import { api, errorMessage } from '../api/transport';
import { downloadBase64 } from '../reports/downloadFile';

export function ExportCard({ planId, period, subUnits }: { planId: number; period: string; subUnits: UnitRef[] }) {
  const { message } = AntApp.useApp();
  const [unitIds, setUnitIds] = useState<number[]>([]);
  const [format, setFormat] = useState<'xlsx' | 'package'>('xlsx');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setUnitIds(subUnits.map((u) => u.id)), [subUnits]);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const { files } = await api.call('exchange.export', { planId, period, unitIds, format });
      for (const f of files) downloadBase64(f.base64, f.fileName, f.mimeType);
      message.success(`已导出 ${files.length} 个${format === 'xlsx' ? '填报表' : '数据包'}（${periodLabel(period)}）`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title="下发：导出填报表" data-testid="exchange-export">
      <p className="tz-muted tz-exchange-help">
        每个下级单位一个文件，只含该单位的目标和本期需填的单元格（其余受保护），附填报说明和隐藏的识别信息。Excel/WPS
        用户发“填报表”，使用台账的单位发“数据包”。
      </p>
      <Space wrap>
        <Select
          mode="multiple"
          style={{ minWidth: 360 }}
          value={unitIds}
          onChange={setUnitIds}
          maxTagCount="responsive"
          placeholder="选择下级单位"
          options={subUnits.map((u) => ({ value: u.id, label: u.name }))}
          data-testid="exchange-units"
        />
        <Radio.Group value={format} onChange={(e) => setFormat(e.target.value)} optionType="button">
          <Radio.Button value="xlsx">填报表（Excel）</Radio.Button>
          <Radio.Button value="package">数据包（台账）</Radio.Button>
        </Radio.Group>
        <Button type="primary" icon={<DownloadOutlined />} loading={busy} disabled={unitIds.length === 0} onClick={run} data-testid="exchange-export-run">
          导出{periodLabel(period)}（{unitIds.length} 个单位）
        </Button>
      </Space>
      {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} data-testid="exchange-export-error" /> : null}
    </Card>
  );
}
