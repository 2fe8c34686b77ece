/**
 * The sub-unit's side of data packages: open the package the district sent
 * (it becomes a plan here), and — on a plan opened that way — export the
 * return package with the figures and progress entered.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Space, Upload } from 'antd';
import { FolderOpenOutlined, UploadOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../api/transport';
import { fileToBase64 } from '../import/readFile';
import { downloadBase64 } from '../reports/downloadFile';
import { useAppStore } from '../store/appStore';
import { useApiResource } from '../entry/useApiResource';
import { useReceive } from './IssueCard';

export function PackageCard({ planId }: { planId: number }) {
  const { message } = AntApp.useApp();
  const info = useApiResource('exchange.packageInfo', { planId });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A city's plan package is 上级下达: previewed and received as such, never opened as the city's plan.
  const receive = useReceive();
  const open = async (file: File) => {
    const receipt = await receive.preview(file);
    if (receipt?.mode !== 'package') return;
    setBusy(true);
    setError(null);
    try {
      const opened = await api.call('exchange.openPackage', { fileName: file.name, dataBase64: await fileToBase64(file) });
      await useAppStore.getState().boot();
      useAppStore.getState().setPlanId(opened.planId);
      message.success(
        opened.alreadyOpened
          ? `该数据包已打开过，已切换到“${opened.planTitle}”`
          : `已打开“${opened.planTitle}”：请填报${opened.unitName}${opened.periodLabel}的完成数和任务进展，然后导出回报数据包`,
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const exportReturn = async () => {
    setBusy(true);
    setError(null);
    try {
      const f = await api.call('exchange.exportReturn', { planId });
      downloadBase64(f.base64, f.fileName, f.mimeType);
      message.success(`已导出回报数据包“${f.fileName}”，请发回上级`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const p = info.data;
  return (
    <Card size="small" title="下级单位：数据包" data-testid="exchange-package">
      {p?.fromPackage ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`本工作要点来自${p.districtName}下发的数据包（${p.fileName}）：${p.unitName}，${p.periodLabel}。填报完成后导出回报数据包发回。`}
        />
      ) : (
        <p className="tz-muted tz-exchange-help">上级下发的 .tzpkg 数据包在这里打开，会作为一个工作要点加入本台账；填报后导出回报数据包发回。</p>
      )}
      <Space wrap>
        <Upload
          accept=".tzpkg,.json"
          showUploadList={false}
          beforeUpload={(file) => {
            void open(file);
            return false;
          }}
        >
          <Button icon={<FolderOpenOutlined />} loading={busy} data-testid="exchange-open-package">
            打开数据包
          </Button>
        </Upload>
        {p?.fromPackage ? (
          <Button type="primary" icon={<UploadOutlined />} loading={busy} onClick={exportReturn} data-testid="exchange-export-return">
            导出回报数据包
          </Button>
        ) : null}
      </Space>
      {error || receive.error ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={error ?? receive.error} /> : null}
      {receive.modal}
    </Card>
  );
}
